import { expect, test, type Page } from "@playwright/test";
import { logIn, mainNav } from "./helpers";

// Issue 4, acceptance in a real browser: a student is refused for a 职工组 event with the
// reason (rules S-2, S-63); an eligible worker registers and follows the three approvals
// (rule S-7: unit contact → organiser of the host → committee office) to 已通过.
// Demo data: prisma/seed-registrations.ts (the demo contest, `student`, `reviewer` in
// the committee office).

const EVENT = "焊工（职工组）";

async function switchTo(page: Page, username: string) {
  await page.context().clearCookies();
  await logIn(page, username);
}

async function openRegistrationForm(page: Page) {
  await mainNav(page).getByRole("link", { name: "报名", exact: true }).click();
  await expect(page).toHaveURL(/\/registrations$/);
  await expect(page.getByRole("heading", { level: 1, name: "报名" })).toBeVisible();
  await page.getByRole("link", { name: `报名：${EVENT}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(EVENT);
}

async function approveAs(page: Page, username: string, entrant: string) {
  await switchTo(page, username);
  await mainNav(page).getByRole("link", { name: "报名", exact: true }).click();
  await expect(page).toHaveURL(/\/registrations$/);
  await page.getByRole("link", { name: "报名审核" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "报名审核" })).toBeVisible();
  await page.getByRole("button", { name: `审核通过：${entrant}` }).click();
  await expect(page.getByRole("status")).toContainText(`${entrant}：已审核通过`);
  await expect(page.getByRole("button", { name: `审核通过：${entrant}` })).toHaveCount(0);
}

test("a student registering for a 职工组 event is refused with the reason", async ({ page }) => {
  await logIn(page, "student");
  await openRegistrationForm(page);
  await expect(page.getByTestId("employment-status")).toHaveText("学生");
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page.getByRole("alert")).toContainText("该赛项仅限职工参加，您的人员身份为学生");
  // Nothing was registered.
  await page.goto("/registrations");
  await expect(page.getByText("您还没有报名。")).toBeVisible();
});

test("an eligible worker registers and follows the approvals to 已通过", async ({ page }) => {
  test.setTimeout(90_000);
  await logIn(page, "worker");
  await openRegistrationForm(page);
  await page.getByLabel("证书编号").fill("HZ-HG-2026-0017");
  await page.getByLabel("从业年限（年）").fill("8");
  await page.getByLabel("本人声明：本年度无重大事故").check();
  await page.getByLabel("指导教练").fill("王建国");
  await page.getByRole("button", { name: "提交报名" }).click();
  await expect(page.getByRole("status")).toContainText("报名已提交");
  await expect(page.getByTestId("registration-status")).toHaveText("待单位审核");
  const entrant = (await page.getByRole("heading", { level: 1 }).textContent())!.split(" · ")[0].trim();

  await approveAs(page, "contact", entrant);     // 所在单位 (registration:unit over ent-10)
  await approveAs(page, "organiser", entrant);   // 承办单位 (contest:manage over 杭州市总工会)
  await approveAs(page, "reviewer", entrant);    // 组委会办公室 (committee office member)

  await switchTo(page, "worker");
  await mainNav(page).getByRole("link", { name: "报名", exact: true }).click();
  const mine = page.getByTestId("my-registration").filter({ hasText: EVENT });
  await expect(mine.getByTestId("registration-status")).toHaveText("已通过");
  await expect(mine).toContainText(/准考证号：\d{10}/);
  await mine.getByText("审核记录").click();
  await expect(mine.getByRole("table")).toContainText("组委会办公室");
});
