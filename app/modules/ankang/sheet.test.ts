import { describe, expect, it } from "vitest";
import { half } from "./bilingual";
import { itemDifferences, scoreSheet, sheetMax, validateEntries, checkSheetDefinition, type SheetEntries } from "./sheet";
import { CITY_SHEET_A10, NATIONAL_SHEET_A9_PARTIAL } from "./standard-sheets";

const allItems = CITY_SHEET_A10.sections.flatMap((s) => s.items);
const full = (): SheetEntries => ({ items: allItems.map((i) => ({ itemCode: i.code, score: i.maxPoints })), bonus: [], vetoes: [] });

describe("the city sheet (rule A-10)", () => {
  it("adds up to 100 with sections 12 + 35 + 25 + 15 + 13", () => {
    expect(sheetMax(CITY_SHEET_A10)).toBe(100);
    const r = scoreSheet(CITY_SHEET_A10, full(), 4);
    expect(r.sections.map((s) => s.max)).toEqual([12, 35, 25, 15, 13]);
    expect(checkSheetDefinition(CITY_SHEET_A10)).toEqual([]);
    expect(checkSheetDefinition(NATIONAL_SHEET_A9_PARTIAL)).toEqual([]);
  });

  it("deducts 1 per missing element (non-top leader as chairman −1, union chair not core −1)", () => {
    const e = full();
    e.items[0] = { itemCode: "1.1", missing: ["主要领导任主任", "工会主席为主要成员"] };
    const r = scoreSheet(CITY_SHEET_A10, e, 4);
    expect(r.sections[0]!.score).toBe(10);
    expect(r.total).toBe(98);
  });

  it("caps the bonus at +4 in the total and refuses entering more (rule A-10)", () => {
    const e = full();
    e.bonus = [{ itemCode: "B1", score: 2 }, { itemCode: "B2", score: 2 }, { itemCode: "B3", score: 1 }];
    expect(scoreSheet(CITY_SHEET_A10, e, 4).bonus).toBe(4);
    expect(scoreSheet(CITY_SHEET_A10, e, 4).total).toBe(104);
    expect(validateEntries(CITY_SHEET_A10, e, { bonusCap: 4, complete: false })).toEqual([{ code: "bonusAboveCap", cap: 4, total: 5 }]);
    e.bonus = [{ itemCode: "B1", score: 2 }, { itemCode: "B2", score: 2 }];
    expect(validateEntries(CITY_SHEET_A10, e, { bonusCap: 4, complete: true })).toEqual([]);
  });

  it("refuses a score above the item's maximum", () => {
    const e = full();
    e.items[1] = { itemCode: "1.2", score: 4.5 };
    expect(validateEntries(CITY_SHEET_A10, e, { bonusCap: 4, complete: false })).toEqual([{ code: "scoreAboveMax", itemCode: "1.2", max: 4, score: 4.5 }]);
  });

  it("refuses submitting with an item unscored, but accepts it as a draft", () => {
    const e = full();
    e.items = e.items.filter((i) => i.itemCode !== "3.2");
    expect(validateEntries(CITY_SHEET_A10, e, { bonusCap: 4, complete: false })).toEqual([]);
    expect(validateEntries(CITY_SHEET_A10, e, { bonusCap: 4, complete: true })).toEqual([{ code: "itemUnscored", itemCode: "3.2" }]);
    expect(scoreSheet(CITY_SHEET_A10, e, 4).unscored).toEqual(["3.2"]);
  });

  it("a veto item voids the result (一票否决)", () => {
    const e = full();
    e.vetoes = ["V1"];
    expect(scoreSheet(CITY_SHEET_A10, e, 4).vetoed).toBe(true);
    expect(scoreSheet(CITY_SHEET_A10, full(), 4).vetoed).toBe(false);
  });

  it("shows the per-item difference between review and self-assessment", () => {
    const self = full();
    const review = full();
    review.items[3] = { itemCode: "2.1", score: 5 };
    const d = itemDifferences(CITY_SHEET_A10, self, review);
    expect(d.find((x) => x.itemCode === "2.1")).toMatchObject({ self: 7, review: 5, difference: -2 });
    expect(d.find((x) => x.itemCode === "1.2")!.difference).toBe(0);
  });

  it("reports duplicate codes and empty sections in a definition", () => {
    const problems = checkSheetDefinition({ sections: [{ code: "1", title: "a", items: [] }, { code: "1", title: "b", items: [{ code: "x", title: "x", maxPoints: 0 }] }], bonusItems: [], vetoItems: [] });
    expect(problems.map((p) => half(p, "zh"))).toEqual(["部分 1 没有评分项", "编号 1 重复", "评分项 x 的分值须大于 0"]);
    // in English too (issue 15 item 2)
    expect(problems.map((p) => half(p, "en"))).toEqual(["section 1 has no items", "code 1 is used twice", "item x: the points must be more than 0"]);
  });
});
