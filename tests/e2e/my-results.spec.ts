import { expect, test } from "@playwright/test";
import { logIn, mainNav } from "./helpers";

// Issue 6 part B in a real browser: the demo worker finds their published result under
// 我的成绩 (rank, 一等奖), downloads the certificate PDF and opens its verification page;
// a made-up code is "not found". The organiser's charts draw after hydration.
// Demo data: prisma/seed-publication.ts (the finished 2025 contest's welding event, published).

test("the worker sees their published result, downloads the certificate and verifies it", async ({ page }) => {
  await logIn(page, "worker");
  await mainNav(page).getByRole("link", { name: "我的成绩", exact: true }).click();
  await expect(page).toHaveURL(/\/my-results$/);
  await expect(page.getByRole("heading", { level: 1, name: "我的成绩" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "2025年杭州市职工职业技能大赛" });
  await expect(row).toContainText("一等奖");
  await expect(row).toContainText("1 / 24");

  const downloading = page.waitForEvent("download");
  await row.getByRole("link", { name: "下载证书" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^证书-GS2025-\d{3}-0001\.pdf$/);
  const number = download.suggestedFilename().replace(/^证书-|\.pdf$/g, "");

  await row.getByRole("link", { name: "核验" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "证书核验" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "状态" })).toContainText("有效");
  await expect(page.getByText(number, { exact: true })).toBeVisible();

  // anyone can verify, without signing in; a made-up code is not found
  await page.context().clearCookies();
  const response = await page.goto("/verify/abcdefghijklmnopqrstuvwxyz");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "未找到该证书" })).toBeVisible();
});

test("the public results notice and the organiser's charts", async ({ page }) => {
  const notice = await page.goto("/results/ev-hz-2025-weld");
  expect(notice?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("成绩公示");
  await expect(page.getByRole("row").nth(1)).toContainText("一等奖");

  await logIn(page, "organiser");
  await page.goto("/events/ev-hz-2025-weld/charts");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("统计图表");
  await expect(page.getByRole("img", { name: "成绩分布" })).toBeVisible();
  await expect(page.getByText("本竞赛没有同一工种的初赛赛项")).toBeVisible();
});
