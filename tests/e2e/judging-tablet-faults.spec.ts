import { chromium, expect, test, type BrowserContext, type Page } from "@playwright/test";
import { rmSync } from "node:fs";
import path from "node:path";
import { logIn } from "./helpers";

// Issue 11 items 2-4 in real Chromium with PERSISTENT profiles (a user-data dir under
// tests/.tmp), so the service worker, its cache and the tablet's stored queue survive
// closing and reopening the browser, as they do on a venue's tablet:
// - two judges on one tablet: A's unsent marks warn at logout, B never sees A's page and
//   A's marks are never stored as B's; when A signs in again they go;
// - two tablets for one judge: a stale offline entry becomes a conflict the judge sees
//   (and the chief judge's console shows); the newer value stays until the judge chooses;
// - the browser closed and reopened: the queue survives and is sent from a page other
//   than the event's.
// Seeded by prisma/seed-judging.ts (judge, judge2 and chief_judge on the demo event).

const EVENT = "demo-judging-event";
const code = (n: number) => `demo-judging-code-${String(n).padStart(2, "0")}`;
const NAMES: Record<string, string> = { "JW-1": "工件尺寸精度", "JW-2": "焊缝外观成形", "JW-3": "工艺规范" };

test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });
test.describe.configure({ timeout: 120_000 });

const profiles = path.resolve("tests/.tmp/e2e-profiles");

/** A tablet: Chromium with its own persistent profile directory. */
async function tablet(name: string, fresh = true): Promise<{ context: BrowserContext; page: Page }> {
  const dir = path.join(profiles, `${process.env.E2E_PORT ?? "3999"}-${name}`);
  if (fresh) rmSync(dir, { recursive: true, force: true });
  const use = test.info().project.use;
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    baseURL: use.baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    viewport: { width: 1280, height: 800 },
    hasTouch: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/** The service worker must control the page before the network goes away. */
async function workerInControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    await new Promise<void>((resolve) => {
      if (navigator.serviceWorker.controller) return resolve();
      navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
      setTimeout(resolve, 5_000);
    });
  });
}

async function openStation(page: Page, station: string) {
  await page.goto(`/judging/${EVENT}`);
  await expect(page.getByRole("heading", { name: "选择工位号" })).toBeVisible();
  await workerInControl(page);
  await page.getByRole("button", { name: new RegExp(station) }).click();
  await expect(page.getByRole("heading", { name: new RegExp(station) })).toBeVisible();
}

async function typeMark(page: Page, aspectId: string, keys: string) {
  await page.getByRole("button", { name: new RegExp(NAMES[aspectId]) }).click();
  for (const key of keys) await page.getByRole("button", { name: key === "." ? "小数点 ." : key, exact: true }).click();
  await page.getByRole("button", { name: "确定", exact: true }).click();
}

