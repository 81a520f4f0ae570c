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
// The walk runs twice, whole, once per language (issue 12: "in both languages"): each run makes its
// own contest and event. In the English run every person opens the sign-in page with an English
// browser, switches the page to English with the header's button, signs in and switches the account
// to English too (the language is kept on the account); `finally` switches every account back.
// Every text a locator looks for is a `t(zh, en)` pair taken from the i18n catalogues.
// In the English run every page the walk visits is read as its reader sees it (issue 12 item 9,
// "English mode complete"): no Chinese may be left but user data, and the data is named explicitly
// (people's and organisations' names from the demo database, and what the walk itself types), so
// a Chinese option, prize, date or suffix coming from the interface is caught.

const port = Number(process.env.E2E_PORT ?? 3999);
const dbFile = path.resolve(`tests/.tmp/e2e-${port}.db`);

const DESKTOP = { width: 1366, height: 768 };
const TABLET = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const BIG = { width: 1920, height: 1080 };

type Lang = "zh" | "en";
let problems: string[] = [];
/** Chinese found on English pages (outside the data named in `dataNames`). */
let chinese: string[] = [];

// Chinese characters and full-width punctuation (the English colon is ":", not "：").
const CJK = /[\u3400-\u9fff\u3001-\u303f\uff01-\uff5e]/;

/**
 * The data the English pages may show in Chinese, longest first: what people typed into the demo
 * database (names of people, organisations, contests, events, trades, sessions, marking-scheme
 * parts, a judge's professional title) and what the walk types. Values the platform itself offers
 * (classes, groups' default names, statuses, skill levels, prizes, dates) are not data: the
 * interface must show them in English.
 */
function dataNames(typed: string[]): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const rows = db.prepare(`SELECT name AS s FROM Member UNION SELECT displayName FROM User UNION SELECT name FROM Organisation
    UNION SELECT name FROM Contest UNION SELECT name FROM ContestEvent UNION SELECT trade FROM ContestEvent
    UNION SELECT name FROM ContestSession UNION SELECT title FROM JudgeProfile`).all() as { s: string | null }[];
  const schemes = db.prepare("SELECT markingScheme AS s FROM ContestEvent").all() as { s: string }[];
  db.close();
  const names: string[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) (k === "name" && typeof v === "string" ? names.push(v) : collect(v));
  };
  for (const { s } of schemes) collect(JSON.parse(s));
  return [...new Set([...rows.map((r) => r.s ?? ""), ...names, ...typed])].filter((s) => s && CJK.test(s)).sort((a, b) => b.length - a.length);
}

/**
 * The English run's check of one page: the page's text as its reader sees it (decorations hidden
 * from readers, elements marked lang="zh" such as the language button's "中文", and records shown
 * verbatim with translate="no" left out), minus the named data, must hold no Chinese.
 */
async function englishOnly(page: Page, data: string[], where: string) {
  const text = await page.evaluate(() => {
    const hidden = [...document.querySelectorAll<HTMLElement>('body [lang="zh"], body [aria-hidden="true"], body [translate="no"]')];
    const before = hidden.map((el) => el.style.display);
    hidden.forEach((el) => { el.style.display = "none"; });
    const seen = document.body.innerText;
    hidden.forEach((el, i) => { el.style.display = before[i]; });
    return seen;
  });
  const path = new URL(page.url()).pathname;
  for (const line of text.split("\n")) {
    let rest = line;
    for (const s of data) if (rest.includes(s)) rest = rest.split(s).join(" ");
    if (CJK.test(rest)) chinese.push(`${where} ${path}: "${line.trim()}"`);
  }
}

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

async function open(browser: Browser, who: string, viewport: { width: number; height: number }, locale: string): Promise<Person> {
  const context = await browser.newContext({ viewport, locale, hasTouch: viewport === TABLET || viewport === PHONE });
  const page = await context.newPage();
  guardTyping(page);
  watch(page, who);
  return { page, context };
}

