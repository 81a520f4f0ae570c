import { expect, test, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import path from "node:path";
import { DEMO_ACCOUNTS, logIn, mainNav } from "./helpers";

// Issue 12 item 9 (and 8: no hydration errors on any page). For every demo role, sign in and click
// every menu entry, first in Chinese, then after switching to English with the header's button:
//  - no console error, no hydration warning;
//  - no rule code ("S-35", "N-33") and no field path ("components.0.name", "scheme.aspects:") in
//    what the reader sees, in either language;
//  - in English, no Chinese left except proper names from the data (contest, event, organisation,
//    member and account names...): every Chinese string stored in the demo database is data and is
//    taken out of the page's text before the check. A region shown verbatim as stored (the event
//    log's JSON records) is marked translate="no" and left out of every check.

const port = Number(process.env.E2E_PORT ?? 3999);
const dbFile = path.resolve(`tests/.tmp/e2e-${port}.db`);

// Chinese characters and full-width punctuation (an English colon is ":", not "："); the ideographic
// space U+3000 only indents.
const CJK = /[\u3400-\u9fff\u3001-\u303f\uff01-\uff5e]/;
const RULE_CODE = /(?<![\w-])[SNAIL]-\d{1,3}(?![\w-])/;
const FIELD_PATH = /\b[a-z][a-zA-Z]*(\.\d+)+(\.[a-zA-Z]+)*\b|\b[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+\s*[:：]/;

/** Every Chinese string the demo database holds (JSON columns read leaf by leaf), longest first. */
function dataStrings(): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  const found = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string") {
      if (!CJK.test(value)) return;
      const trimmed = value.trim();
      if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
        try { return add(JSON.parse(trimmed)); } catch { /* plain text */ }
      }
      found.add(trimmed);
      for (const line of trimmed.split(/\r?\n/)) if (line.trim()) found.add(line.trim());
    } else if (Array.isArray(value)) value.forEach(add);
    else if (value && typeof value === "object") Object.values(value).forEach(add);
  };
  // Roles and permissions are labelled by the interface's catalogue, not shown from the database.
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").all() as { name: string }[])
    .map((t) => t.name).filter((t) => !["Role", "Permission", "RolePermission"].includes(t));
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[]).filter((c) => /TEXT/i.test(c.type));
    if (!columns.length) continue;
    for (const row of db.prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(", ")} FROM "${table}"`).raw().iterate() as Iterable<unknown[]>) row.forEach(add);
  }
  db.close();
  return [...found].sort((a, b) => b.length - a.length);
}

let DATA: string[] = [];
test.beforeAll(() => {
  DATA = dataStrings();
  expect(DATA.length).toBeGreaterThan(50);
});

/** Console errors and hydration warnings of a page. */
function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on("console", (m) => {
    const text = m.text();
    if (m.type() === "error" || /hydrat|did not match|server rendered/i.test(text)) problems.push(`${page.url()} ${m.type()}: ${text}`);
  });
  page.on("pageerror", (e) => problems.push(`${page.url()} pageerror: ${e.message}`));
  return problems;
}

/**
 * What the reader sees, line by line, with the data's own strings taken out. Elements marked
 * lang="zh" (the language button's "中文", a Chinese original shown on purpose), records shown
 * verbatim (translate="no") and decorations
 * hidden from readers (aria-hidden, the brand's "工" mark) are left out.
 */
async function readerLines(page: Page, stripData: boolean) {
  const text = await page.evaluate(() => {
    const hidden = [...document.querySelectorAll<HTMLElement>('body [lang="zh"], body [aria-hidden="true"], body [translate="no"]')];
    const before = hidden.map((el) => el.style.display);
    hidden.forEach((el) => { el.style.display = "none"; });
    const seen = document.body.innerText;
    hidden.forEach((el, i) => { el.style.display = before[i]; });
    return seen;
  });
  return text.split("\n").map((line) => {
    let rest = line;
    if (stripData) for (const s of DATA) if (rest.includes(s)) rest = rest.split(s).join(" ");
    return { line, rest };
  });
}

// English mode of these pages is not complete yet, named here so the gap stays visible; every other
// check (console, hydration, rule codes, field paths, the English title) still runs on them. Remove
// an entry when its page is done. Campaigns, 安康杯, hazards, quiz, proposals and consultations were
// completed on 2026-12-07, /labour (project statuses, indicator sets, periods) the same day.
const ENGLISH_INCOMPLETE = new Set<string>([]);

async function walkMenu(page: Page, lang: "zh" | "en", problems: string[]) {
  const nav = mainNav(page, lang === "zh" ? "菜单" : "Menu");
  await expect(nav).toBeVisible();
  const hrefs = await nav.getByRole("link").evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  expect(hrefs.length).toBeGreaterThan(1);
  for (const href of hrefs) {
    await nav.locator(`a[href="${href}"]`).click();
    await expect(page).toHaveURL((url) => url.pathname === href);
    // Clicking the link of the page already shown (the home link, first) revalidates it; the next
    // click must not abort that navigation (an aborted client navigation is logged as an error
    // under load), so wait until Remix's router is idle, as a person would before reading.
    await page.waitForFunction(() => {
      const router = (window as unknown as { __remixRouter?: { state: { navigation: { state: string }; revalidation: string } } }).__remixRouter;
      return !router || (router.state.navigation.state === "idle" && router.state.revalidation === "idle");
    });
    await expect(page.locator("h1").first()).toBeVisible();
    await page.waitForLoadState("load");
    const title = await page.title();
    for (const { line, rest } of await readerLines(page, lang === "en")) {
      if (RULE_CODE.test(rest)) problems.push(`${lang} ${href}: rule code in "${line}"`);
      if (FIELD_PATH.test(rest)) problems.push(`${lang} ${href}: field path in "${line}"`);
      if (lang === "en" && !ENGLISH_INCOMPLETE.has(href) && CJK.test(rest)) problems.push(`${lang} ${href}: Chinese in "${line}"`);
    }
    if (lang === "en" && CJK.test(DATA.reduce((t, s) => t.split(s).join(" "), title))) problems.push(`en ${href}: Chinese in the title "${title}"`);
  }
}

for (const account of DEMO_ACCOUNTS) {
  test(`menu walk as ${account.username} (${account.role}), in Chinese then English`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    const problems = watchConsole(page);
    await logIn(page, account.username);
    // The language is kept on the account: start in Chinese, and leave it so for the other tests.
    const switchTo = async (lang: "zh" | "en") => {
      if ((await page.locator("html").getAttribute("lang")) === lang) return;
      await page.getByRole("button", { name: lang === "en" ? /English/ : /中文/ }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
    };
    try {
      await switchTo("zh");
      await walkMenu(page, "zh", problems);
      // The header's language button, as a person switches.
      await switchTo("en");
      await walkMenu(page, "en", problems);
    } finally {
      await switchTo("zh");
    }
    expect(problems).toEqual([]);
  });
}
