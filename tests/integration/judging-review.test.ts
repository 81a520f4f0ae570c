// Issue 5 part B: sign-off, corrections, paper double entry, theory import, re-check,
// decryption and appeals, through the real loaders/actions/API routes (rules S-21–S-24,
// S-34, S-35, S-40–S-42).
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import * as consoleApi from "~/routes/api.v1.events.$eventId.console";
import * as remarkApi from "~/routes/api.v1.events.$eventId.remark-requests";
import * as flagRulingApi from "~/routes/api.v1.events.$eventId.flag-resolutions";
import * as signOffApi from "~/routes/api.v1.events.$eventId.sign-off";
import * as correctionApi from "~/routes/api.v1.marks.$markId.corrections";
import * as historyApi from "~/routes/api.v1.marks.$markId.history";
import * as paperApi from "~/routes/api.v1.events.$eventId.paper-sheets";
import * as theoryApi from "~/routes/api.v1.events.$eventId.theory-scores";
import * as recheckApi from "~/routes/api.v1.events.$eventId.rechecks";
import * as recheckItemApi from "~/routes/api.v1.rechecks.$recheckId.items.$itemId";
import * as decryptApi from "~/routes/api.v1.events.$eventId.decryption-steps";
import * as appealApi from "~/routes/api.v1.events.$eventId.appeals";
import * as rulingApi from "~/routes/api.v1.appeals.$appealId.ruling";
import * as consolePage from "~/routes/events.$eventId.console";
import * as theoryPage from "~/routes/events.$eventId.theory";
import { db } from "~/utils/db.server";
import { makeIdNumber } from "~/modules/members/id-number";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { submitMark, LOCKED_MESSAGE } from "~/modules/judging/marks.server";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, TEST_PASSWORD, uid } from "../factories";

// The shared factory draws ID numbers from 1 000 sequence numbers per birth date; a run
// creating many members can collide, so these tests walk their own sequence.
let idSequence = Number.parseInt(uid().slice(0, 4), 16);
function uniqueIdNumber() {
  idSequence += 1;
  return makeIdNumber("330106", { y: 1970 + (idSequence % 30), m: 1 + (Math.floor(idSequence / 30) % 12), d: 1 + (Math.floor(idSequence / 360) % 28) }, idSequence % 1000);
}

const SCHEME = {
  components: [
    { id: "theory", name: "理论", kind: "theory", weight: "0.3", modules: [{ id: "T", name: "理论", criteria: [{ id: "T-c", aspects: [{ id: "paper", name: "试卷", max: 100, kind: "measurement" }] }] }] },
    {
      id: "practical", name: "实操", kind: "practical", weight: "0.7",
      modules: [{ id: "P", name: "实操", criteria: [{ id: "P-c", aspects: [{ id: "craft", name: "工艺", max: 30, kind: "judgement" }, { id: "gauge", name: "尺寸", max: 20, kind: "measurement" }] }] }],
    },
  ],
};

let p: Awaited<ReturnType<typeof createProvince>>;
type U = { id: string; token: string; cookie: string };
let chief: U, judge1: U, judge2: U, supervisor: U, encryptor: U, organiser: U, contact: U, outsider: U;

async function account(role: string | null, orgId: string, memberId?: string): Promise<U> {
  const user = await createUser(role ? [{ role, orgId }] : [], memberId ? { memberId } : {});
  const session = (await loadUserForToken(user.id, "bootstrap"))!;
  const { token } = await createApiToken(session, { name: "review test" }, { userId: user.id, requestId: null });
  return { id: user.id, token, cookie: await sessionCookieFor(user.id) };
}

const usernameOf = async (u: U) => (await db.user.findUniqueOrThrow({ where: { id: u.id } })).username;
const displayNameOf = async (u: U) => (await db.user.findUniqueOrThrow({ where: { id: u.id } })).displayName;

