import { expect, test, type Page } from "@playwright/test";
import { logIn } from "./helpers";

// Issue 12 item 8: the office works on a 1366 px desktop. The marking-scheme table and the unit's
// batch registration page fit its width: the page itself never scrolls sideways (a wide table may
// scroll inside its own frame), and no console error or hydration warning is logged.
// Demo data: prisma/seed-contests.ts (the open 2026 contest) and seed-registrations.ts (ent-10's contact).

const WIDTH = 1366;

function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || /hydrat|did not match|server rendered/i.test(m.text())) problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** The page's horizontal overflow, and the elements that stick out past the window's right edge. */
async function overflow(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticking = [...document.querySelectorAll<HTMLElement>("main *")]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) return false;
        // inside a frame that scrolls on its own: fine
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const style = getComputedStyle(p);
          if (/(auto|scroll|hidden)/.test(style.overflowX) && p.getBoundingClientRect().right <= width + 1) return false;
        }
        return true;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, sticking };
  });
}

test("the marking-scheme table fits a 1366 px desktop", async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 768 });
  const problems = watchConsole(page);
  await logIn(page, "organiser");
  await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "竞赛", exact: true }).click();
  await page.getByRole("link", { name: "2026年杭州市职工职业技能大赛", exact: true }).click();
  await page.getByRole("link", { name: /评分标准/ }).first().click();
  await expect(page.locator("h1")).toContainText("评分标准");
  await expect(page.locator("table").first()).toBeVisible();
  // React 18 leaked NUL bytes into long Chinese pages at its 2 KB buffer edges (app/utils/nul-bytes.ts).
  expect(await (await page.request.get(page.url())).text()).not.toContain("\u0000");
  const result = await overflow(page);
  expect(result.sticking).toEqual([]);
  expect(result.scrollWidth).toBeLessThanOrEqual(WIDTH);
  // The table itself fits: its frame does not scroll either.
  const frames = await page.locator(".table-wrap").evaluateAll((els) => els.map((el) => el.scrollWidth - el.clientWidth));
  expect(Math.max(...frames)).toBeLessThanOrEqual(1);
  expect(problems).toEqual([]);
});

test("the unit batch registration page fits a 1366 px desktop", async ({ page }) => {
  await page.setViewportSize({ width: WIDTH, height: 768 });
  const problems = watchConsole(page);
  await logIn(page, "contact");
  await page.getByRole("navigation", { name: "菜单" }).getByRole("link", { name: "报名" }).click();
  await page.getByRole("link", { name: /单位集体报名/ }).first().click();
  await expect(page).toHaveURL(/\/registrations\/unit/);
  // choose the demo event open for registration, as the contact would
  await page.getByLabel("赛项", { exact: true }).selectOption({ label: "2026年杭州市职工职业技能大赛（报名演示） · 焊工（职工组） · 职工组" });
  await page.getByRole("button", { name: "显示", exact: true }).click();
  await expect(page).toHaveURL(/eventId=/);
  await expect(page.locator("table").first()).toBeVisible();
  const result = await overflow(page);
  expect(result.sticking).toEqual([]);
  expect(result.scrollWidth).toBeLessThanOrEqual(WIDTH);
  expect(problems).toEqual([]);
});