/** The signed-in user's own marks on one entrant's sheet, as the server holds them. */
async function serverMarks(page: Page, blindCodeId: string) {
  const response = await page.request.get(`/api/v1/events/${EVENT}/sheets/${blindCodeId}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { marks: { aspectId: string; value: number; version: number }[] }).marks;
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}

test("two judges on one tablet: A's unsent marks warn at logout, B never sees A's page nor sends A's marks, A's marks go when A signs in again", async () => {
  const { context, page } = await tablet("shared");
  await logIn(page, "judge");
  await openStation(page, "A03");
  await context.setOffline(true);
  await typeMark(page, "JW-1", "26");
  await typeMark(page, "JW-3", "17.5");
  await expect(page.getByTestId("state-JW-1")).toHaveText("待发送");
  // The network is back but the marks endpoint is out of reach (the venue's server is down): they stay queued.
  await context.route("**/judging/*/marks", (route) => route.abort("connectionrefused"));
  await context.setOffline(false);
  await expect(page.getByTestId("sheet-save-state")).toContainText("待发送 (2)");

  // Logging out warns about the two unsent marks; the judge goes on, nothing is lost.
  let warning = "";
  page.once("dialog", (dialog) => {
    warning = dialog.message();
    void dialog.accept();
  });
  await logOut(page);
  expect(warning).toContain("2 个分数没有发送");
  expect(warning).toContain("保留在本设备上");
  await context.unroute("**/judging/*/marks");

  // Judge B signs in on the same tablet.
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.accept();
  });
  await logIn(page, "judge2");
  // Offline, the worker does not open A's copy of the page for B.
  await context.setOffline(true);
  await page.goto(`/judging/${EVENT}`);
  await expect(page.getByText("没有您这一页的离线副本")).toBeVisible();
  await expect(page.getByText("A03")).toHaveCount(0);
  await context.setOffline(false);
  // Online, B sees their own page: nothing of A's on it.
  await openStation(page, "A03");
  await expect(page.getByTestId("value-JW-1")).toHaveText("未评");
  await expect(page.getByTestId("value-JW-3")).toHaveText("未评");
  await page.goto("/judging");
  await page.goto("/");
  expect(await serverMarks(page, code(3))).toEqual([]);
  await logOut(page);
  expect(dialogs, "B had nothing unsent").toEqual([]);

  // A signs in again: the marks go from the start page, without opening the event.
  await logIn(page, "judge");
  await expect.poll(async () => (await serverMarks(page, code(3))).map((m) => [m.aspectId, m.value]).sort(), { timeout: 20_000 }).toEqual([["JW-1", 2600], ["JW-3", 1750]]);
  await logOut(page);
  await logIn(page, "judge2");
  expect(await serverMarks(page, code(3)), "never stored as B's").toEqual([]);
  await context.close();
});

test("two tablets for one judge: a stale offline entry becomes a visible conflict; the newer value stays until the judge chooses", async ({ page: consolePage }) => {
  const one = await tablet("judge2-one");
  const two = await tablet("judge2-two");
  await logIn(one.page, "judge2");
  await logIn(two.page, "judge2");
  await openStation(one.page, "A04");
  await typeMark(one.page, "JW-2", "20");
  await expect(one.page.getByTestId("state-JW-2")).toHaveText(/已保存到服务器/);

  await openStation(two.page, "A04");
  await expect(two.page.getByTestId("value-JW-2")).toHaveText(/^20/);
  // Tablet one loses the network; the judge types 18 there.
  await one.context.setOffline(true);
  await typeMark(one.page, "JW-2", "18");
  await expect(one.page.getByTestId("state-JW-2")).toHaveText("待发送");
  // Meanwhile, on tablet two, the judge changes it to 22.
  await typeMark(two.page, "JW-2", "22");
  await expect(two.page.getByTestId("state-JW-2")).toHaveText(/已保存到服务器/);

  // Tablet one comes back: its older entry does not overwrite 22; the judge sees the conflict.
  await one.context.setOffline(false);
  const conflict = one.page.getByTestId("conflict-JW-2");
  await expect(conflict).toBeVisible({ timeout: 20_000 });
  await expect(conflict).toContainText("22.00");
  await expect(conflict).toContainText("18.00");
  await expect(one.page.getByTestId("value-JW-2")).toHaveText(/^22/);
  await expect(one.page.getByTestId("sheet-save-state")).toContainText("冲突");
  expect((await serverMarks(one.page, code(4))).find((m) => m.aspectId === "JW-2")).toMatchObject({ value: 2200, version: 2 });

  // The chief judge's console shows it, waiting for the judge.
  await logIn(consolePage, "chief_judge");
  await consolePage.goto(`/events/${EVENT}/console`);
  const refusals = consolePage.getByTestId("device-refusals");
  const row = refusals.getByRole("row").filter({ hasText: "A04" }).filter({ hasText: "版本冲突" });
  await expect(row).toContainText("18.00");
  await expect(row).toContainText("22.00");
  await expect(row).toContainText("待裁判处理");

  // The judge chooses their own 18 on tablet one.
  await conflict.getByRole("button", { name: "改用我的 18.00" }).click();
  await expect(one.page.getByTestId("state-JW-2")).toHaveText(/已保存到服务器/);
  await expect(one.page.getByTestId("value-JW-2")).toHaveText(/^18/);
  expect((await serverMarks(one.page, code(4))).find((m) => m.aspectId === "JW-2")).toMatchObject({ value: 1800, version: 3 });
  await consolePage.reload();
  await expect(row).toContainText("已处理");
  await one.context.close();
  await two.context.close();
});

test("the browser closed and reopened: the queue survives and is sent from a page other than the event's", async () => {
  let { context, page } = await tablet("reopen");
  await logIn(page, "judge");
  await openStation(page, "A05");
  await context.setOffline(true);
  await typeMark(page, "JW-1", "25");
  await typeMark(page, "JW-2", "19.5");
  await expect(page.getByTestId("sheet-save-state")).toContainText("待发送 (2)");
  await context.close();

  ({ context, page } = await tablet("reopen", false));
  const eventPages: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest() && new URL(request.url()).pathname === `/judging/${EVENT}`) eventPages.push(request.url());
  });
  await page.goto("/");
  await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible(); // still signed in
  await expect.poll(async () => (await serverMarks(page, code(5))).map((m) => [m.aspectId, m.value, m.version]).sort(), { timeout: 20_000 })
    .toEqual([["JW-1", 2500, 1], ["JW-2", 1950, 1]]);
  await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("gongsai:judging:")).flatMap((k) => Object.values(JSON.parse(localStorage.getItem(k)!) as { state: string }[])).filter((e) => e.state !== "saved").length)).toBe(0);
  expect(eventPages, "the event's page was not opened again").toEqual([]);
  await context.close();
});
