import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { logIn } from "./helpers";

// Issue 5 part B acceptance in a real browser: two judges mark the same entrant 1 and 3 on
// a 0–3 aspect; the chief judge sees the flag in the console, asks judge 2 to re-mark with a
// reason; judge 2 re-marks; the flag clears; the chief judge signs off, corrects a mark with
// a reason and sees it in the history; a judge's mark after sign-off is refused with the
// lock message.
//
// The judges mark through the marks API with Bearer tokens (PUT /api/v1/events/{eventId}/marks),
// exactly what the tablet's outbox sends (the tablet itself is driven in judging-offline.spec.ts);
// the chief judge works in the browser, and at the end the judge's tablet page shows the sheet
// locked. The event itself (drawn, judges assigned) is written straight into the e2e server's
// database here.

const port = Number(process.env.E2E_PORT ?? 3999);
const root = fileURLToPath(new URL("../..", import.meta.url));
const SCHEME = {
  components: [
    { id: "T", name: "理论知识", kind: "theory", weight: "0.3", modules: [{ id: "T1", name: "理论考试", criteria: [{ id: "T1.1", aspects: [{ id: "T1-1", name: "理论考试成绩", kind: "measurement", max: "100" }] }] }] },
    { id: "P", name: "技能操作", kind: "practical", weight: "0.7", modules: [{ id: "P1", name: "焊接", criteria: [{ id: "P1.1", aspects: [{ id: "weld", name: "焊缝成型", kind: "judgement", max: "30" }, { id: "size", name: "尺寸", kind: "judgement", max: "20" }] }] }] },
  ],
};

type Setup = { eventId: string; codes: { id: string; stationCode: string }[]; tokens: Record<"judge" | "judge2", string> };

async function setUp(): Promise<Setup> {
  Object.assign(process.env, {
    DATABASE_URL: `file:${path.join(root, "tests", ".tmp", `e2e-${port}.db`)}`,
    SESSION_SECRET: "e2e-test-session-secret-not-for-production",
    DATA_KEY: "5".repeat(64),
    NODE_ENV: "test",
  });
  const { db } = await import("../../app/utils/db.server");
  const tag = crypto.randomBytes(3).toString("hex");
  const users = await db.user.findMany({ where: { username: { in: ["judge", "judge2", "chief_judge"] } }, select: { id: true, username: true } });
  const id = (u: string) => users.find((x) => x.username === u)!.id;
  const host = await db.organisation.findUniqueOrThrow({ where: { id: "org-hz" } });
  const judgeUnits = (await db.judgeProfile.findMany({ where: { userId: { in: users.map((u) => u.id) } }, select: { unitId: true } })).map((p) => p.unitId).filter(Boolean) as string[];
  const members = await db.member.findMany({
    where: { employmentStatus: "职工", org: { path: { startsWith: host.path }, type: "grassroots" }, orgId: { notIn: judgeUnits } },
    orderBy: { idNumberHash: "desc" }, take: 2, select: { id: true, orgId: true },
  });
  const contest = await db.contest.create({ data: { orgId: host.id, name: `焊工技能比武（复核演示 ${tag}）`, level: "city", contestClass: "二类", status: "running" } });
  const event = await db.contestEvent.create({
    data: { contestId: contest.id, name: `焊工（职工组）${tag}`, trade: "焊工", groupName: "职工组", markingScheme: JSON.stringify(SCHEME), scoringSettings: JSON.stringify({ judgeAggregation: "scale-0-3" }), drawnAt: new Date() },
  });
  const session = await db.contestSession.create({ data: { eventId: event.id, name: "上午场", stationCount: 2 } });
  const codes = [];
  for (const [i, m] of members.entries()) {
    const reg = await db.registration.create({ data: { eventId: event.id, memberId: m.id, unitId: m.orgId, status: "approved", admissionNo: `HG${tag}${i}` } });
    codes.push(await db.blindCode.create({
      data: { eventId: event.id, registrationId: reg.id, entryNo: `${i + 1}`, orderNo: i + 1, sessionId: session.id, stationNo: i + 1, stationCode: `W${tag.slice(0, 2).toUpperCase()}${i + 1}` },
      select: { id: true, stationCode: true },
    }));
  }
  for (const u of ["judge", "judge2"]) await db.judgeAssignment.create({ data: { eventId: event.id, userId: id(u), role: "judge" } });
  await db.judgeAssignment.create({ data: { eventId: event.id, userId: id("chief_judge"), role: "chief" } });
  const tokens = {} as Setup["tokens"];
  for (const u of ["judge", "judge2"] as const) {
    const token = `gs_${crypto.randomBytes(30).toString("base64url")}`;
    await db.apiToken.create({ data: { userId: id(u), name: "平板（浏览器测试）", prefix: token.slice(0, 10), tokenHash: crypto.createHash("sha256").update(token).digest("hex") } });
    tokens[u] = token;
  }
  await db.$disconnect();
  return { eventId: event.id, codes, tokens };
}

