import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { DEMO_PASSWORD, mainNav } from "./helpers";

// Issue 12, acceptance: a union office runs a whole skills contest without the administrator.
// The demo organiser (杭州市总工会) takes a new contest from nothing to a verified certificate,
// with every role at its own screen size, by clicking only: the one typed address is the sign-in
// page (and "/"); `guardTyping` fails the test on any other page.goto.
//  - office staff (organiser, the new 组委会办公室 account, unit contact, encryption officer,
//    supervisor as witness) on a 1366×768 desktop;
//  - judges and the chief judge on a 1280×800 tablet;
//  - the worker on a 390×844 phone;
//  - the big screen at 1920×1080.
// Console errors and page errors of every page of every role are collected and must be none.
// The one step no person takes is the end of the notice period (公示期): the clock ends it, so
// the test moves the board's notice end into the past in the e2e database and reloads.
// The walk runs in Chinese; at the end the worker (phone) and the organiser (desktop) switch to
// English with the header's button and check the certificate, its verification, the stages and
// the results notice again (the language is kept on the account, so both switch back).

const port = Number(process.env.E2E_PORT ?? 3999);
const dbFile = path.resolve(`tests/.tmp/e2e-${port}.db`);

const DESKTOP = { width: 1366, height: 768 };
const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const BIG = { width: 1920, height: 1080 };

const problems: string[] = [];

test.use({ actionTimeout: 15_000 });

/** page.goto is allowed only for "/" and the sign-in page: everything else is reached by clicking. */
function guardTyping(page: Page) {
  const goto = page.goto.bind(page);
  page.goto = (url: string, options?: Parameters<Page["goto"]>[1]) => {
    const where = new URL(url, "http://x").pathname;
    if (where !== "/" && where !== "/login") throw new Error(`typed URL in the office walk: ${url}`);
    return goto(url, options);
  };
}

