import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";

// Issue 13 (audit): the honours pages a union office opens past the menu (a nomination's page, the
// structure charts, a round and a submission of the review chain) say where things stand in the
// reader's language. The demo data's 2021 杭州市劳动模范 round is approved; the 2026 五一 round is
// under review at the city.

const switchTo = async (page: Page, lang: "zh" | "en") => {
  if ((await page.locator("html").getAttribute("lang")) === lang) return;
  await page.getByRole("button", { name: lang === "en" ? /English/ : /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
};

const row = (page: Page, header: string) => page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: header, exact: true }) });

test("an approved round reads 已批准 in Chinese; in English the nomination, charts and chain pages have no Chinese labels", async ({ page }) => {
  await logIn(page, "reviewer_hz");
  await switchTo(page, "zh");
  try {
    // Chinese: the approved 劳模 round's list and a nomination's page give the chain's outcome
    await page.goto("/campaigns/seed-campaign-hz-2021-laomo");
    // the seeded names are drawn at random: the first nominee by its address
    const link = page.locator('a[href="/nominations/seed-nomination-2021-laomo-1"]');
    const nominee = page.getByRole("row").filter({ has: link });
    await expect(nominee.getByRole("cell").last()).toHaveText("已批准");
    const name = (await link.textContent())!.trim();
    await link.click();
    await expect(page.getByRole("heading", { level: 1, name: new RegExp(name) })).toBeVisible();
    await expect(page.getByText(/状态：已批准/)).toBeVisible();
    await expect(page.getByText("approved", { exact: false })).toHaveCount(0);

    await switchTo(page, "en");
    await expect(page.getByText(/Status: Approved/)).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: /Model worker/ })).toBeVisible();
    await expect(row(page, "ID number")).toHaveCount(1);
    await expect(page.getByText("身份证号")).toHaveCount(0);
    await expect(row(page, "Sex").getByRole("cell")).toHaveText(/^(Male|Female)$/);
    await expect(row(page, "Category").getByRole("cell")).toHaveText("Industrial worker");

    // the structure charts' tables: every band in English (the API keeps the Chinese names)
    await page.goto("/campaigns/seed-campaign-hz-2026-wuyi/charts");
    await expect(page.getByRole("heading", { level: 1, name: "Structure of the nominees" })).toBeVisible();
    for (const band of ["May Day Labour Medal", "Industrial worker", "Male", "Female", "Han", "Under 35", "35 to 60", "College or above"]) {
      await expect(page.getByRole("rowheader", { name: band, exact: true }).first()).toBeVisible();
    }
    await expect(page.getByRole("rowheader", { name: /[\u4e00-\u9fff]/ })).toHaveCount(0);

    // the chain: the round names its kind, a submission its state and trail in English
    await page.goto("/review-rounds/seed-round-hz-2026-wuyi");
    await expect(page.getByText(/^Honours nomination · /)).toBeVisible();
    await page.goto("/reviews");
    await page.locator('main a[href^="/reviews/seed-sub-"]').first().click();
    await expect(page.getByText(/ · Honours nomination · Submitting unit: /)).toBeVisible();
    await expect(page.getByTestId("submission-status")).toHaveText("Under review");
    await expect(page.getByRole("cell", { name: "Submitted", exact: true }).first()).toBeVisible();
    await expect(page.getByText("评选表彰推荐")).toHaveCount(0);
  } finally {
    // the language is kept on the account: leave it in Chinese for the other tests
    await switchTo(page, "zh");
  }
});
