import { expect, test, type Browser, type Page } from "@playwright/test";
import { logIn } from "./helpers";

// Issue 6 acceptance in a real browser, on the seeded demo contest (prisma/seed-results.ts):
// a worker's leaderboard updates without a reload when the chief judge corrects a mark in the
// console; during a freeze the public page does not change while the judges' live page does.

const EVENT = "demo-results-event";
const markOf = (code: string, judge: string, aspect: string) => `${EVENT}-c${code.slice(1)}-${judge}-${aspect}`;

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, username);
  return page;
}

/** The total shown in a board row, by station code. */
const totalOf = (page: Page, code: string) => page.locator(`tr[data-row-code="${code}"] td.total`);

async function openBoard(page: Page, path: string) {
  await page.goto(path);
  await expect(page.getByRole("status").filter({ hasText: "实时" })).toBeVisible();
  // A marker that a reload would wipe: the page must update in place.
  await page.evaluate(() => ((window as unknown as { boardMarker: number }).boardMarker = 42));
}

const notReloaded = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { boardMarker?: number }).boardMarker)).toBe(42);

async function correctMark(chief: Page, markId: string, value: string) {
  await chief.goto(`/events/${EVENT}/console?mark=${markId}`);
  await chief.getByLabel("新分数").fill(value);
  await chief.getByLabel("原因", { exact: true }).fill("复核发现录入错误");
  await chief.getByRole("button", { name: "更正", exact: true }).click();
  await expect(chief.getByText("已更正。")).toBeVisible();
}

test("a worker's board updates without reload when the chief judge corrects a mark", async ({ browser }) => {
  const worker = await signedIn(browser, "worker");
  await openBoard(worker, `/leaderboard/${EVENT}`);
  await expect(worker.getByRole("columnheader", { name: "工位号" })).toBeVisible();
  const before = (await totalOf(worker, "A12").innerText()).trim();

  const chief = await signedIn(browser, "chief_judge");
  await correctMark(chief, markOf("A12", "judge", "P1-1"), "5");

  await expect(totalOf(worker, "A12")).not.toHaveText(before, { timeout: 5_000 });
  await expect(worker.locator('tr[data-row-code="A12"]')).toHaveClass(/row-changed/);
  await notReloaded(worker);
  // Codes only: the public board names nobody before publication (S-33, S-34).
  await expect(worker.getByRole("columnheader", { name: "姓名" })).toHaveCount(0);
});

test("during a freeze the public page stays still while the judges' live page changes", async ({ browser }) => {
  test.setTimeout(60_000); // three sign-ins, two corrections and a deliberate wait
  const chief = await signedIn(browser, "chief_judge");
  await chief.goto(`/leaderboard/${EVENT}?view=live`);
  await chief.getByRole("button", { name: "冻结", exact: true }).click();
  await expect(chief.getByText("已冻结公开榜。")).toBeVisible();

  const publicPage = await (await browser.newContext()).newPage();
  await openBoard(publicPage, `/leaderboard/${EVENT}`);
  await expect(publicPage.getByRole("heading", { level: 1 })).toContainText("已冻结");
  const publicBefore = (await totalOf(publicPage, "A03").innerText()).trim();

  const judge = await signedIn(browser, "judge");
  await openBoard(judge, `/leaderboard/${EVENT}?view=live`);
  const liveBefore = (await totalOf(judge, "A03").innerText()).trim();
  expect(liveBefore).toBe(publicBefore);

  await correctMark(chief, markOf("A03", "judge2", "P1-2"), "1");

  await expect(totalOf(judge, "A03")).not.toHaveText(liveBefore, { timeout: 5_000 });
  await notReloaded(judge);
  // Give the public page every chance to (wrongly) change: longer than the live page needed.
  await publicPage.waitForTimeout(3_000);
  await expect(totalOf(publicPage, "A03")).toHaveText(publicBefore);
  await notReloaded(publicPage);

  // Unfreeze: the public page catches up by itself.
  await chief.goto(`/leaderboard/${EVENT}?view=live`);
  await chief.getByRole("button", { name: "解除冻结" }).click();
  await expect(chief.getByText("已解除冻结。")).toBeVisible();
  await expect(totalOf(publicPage, "A03")).toHaveText((await totalOf(judge, "A03").innerText()).trim(), { timeout: 5_000 });
  await notReloaded(publicPage);
});

test("the big screen shows the board in large type with a full-screen button", async ({ page }) => {
  await page.goto(`/leaderboard/${EVENT}/screen`);
  await expect(page.getByRole("button", { name: "全屏" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "最新变化" })).toBeVisible();
  const size = await totalOf(page, "A01").evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(size).toBeGreaterThanOrEqual(20);
});