let setup: Setup;
test.beforeAll(async () => {
  setup = await setUp();
});

async function mark(request: APIRequestContext, judge: "judge" | "judge2", blindCodeId: string, aspectId: string, value: string) {
  return request.put(`/api/v1/events/${setup.eventId}/marks`, {
    headers: { Authorization: `Bearer ${setup.tokens[judge]}` },
    data: { blindCodeId, aspectId, value, idempotencyKey: crypto.randomUUID() },
  });
}

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await logIn(page, username);
  return page;
}

test("discrepancy → re-mark → sign-off → correction with history; marking after sign-off is refused", async ({ browser, request }) => {
  const [e1, e2] = setup.codes;
  for (const [judge, weld] of [["judge", "1"], ["judge2", "3"]] as const) {
    expect((await mark(request, judge, e1.id, "weld", weld)).status()).toBe(200);
    expect((await mark(request, judge, e1.id, "size", "2")).status()).toBe(200);
    expect((await mark(request, judge, e2.id, "weld", "2")).status()).toBe(200);
    expect((await mark(request, judge, e2.id, "size", "2")).status()).toBe(200);
  }

  const chief = await signedIn(browser, "chief_judge");
  await chief.goto(`/events/${setup.eventId}/console`);
  await expect(chief.getByRole("heading", { level: 1 })).toContainText("裁判长控制台");
  const flags = chief.getByRole("list", { name: "差异标记" });
  await expect(flags.getByRole("listitem")).toHaveCount(1);
  await expect(flags).toContainText(e1.stationCode);
  await expect(flags).toContainText("焊缝成型");
  await expect(chief.locator(`tr[data-flagged="true"]`)).toHaveCount(1);
  // codes only before decryption (S-34): no names on the page
  await expect(chief.getByRole("columnheader", { name: "姓名" })).toHaveCount(0);

  // the sign-off is refused while the flag is open, and says why
  await chief.getByLabel("签字 PIN（整个赛项）").fill("123456");
  await chief.getByRole("button", { name: "签字锁定（整个赛项）" }).click();
  await expect(chief.getByRole("alert").first()).toContainText("不能签字");

  const remark = flags.getByRole("form", { name: new RegExp(`要求重评 ${e1.stationCode}`) });
  await remark.getByLabel("裁判").selectOption({ label: "裁判 赵慧敏" });
  await remark.getByLabel("重评原因").fill("与另一裁判相差两级，请复看焊缝成型");
  await remark.getByRole("button", { name: "发送重评请求" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "重评请求已发送。" })).toBeVisible();

  // judge 2 re-marks (what the tablet sends)
  expect((await mark(request, "judge2", e1.id, "weld", "2")).status()).toBe(200);
  await chief.goto(`/events/${setup.eventId}/console`);
  await expect(chief.getByText("没有未解决的差异标记。")).toBeVisible();
  await expect(chief.locator(`tr[data-flagged="true"]`)).toHaveCount(0);

  await chief.getByLabel("签字 PIN（整个赛项）").fill("123456");
  await chief.getByRole("button", { name: "签字锁定（整个赛项）" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "已签字锁定。" })).toBeVisible();
  await expect(chief.getByText(/已由 裁判长 王国栋 于 .* 签字锁定/)).toBeVisible();

  // correction after sign-off: reason required, history keeps the original
  await chief.getByRole("link", { name: `${e1.stationCode} 焊缝成型 裁判 李志强 1` }).click();
  await expect(chief.getByRole("heading", { name: /修改历史/ })).toBeVisible();
  await chief.getByLabel("新分数", { exact: true }).fill("2");
  await chief.getByRole("button", { name: "更正", exact: true }).click();
  await expect(chief.getByRole("alert").first()).toContainText("更正必须填写原因");
  await chief.getByLabel("新分数", { exact: true }).fill("2");
  await chief.getByLabel("原因", { exact: true }).fill("复看录像，焊缝成型达到要求");
  await chief.getByRole("button", { name: "更正", exact: true }).click();
  await expect(chief.getByRole("status").filter({ hasText: "已更正。" })).toBeVisible();
  const history = chief.getByRole("table", { name: "修改历史" });
  const row = history.getByRole("row").filter({ hasText: "复看录像，焊缝成型达到要求" });
  await expect(row).toContainText("裁判长更正");
  await expect(row.getByRole("cell").nth(2)).toHaveText("1");
  await expect(row.getByRole("cell").nth(3)).toHaveText("2");
  await expect(row).toContainText("裁判长 王国栋");
  await expect(chief.locator("p", { hasText: "原始分数" })).toContainText("原始分数：1");

  // a judge marking after sign-off is refused with the lock message
  const late = await mark(request, "judge", e2.id, "weld", "3");
  expect(late.status()).toBe(409);
  const body = await late.json();
  expect(body.error.code).toBe("sheet_locked");
  expect(body.error.message).toContain("本表已被裁判长锁定");

  // …and on the tablet the judge is told so, in the page
  const tablet = await signedIn(browser, "judge");
  await tablet.setViewportSize({ width: 1280, height: 800 });
  await tablet.goto(`/judging/${setup.eventId}`);
  await tablet.getByRole("button", { name: new RegExp(e2.stationCode) }).click();
  await expect(tablet.getByRole("heading", { name: new RegExp(e2.stationCode) })).toBeVisible();
  await expect(tablet.getByText(/已锁定/).first()).toBeVisible();
});

