import type { MetaArgs, MetaDescriptor, MetaFunction } from "@remix-run/node";
import { pageTitlesText, type PageTitleKey } from "~/i18n/page-titles";
import { common } from "~/i18n/common";

// Page titles (issue 12 item 3). Every page route:
//   export const meta = titled("contests");                                   // 竞赛 · 工赛
//   export const meta = titled<typeof loader>("event", (d) => d.event.name);  // 焊工 · 赛项 · 工赛
// The key lives in app/i18n/page-titles.ts (namespace `titles`, zh and en). The language is the
// root loader's, so the tab follows the language switch like the page does.

type Locale = "zh" | "en";

function localeOf(matches: MetaArgs["matches"] | undefined): Locale {
  const root = matches?.find((m) => m.id === "root")?.data as { locale?: unknown } | undefined;
  return root?.locale === "en" ? "en" : "zh";
}

/** "细节 · 页面 · 工赛": the most specific part first, so a row of tabs stays readable. */
export function pageTitle(locale: Locale, key: PageTitleKey, detail?: string | null): string {
  const parts = [detail?.trim(), pageTitlesText[locale][key], common[locale].appName].filter(Boolean);
  return [...new Set(parts)].join(" · ");
}

export function titled<Loader = unknown>(
  key: PageTitleKey,
  detail?: (data: NonNullable<MetaArgs<Loader>["data"]>, locale: Locale) => string | null | undefined,
  extra: MetaDescriptor[] = [],
): MetaFunction<Loader> {
  return (args) => {
    const locale = localeOf(args.matches);
    let specific: string | null | undefined;
    try {
      // The loader may have thrown (404, 403): the page still has its generic title.
      specific = args.data != null && detail ? detail(args.data as NonNullable<MetaArgs<Loader>["data"]>, locale) : null;
    } catch {
      specific = null;
    }
    return [{ title: pageTitle(locale, key, specific) }, ...extra];
  };
}
