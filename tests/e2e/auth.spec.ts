import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, logIn, mainNav } from "./helpers";

// Issue 2, acceptance in a real browser: every demo role signs in and sees its own
// navigation; the server refuses pages a role may not open; signing out ends the session.

// What each account must see, worked out by hand from the role table
// (app/modules/users/roles.ts) and the permission behind each menu entry
// (app/modules/users/navigation.ts): 组织 org:read, 会员 member:read, 竞赛 contest:read,
// 账号与角色 user:read, 操作日志 event-log:read; 工作台 and 我的账号 are for everyone.
const GATED = ["组织", "竞赛", "会员", "账号与角色", "操作日志", "评分", "签到"] as const;
type Gated = (typeof GATED)[number];

// 竞赛 contest:read, 评分 judging:score, 签到 judging:encrypt (app/modules/users/roles.ts).
const EXPECTED: Record<string, { badge: string; nav: Gated[] }> = {
  admin: { badge: "系统管理员", nav: ["组织", "竞赛", "会员", "账号与角色", "操作日志", "评分"] },
  organiser: { badge: "组织者", nav: ["组织", "竞赛", "会员", "账号与角色", "操作日志"] },
  organiser_nb: { badge: "组织者", nav: ["组织", "竞赛", "会员", "账号与角色", "操作日志"] },
  chief_judge: { badge: "裁判长", nav: ["竞赛", "评分"] },
  judge: { badge: "裁判", nav: ["竞赛", "评分"] },
  judge2: { badge: "裁判", nav: ["竞赛", "评分"] },
  encryptor: { badge: "加密裁判 / 保密员", nav: ["竞赛", "会员", "签到"] },
  supervisor: { badge: "监督仲裁", nav: ["竞赛"] },
  contact: { badge: "单位联络员", nav: ["组织", "竞赛", "会员"] },
  reviewer: { badge: "审核人", nav: ["组织", "会员", "操作日志"] },
  committee: { badge: "评审委员", nav: [] },
  committee2: { badge: "评审委员", nav: [] },
  committee3: { badge: "评审委员", nav: [] },
  worker: { badge: "职工", nav: ["竞赛"] },
  proposal_office: { badge: "基层工会评选联络员", nav: ["组织", "会员"] },
  nominator: { badge: "基层工会评选联络员", nav: ["组织", "会员"] },
  reviewer_hz: { badge: "审核人", nav: ["组织", "会员", "操作日志"] },
  safety: { badge: "安全工作人员 / 考核组成员", nav: ["组织"] },
  safety_contact: { badge: "单位安全联络员", nav: ["组织", "会员"] },
  tax_consultant: { badge: "联审部门联络人", nav: [] },
  finance: { badge: "财务人员（效益确认）", nav: [] },
  labour_contact: { badge: "劳动竞赛组织者", nav: ["组织"] },
  labour_judge1: { badge: "劳动竞赛考评委员", nav: [] },
  labour_judge2: { badge: "劳动竞赛考评委员", nav: [] },
  labour_judge3: { badge: "劳动竞赛考评委员", nav: [] },
  labour_unit1: { badge: "劳动竞赛组织者", nav: ["组织"] },
};

test("the table above covers every demo account", () => {
  expect(Object.keys(EXPECTED).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
});

test.describe("each role signs in and sees its own navigation", () => {
  for (const [username, { badge, nav }] of Object.entries(EXPECTED)) {
    test(username, async ({ page }) => {
      await logIn(page, username);
      const menu = mainNav(page);
      await expect(menu.getByRole("link", { name: "工作台", exact: true })).toBeVisible();
      await expect(menu.getByRole("link", { name: "我的账号", exact: true })).toBeVisible();
      for (const label of GATED) {
        const link = menu.getByRole("link", { name: label, exact: true });
        if (nav.includes(label)) await expect(link, `${username} should see ${label}`).toBeVisible();
        else await expect(link, `${username} must not see ${label}`).toHaveCount(0);
      }
      const roles = page.getByTestId("my-roles");
      await expect(roles.locator(".badge")).toHaveText([badge]);
      await expect(page.getByRole("button", { name: "退出登录" })).toBeVisible();
    });
  }
});

test("a worker opening an organiser page gets the 403 page", async ({ page }) => {
  await logIn(page, "worker");
  const response = await page.goto("/orgs");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "没有权限（403）" })).toBeVisible();
  // A menu the worker cannot use is not offered either.
  await expect(mainNav(page).getByRole("link", { name: "组织", exact: true })).toHaveCount(0);
});

test("signing out ends the session, and the old session cookie no longer works", async ({ page, browser, baseURL }) => {
  await logIn(page, "organiser");
  const session = (await page.context().cookies()).find((c) => c.name === "gs_session");
  expect(session, "a session cookie after signing in").toBeTruthy();

  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("用户名")).toBeVisible();

  // Someone who copied the cookie before sign-out gets nothing from it.
  const stolen = await browser.newContext({ baseURL });
  try {
    await stolen.addCookies([{ ...session!, expires: -1 }]);
    const other = await stolen.newPage();
    const response = await other.goto("/orgs");
    await expect(other).toHaveURL(/\/login\?redirectTo=%2Forgs/);
    expect(response?.status()).toBe(200);
    await expect(other.getByRole("navigation", { name: "菜单" })).toHaveCount(0);
  } finally {
    await stolen.close();
  }
});

test("a wrong password shows the error in Chinese", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("用户名").fill("judge2");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("用户名或密码错误");
  await expect(page).toHaveURL(/\/login/);
  // The right password still works afterwards (one failure does not lock the account).
  await logIn(page, "judge2");
});

test("the language switch changes the interface to English and back", async ({ page }) => {
  await logIn(page, "reviewer");
  await page.getByRole("button", { name: /English/ }).click();
  const english = page.getByRole("navigation", { name: "Menu" });
  await expect(english.getByRole("link", { name: "Organisations", exact: true })).toBeVisible();
  await expect(english.getByRole("link", { name: "Event log", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  await page.getByRole("button", { name: /中文/ }).click();
  await expect(mainNav(page).getByRole("link", { name: "组织", exact: true })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh");
});

test("an unknown address shows the 404 page", async ({ page }) => {
  const response = await page.goto("/no-such-page-here");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "页面不存在（404）" })).toBeVisible();
});

test("the account page works in the browser: no script error, and a wrong current password is refused in place", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await logIn(page, "worker");
  await page.goto("/account");
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
  await expect(page.getByText("出错了")).toHaveCount(0);
  await page.getByLabel("当前密码").fill("not-my-password");
  await page.getByLabel("新密码", { exact: true }).fill("Another-pass-2026");
  await page.getByLabel("确认新密码").fill("Another-pass-2026");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByRole("heading", { name: "修改密码" })).toBeVisible();
  expect(errors).toEqual([]);
});