test("the chief judge rules that flagged marks stand (S-24) and then signs off", async ({ browser, request }) => {
  setup = await setUp(); // an event of its own
  const [e1, e2] = setup.codes;
  for (const [judge, weld] of [["judge", "1"], ["judge2", "3"]] as const) {
    for (const [code, aspect, value] of [[e1, "weld", weld], [e1, "size", "2"], [e2, "weld", "2"], [e2, "size", "2"]] as const) {
      expect((await mark(request, judge, code.id, aspect, value)).status()).toBe(200);
    }
  }
  const chief = await signedIn(browser, "chief_judge");
  await chief.goto(`/events/${setup.eventId}/console`);
  const flags = chief.getByRole("list", { name: "差异标记" });
  const ruling = flags.getByRole("form", { name: new RegExp(`裁定维持原分 ${e1.stationCode}`) });
  // the reason is required (the browser asks for it before anything is sent)
  await expect(ruling.getByLabel("或裁定维持原分，理由")).toHaveAttribute("required", "");
  await ruling.getByLabel("或裁定维持原分，理由").fill("裁判组复看录像：两档评分均有依据，维持原分");
  await ruling.getByRole("button", { name: "裁定维持原分" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "已裁定维持原分" })).toBeVisible();
  await expect(flags.getByRole("listitem")).toContainText("已裁定维持");
  await expect(flags.getByRole("listitem")).toContainText("两档评分均有依据");
  await expect(chief.getByText("没有未解决的差异标记。")).toBeVisible();
  await expect(chief.locator(`tr[data-flagged="true"]`)).toHaveCount(0);

  await chief.getByLabel("签字 PIN（整个赛项）").fill("123456");
  await chief.getByRole("button", { name: "签字锁定（整个赛项）" }).click();
  await expect(chief.getByRole("status").filter({ hasText: "已签字锁定。" })).toBeVisible();
});
