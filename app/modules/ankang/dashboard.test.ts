import { describe, expect, it } from "vitest";
import { DASHBOARD_COLUMNS, dashboardText, NOT_GIVEN, type Table } from "./dashboard";

// Issue 15 §7 and issue 12 item 9: the 安康杯 dashboard's titles and headings come from the
// catalogue, Chinese in Chinese and English (no Chinese left) in English.
const CJK = /[\u3400-\u9fff\u3001-\u303f\uff01-\uff5e]/;
const KEYS: Table["key"][] = ["region", "industry", "scores", "hazards", "quiz"];

describe("dashboardText", () => {
  it("names every table and column in both languages", () => {
    const zh = dashboardText("zh");
    const en = dashboardText("en");
    for (const key of KEYS) {
      expect(zh.title(key)).toMatch(CJK);
      expect(en.title(key)).toMatch(/^[A-Z][a-z]/);
      expect(en.title(key)).not.toMatch(CJK);
    }
    for (const column of DASHBOARD_COLUMNS) {
      expect(zh.column(column)).toMatch(CJK);
      expect(en.column(column)).toBeTruthy();
      expect(en.column(column)).not.toMatch(CJK);
    }
    expect(zh.title("region")).toBe("按地区覆盖");
    expect(en.title("hazards")).toBe("Hazards reported and closed");
  });

  it("shows an empty region as not given, and leaves other cells alone", () => {
    const table: Table = { key: "region", columns: ["region", "units", "workers", "teams"], rows: [[NOT_GIVEN, 1, 2, 3]] };
    expect(dashboardText("zh").cell(table, NOT_GIVEN, 0)).toBe("未填");
    expect(dashboardText("en").cell(table, NOT_GIVEN, 0)).toBe("not given");
    expect(dashboardText("en").cell(table, "西湖区", 0)).toBe("西湖区");
    expect(dashboardText("en").cell(table, 2, 1)).toBe(2);
  });
});
