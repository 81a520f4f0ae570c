import { describe, expect, it } from "vitest";
import { checkImportLines, describeImportProblem, type AuthorRef, type ImportLine } from "./import-rows";

// Issue 16: the rows of a proposal import, checked one by one (pure).

const members: Record<string, string> = { 张三: "m1", 李四: "m2" };
const resolve = (ref: string): AuthorRef => (members[ref] ? { ok: true, memberId: members[ref], name: ref } : { ok: false, zh: `找不到会员「${ref}」`, en: `no member "${ref}"` });
const line = (row: number, authors: ImportLine["authors"], extra: Partial<ImportLine> = {}): ImportLine => ({
  row, kind: "合理化建议", category: "降本", title: "节能改造", problem: null, content: null, expectedBenefit: null, expectedBenefitYuan: null, authors, ...extra,
});

describe("checkImportLines (issue 16)", () => {
  it("reads kinds and categories by Chinese label or English key, and shares as percent", () => {
    const r = checkImportLines([line(3, [{ member: "张三", share: "60%" }, { member: "李四", share: 40 }], { kind: "innovation", category: "Safety" })], resolve);
    expect(r.problems).toEqual([]);
    expect(r.rows[0]).toMatchObject({ kind: "innovation", category: "safety", authors: [{ memberId: "m1", share: 6000 }, { memberId: "m2", share: 4000 }] });
  });

  it("takes cells formatted as percentages (fractions adding up to 1)", () => {
    const r = checkImportLines([line(3, [{ member: "张三", share: 0.6 }, { member: "李四", share: 0.4 }])], resolve);
    expect(r.rows[0].authors.map((a) => a.share)).toEqual([6000, 4000]);
  });

  it("one bad row leaves no row to write and names each row and column", () => {
    const r = checkImportLines([
      line(3, [{ member: "张三", share: 100 }]),
      line(4, [{ member: "张三", share: 50 }, { member: "王五", share: 50 }], { expectedBenefitYuan: -5 }),
      line(5, [{ member: "张三", share: 50 }, { member: null, share: 50 }]),
      line(6, [{ member: "张三", share: 100 }], { kind: "建议书", title: "x" }),
    ], resolve);
    expect(r.rows).toEqual([]);
    expect(r.problems.map(describeImportProblem)).toEqual([
      expect.stringMatching(/^第 4 行「预期年效益（元）」：「-5」不是不小于 0 的整数（元） \/ row 4, Expected annual benefit \(yuan\): /),
      expect.stringMatching(/^第 4 行「作者2」：找不到会员「王五」/),
      expect.stringMatching(/^第 5 行「作者2」：填写了贡献比例但没有填写作者/),
      expect.stringMatching(/^第 6 行「类型」：「建议书」不是有效类型/),
      expect.stringMatching(/^第 6 行「标题」：标题须为 2 至 80 个字/),
    ]);
  });

  it("refuses shares not adding up to 100 %, a missing share, and the same author twice", () => {
    const r = checkImportLines([
      line(3, [{ member: "张三", share: 70 }, { member: "李四", share: 20 }]),
      line(4, [{ member: "张三", share: 100 }, { member: "李四", share: null }]),
      line(5, [{ member: "张三", share: 50 }, { member: "张三", share: 50 }]),
    ], resolve);
    expect(r.problems.map((p) => `${p.row} ${p.column} ${p.zh}`)).toEqual([
      "3 贡献比例1（%） 作者贡献比例合计须为 100%，现为 90%",
      "4 贡献比例2（%） 请填写作者「李四」的贡献比例",
      "5 作者2 作者「张三」重复",
    ]);
  });
});
