// The 安康杯 dashboard's tables as data, and their words in the reader's language (issue 15 §7):
// plain TypeScript, used by the server (the workbook) and the page.
import { ankangText } from "./i18n";
import type { Locale } from "~/i18n/resources";

// Titles and column headings are keys of the "ankang" namespace (dash_<key>, dashCol_<column>):
// the page and the workbook put them in the reader's language. A region or industry left empty
// is NOT_GIVEN, shown as "未填" / "not given".
export const NOT_GIVEN = "";
export const DASHBOARD_COLUMNS = ["region", "units", "workers", "teams", "industry", "band", "unitCount", "unit", "reported", "closed", "overdue", "quiz", "submitted", "allCorrect"] as const;
export type DashboardColumn = (typeof DASHBOARD_COLUMNS)[number];
export type Table = { key: "region" | "industry" | "scores" | "hazards" | "quiz"; columns: DashboardColumn[]; rows: (string | number)[][] };

/** The dashboard's words in one language (the page's and the workbook's). */
export function dashboardText(locale: Locale) {
  const text = ankangText[locale] as Record<string, string>;
  return {
    title: (key: Table["key"]) => text[`dash_${key}`],
    column: (column: DashboardColumn) => text[`dashCol_${column}`],
    cell: (table: Table, value: string | number, k: number) => (k === 0 && value === NOT_GIVEN && (table.key === "region" || table.key === "industry") ? text.dashNotGiven : value),
  };
}

