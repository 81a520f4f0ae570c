import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { logIn } from "./helpers";

// Leftovers of issues 13 and 14 (brief ux), each checked as its reader meets it:
//  - the nomination page names the review chain's status in the reader's language, not its code;
//  - /review-rounds names subject and organisation types in English in English mode;
//  - the 本级名单 hold-back works as a plain form post before (or without) hydration;
//  - a unit's own people attach evidence to their unit's items from their phone (rule L-11).

const port = Number(process.env.E2E_PORT ?? 3999);
const dbFile = path.resolve(`tests/.tmp/e2e-${port}.db`);

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

async function switchTo(page: Page, lang: "zh" | "en") {
  if ((await page.locator("html").getAttribute("lang")) === lang) return;
  await page.getByRole("button", { name: lang === "en" ? /English/ : /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

test("the nomination page shows the chain's status as a label in both languages (not the stored code)", async ({ page }) => {
  const [row] = query<{ id: string }>(`SELECT n.id FROM Nomination n JOIN ReviewSubmission s ON s.id = n.submissionId WHERE s.status = 'approved' ORDER BY n.id LIMIT 1`);
  expect(row).toBeTruthy();
  await logIn(page, "organiser");
  try {
    await page.goto(`/nominations/${row.id}`);
    const chain = page.locator("p", { hasText: "审核层级" }).first();
    await expect(chain).toContainText("状态：已批准");
    await expect(chain).not.toContainText("approved");
    await switchTo(page, "en");
    const chainEn = page.locator("p", { hasText: "Reviewing levels" }).first();
    await expect(chainEn).toContainText("Status: Approved");
    await expect(chainEn).not.toContainText("：");
  } finally {
    await switchTo(page, "zh");
  }
});

test("/review-rounds names subject and organisation types in English in English mode", async ({ page }) => {
  await logIn(page, "organiser");
  try {
    await page.goto("/review-rounds");
    await expect(page.getByRole("listitem").filter({ hasText: "评选表彰推荐" }).first()).toBeVisible();
    await switchTo(page, "en");
    await expect(page.getByRole("listitem").filter({ hasText: "Honours nomination" }).first()).toBeVisible();
    const subjects = await page.locator("#subjectType option").allTextContents();
    expect(subjects).toContain("Honours nomination");
    expect(subjects.join(" ")).not.toMatch(/[\u3400-\u9fff]/);
    await expect(page.getByRole("checkbox", { name: "City federation" })).toBeVisible();
    await expect(page.getByText("区县总工会")).toHaveCount(0);
    const items = await page.getByRole("listitem").allTextContents();
    expect(items.join(" ")).not.toContain("评选表彰推荐");
  } finally {
    await switchTo(page, "zh");
  }
});

test("holding a candidate back works as a plain form post without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const [row] = query<{ name: string }>(`SELECT n.name FROM Nomination n JOIN ReviewSubmission s ON s.id = n.submissionId
    WHERE n.campaignId = 'seed-campaign-hz-2026-wuyi' AND s.status = 'pending' AND s.currentLevel = 1 AND n.heldBack = 0 ORDER BY n.name LIMIT 1`);
  expect(row).toBeTruthy();
  const held = () => query<{ heldBack: number }>("SELECT heldBack FROM Nomination WHERE name = ? AND campaignId = 'seed-campaign-hz-2026-wuyi'", row.name)[0].heldBack;
  try {
    await logIn(page, "reviewer_hz");
    await page.goto("/campaigns/seed-campaign-hz-2026-wuyi/levels/org-hz");
    await page.getByRole("button", { name: `${row.name}：暂不列入本级名单` }).click();
    await expect(page.getByRole("button", { name: `${row.name}：重新列入本级名单` })).toBeVisible();
    await expect(page.getByRole("row", { name: new RegExp(row.name) })).toContainText("暂不列入");
    expect(held()).toBe(1);
    // and back: the list is as it was
    await page.getByRole("button", { name: `${row.name}：重新列入本级名单` }).click();
    await expect(page.getByRole("button", { name: `${row.name}：暂不列入本级名单` })).toBeVisible();
    expect(held()).toBe(0);
  } finally {
    await context.close();
  }
});

test("a unit's contact attaches evidence to their unit's scored item from a phone, in two clicks from the menu (rule L-11)", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await logIn(page, "labour_unit1");
  try {
    // the menu (on a phone behind its button when collapsed), then the unit's link
    const menuButton = page.getByRole("button", { name: "菜单" });
    if (await menuButton.isVisible()) await menuButton.click();
    await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "劳动竞赛", exact: true }).click();
    const mine = page.getByRole("region", { name: "本单位佐证材料" });
    await mine.getByRole("listitem").filter({ hasText: "杭德市域铁路重点工程劳动竞赛" }).getByRole("link", { name: "一标段", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "一标段：佐证材料" })).toBeVisible();
    const party = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "比党建引领" }) });
    await expect(party).toContainText("已打分");
    // a wrong type is refused before sending, with the reason in Chinese
    await party.getByLabel("照片或文件").setInputFiles({ name: "说明.txt", mimeType: "text/plain", buffer: Buffer.from("plain words") });
    await expect(party.getByRole("alert")).toHaveText("文件类型不允许，只接受 JPEG、PNG 照片或 PDF 文件");
    // a PNG photo goes through
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082", "hex");
    await party.getByLabel("照片或文件").setInputFiles({ name: "党建宣传栏.png", mimeType: "image/png", buffer: png });
    await party.getByRole("button", { name: "上传" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已上传：比党建引领" })).toBeVisible();
    await expect(party.getByRole("link", { name: "党建宣传栏.png" })).toBeVisible();
    // the page fits the phone: nothing scrolls sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    // English mode
    await switchTo(page, "en");
    await expect(page.getByRole("heading", { level: 1, name: "一标段: evidence" })).toBeVisible();
    const partyEn = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Party building" }) });
    await expect(partyEn).toContainText("Scored");
    await expect(partyEn.getByRole("button", { name: "Replace the file" })).toBeVisible();
  } finally {
    await switchTo(page, "zh");
  }
  expect(problems).toEqual([]);
});
