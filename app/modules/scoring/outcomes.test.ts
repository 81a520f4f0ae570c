import { describe, expect, it } from "vitest";
import { determineOutcomes, promotionTarget, type OutcomeCandidate } from "./outcomes";
import { CITY_LEVEL_OUTCOMES_EXAMPLE, NATIONAL_CLASS_ONE_OUTCOMES, type OutcomeRule } from "./settings";

const employee = (entrantId: string, rank: number, extra: Partial<OutcomeCandidate> = {}): OutcomeCandidate => ({
  entrantId,
  rank,
  employment: "employee",
  ...extra,
});

const labelsFor = (grants: { entrantId: string; label: string }[], id: string) => grants.filter((g) => g.entrantId === id).map((g) => g.label);

describe("rule S-62: national class-1 contest", () => {
  const candidates = [
    employee("first", 1, { skillLevel: 3 }),
    employee("fourth", 4, { skillLevel: 2 }),
    employee("fifth", 5),
    employee("sixth", 6, { skillLevel: 4 }),
    employee("tenth", 10, { skillLevel: 3 }),
    employee("twentieth", 20),
    employee("twenty-first", 21),
  ];
  const { grants, refusals } = determineOutcomes(candidates, NATIONAL_CLASS_ONE_OUTCOMES);

  it("1st (高级工): 全国技术能手, promoted to 技师, recommended for the 全国五一劳动奖章", () => {
    expect(labelsFor(grants, "first")).toEqual(["全国技术能手", "晋升技师（二级）", "推荐全国五一劳动奖章"]);
  });

  it("4th, already 技师: 全国技术能手 and promoted to 高级技师; not in the top 3, so no medal nomination", () => {
    expect(labelsFor(grants, "fourth")).toEqual(["全国技术能手", "晋升高级技师（一级）"]);
  });

  it("5th is in the top 5; 6th is not", () => {
    expect(labelsFor(grants, "fifth")).toContain("全国技术能手");
    expect(labelsFor(grants, "sixth")).not.toContain("全国技术能手");
  });

  it("places 6–20: promotion to 高级工, or to 技师 if already 高级工; 21st gets nothing", () => {
    expect(labelsFor(grants, "sixth")).toEqual(["晋升高级工（三级）"]);
    expect(labelsFor(grants, "tenth")).toEqual(["晋升技师（二级）"]);
    expect(labelsFor(grants, "twentieth")).toEqual(["晋升高级工（三级）"]);
    expect(labelsFor(grants, "twenty-first")).toEqual([]);
    expect(refusals.filter((r) => r.entrantId === "twenty-first")).toEqual([]);
  });

  it("each grant cites its rule", () => {
    expect(grants.every((g) => g.rule === "S-62")).toBe(true);
  });
});

describe("rule S-63: only 职工 become 技术能手; students get promotion only", () => {
  it("a student placed 2nd: no 全国技术能手, no medal nomination, promoted to 高级工", () => {
    const { grants, refusals } = determineOutcomes([{ entrantId: "s", rank: 2, employment: "student", skillLevel: 4 }], NATIONAL_CLASS_ONE_OUTCOMES);
    expect(grants.map((g) => [g.label, g.rule])).toEqual([["晋升高级工（三级）", "S-63"]]);
    expect(refusals.map((r) => r.ruleId)).toContain("national-technical-expert");
    expect(refusals[0].reason).toContain("学生选手不享受该奖励");
  });
});

describe("rule S-64: provincial tables are configurable (Zhejiang provincial class-1)", () => {
  const zhejiang: OutcomeRule[] = [
    { id: "zj-expert", rule: "S-64", fromRank: 1, toRank: 5, outcome: { type: "title", title: "浙江省技术能手" }, eligibility: {} },
    { id: "zj-promotion", rule: "S-64", fromRank: 1, toRank: 8, outcome: { type: "promotion", toLevel: 2 }, eligibility: {} },
  ];
  it("7th: no 省技术能手 (top 5) but 破格晋升 to 技师 (top 8)", () => {
    const { grants } = determineOutcomes([employee("seventh", 7, { skillLevel: 3 })], zhejiang);
    expect(grants.map((g) => g.label)).toEqual(["晋升技师（二级）"]);
  });
});

describe("rule S-65: union-run provincial contest (Hunan 2022: each event's 1st-place employee → 省五一劳动奖章)", () => {
  const hunan: OutcomeRule[] = [
    {
      id: "hn-medal",
      rule: "S-65",
      fromRank: 1,
      toRank: 1,
      outcome: { type: "nomination", honour: "湖南省五一劳动奖章" },
      eligibility: { employment: ["employee"] },
    },
  ];
  it("1st-place employee is recommended; 2nd is not", () => {
    const { grants } = determineOutcomes([employee("a", 1), employee("b", 2)], hunan);
    expect(grants.map((g) => [g.entrantId, g.label])).toEqual([["a", "推荐湖南省五一劳动奖章"]]);
  });
});

describe("rule S-66: city level — age ≤ 35 for 青年岗位能手, women for 巾帼建功标兵", () => {
  const { grants, refusals } = determineOutcomes(
    [
      employee("woman-35", 2, { age: 35, sex: "female", skillLevel: 3 }),
      employee("man-36", 3, { age: 36, sex: "male", skillLevel: 2 }),
    ],
    CITY_LEVEL_OUTCOMES_EXAMPLE,
  );

  it("a 35-year-old woman placed 2nd: 市技术能手, 青年岗位能手, 巾帼建功标兵, promoted to 技师", () => {
    expect(labelsFor(grants, "woman-35")).toEqual(["市技术能手", "青年岗位能手", "巾帼建功标兵", "晋升技师（二级）"]);
  });

  it("a 36-year-old man placed 3rd: not 青年岗位能手, not 巾帼建功标兵, and the reasons are given", () => {
    expect(labelsFor(grants, "man-36")).toEqual(["市技术能手", "晋升高级技师（一级）"]);
    expect(refusals.filter((r) => r.entrantId === "man-36").map((r) => r.ruleId)).toEqual([
      "youth-post-expert",
      "women-achievement-pacesetter",
    ]);
  });

  it("unknown age is not eligible for an age-limited title", () => {
    const { refusals: unknown } = determineOutcomes([employee("x", 1)], CITY_LEVEL_OUTCOMES_EXAMPLE);
    expect(unknown.find((r) => r.ruleId === "youth-post-expert")?.reason).toContain("缺少年龄信息");
  });
});

describe("promotionTarget", () => {
  it("to the target, one above it if already there, nothing if already above", () => {
    expect(promotionTarget(null, 2)).toBe(2);
    expect(promotionTarget(4, 2)).toBe(2);
    expect(promotionTarget(2, 2)).toBe(1);
    expect(promotionTarget(1, 2)).toBeNull();
    expect(promotionTarget(1, 1)).toBeNull();
  });
});
