import { expect, test, type Page } from "@playwright/test";
import { logIn, mainNav } from "./helpers";

// A union contact on a phone must be able to use the site, and every form control must
// carry a name a screen reader can announce.

async function expectNoHorizontalOverflow(page: Page) {
  const widths = await page.evaluate(() => ({
    viewport: window.innerWidth,
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
  }));
  expect(widths.document, `page is wider than the ${widths.viewport}px viewport`).toBeLessThanOrEqual(widths.viewport);
  expect(widths.body, `body is wider than the ${widths.viewport}px viewport`).toBeLessThanOrEqual(widths.viewport);
}

test.describe("on a phone (390×844)", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the login page fits the screen", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });

  test("the organiser reaches 组织 and nothing overflows sideways", async ({ page }) => {
    await logIn(page, "organiser");
    await expectNoHorizontalOverflow(page);
    await mainNav(page).getByRole("link", { name: "组织", exact: true }).click();
    await expect(page).toHaveURL(/\/orgs$/);
    await expect(page.getByRole("heading", { level: 1, name: "组织" })).toBeVisible();
    await expect(page.getByRole("link", { name: /杭州市/ }).first()).toBeVisible();
    await expectNoHorizontalOverflow(page);
  });
});

test("every control on the login page has an accessible name", async ({ page }) => {
  await page.goto("/login");
  const controls = page.locator("input:not([type=hidden]), select, textarea, button");
  const count = await controls.count();
  expect(count).toBeGreaterThanOrEqual(3);
  for (let i = 0; i < count; i++) {
    const control = controls.nth(i);
    const what = await control.evaluate((el) => el.outerHTML.slice(0, 120));
    await expect(control, `no accessible name: ${what}`).toHaveAccessibleName(/\S/);
  }
  await expect(page.getByRole("textbox", { name: "用户名" })).toBeVisible();
  await expect(page.getByLabel("密码")).toHaveAttribute("type", "password");
});