/** The header's language button (the language is kept on the account once signed in). */
async function switchTo(page: Page, lang: Lang) {
  if ((await page.locator("html").getAttribute("lang")) === lang) return;
  await page.getByRole("button", { name: lang === "en" ? /English/ : /中文/ }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
}

async function signIn(page: Page, username: string, lang: Lang, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await switchTo(page, lang);
  const en = lang === "en";
  await page.getByLabel(en ? "Username" : "用户名").fill(username);
  await page.getByLabel(en ? "Password" : "密码").fill(password);
  await page.getByRole("button", { name: en ? "Sign in" : "登录", exact: true }).click();
  // signed in once the header names the person: only then is the page in the account's own language
  await expect(page.locator("header .who")).toBeVisible();
}

async function person(browser: Browser, username: string, viewport: { width: number; height: number }, lang: Lang, switched: Page[]): Promise<Person> {
  const p = await open(browser, username, viewport, lang === "en" ? "en-GB" : "zh-CN");
  await signIn(p.page, username, lang);
  await expect(p.page).toHaveURL(/\/$/);
  // the account's own language comes back with the sign-in: switch it, and back at the end
  if ((await p.page.locator("html").getAttribute("lang")) !== lang) {
    await switchTo(p.page, lang);
    switched.push(p.page);
  }
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

for (const lang of ["zh", "en"] as const) {
  test(`${lang}: a union office runs a skills contest from an empty contest to a verified certificate, no admin, no typed URL`, async ({ browser }) => {
    test.setTimeout(240_000);
    problems = [];
    chinese = [];
    const en = lang === "en";
    /** The Chinese text and its English from the i18n catalogues. */
    const t = <T,>(zh: T, english: T): T => (en ? english : zh);
    /** English names are often words inside longer names ("Name" in "Username"): match the English whole
     * (a required field's label ends in " *"); the Chinese is matched as before. */
    const w = (zh: string, english: string): string | RegExp => (en ? new RegExp(`^${english.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}( \\*)?$`) : zh);
    const MENU = t("菜单", "Menu");
    const switched: Page[] = [];
    const tag = `${Date.now()}`.slice(-6);
    const contestName = t(`2027年杭州市职工技能大赛（办公室演练 ${tag}）`, `2027 Hangzhou Workers' Skills Contest (office walk ${tag})`);
    const trade = t(`电工${tag}`, `Electrician${tag}`);
    // the group's default name is in the organiser's language (职工组 / Employees)
    const eventName = `${trade} ${t("职工组", "Employees")}`;
    const officeUser = `office${lang}${tag}`;
    const officeName = t(`组委会办公室 许晴${tag}`, `Committee office Xu Qing${tag}`);
    const aspect = t("安装质量", "Installation quality");
    const worker = workerName();
    const signatures = ["裁判 李志强", "裁判 赵慧敏"];
    const data = dataNames(signatures);
    /** In the English run, the page must be English but for the data. */
    const ui = async (page: Page, where: string) => {
      if (en) await englishOnly(page, data, where);
    };

    try {
      // ------------------------------------------------------------ the organiser sets up (desktop)
      const org = await person(browser, "organiser", DESKTOP, lang, switched);
      let p = org.page;
      await ui(p, "organiser home");
      await menu(p, t("竞赛", "Contests"), MENU);
      await expect(p.getByRole("link", { name: t("新建竞赛", "New contest") })).toBeVisible();
      await ui(p, "contests");
      await p.getByRole("link", { name: t("新建竞赛", "New contest") }).click();
      await expect(p.getByLabel(t("竞赛名称", "Contest name"))).toBeVisible();
      await ui(p, "new contest");
      await p.getByLabel(t("竞赛名称", "Contest name")).fill(contestName);
      await p.getByLabel(t("报名开始日期", "Registration opens")).fill(chinaDay(-1));
      await p.getByLabel(t("报名截止日期", "Registration closes")).fill(chinaDay(30));
      await p.getByLabel(t("比赛开始日期", "Contest starts")).fill(chinaDay(40));
      await p.getByLabel(t("比赛结束日期", "Contest ends")).fill(chinaDay(41));
      await p.getByRole("button", { name: t("新建竞赛", "New contest") }).click();
      await expect(p.getByRole("heading", { level: 1, name: contestName })).toBeVisible();
      await ui(p, "contest");

      await p.getByRole("link", { name: t("新增赛项", "New event") }).click();
      await p.getByRole("textbox", { name: t("工种", "Trade"), exact: true }).fill(trade);
      await ui(p, "new event");
      await p.getByRole("button", { name: w("新建", "New") }).click();
      await expect(p.getByRole("heading", { level: 1, name: `${t("评分标准：", "Marking scheme: ")}${eventName}` })).toBeVisible();
      await p.waitForLoadState("networkidle");
      await p.getByRole("button", { name: t("添加组成部分", "Add component") }).click();
      await p.getByLabel(t("权重（如 0.3） C1", "Weight (e.g. 0.3) C1"), { exact: true }).fill("1");
      await p.getByLabel(t("名称 C1", "Name C1"), { exact: true }).fill(t("实际操作", "Practical"));
      await p.getByLabel(t("模块名称 M1", "Module name M1"), { exact: true }).fill(t("线路安装", "Wiring"));
      await p.getByLabel(t("评分点名称 A1", "Aspect A1"), { exact: true }).fill(aspect);
      await p.getByLabel(t("满分 A1", "Max A1"), { exact: true }).fill("100");
      await p.getByRole("button", { name: t("保存评分标准", "Save marking scheme") }).click();
      await expect(p.getByRole("status").filter({ hasText: t("评分标准已保存", "Marking scheme saved") })).toBeVisible();
      await ui(p, "marking scheme");

      // the third approval level gets its person: a new account, then a seat in the 组委会办公室
      await menu(p, t("账号与角色", "Accounts and roles"), MENU);
      await expect(p.getByRole("link", { name: t("新建账号", "New account") })).toBeVisible();
      await ui(p, "accounts");
      await p.getByRole("link", { name: t("新建账号", "New account") }).click();
      await expect(p.getByRole("heading", { level: 1, name: t("新建账号", "New account") })).toBeVisible();
      await p.waitForLoadState("networkidle");
      await ui(p, "new account");
      await p.getByLabel(w("用户名", "Username")).fill(officeUser);
      await p.getByLabel(w("姓名", "Name")).fill(officeName);
      await p.getByLabel(w("角色", "Role")).selectOption({ label: t("审核人", "Reviewer") });
      await p.getByLabel(t("组织（含下级）", "Organisation (and below)")).selectOption({ label: "杭州市总工会" });
      await p.getByRole("button", { name: t("新建", "New"), exact: true }).click();
      const oneTime = (await p.getByTestId("one-time-password").textContent())!.trim();
      await ui(p, "account created");

      await menu(p, t("竞赛", "Contests"), MENU);
      await p.getByRole("link", { name: contestName }).click();
      await p.getByRole("combobox", { name: w("工作组", "Group") }).selectOption({ label: t("办公室", "Office") });
      await p.getByRole("combobox", { name: t(/^账号/, /^Account/) }).selectOption({ label: `${officeName}${t("（", " (")}${officeUser}${t("）", ")")}` });
      await p.getByRole("textbox", { name: w("姓名", "Name") }).fill(officeName);
      await p.getByRole("button", { name: t("添加成员", "Add member") }).click();
      await expect(p.getByRole("status").filter({ hasText: t("已添加组委会成员", "Committee member added") })).toBeVisible();
      await expect(p.getByRole("region", { name: w("办公室", "Office") })).toContainText(officeName);
      await ui(p, "committee member added");

      // a session with stations, and the judges
      const sessionName = t("上午场", "Morning");
      await p.getByRole("link", { name: eventName, exact: true }).click();
      await expect(p.getByRole("heading", { level: 1, name: eventName })).toBeVisible();
      await ui(p, "event (organiser)");
      await p.getByRole("link", { name: w("场次", "Sessions") }).click();
      await p.getByLabel(w("场次名称", "Session")).fill(sessionName);
      await p.getByLabel(w("赛位数", "Stations")).fill("6");
      await p.getByRole("button", { name: t("新增场次", "Add a session") }).click();
      await expect(p.getByRole("region", { name: sessionName })).toBeVisible();
      await ui(p, "sessions");
      await p.goBack();
      await p.getByRole("link", { name: t("裁判分配", "Judge assignment") }).click();
      for (const [judge, role] of [["judge", t("裁判", "Judge")], ["judge2", t("裁判", "Judge")], ["chief_judge", t("裁判长", "Chief judge")]] as const) {
        const row = p.getByRole("row").filter({ has: p.getByText(judge, { exact: true }) });
        await row.getByText(t("选派", "Assign"), { exact: true }).first().click();
        // the label holds the select, so its name goes on with the chosen option ("Role Judge")
        await row.getByLabel(t<string | RegExp>("角色", /^Role\b/)).selectOption({ label: role });
        await row.getByRole("button", { name: w("选派", "Assign") }).click();
        await expect(p.getByRole("status").filter({ hasText: t("已选派", "Assigned") })).toBeVisible();
      }
      await ui(p, "judge assignment");

      // open registration
      await menu(p, t("竞赛", "Contests"), MENU);
      await p.getByRole("link", { name: contestName }).click();
      await p.getByRole("button", { name: t("开放报名", "Open registration") }).click();
      await expect(p.getByTestId("contest-status")).toHaveText(t("报名中", "Registration open"));
      await ui(p, "contest open");

      // ------------------------------------------------------------ the new office account's first sign-in
      const office = await open(browser, officeUser, DESKTOP, t("zh-CN", "en-GB"));
      await signIn(office.page, officeUser, lang, oneTime);
      await expect(office.page).toHaveURL(/\/account(\?|$)/);
      await switchTo(office.page, lang);
      await ui(office.page, "first sign-in");
      const officePassword = `Qing${tag}mima`;
      await office.page.locator("#currentPassword").fill(oneTime);
      await office.page.getByLabel(t("新密码", "New password"), { exact: true }).fill(officePassword);
      await office.page.getByLabel(t("确认新密码", "Confirm new password")).fill(officePassword);
      await office.page.getByRole("button", { name: w("保存", "Save") }).click();
      await expect(office.page).toHaveURL(/\/$/);
      await ui(office.page, "office home");

      // ------------------------------------------------------------ the unit contact registers workers (desktop)
      const contact = await person(browser, "contact", DESKTOP, lang, switched);
      p = contact.page;
      await ui(p, "contact home");
      await menu(p, t("报名", "Registrations"), MENU);
      await expect(p.getByRole("link", { name: t("单位集体报名", "Register my unit's entrants") })).toBeVisible();
      await ui(p, "registrations");
      await p.getByRole("link", { name: t("单位集体报名", "Register my unit's entrants") }).click();
      const eventField = p.getByLabel(w("赛项", "Event"));
      const eventOption = eventField.locator("option", { hasText: eventName });
      await eventField.selectOption(await eventOption.getAttribute("value"));
      await p.getByRole("button", { name: w("显示", "Show") }).click();
      const members = p.getByRole("group", { name: w("选择会员", "Members") });
      await expect(members).toBeVisible();
      await ui(p, "unit registration");
      await members.getByLabel(worker).check();
      const others = members.locator("input[type=checkbox]:not(:checked):not(:disabled)");
      const entrants = [worker];
      for (let i = 0; i < 2; i++) {
        const box = others.first();
        const label = (await p.locator(`label[for="${await box.getAttribute("id")}"]`).innerText()).split(" ")[0];
        await box.check();
        entrants.push(label);
      }
      await p.getByLabel(t("本人声明：本年度无重大事故", "I declare no serious accident this year")).check();
      await p.getByRole("button", { name: t("为所选会员报名", "Register the selected members") }).click();
      await expect(p.getByRole("status").filter({ hasText: "3" })).toBeVisible();
      await ui(p, "unit registered");

      // ------------------------------------------------------------ three approval levels, in bulk
      async function approveAll(page: Page) {
        await menu(page, t("报名", "Registrations"), MENU);
        await page.getByRole("link", { name: t("报名审核", "Review registrations") }).click();
        const mine = page.getByTestId("review-item").filter({ hasText: contestName });
        await expect(mine).toHaveCount(3);
        await ui(page, "review queue");
        for (const box of await mine.getByRole("checkbox").all()) await box.check();
        await page.getByRole("button", { name: t("批量通过所选", "Approve selected") }).click();
        await expect(page.getByRole("status").filter({ hasText: t("已通过 3 条", "3 approved.") })).toBeVisible();
        await expect(page.getByTestId("review-item").filter({ hasText: contestName })).toHaveCount(0);
      }
      await approveAll(contact.page);
      await approveAll(org.page);
      await approveAll(office.page);

      // ------------------------------------------------------------ registration closes (organiser)
      p = org.page;
      await menu(p, t("竞赛", "Contests"), MENU);
      await p.getByRole("link", { name: contestName }).click();
      await p.getByRole("button", { name: t("截止报名", "Close registration") }).click();
      await expect(p.getByTestId("contest-stage")).toContainText(t("报名截止", "Registration closed"));
      await ui(p, "contest closed");

      // ------------------------------------------------------------ the encryption officer draws (desktop)
      const enc = await person(browser, "encryptor", DESKTOP, lang, switched);
      p = enc.page;
      await menu(p, t("竞赛", "Contests"), MENU);
      await p.getByRole("link", { name: contestName }).click();
      await p.getByRole("link", { name: eventName, exact: true }).click();
      await expect(p.getByRole("heading", { level: 1, name: eventName })).toBeVisible();
      await ui(p, "event (encryption officer)");
      // the event page's next step for this role
      await p.getByTestId("stage-action").filter({ hasText: t("抽签与加密", "draw and blind codes") }).click();
      await p.getByLabel(t("请输入“抽签”两个字确认", "Type DRAW to confirm")).fill(t("抽签", "DRAW"));
      await p.getByRole("button", { name: t("执行抽签", "Run the draw") }).click();
      await expect(p.getByRole("status").first()).toBeVisible();
      const mapping = p.getByRole("table").last();
      const workerStation = (await mapping.getByRole("row").filter({ hasText: worker }).getByRole("cell").nth(9).innerText()).trim();
      const stations = (await mapping.getByRole("row").all()).length - 1;
      expect(stations).toBe(3);
      await ui(p, "draw");

      // ------------------------------------------------------------ judges mark on a tablet (1280×800)
      for (const [username, signature] of [["judge", signatures[0]], ["judge2", signatures[1]]]) {
        const judge = await person(browser, username, TABLET, lang, switched);
        p = judge.page;
        await menu(p, t("评分", "Marking"), MENU);
        const card = p.getByRole("listitem").filter({ hasText: eventName });
        await expect(card).toBeVisible();
        await ui(p, "judging events");
        await card.getByRole("link", { name: w("进入评分", "Open") }).click();
        await expect(p.getByRole("heading", { name: t("选择工位号", "Choose a station code") })).toBeVisible();
        await ui(p, "station codes");
        const codes = await p.getByRole("button", { name: /^[A-Z0-9]{2,}/ }).allInnerTexts();
        expect(codes.length).toBeGreaterThanOrEqual(3);
        for (const code of codes.map((c) => c.split(/\s/)[0]).slice(0, 3)) {
          // a click before the marking page has hydrated on a loaded machine does nothing: click again
          const sheet = p.getByRole("heading", { name: new RegExp(code) });
          await expect(async () => {
            if (!(await sheet.isVisible())) await p.getByRole("button", { name: new RegExp(`^${code}`) }).click({ timeout: 3_000 });
            await expect(sheet).toBeVisible({ timeout: 3_000 });
          }).toPass({ timeout: 30_000 });
          const value = code === workerStation ? "92" : "81";
          await p.getByRole("button", { name: new RegExp(aspect) }).click();
          for (const key of value) await p.getByRole("button", { name: key, exact: true }).click();
          await p.getByRole("button", { name: t("确定", "OK"), exact: true }).click();
          await expect(p.getByTestId("sheet-save-state")).toHaveText(t("已保存到服务器", "Saved on the server"));
          await ui(p, "marking sheet");
          await p.getByRole("button", { name: t("提交并签字", "Submit and sign") }).click();
          await p.getByLabel(t("签字（输入您的姓名）", "Signature (type your name)")).fill(signature);
          await p.getByLabel(t("签字 PIN（6 位数字）", "Signing PIN (6 digits)")).fill("123456");
          await p.getByRole("button", { name: t("确认提交", "Submit"), exact: true }).click();
          await expect(p.getByText(`${t("已提交签字：", "Submitted and signed: ")}${signature}`)).toBeVisible();
          await ui(p, "sheet signed");
          await p.getByRole("button", { name: t("← 工位号列表", "← Station codes") }).click();
        }
      }

      async function toEvent(page: Page) {
        await menu(page, t("竞赛", "Contests"), MENU);
        await page.getByRole("link", { name: contestName }).click();
        await page.getByRole("link", { name: eventName, exact: true }).click();
        await expect(page.getByRole("heading", { level: 1, name: eventName })).toBeVisible();
        await ui(page, "event");
      }

      // ------------------------------------------------------------ the chief judge signs with their own PIN (tablet)
      const chief = await person(browser, "chief_judge", TABLET, lang, switched);
      p = chief.page;
      await toEvent(p);
      await p.getByRole("link", { name: t("裁判长控制台", "Chief judge console"), exact: true }).click();
      await expect(p.getByText(t("没有未解决的差异标记。", "No open discrepancy flags."))).toBeVisible();
      await ui(p, "chief judge console");
      await p.getByLabel(t("签字 PIN（整个赛项）", "Signing PIN (Whole event)")).fill("123456");
      await p.getByRole("button", { name: t("签字锁定（整个赛项）", "Sign off (Whole event)") }).click();
      await expect(p.getByRole("status").filter({ hasText: t("已签字锁定。", "Signed off.") })).toBeVisible();
      await ui(p, "signed off");

      // ------------------------------------------------------------ the supervisor re-checks (rule S-40, desktop)
      const sup = await person(browser, "supervisor", DESKTOP, lang, switched);
      p = sup.page;
      await toEvent(p);
      await p.getByRole("link", { name: t("复核", "Re-check"), exact: true }).click();
      await p.getByRole("button", { name: t("抽取复核名单", "Draw the re-check list") }).click();
      await expect(p.getByRole("status").filter({ hasText: t("复核名单已抽取。", "Re-check list drawn.") })).toBeVisible();
      const checks = p.getByRole("button", { name: w("复核完毕", "Checked") });
      await expect(checks.first()).toBeVisible();
      await ui(p, "re-check list");
      for (let left = await checks.count(); left > 0; left--) {
        await checks.first().click();
        await expect(checks).toHaveCount(left - 1);
      }
      await expect(p.getByText(t(/状态：(通过|全部复核完成)/, /Status: (Passed|Full re-check completed)/))).toBeVisible();
      await ui(p, "re-check done");

      // ------------------------------------------------------------ decryption, layer by layer, the supervisor witnessing (desktop)
      p = enc.page;
      await toEvent(p);
      await p.getByRole("link", { name: t("解密", "Decryption"), exact: true }).click();
      for (const layer of t(["第 2 层：工位号 → 参赛号", "第 1 层：参赛号 → 选手"], ["Layer 2: station code → entry number", "Layer 1: entry number → person"])) {
        await p.getByLabel(t("见证人账号", "Witness's username")).fill("supervisor");
        await p.getByLabel(t("或见证人登录密码", "Or the witness's password")).fill(DEMO_PASSWORD);
        await p.getByRole("button", { name: `${t("解开", "Open ")}${layer}` }).click();
        await expect(p.getByRole("listitem").filter({ hasText: layer })).toBeVisible();
      }
      await expect(p.getByRole("row").filter({ hasText: worker })).toBeVisible();
      await ui(p, "decryption");

      // ------------------------------------------------------------ publication: 公示 (organiser, desktop)
      p = org.page;
      await toEvent(p);
      await p.getByRole("link", { name: t("成绩公示与发布", "Publication"), exact: true }).click();
      await p.getByLabel(t("公示天数", "Notice period (days)")).fill("5");
      await ui(p, "publication");
      const confirmation = p.getByLabel(t("确认说明（人数不足仍按比例设奖的理由）", "Confirmation (why prizes by share stand for this small field)"));
      if (await confirmation.count()) await confirmation.fill(t("首届比赛报名人数少，经组委会研究仍按比例设奖", "A first contest with few entrants: the committee keeps the prizes by share"));
      await p.getByRole("button", { name: w("发布公示", "Publish") }).click();
      await expect(p.getByRole("status").filter({ hasText: t("已发布第 1 版公示", "Version 1 published") })).toBeVisible();
      await ui(p, "publication published");
      await toEvent(p);
      await expect(p.getByTestId("event-stage")).toContainText(t("公示中", "Results on notice"));

      // the big screen at 1920×1080 (the organiser's account already speaks the run's language)
      const screen = await person(browser, "organiser", BIG, lang, switched);
      await toEvent(screen.page);
      await screen.page.getByRole("link", { name: t("大屏模式", "Big screen"), exact: true }).click();
      await expect(screen.page.getByText(worker).first()).toBeVisible();
      await expect(screen.page.locator("html")).toHaveAttribute("lang", lang);
      await ui(screen.page, "big screen");
      await screen.context.close();

      // the notice period ends (by the clock): 已发布
      endNoticePeriod(eventName);
      await p.reload();
      await expect(p.getByTestId("event-stage")).toContainText(t("已发布", "Published"));
      await ui(p, "event published");

      // ------------------------------------------------------------ the worker on a phone: 我的成绩 → certificate → verify
      const phone = await person(browser, "worker", PHONE, lang, switched);
      p = phone.page;
      await menu(p, t("我的成绩", "My results"), MENU);
      await expect(p.getByRole("heading", { level: 1, name: t("我的成绩", "My results") })).toBeVisible();
      const mine = p.locator("article, tr, li").filter({ hasText: contestName }).first();
      const certificate = mine.getByRole("link", { name: t("下载证书", "Download") });
      await expect(certificate).toBeVisible();
      await ui(p, "my results");
      // cards, not a table wider than the phone
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      const downloading = p.waitForEvent("download");
      await certificate.click();
      const download = await downloading;
      // the file is named in the reader's language
      expect(download.suggestedFilename()).toMatch(t(/^证书-.*\.pdf$/, /^certificate-.*\.pdf$/));
      await mine.getByRole("link", { name: t("核验", "Verify") }).click();
      await expect(p.getByRole("heading", { level: 1, name: t("证书核验", "Certificate verification") })).toBeVisible();
      await expect(p.getByRole("status").filter({ hasText: t("状态", "Status") })).toContainText(t("有效", "Valid"));
      await expect(p.getByText(worker).first()).toBeVisible();
      await ui(p, "verify");

      // the organiser sees the published stages and the results notice
      p = org.page;
      await menu(p, t("竞赛", "Contests"), MENU);
      await p.getByRole("link", { name: contestName }).click();
      await expect(p.getByTestId("contest-stage")).toHaveText(`${t("阶段：", "Stage: ")}${t("已发布", "Published")}`);
      await ui(p, "contest published");
      await p.getByRole("link", { name: eventName, exact: true }).click();
      await expect(p.getByTestId("event-stage")).toHaveText(`${t("阶段：", "Stage: ")}${t("已发布", "Published")}`);
      await p.getByRole("link", { name: t("成绩公示", "Results notice"), exact: true }).click();
      await expect(p.getByRole("row").filter({ hasText: worker })).toBeVisible();
      await ui(p, "results notice");
    } finally {
      // shown even when the walk stops early: what the English pages said in Chinese so far
      if (chinese.length) console.log(`Chinese on English pages:\n${chinese.join("\n")}`);
      // the language is kept on the account: every account switched for this run switches back
      for (const page of switched) if (!page.isClosed()) await switchTo(page, "zh");
    }

    expect(problems).toEqual([]);
    expect(chinese).toEqual([]);
  });
}
