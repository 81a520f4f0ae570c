// Issue 12 item 3: every page names itself in the browser tab, in the reader's language.
// Walks every page route under app/routes (a route module with a default export; API routes and
// resource routes such as .pdf/.xlsx/.csv have none) and asks its `meta` for a title in zh and in en.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pageTitlesText } from "~/i18n/page-titles";
import { pageTitle } from "~/utils/meta";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");

type RouteModule = { default?: unknown; meta?: (args: unknown) => Array<Record<string, unknown>> | undefined };

/** Route files: flat files, or folders with a route.tsx/route.ts (Remix v2 flat routes). */
function routeFiles(): string[] {
  return readdirSync(ROUTES_DIR).flatMap((entry) => {
    const full = path.join(ROUTES_DIR, entry);
    if (statSync(full).isDirectory()) {
      return ["route.tsx", "route.ts"].map((f) => path.join(entry, f)).filter((f) => existsSync(path.join(ROUTES_DIR, f)));
    }
    return /\.(tsx|ts)$/.test(entry) && !/\.test\.tsx?$/.test(entry) ? [entry] : [];
  });
}

/** A page is a route with a component: api.* and resource routes (.pdf, .xlsx, .csv, .ts without a default export) are not. */
function isPageRoute(file: string): boolean {
  if (file.startsWith("api.")) return false;
  return /^export default\b/m.test(readFileSync(path.join(ROUTES_DIR, file), "utf8"));
}

const rootMatch = (locale: "zh" | "en") => [{ id: "root", pathname: "/", params: {}, data: { locale, user: null }, meta: [] }];
const howToFix = (file: string) =>
  `${file} has no page title (issue 12 item 3). Add to it:\n` +
  `  import { titled } from "~/utils/meta";\n` +
  `  export const meta = titled("yourPageKey");                        // or titled<typeof loader>("yourPageKey", (d) => d.event.name)\n` +
  `and add "yourPageKey" to BOTH zh and en in app/i18n/page-titles.ts (zh: the page's Chinese name, en: its English name).`;

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

describe("page titles (issue 12 item 3)", () => {
  const pages = routeFiles().filter(isPageRoute);

  it("finds the page routes (and leaves API and resource routes out)", () => {
    expect(pages.length).toBeGreaterThan(40);
    expect(pages).toContain("contests._index.tsx");
    expect(pages.some((f) => f.startsWith("api."))).toBe(false);
    expect(pages.some((f) => /\[\.\](pdf|xlsx|csv)/.test(f))).toBe(false);
  });

  it("every page route names its page with titled(), in zh and en", async () => {
    const problems: string[] = [];
    for (const file of pages) {
      const source = readFileSync(path.join(ROUTES_DIR, file), "utf8");
      const mod = (await import(path.join(ROUTES_DIR, file))) as RouteModule;
      if (typeof mod.meta !== "function" || !/export const meta\s*=\s*titled\b/.test(source)) {
        problems.push(howToFix(file));
        continue;
      }
      for (const locale of ["zh", "en"] as const) {
        // data undefined: the title must hold even when the loader threw (404/403).
        const descriptors = mod.meta({ data: undefined, params: {}, location: { pathname: "/" }, matches: rootMatch(locale), error: undefined }) ?? [];
        const title = descriptors.find((d) => typeof d.title === "string")?.title as string | undefined;
        const appName = pageTitle(locale, "home").split(" · ").pop()!;
        if (!title || title === appName) problems.push(`${file}: meta gives no page name in ${locale} (got ${JSON.stringify(title)}). ${howToFix(file)}`);
        else if (locale === "en" && CJK.test(title)) problems.push(`${file}: the English title has Chinese in it: ${title}. Fix its en entry in app/i18n/page-titles.ts.`);
        else if (locale === "zh" && !CJK.test(title)) problems.push(`${file}: the Chinese title is not Chinese: ${title}. Fix its zh entry in app/i18n/page-titles.ts.`);
      }
    }
    expect(problems, problems.join("\n\n")).toEqual([]);
  });

  it("the catalogue has every key in both languages, and titles put the specific part first", () => {
    expect(Object.keys(pageTitlesText.en).sort()).toEqual(Object.keys(pageTitlesText.zh).sort());
    for (const value of Object.values(pageTitlesText.en)) expect(value).not.toMatch(CJK);
    expect(pageTitle("zh", "event", "焊工")).toBe("焊工 · 赛项 · 工赛");
    expect(pageTitle("en", "event", "焊工")).toBe("焊工 · Event · Gongsai");
    expect(pageTitle("en", "contests")).toBe("Contests · Gongsai");
  });
});
