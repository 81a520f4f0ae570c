import { expect, test } from "@playwright/test";
import { logIn, mainNav } from "./helpers";

// Issue 4, acceptance in a real browser: an organiser creates a contest with two events
// from a template, edits a marking scheme (an aspect's maximum and a weight, meeting the
// refusal for weights that do not add up to 1 on the way), and opens registration.

test("an organiser sets up a contest from last year's and opens registration", async ({ page }) => {
  const name = `2027年杭州市职工职业技能大赛（验收 ${Date.now()}）`;
  await logIn(page, "organiser");

  await mainNav(page).getByRole("link", { name: "竞赛", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "竞赛" })).toBeVisible();
  await page.getByRole("link", { name: "新建竞赛" }).click();

  // From the seeded template: 2025年杭州市职工职业技能大赛 (焊工, 养老护理员).
  await page.getByRole("combobox", { name: "从往届竞赛复制" }).selectOption({ label: "2025年杭州市职工职业技能大赛" });
  await page.getByRole("button", { name: "使用此模板" }).click();
  await expect(page.getByRole("status")).toContainText("以「2025年杭州市职工职业技能大赛」为模板");
  await expect(page.getByLabel("竞赛级别")).toHaveValue("city");

  await page.getByLabel("竞赛名称").fill(name);
  await page.getByLabel("报名开始日期").fill("2027-03-01");
  await page.getByLabel("报名截止日期").fill("2027-04-30");
  await page.getByLabel("比赛开始日期").fill("2027-05-18");
  await page.getByLabel("比赛结束日期").fill("2027-05-20");
  await page.getByRole("button", { name: "新建竞赛" }).click();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("contest-status")).toHaveText("草稿");
  const events = page.getByRole("table", { name: "赛项" });
  await expect(events.getByRole("row")).toHaveCount(3);
  await expect(events.getByRole("link", { name: "焊工 职工组", exact: true })).toBeVisible();
  await expect(events.getByRole("link", { name: "养老护理员 职工组", exact: true })).toBeVisible();

  // The marking scheme of 焊工: raise an aspect's maximum and change the theory weight.
  await events.getByRole("link", { name: "焊工 职工组 评分标准" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "评分标准：焊工 职工组" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("满分 WP1-4", { exact: true }).fill("25");
  await page.getByLabel("权重（如 0.3） WT", { exact: true }).fill("0.25");
  await expect(page.getByText("权重合计：0.95")).toBeVisible();
  await page.getByRole("button", { name: "保存评分标准" }).click();

  // Refused: the weights add up to 0.95; the message stands beside the weight it names.
  const weight = page.getByLabel("权重（如 0.3） WP", { exact: true });
  await expect(weight).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#components\\[1\\]\\.weight-error")).toContainText("权重之和必须等于 1（当前为 0.95）");
  await expect(page.getByLabel("满分 WP1-4", { exact: true })).toHaveValue("25");

  await weight.fill("0.75");
  await page.getByRole("button", { name: "保存评分标准" }).click();
  await expect(page.getByRole("status").filter({ hasText: "评分标准已保存" })).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("满分 WP1-4", { exact: true })).toHaveValue("25");
  await expect(page.getByLabel("权重（如 0.3） WT", { exact: true })).toHaveValue("0.25");
  await expect(page.getByLabel("权重（如 0.3） WP", { exact: true })).toHaveValue("0.75");

  // Open registration from the contest's page.
  await page.getByRole("link", { name, exact: true }).click();
  await page.getByRole("button", { name: "开放报名" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已开放报名" })).toBeVisible();
  await expect(page.getByTestId("contest-status")).toHaveText("报名中");

  // The list shows it too.
  await mainNav(page).getByRole("link", { name: "竞赛", exact: true }).click();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("报名中");
});

test("the marking-scheme editor builds a scheme row by row for a new event", async ({ page }) => {
  const name = `技术比武（编辑器 ${Date.now()}）`;
  await logIn(page, "organiser");
  await page.goto("/contests/new");
  await page.getByLabel("竞赛名称").fill(name);
  await page.getByLabel("竞赛类别").selectOption({ label: "技术比武" });
  await page.getByRole("button", { name: "新建竞赛" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.getByRole("link", { name: "新增赛项" }).click();
  // the tie-break choices read as words, not keys such as "component:practical"
  await expect(page.getByRole("option", { name: "实操成绩高者在前" }).first()).toBeAttached();
  await expect(page.getByRole("option", { name: "component:practical" })).toHaveCount(0);
  await page.getByRole("textbox", { name: "工种", exact: true }).fill("电工");
  await page.getByRole("button", { name: "新建" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "评分标准：电工 职工组" })).toBeVisible();
  await page.waitForLoadState("networkidle");

  await page.getByRole("button", { name: "添加组成部分" }).click();
  await page.getByLabel("权重（如 0.3） C1", { exact: true }).fill("1");
  await page.getByLabel("满分 A1", { exact: true }).fill("60");
  await page.getByRole("button", { name: "添加评分点" }).click();
  await page.getByLabel("评分方式 A2", { exact: true }).selectOption({ label: "测量" });
  await page.getByLabel("测量规则 A2", { exact: true }).selectOption({ label: "按步扣分" });
  await page.getByLabel("满分 A2", { exact: true }).fill("40");
  await page.getByLabel("公差 A2", { exact: true }).fill("0.5");
  await page.getByLabel("步长 A2", { exact: true }).fill("0.1");
  await page.getByLabel("每步扣分 A2", { exact: true }).fill("5");
  await page.getByRole("button", { name: "添加评分点" }).click();
  await page.getByRole("button", { name: "删除评分点 A3" }).click();
  await expect(page.getByLabel("满分 A3", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "保存评分标准" }).click();
  await expect(page.getByRole("status").filter({ hasText: "评分标准已保存" })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel("满分 A1", { exact: true })).toHaveValue("60");
  await expect(page.getByLabel("测量规则 A2", { exact: true })).toHaveValue("steps");
  await expect(page.getByLabel("每步扣分 A2", { exact: true })).toHaveValue("5");
  await expect(page.getByLabel("满分 A3", { exact: true })).toHaveCount(0);
});