type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
async function call(route: Route, path: string, params: Record<string, string>, init: { as: U; json?: unknown; cookie?: boolean; method?: string }) {
  const request = makeRequest(path, { method: init.method ?? (init.json !== undefined ? "POST" : "GET"), json: init.json, ...(init.cookie ? { cookie: init.as.cookie } : { token: init.as.token }) });
  const fn = (request.method === "GET" ? route.loader : route.action) as (a: unknown) => Promise<Response>;
  const res = await fn({ request, params, context: ctx });
  return { status: res.status, body: await res.json() };
}

/** A drawn event in city A: entrants with codes in one session, judges 1 and 2 assigned. */
async function buildEvent(opts: { entrants: number; endsAt?: Date | null } = { entrants: 3 }) {
  const contest = await db.contest.create({
    data: { orgId: p.cityA.id, name: `复核测试大赛${uid()}`, level: "city", contestClass: "二类", status: "running", endsAt: opts.endsAt === undefined ? new Date(Date.now() - 30 * 60_000) : opts.endsAt },
  });
  const event = await db.contestEvent.create({
    data: { contestId: contest.id, name: "焊工", trade: "焊工", groupName: "职工组", markingScheme: JSON.stringify(SCHEME), scoringSettings: JSON.stringify({ judgeAggregation: "scale-0-3" }), drawnAt: new Date() },
  });
  const session = await db.contestSession.create({ data: { eventId: event.id, name: "第一场", stationCount: opts.entrants } });
  const entrants = [];
  for (let i = 0; i < opts.entrants; i++) {
    const member = await createMember(p.enterpriseA.id, { idNumber: uniqueIdNumber() });
    const reg = await db.registration.create({ data: { eventId: event.id, memberId: member.id, unitId: p.enterpriseA.id, status: "approved", admissionNo: `ZK${uid()}` } });
    const code = await db.blindCode.create({
      data: { eventId: event.id, registrationId: reg.id, entryNo: String(i + 1).padStart(3, "0"), orderNo: i + 1, sessionId: session.id, stationNo: i + 1, stationCode: `${700 + i}${uid().slice(0, 3)}` },
    });
    entrants.push({ member, reg, code });
  }
  for (const j of [judge1, judge2]) await db.judgeAssignment.create({ data: { eventId: event.id, userId: j.id, role: "judge" } });
  await db.judgeAssignment.create({ data: { eventId: event.id, userId: chief.id, role: "chief" } });
  return { contest, event, session, entrants };
}

/** A submitted sheet with its marks, as the tablet leaves it (values in hundredths). */
async function sheet(eventId: string, judgeId: string, blindCodeId: string, marks: Record<string, number>) {
  const s = await db.scoreSheet.create({ data: { eventId, judgeId, blindCodeId, status: "submitted", submittedAt: new Date(), signatureName: "签" } });
  const out: Record<string, string> = {};
  for (const [aspectId, value] of Object.entries(marks)) {
    out[aspectId] = (await db.mark.create({ data: { sheetId: s.id, eventId, blindCodeId, judgeId, aspectId, value } })).id;
  }
  return out;
}

/** Both judges agree on every entrant: craft 2 (200) and gauge 15.00, except where given. */
async function markAll(ev: Awaited<ReturnType<typeof buildEvent>>, craft: (i: number) => [number, number] = () => [200, 200]) {
  const ids = [];
  for (const [i, e] of ev.entrants.entries()) {
    const [a, b] = craft(i);
    const gauge = 1000 + i * 50;
    ids.push({ j1: await sheet(ev.event.id, judge1.id, e.code.id, { craft: a, gauge }), j2: await sheet(ev.event.id, judge2.id, e.code.id, { craft: b, gauge }) });
  }
  return ids;
}