function watch(page: Page, who: string) {
  page.on("console", (m) => {
    if (m.type() === "error" || /hydrat|did not match|server rendered/i.test(m.text())) problems.push(`${who} ${page.url()} ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`${who} ${page.url()} pageerror: ${e.message}`));
}

type Person = { page: Page; context: BrowserContext };

async function open(browser: Browser, who: string, viewport: { width: number; height: number }, locale = "zh-CN"): Promise<Person> {
  const context = await browser.newContext({ viewport, locale, hasTouch: viewport === TABLET || viewport === PHONE });
  const page = await context.newPage();
  guardTyping(page);
  watch(page, who);
  return { page, context };
}

async function signIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
}

async function person(browser: Browser, username: string, viewport: { width: number; height: number }): Promise<Person> {
  const p = await open(browser, username, viewport);
  await signIn(p.page, username);
  await expect(p.page).toHaveURL(/\/$/);
  return p;
}

/** Opens the menu on a narrow screen (a button) before choosing an entry. */
async function menu(page: Page, name: string, label = "菜单") {
  const nav = mainNav(page, label);
  const toggle = page.getByRole("button", { name: label });
  if (!(await nav.getByRole("link", { name, exact: true }).isVisible()) && (await toggle.count())) await toggle.first().click();
  await nav.getByRole("link", { name, exact: true }).click();
}

function chinaDay(offsetDays: number) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

function workerName() {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const row = db.prepare("SELECT m.name AS name FROM User u JOIN Member m ON m.id = u.memberId WHERE u.username = 'worker'").get() as { name: string };
  db.close();
  return row.name;
}

/** The notice period ends by the clock, not by anyone's click. */
function endNoticePeriod(eventName: string) {
  const db = new Database(dbFile, { fileMustExist: true });
  db.prepare(`UPDATE ResultBoard SET noticeEndsAt = ? WHERE eventId = (SELECT id FROM ContestEvent WHERE name = ?)`).run(Date.now() - 60_000, eventName);
  db.close();
}

test("a union office runs a skills contest from an empty contest to a verified certificate, no admin, no typed URL", async ({ browser }) => {
  test.setTimeout(180_000);
  const tag = `${Date.now()}`.slice(-6);
  const contestName = `2027年杭州市职工技能大赛（办公室演练 ${tag}）`;
  const trade = `电工${tag}`;
  const eventName = `${trade} 职工组`;
  const officeUser = `office${tag}`;
  const officeName = `组委会办公室 许晴${tag}`;
  const worker = workerName();

  // ------------------------------------------------------------ the organiser sets up (desktop)
  const org = await person(browser, "organiser", DESKTOP);
  let p = org.page;
  await menu(p, "竞赛");
  await p.getByRole("link", { name: "新建竞赛" }).click();
  await p.getByLabel("竞赛名称").fill(contestName);
  await p.getByLabel("报名开始日期").fill(chinaDay(-1));
  await p.getByLabel("报名截止日期").fill(chinaDay(30));
  await p.getByLabel("比赛开始日期").fill(chinaDay(40));
  await p.getByLabel("比赛结束日期").fill(chinaDay(41));
  await p.getByRole("button", { name: "新建竞赛" }).click();
  await expect(p.getByRole("heading", { level: 1, name: contestName })).toBeVisible();

  await p.getByRole("link", { name: "新增赛项" }).click();
  await p.getByRole("textbox", { name: "工种", exact: true }).fill(trade);
  await p.getByRole("button", { name: "新建" }).click();
  await expect(p.getByRole("heading", { level: 1, name: `评分标准：${eventName}` })).toBeVisible();
  await p.waitForLoadState("networkidle");
  await p.getByRole("button", { name: "添加组成部分" }).click();
  await p.getByLabel("权重（如 0.3） C1", { exact: true }).fill("1");
  await p.getByLabel("名称 C1", { exact: true }).fill("实际操作");
  await p.getByLabel("模块名称 M1", { exact: true }).fill("线路安装");
  await p.getByLabel("评分点名称 A1", { exact: true }).fill("安装质量");
  await p.getByLabel("满分 A1", { exact: true }).fill("100");
  await p.getByRole("button", { name: "保存评分标准" }).click();
  await expect(p.getByRole("status").filter({ hasText: "评分标准已保存" })).toBeVisible();

  // the third approval level gets its person: a new account, then a seat in the 组委会办公室
  await menu(p, "账号与角色");
  await p.getByRole("link", { name: "新建账号" }).click();
  await expect(p.getByRole("heading", { level: 1, name: "新建账号" })).toBeVisible();
  await p.waitForLoadState("networkidle");
  await p.getByLabel("用户名").fill(officeUser);
  await p.getByLabel("姓名").fill(officeName);
  await p.getByLabel("角色").selectOption({ label: "审核人" });
  await p.getByLabel("组织（含下级）").selectOption({ label: "杭州市总工会" });
  await p.getByRole("button", { name: "新建", exact: true }).click();
  const oneTime = (await p.getByTestId("one-time-password").textContent())!.trim();

  await menu(p, "竞赛");
  await p.getByRole("link", { name: contestName }).click();
  await p.getByRole("combobox", { name: "工作组" }).selectOption({ label: "办公室" });
  await p.getByRole("combobox", { name: /^账号/ }).selectOption({ label: `${officeName}（${officeUser}）` });
  await p.getByRole("textbox", { name: "姓名" }).fill(officeName);
  await p.getByRole("button", { name: "添加成员" }).click();
  await expect(p.getByRole("status").filter({ hasText: "已添加组委会成员" })).toBeVisible();
  await expect(p.getByRole("region", { name: "办公室" })).toContainText(officeName);

  // a session with stations, and the judges
  await p.getByRole("link", { name: eventName, exact: true }).click();
  await p.getByRole("link", { name: "场次" }).click();
  await p.getByLabel("场次名称").fill("上午场");
  await p.getByLabel("赛位数").fill("6");
  await p.getByRole("button", { name: "新增场次" }).click();
  await expect(p.getByRole("region", { name: "上午场" })).toBeVisible();
  await p.goBack();
  await p.getByRole("link", { name: "裁判分配" }).click();
  for (const [judge, role] of [["judge", "裁判"], ["judge2", "裁判"], ["chief_judge", "裁判长"]] as const) {
    const row = p.getByRole("row").filter({ has: p.getByText(judge, { exact: true }) });
    await row.getByText("选派", { exact: true }).first().click();
    await row.getByLabel("角色").selectOption({ label: role });
    await row.getByRole("button", { name: "选派" }).click();
    await expect(p.getByRole("status").filter({ hasText: "已选派" })).toBeVisible();
  }

  // open registration
  await menu(p, "竞赛");
  await p.getByRole("link", { name: contestName }).click();
  await p.getByRole("button", { name: "开放报名" }).click();
  await expect(p.getByTestId("contest-status")).toHaveText("报名中");

  // ------------------------------------------------------------ the new office account's first sign-in
  const office = await open(browser, officeUser, DESKTOP);
  await signIn(office.page, officeUser, oneTime);
  await expect(office.page).toHaveURL(/\/account(\?|$)/);
  const officePassword = `Qing${tag}mima`;
  await office.page.locator("#currentPassword").fill(oneTime);
  await office.page.getByLabel("新密码", { exact: true }).fill(officePassword);
  await office.page.getByLabel("确认新密码").fill(officePassword);
  await office.page.getByRole("button", { name: "保存" }).click();
  await expect(office.page).toHaveURL(/\/$/);

  // ------------------------------------------------------------ the unit contact registers workers (desktop)
  const contact = await person(browser, "contact", DESKTOP);
  p = contact.page;
  await menu(p, "报名");
  await p.getByRole("link", { name: "单位集体报名" }).click();
  const eventOption = p.getByLabel("赛项").locator("option", { hasText: eventName });
  await p.getByLabel("赛项").selectOption(await eventOption.getAttribute("value"));
  await p.getByRole("button", { name: "显示" }).click();
  const members = p.getByRole("group", { name: "选择会员" });
  await members.getByLabel(worker).check();
  const others = members.locator("input[type=checkbox]:not(:checked):not(:disabled)");
  const entrants = [worker];
  for (let i = 0; i < 2; i++) {
    const box = others.first();
    const label = (await p.locator(`label[for="${await box.getAttribute("id")}"]`).innerText()).split(" ")[0];
    await box.check();
    entrants.push(label);
  }
  await p.getByLabel("本人声明：本年度无重大事故").check();
  await p.getByRole("button", { name: "为所选会员报名" }).click();
  await expect(p.getByRole("status").filter({ hasText: "3" })).toBeVisible();

  // ------------------------------------------------------------ three approval levels, in bulk
  async function approveAll(page: Page) {
    await menu(page, "报名");
    await page.getByRole("link", { name: "报名审核" }).click();
    const mine = page.getByTestId("review-item").filter({ hasText: contestName });
    await expect(mine).toHaveCount(3);
    for (const box of await mine.getByRole("checkbox").all()) await box.check();
    await page.getByRole("button", { name: "批量通过所选" }).click();
    await expect(page.getByRole("status").filter({ hasText: "已通过 3 条" })).toBeVisible();
    await expect(page.getByTestId("review-item").filter({ hasText: contestName })).toHaveCount(0);
  }
  await approveAll(contact.page);
  await approveAll(org.page);
  await approveAll(office.page);

  // ------------------------------------------------------------ registration closes (organiser)
  p = org.page;
  await menu(p, "竞赛");
  await p.getByRole("link", { name: contestName }).click();
  await p.getByRole("button", { name: "截止报名" }).click();
  await expect(p.getByTestId("contest-stage")).toContainText("报名截止");

  // ------------------------------------------------------------ the encryption officer draws (desktop)
  const enc = await person(browser, "encryptor", DESKTOP);
  p = enc.page;
  await menu(p, "竞赛");
  await p.getByRole("link", { name: contestName }).click();
  await p.getByRole("link", { name: eventName, exact: true }).click();
  // the event page's next step for this role
  await p.getByTestId("stage-action").filter({ hasText: "抽签与加密" }).click();
  await p.getByLabel("请输入“抽签”两个字确认").fill("抽签");
  await p.getByRole("button", { name: "执行抽签" }).click();
  await expect(p.getByRole("status").first()).toBeVisible();
  const mapping = p.getByRole("table").last();
  const workerStation = (await mapping.getByRole("row").filter({ hasText: worker }).getByRole("cell").nth(9).innerText()).trim();
  const stations = (await mapping.getByRole("row").all()).length - 1;
  expect(stations).toBe(3);

  // ------------------------------------------------------------ judges mark on a tablet (1280×800)
  for (const [username, signature] of [["judge", "裁判 李志强"], ["judge2", "裁判 赵慧敏"]]) {
    const judge = await person(browser, username, TABLET);
    p = judge.page;
    await menu(p, "评分");
    const card = p.getByRole("listitem").filter({ hasText: eventName });
    await card.getByRole("link", { name: "进入评分" }).click();
    await expect(p.getByRole("heading", { name: "选择工位号" })).toBeVisible();
    const codes = await p.getByRole("button", { name: /^[A-Z0-9]{2,}/ }).allInnerTexts();
    expect(codes.length).toBeGreaterThanOrEqual(3);
    for (const code of codes.map((c) => c.split(/\s/)[0]).slice(0, 3)) {
      await p.getByRole("button", { name: new RegExp(`^${code}`) }).click();
      await expect(p.getByRole("heading", { name: new RegExp(code) })).toBeVisible();
      const value = code === workerStation ? "92" : "81";
      await p.getByRole("button", { name: /安装质量/ }).click();
      for (const key of value) await p.getByRole("button", { name: key, exact: true }).click();
      await p.getByRole("button", { name: "确定", exact: true }).click();
      await expect(p.getByTestId("sheet-save-state")).toHaveText("已保存到服务器");
      await p.getByRole("button", { name: "提交并签字" }).click();
      await p.getByLabel("签字（输入您的姓名）").fill(signature);
      await p.getByLabel("签字 PIN（6 位数字）").fill("123456");
      await p.getByRole("button", { name: "确认提交" }).click();
      await expect(p.getByText(`已提交签字：${signature}`)).toBeVisible();
      await p.getByRole("button", { name: "← 工位号列表" }).click();
    }
    await judge.context.close();
  }

  async function toEvent(page: Page) {
    await menu(page, "竞赛");
    await page.getByRole("link", { name: contestName }).click();
    await page.getByRole("link", { name: eventName, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: eventName })).toBeVisible();
  }

  // ------------------------------------------------------------ the chief judge signs with their own PIN (tablet)
  const chief = await person(browser, "chief_judge", TABLET);
  p = chief.page;
  await toEvent(p);
  await p.getByRole("link", { name: "裁判长控制台", exact: true }).click();
  await expect(p.getByText("没有未解决的差异标记。")).toBeVisible();
  await p.getByLabel("签字 PIN（整个赛项）").fill("123456");
  await p.getByRole("button", { name: "签字锁定（整个赛项）" }).click();
  await expect(p.getByRole("status").filter({ hasText: "已签字锁定。" })).toBeVisible();
  await chief.context.close();

  // ------------------------------------------------------------ the supervisor re-checks (rule S-40, desktop)
  const sup = await person(browser, "supervisor", DESKTOP);
  p = sup.page;
  await toEvent(p);
  await p.getByRole("link", { name: "复核", exact: true }).click();
  await p.getByRole("button", { name: "抽取复核名单" }).click();
  await expect(p.getByRole("status").filter({ hasText: "复核名单已抽取。" })).toBeVisible();
  const checks = p.getByRole("button", { name: "复核完毕" });
  await expect(checks.first()).toBeVisible();
  for (let left = await checks.count(); left > 0; left--) {
    await checks.first().click();
    await expect(checks).toHaveCount(left - 1);
  }
  await expect(p.getByText(/状态：(通过|全部复核完成)/)).toBeVisible();
  await sup.context.close();

  // ------------------------------------------------------------ decryption, layer by layer, the supervisor witnessing (desktop)
  p = enc.page;
  await toEvent(p);
  await p.getByRole("link", { name: "解密", exact: true }).click();
  for (const layer of ["第 2 层：工位号 → 参赛号", "第 1 层：参赛号 → 选手"]) {
    await p.getByLabel("见证人账号").fill("supervisor");
    await p.getByLabel("或见证人登录密码").fill(DEMO_PASSWORD);
    await p.getByRole("button", { name: `解开${layer}` }).click();
    await expect(p.getByRole("listitem").filter({ hasText: layer })).toBeVisible();
  }
  await expect(p.getByRole("row").filter({ hasText: worker })).toBeVisible();

  // ------------------------------------------------------------ publication: 公示 (organiser, desktop)
  p = org.page;
  await toEvent(p);
  await p.getByRole("link", { name: "成绩公示与发布", exact: true }).click();
  await p.getByLabel("公示天数").fill("5");
  const confirmation = p.getByLabel("确认说明（人数不足仍按比例设奖的理由）");
  if (await confirmation.count()) await confirmation.fill("首届比赛报名人数少，经组委会研究仍按比例设奖");
  await p.getByRole("button", { name: "发布公示" }).click();
  await expect(p.getByRole("status").filter({ hasText: "已发布第 1 版公示" })).toBeVisible();
  await toEvent(p);
  await expect(p.getByTestId("event-stage")).toContainText("公示中");

  // the big screen at 1920×1080
  const screen = await person(browser, "organiser", BIG);
  await toEvent(screen.page);
  await screen.page.getByRole("link", { name: "大屏模式", exact: true }).click();
  await expect(screen.page.getByText(worker).first()).toBeVisible();
  await screen.context.close();

  // the notice period ends (by the clock): 已发布
  endNoticePeriod(eventName);
  await p.reload();
  await expect(p.getByTestId("event-stage")).toContainText("已发布");

  // ------------------------------------------------------------ the worker on a phone: 我的成绩 → certificate → verify
  const phone = await person(browser, "worker", PHONE);
  p = phone.page;
  await menu(p, "我的成绩");
  await expect(p.getByRole("heading", { level: 1, name: "我的成绩" })).toBeVisible();
  const mine = p.locator("article, tr, li").filter({ hasText: contestName }).first();
  const certificate = mine.getByRole("link", { name: "下载证书" });
  await expect(certificate).toBeVisible();
  // cards, not a table wider than the phone
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  const downloading = p.waitForEvent("download");
  await certificate.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^证书-.*\.pdf$/);
  await mine.getByRole("link", { name: "核验" }).click();
  await expect(p.getByRole("heading", { level: 1, name: "证书核验" })).toBeVisible();
  await expect(p.getByRole("status").filter({ hasText: "状态" })).toContainText("有效");
  await expect(p.getByText(worker).first()).toBeVisible();

  // ------------------------------------------------------------ a shorter pass in English
  // The language is kept on the account: switch with the header's button, and back at the end.
  const switchTo = async (page: Page, lang: "zh" | "en") => {
    if ((await page.locator("html").getAttribute("lang")) === lang) return;
    await page.getByRole("button", { name: lang === "en" ? /English/ : /中文/ }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", lang);
  };
  try {
    await switchTo(phone.page, "en");
    p = phone.page;
    await menu(p, "My results", "Menu");
    await expect(p.getByRole("heading", { level: 1, name: "My results" })).toBeVisible();
    const mineEn = p.locator("article, tr, li").filter({ hasText: contestName }).first();
    await expect(mineEn.getByRole("link", { name: "Download" })).toBeVisible();
    await mineEn.getByRole("link", { name: "Verify" }).click();
    await expect(p.getByRole("heading", { level: 1, name: "Certificate verification" })).toBeVisible();
    await expect(p.getByRole("status").filter({ hasText: "Status" })).toContainText("Valid");

    p = org.page;
    await switchTo(p, "en");
    await menu(p, "Contests", "Menu");
    await p.getByRole("link", { name: contestName }).click();
    await expect(p.getByTestId("contest-stage")).toHaveText("Stage: Published");
    await p.getByRole("link", { name: eventName, exact: true }).click();
    await expect(p.getByTestId("event-stage")).toHaveText("Stage: Published");
    await p.getByRole("link", { name: "Results notice", exact: true }).click();
    await expect(p.getByRole("row").filter({ hasText: worker })).toBeVisible();
  } finally {
    await switchTo(phone.page, "zh");
    await switchTo(org.page, "zh");
  }

  expect(problems).toEqual([]);
});
