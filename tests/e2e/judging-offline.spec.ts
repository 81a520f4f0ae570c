import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";

// Issue 5 acceptance: on a 10-inch tablet a judge marks a sheet; the network drops
// midway; the judge finishes and reloads the page while offline (it still opens, with the
// queued marks shown as waiting); the network returns; the server then holds exactly one
// mark per aspect, with the values entered. Seeded by prisma/seed-judging.ts.

const EVENT = "demo-judging-event";
const CODE = "demo-judging-code-01";
const ENTERED: [string, string, string][] = [
  // aspect id, aspect name, keys typed
  ["JW-1", "工件尺寸精度", "27.5"],
  ["JW-2", "焊缝外观成形", "21"],
  ["JW-3", "工艺规范", "18.5"],
  ["JW-4", "劳保用品与设备使用", "14"],
  ["JW-5", "现场整理（5S）", "9.25"],
];

test.use({ viewport: { width: 1280, height: 800 }, hasTouch: true });

async function typeMark(page: Page, aspectName: string, keys: string) {
  await page.getByRole("button", { name: new RegExp(aspectName.replace(/[()（）]/g, ".")) }).click();
  for (const key of keys) await page.getByRole("button", { name: key === "." ? "小数点 ." : key, exact: true }).click();
  await page.getByRole("button", { name: "确定", exact: true }).click();
}

test("a judge marks a sheet through a network drop and a reload; the server holds one mark per aspect", async ({ page, context }) => {
  await logIn(page, "judge");
  await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "评分", exact: true }).click();
  await expect(page.getByRole("heading", { name: "我的评分" })).toBeVisible();
  await page.goto(`/judging/${EVENT}`);
  await expect(page.getByRole("heading", { name: "选择工位号" })).toBeVisible();
  // The service worker must control the page before the network goes away.
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    await new Promise<void>((resolve) => {
      if (navigator.serviceWorker.controller) return resolve();
      navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true });
      setTimeout(resolve, 5_000);
    });
    return registration.scope;
  });
  // Station code only: no names, units or photos anywhere on the page.
  await page.getByRole("button", { name: /A01/ }).click();
  await expect(page.getByRole("heading", { name: /A01/ })).toBeVisible();
  await expect(page.getByText("满分 30.00")).toBeVisible();

  // Two aspects online.
  for (const [id, name, keys] of ENTERED.slice(0, 2)) {
    await typeMark(page, name, keys);
    await expect(page.getByTestId(`state-${id}`)).toHaveText(/已保存到服务器/);
  }
  // Validation: above the maximum is refused before anything is queued.
  await typeMark(page, "现场整理", "11");
  await expect(page.getByRole("alert").filter({ hasText: "不能超过满分 10.00" })).toBeVisible();
  await page.getByRole("button", { name: "清除" }).click();

  await context.setOffline(true);
  for (const [id, name, keys] of ENTERED.slice(2)) {
    await typeMark(page, name, keys);
    await expect(page.getByTestId(`state-${id}`)).toHaveText("待发送");
  }
  await expect(page.getByTestId("sheet-save-state")).toContainText("待发送 (3)");
  await expect(page.getByTestId("subtotal")).toHaveText("90.25 / 100.00");

  // A reload while offline still opens the page, from the service worker's copy, with the queued marks.
  await page.reload();
  await expect(page.getByRole("heading", { name: /A01/ })).toBeVisible();
  for (const [id, , keys] of ENTERED.slice(2)) {
    await expect(page.getByTestId(`value-${id}`)).toHaveText(new RegExp(`^${keys.replace(".", "\\.")}`));
    await expect(page.getByTestId(`state-${id}`)).toHaveText("待发送");
  }
  for (const [id] of ENTERED.slice(0, 2)) await expect(page.getByTestId(`state-${id}`)).toHaveText(/已保存到服务器/);

  await context.setOffline(false);
  await expect(page.getByTestId("sheet-save-state")).toHaveText("已保存到服务器", { timeout: 20_000 });

  // The server's view (the API takes the session cookie for reading).
  const response = await page.request.get(`/api/v1/events/${EVENT}/sheets/${CODE}`);
  expect(response.status()).toBe(200);
  const sheet = (await response.json()) as { marks: { aspectId: string; value: number; version: number }[] };
  expect(sheet.marks).toHaveLength(ENTERED.length);
  for (const [id, , keys] of ENTERED) {
    const marks = sheet.marks.filter((m) => m.aspectId === id);
    expect(marks, id).toHaveLength(1);
    expect(marks[0].value, id).toBe(Math.round(Number(keys) * 100));
    expect(marks[0].version, `${id} written once`).toBe(1);
  }
});