beforeAll(async () => {
  p = await createProvince();
  [chief, judge1, judge2, supervisor, encryptor, organiser, contact, outsider] = await Promise.all([
    account("chief_judge", p.cityA.id), account("judge", p.cityA.id), account("judge", p.cityA.id), account("supervisor", p.cityA.id),
    account("encryption_officer", p.cityA.id), account("organiser", p.cityA.id), account("unit_contact", p.enterpriseA.id), account("worker", p.enterpriseA.id),
  ]);
});

describe("chief judge console and sign-off (rules S-21–S-24)", () => {
  it("flags a 1-vs-3 discrepancy, refuses sign-off listing it, clears after the re-mark, then locks marking", async () => {
    const ev = await buildEvent({ entrants: 2 });
    const marks = await markAll(ev, (i) => (i === 0 ? [100, 300] : [200, 200]));
    const path = `/api/v1/events/${ev.event.id}`;
    const params = { eventId: ev.event.id };

    const view = await call(consoleApi, `${path}/console`, params, { as: chief });
    expect(view.status).toBe(200);
    expect(view.body.flags).toHaveLength(1);
    expect(view.body.flags[0]).toMatchObject({ stationCode: ev.entrants[0].code.stationCode, aspectId: "craft", kind: "judge-spread" });
    expect(view.body.progress).toEqual({ entered: 8, expected: 8 });
    expect(view.body.calibration.map((c: { judgeId: string }) => c.judgeId).sort()).toEqual([judge1.id, judge2.id].sort());
    expect(JSON.stringify(view.body)).not.toContain(ev.entrants[0].member.name);
    expect((await call(consoleApi, `${path}/console`, params, { as: judge1 })).status).toBe(403);

    const blocked = await call(signOffApi, `${path}/sign-off`, params, { as: chief, json: { password: TEST_PASSWORD } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("sign_off_blocked");
    expect(blocked.body.error.issues[0].path).toBe(`${ev.entrants[0].code.stationCode}/craft`);

    const remark = await call(remarkApi, `${path}/remark-requests`, params, { as: chief, json: { stationCode: ev.entrants[0].code.stationCode, aspectId: "craft", judgeId: judge2.id, reason: "与裁判一相差两级，请复看焊缝" } });
    expect(remark.status).toBe(201);

    // judge 2 re-marks through the tablet's own path (part A): the request resolves with it
    await submitMark({ id: judge2.id }, ev.event.id, { blindCodeId: ev.entrants[0].code.id, aspectId: "craft", value: "2", idempotencyKey: `k-${uid()}` }, { userId: judge2.id, requestId: null });
    const after = await call(consoleApi, `${path}/console`, params, { as: chief });
    expect(after.body.flags).toHaveLength(0);
    expect(after.body.remarkRequests[0].settled).toBe(true);

    const signed = await call(signOffApi, `${path}/sign-off`, params, { as: chief, json: { sessionId: ev.session.id, password: TEST_PASSWORD } });
    expect(signed.status).toBe(201);
    expect(signed.body.lockedSheets).toBe(4);
    expect(await db.event.count({ where: { action: "scores.signed-off", entityId: signed.body.id } })).toBe(1);
    expect((await call(signOffApi, `${path}/sign-off`, params, { as: chief, json: { sessionId: ev.session.id, password: TEST_PASSWORD } })).status).toBe(409);

    // marking after sign-off is refused with a message
    await expect(submitMark({ id: judge1.id }, ev.event.id, { blindCodeId: ev.entrants[1].code.id, aspectId: "craft", value: "3", idempotencyKey: `k-${uid()}` }, { userId: judge1.id, requestId: null }))
      .rejects.toMatchObject({ status: 409, message: LOCKED_MESSAGE });
    expect((await db.mark.findUniqueOrThrow({ where: { id: marks[1].j1.craft } })).value).toBe(200);
  });

  it("S-24: a ruling that flagged marks stand settles the flag for those marks only; a changed mark opens it again", async () => {
    const ev = await buildEvent({ entrants: 1 });
    await markAll(ev, () => [100, 300]);
    const path = `/api/v1/events/${ev.event.id}`;
    const params = { eventId: ev.event.id };
    const station = ev.entrants[0].code.stationCode;
    const rule = (as: U, json: unknown) => call(flagRulingApi, `${path}/flag-resolutions`, params, { as, json });

    const noReason = await rule(chief, { stationCode: station, aspectId: "craft", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues.map((i: { path: string }) => i.path)).toContain("body.reason");
    expect((await rule(judge1, { stationCode: station, aspectId: "craft", reason: "我认为没问题" })).status).toBe(403);
    const noFlag = await rule(chief, { stationCode: station, aspectId: "gauge", reason: "两位裁判一致" });
    expect(noFlag.status).toBe(409);
    expect(noFlag.body.error.code).toBe("no_flag");

    const ruled = await rule(chief, { stationCode: station, aspectId: "craft", reason: "裁判组复看录像后一致认为两档评分均有依据" });
    expect(ruled.status).toBe(201);
    expect(ruled.body).toMatchObject({ stationCode: station, aspectId: "craft", kind: "judge-spread" });
    expect((await rule(chief, { stationCode: station, aspectId: "craft", reason: "再裁一次" })).body.error.code).toBe("already_resolved");
    const view = await call(consoleApi, `${path}/console`, params, { as: chief });
    expect(view.body.flags).toEqual([expect.objectContaining({ aspectId: "craft", resolution: expect.objectContaining({ reason: "裁判组复看录像后一致认为两档评分均有依据" }) })]);
    expect(view.body.entrants[0].flagged).toBe(false);
    expect(view.body.signOff.find((s: { sessionId: string | null }) => s.sessionId === null)).toMatchObject({ allowed: true, blockingFlags: 0 });
    expect(await db.event.count({ where: { action: "flag.resolved", entityId: ruled.body.id } })).toBe(1);

    // judge 1 re-marks 1 → 0 (asked for another reason): the ruling covered 1-vs-3, not 0-vs-3
    await call(remarkApi, `${path}/remark-requests`, params, { as: chief, json: { stationCode: station, aspectId: "craft", judgeId: judge1.id, reason: "请复核评分记录" } });
    await submitMark({ id: judge1.id }, ev.event.id, { blindCodeId: ev.entrants[0].code.id, aspectId: "craft", value: "0", idempotencyKey: `k-${uid()}` }, { userId: judge1.id, requestId: null });
    const reopened = await call(consoleApi, `${path}/console`, params, { as: chief });
    expect(reopened.body.flags[0].resolution).toBeNull();
    const blocked = await call(signOffApi, `${path}/sign-off`, params, { as: chief, json: { password: TEST_PASSWORD } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe("sign_off_blocked");

    // ruled again from the console page, as the browser sends it; then the sign-off goes through
    const res = (await consolePage.action({
      request: makeRequest(`/events/${ev.event.id}/console`, { cookie: chief.cookie, form: { intent: "resolve-flag", blindCodeId: ev.entrants[0].code.id, aspectId: "craft", reason: "评分细则允许该项按工艺等级从严，维持" } }),
      params, context: ctx,
    })) as { ok: boolean };
    expect(res).toMatchObject({ ok: true });
    expect((await call(signOffApi, `${path}/sign-off`, params, { as: chief, json: { password: TEST_PASSWORD } })).status).toBe(201);
    expect((await rule(chief, { stationCode: station, aspectId: "craft", reason: "签字后再裁定" })).body.error.code).toBe("locked");
  });

  it("S-24: an aspect nobody has marked needs marks, not a ruling", async () => {
    const ev = await buildEvent({ entrants: 1 });
    const res = await call(flagRulingApi, `/api/v1/events/${ev.event.id}/flag-resolutions`, { eventId: ev.event.id }, { as: chief, json: { stationCode: ev.entrants[0].code.stationCode, aspectId: "craft", reason: "无人评分也维持" } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("missing_marks");
    expect(await db.flagResolution.count({ where: { eventId: ev.event.id } })).toBe(0);
  });

  it("a correction needs a reason and the chief judge; the history keeps the original", async () => {
    const ev = await buildEvent({ entrants: 1 });
    const [m] = await markAll(ev);
    const params = { eventId: ev.event.id };
    const markPath = `/api/v1/marks/${m.j1.craft}`;

    const early = await call(correctionApi, `${markPath}/corrections`, { markId: m.j1.craft }, { as: chief, json: { value: "3", reason: "复看录像" } });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe("not_signed_off");

    await call(signOffApi, `/api/v1/events/${ev.event.id}/sign-off`, params, { as: chief, json: { password: TEST_PASSWORD } });
    const noReason = await call(correctionApi, `${markPath}/corrections`, { markId: m.j1.craft }, { as: chief, json: { value: "3", reason: "" } });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.issues.map((i: { path: string }) => i.path)).toContain("body.reason");
    expect((await call(correctionApi, `${markPath}/corrections`, { markId: m.j1.craft }, { as: judge1, json: { value: "3", reason: "我想改" } })).status).toBe(403);
    expect((await call(correctionApi, `${markPath}/corrections`, { markId: m.j1.craft }, { as: chief, json: { value: "2.5", reason: "非整数" } })).status).toBe(400);

    // the console page's form, as the browser sends it
    const res = (await consolePage.action({
      request: makeRequest(`/events/${ev.event.id}/console?mark=${m.j1.craft}`, { cookie: chief.cookie, form: { intent: "correct", markId: m.j1.craft, value: "3", reason: "录像显示焊缝成型优良", kind: "correction" } }),
      params, context: ctx,
    })) as { ok: boolean };
    expect(res).toMatchObject({ ok: true });

    const history = await call(historyApi, `${markPath}/history`, { markId: m.j1.craft }, { as: chief });
    expect(history.status).toBe(200);
    expect(history.body.mark).toMatchObject({ value: 300, original: 200, version: 2 });
    expect(history.body.changes).toEqual([expect.objectContaining({ kind: "correction", before: 200, after: 300, reason: "录像显示焊缝成型优良", byId: chief.id })]);
    expect(await db.event.count({ where: { action: "mark.corrected", entityId: m.j1.craft } })).toBe(1);
    // the supervision group reads it too; another judge does not
    expect((await call(historyApi, `${markPath}/history`, { markId: m.j1.craft }, { as: supervisor })).status).toBe(200);
    expect((await call(historyApi, `${markPath}/history`, { markId: m.j1.craft }, { as: judge2 })).status).toBe(403);
  });
});

describe("paper sheets keyed twice (rule S-41)", () => {
  it("refuses the same person twice, flags a mismatch, applies on agreement as the judge's marks", async () => {
    const ev = await buildEvent({ entrants: 1 });
    const path = `/api/v1/events/${ev.event.id}/paper-sheets`;
    const params = { eventId: ev.event.id };
    const sheetBody = (values: Record<string, string>) => ({ stationCode: ev.entrants[0].code.stationCode, judgeId: judge1.id, judgeLabel: "3号裁判", values });

    const first = await call(paperApi, path, params, { as: chief, json: sheetBody({ craft: "2", gauge: "15" }) });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("awaiting_second");
    const same = await call(paperApi, path, params, { as: chief, json: sheetBody({ craft: "2", gauge: "15" }) });
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe("same_person");
    const mismatch = await call(paperApi, path, params, { as: organiser, json: sheetBody({ craft: "3", gauge: "15" }) });
    expect(mismatch.body).toMatchObject({ status: "mismatch", differences: ["craft"], appliedMarks: 0 });
    expect(await db.mark.count({ where: { eventId: ev.event.id } })).toBe(0);
    const agreed = await call(paperApi, path, params, { as: organiser, json: sheetBody({ craft: "2", gauge: "15" }) });
    expect(agreed.body).toMatchObject({ status: "applied", differences: [], appliedMarks: 2 });
    const marks = await db.mark.findMany({ where: { eventId: ev.event.id }, include: { changes: true } });
    expect(marks.map((m) => [m.aspectId, m.judgeId, m.value, m.changes[0].kind]).sort()).toEqual([["craft", judge1.id, 200, "paper"], ["gauge", judge1.id, 1500, "paper"]]);
    expect((await call(paperApi, path, params, { as: judge2, json: sheetBody({ craft: "2" }) })).status).toBe(403);
  });
});

describe("theory scores (rule S-35)", () => {
  it("a file with bad rows imports nothing and reports every row; a good one imports", async () => {
    const ev = await buildEvent({ entrants: 2 });
    const [a, b] = ev.entrants.map((e) => e.reg.admissionNo!);
    const params = { eventId: ev.event.id };
    const bad = await call(theoryApi, `/api/v1/events/${ev.event.id}/theory-scores`, params, {
      as: organiser, json: { rows: [{ admissionNo: a, score: "88.5" }, { admissionNo: "ZK-NOPE", score: "70" }, { admissionNo: b, score: "101" }, { admissionNo: a, score: "60", voided: true }] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["row 2", "row 3", "row 4", "row 4"]);
    expect(await db.theoryScore.count({ where: { eventId: ev.event.id } })).toBe(0);

    // the page's upload, an Excel export
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet("成绩");
    ws.addRows([["准考证号", "成绩", "作废", "作废原因"], [a, 88.5, "否", ""], [b, "91", "是", "答卷写有单位名称"]]);
    const form = new FormData();
    form.set("file", new File([await workbook.xlsx.writeBuffer()], "theory.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    const res = (await theoryPage.action({ request: new Request(`http://localhost/events/${ev.event.id}/theory`, { method: "POST", body: form, headers: { Cookie: organiser.cookie } }), params, context: ctx })) as { ok: boolean; imported: number };
    expect(res).toMatchObject({ ok: true, imported: 2 });
    const rows = await db.theoryScore.findMany({ where: { eventId: ev.event.id }, orderBy: { value: "asc" } });
    expect(rows.map((r) => [r.value, r.voided, r.voidReason, r.source])).toEqual([[8850, false, null, "import"], [9100, true, "答卷写有单位名称", "import"]]);
  });
});

describe("re-check (rule S-40) and decryption (rule S-34)", () => {
  it("draws top N + ≥15 % with a recorded seed; >5 % wrong requires a full re-check; then layers open in reverse", async () => {
    const ev = await buildEvent({ entrants: 12 });
    await markAll(ev, (i) => [i % 4 === 0 ? 300 : 200, i % 4 === 0 ? 300 : 200]);
    const params = { eventId: ev.event.id };
    const base = `/api/v1/events/${ev.event.id}`;

    expect((await call(decryptApi, `${base}/decryption-steps`, params, { as: encryptor, json: { layer: 2 } })).body.error.message).toMatch(/签字锁定/);
    expect((await call(recheckApi, `${base}/rechecks`, params, { as: supervisor, json: { topN: 3 } })).status).toBe(409);
    await call(signOffApi, `${base}/sign-off`, params, { as: chief, json: { password: TEST_PASSWORD } });
    expect((await call(recheckApi, `${base}/rechecks`, params, { as: supervisor, json: { topN: 3, samplePercent: 10 } })).status).toBe(400);
    expect((await call(recheckApi, `${base}/rechecks`, params, { as: chief, json: { topN: 3 } })).status).toBe(403);

    const drawn = await call(recheckApi, `${base}/rechecks`, params, { as: supervisor, json: { topN: 3 } });
    expect(drawn.status).toBe(201);
    expect(drawn.body).toMatchObject({ topCount: 3, othersCount: 9, sampleCount: 2, sampleBp: 1500 });
    expect(drawn.body.seed).toMatch(/^[0-9a-f]{32}$/);
    const recheck = await db.recheck.findUniqueOrThrow({ where: { id: drawn.body.id }, include: { items: true } });
    expect(recheck.seed).toBe(drawn.body.seed);
    expect(recheck.items.filter((i) => i.reason === "top").map((i) => i.blindCodeId).sort()).toEqual([0, 4, 8].map((i) => ev.entrants[i].code.id).sort());
    expect(recheck.items.filter((i) => i.reason === "sample")).toHaveLength(2);
    expect((await call(recheckApi, `${base}/rechecks`, params, { as: supervisor, json: { topN: 3 } })).status).toBe(409);

    // 5 entrants × 4 marks = 20 re-checked marks; 2 wrong = 10 % > 5 %
    const itemPath = (id: string) => `/api/v1/rechecks/${recheck.id}/items/${id}`;
    for (const [n, item] of recheck.items.entries()) {
      const res = await call(recheckItemApi, itemPath(item.id), { recheckId: recheck.id, itemId: item.id }, { as: supervisor, json: { wrongMarks: n < 2 ? 1 : 0 } });
      expect(res.status).toBe(200);
    }
    const afterSample = await db.recheck.findUniqueOrThrow({ where: { id: recheck.id }, include: { items: true } });
    expect(afterSample).toMatchObject({ status: "full_required", checkedMarks: 20, wrongMarks: 2 });
    expect(afterSample.items.filter((i) => i.reason === "full")).toHaveLength(7);
    expect((await call(decryptApi, `${base}/decryption-steps`, params, { as: encryptor, json: { layer: 2 } })).body.error.message).toMatch(/全部复核/);
    for (const item of afterSample.items.filter((i) => i.reason === "full")) {
      await call(recheckItemApi, itemPath(item.id), { recheckId: recheck.id, itemId: item.id }, { as: supervisor, json: { wrongMarks: 0 } });
    }
    expect((await db.recheck.findUniqueOrThrow({ where: { id: recheck.id } })).status).toBe("completed");

    expect((await call(decryptApi, `${base}/decryption-steps`, params, { as: supervisor, json: { layer: 2 } })).status).toBe(403);
    const outOfOrder = await call(decryptApi, `${base}/decryption-steps`, params, { as: encryptor, json: { layer: 1 } });
    expect(outOfOrder.status).toBe(409);
    expect(outOfOrder.body.error.message).toMatch(/须先解开第 2 层/);
    const layer2 = await call(decryptApi, `${base}/decryption-steps`, params, { as: encryptor, json: { layer: 2, witnessUsername: await usernameOf(supervisor), witnessPassword: TEST_PASSWORD } });
    expect(layer2.body).toMatchObject({ layer: 2, decrypted: false, witnessName: await displayNameOf(supervisor) });
    expect((await db.contestEvent.findUniqueOrThrow({ where: { id: ev.event.id } })).decryptedAt).toBeNull();
    const layer1 = await call(decryptApi, `${base}/decryption-steps`, params, { as: encryptor, json: { layer: 1, witnessUsername: await usernameOf(supervisor), witnessPassword: TEST_PASSWORD } });
    expect(layer1.body).toMatchObject({ layer: 1, decrypted: true });
    expect((await db.contestEvent.findUniqueOrThrow({ where: { id: ev.event.id } })).decryptedAt).not.toBeNull();
    expect(await db.event.count({ where: { action: "event.decrypted", entityId: ev.event.id } })).toBe(1);
  });
});

describe("appeals (rule S-42)", () => {
  it("refuses an appeal past the window", async () => {
    const ev = await buildEvent({ entrants: 1, endsAt: new Date(Date.now() - 3 * 3_600_000) });
    const entrant = await account("worker", p.enterpriseA.id, ev.entrants[0].member.id);
    const late = await call(appealApi, `/api/v1/events/${ev.event.id}/appeals`, { eventId: ev.event.id }, { as: entrant, json: { text: "焊机电流不稳，影响操作" } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe("appeal_window_closed");
    expect(late.body.error.message).toMatch(/申诉期已过/);
    expect(await db.appeal.count({ where: { eventId: ev.event.id } })).toBe(0);
  });

  it("an upheld appeal reopens the named marks; the chief judge corrects exactly those (kind appeal); the ruling is final", async () => {
    const ev = await buildEvent({ entrants: 2 });
    const [m] = await markAll(ev);
    const params = { eventId: ev.event.id };
    const path = `/api/v1/events/${ev.event.id}/appeals`;
    const entrant = await account("worker", p.enterpriseA.id, ev.entrants[0].member.id);

    expect((await call(appealApi, path, params, { as: outsider, json: { text: "我要申诉评分不公" } })).status).toBe(403);
    const filed = await call(appealApi, path, params, { as: entrant, json: { text: "焊机电流不稳，影响焊缝成型" } });
    expect(filed.status).toBe(201);
    expect(filed.body.filedAs).toBe("entrant");
    const byLeader = await call(appealApi, path, params, { as: contact, json: { text: "领队代为申诉：量具不符合规定", admissionNo: ev.entrants[1].reg.admissionNo } });
    expect(byLeader.status).toBe(201);
    expect(byLeader.body.filedAs).toBe("leader");

    const ruling = `/api/v1/appeals/${filed.body.id}/ruling`;
    const rp = { appealId: filed.body.id };
    expect((await call(rulingApi, ruling, rp, { as: chief, json: { decision: "upheld", ruling: "x", reopen: [] } })).status).toBe(403);
    expect((await call(rulingApi, ruling, rp, { as: supervisor, json: { decision: "upheld", ruling: "设备故障属实", reopen: [] } })).status).toBe(400);
    const upheld = await call(rulingApi, ruling, rp, { as: supervisor, json: { decision: "upheld", ruling: "设备故障属实，重开裁判一的工艺分", reopen: [{ aspectId: "craft", judgeId: judge1.id }] } });
    expect(upheld.status).toBe(200);
    expect(upheld.body.reopened).toEqual([{ blindCodeId: ev.entrants[0].code.id, aspectId: "craft", judgeId: judge1.id }]);
    const second = await call(rulingApi, ruling, rp, { as: supervisor, json: { decision: "rejected", ruling: "改判驳回" } });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("ruling_final");

    await call(signOffApi, `/api/v1/events/${ev.event.id}/sign-off`, params, { as: chief, json: { password: TEST_PASSWORD } });
    const notReopened = await call(correctionApi, `/api/v1/marks/${m.j2.craft}/corrections`, { markId: m.j2.craft }, { as: chief, json: { value: "3", reason: "申诉", kind: "appeal" } });
    expect(notReopened.status).toBe(403);
    const corrected = await call(correctionApi, `/api/v1/marks/${m.j1.craft}/corrections`, { markId: m.j1.craft }, { as: chief, json: { value: "3", reason: "申诉维持：设备故障", kind: "appeal" } });
    expect(corrected.status).toBe(201);
    const change = await db.markChange.findFirstOrThrow({ where: { markId: m.j1.craft } });
    expect(change).toMatchObject({ kind: "appeal", before: 200, after: 300, reason: "申诉维持：设备故障", byId: chief.id });
    expect(await db.event.count({ where: { action: { in: ["appeal.filed", "appeal.upheld", "mark.corrected-appeal"] }, OR: [{ entityId: filed.body.id }, { entityId: m.j1.craft }] } })).toBe(3);
    expect((await call(correctionApi, `/api/v1/marks/${m.j1.craft}/corrections`, { markId: m.j1.craft }, { as: chief, json: { value: "1", reason: "再改", kind: "appeal" } })).status).toBe(409);
  });
});
