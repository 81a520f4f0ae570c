import { describe, expect, it } from "vitest";
import { csvField, resultCells, resultHeader, toCsv } from "./exports-format";

describe("results export format", () => {
  it("header and cells line up, names hidden while blind", () => {
    expect(resultHeader(["理论", "实操"])).toEqual(["名次", "工位号", "姓名", "单位", "理论", "实操", "总分", "奖项", "奖励与晋升"]);
    const cells = resultCells({ rank: 1, stationCode: "A01", name: null, unitName: null, scores: ["80.00", "90.00"], totalText: "87.00", prizeLabel: "一等奖", outcomes: ["市技术能手", "晋升技师（二级）"], disqualified: false });
    expect(cells).toEqual(["1", "A01", "", "", "80.00", "90.00", "87.00", "一等奖", "市技术能手；晋升技师（二级）"]);
    expect(resultCells({ rank: null, stationCode: "A02", name: "王", unitName: "厂", scores: [], totalText: "0.00", prizeLabel: null, outcomes: [], disqualified: true })[0]).toBe("取消成绩");
  });

  it("CSV: BOM, CRLF, quoting, no formulas", () => {
    expect(csvField('焊工,"A"')).toBe('"焊工,""A"""');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1.5")).toBe("-1.5");
    const csv = toCsv([["名次", "姓名"], ["1", "张三"]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe("名次,姓名\r\n1,张三\r\n");
  });
});
