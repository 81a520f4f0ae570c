import { describe, expect, it } from "vitest";
import { checkStructureRatios, competitiveResults, listVerdict, RatioTally, type RatioEntry, type RatioRule } from "./ratios";
import { controlCapRules, DEFAULT_RATIO_RULES, quotaRules, ratioEntryOf } from "./domain";

const person = (over: Partial<RatioEntry> = {}): RatioEntry => ({
  award: "奖章", kind: "individual", category: "产业工人", quotaCategory: "产业工人", cadreRank: "", ownership: "公有", unitType: "企业", sex: "男", ethnicity: "汉族",
  isMigrantWorker: false, isNewEmployment: false, isFrontline: true, isTeamOrOffice: false, isKeyIndustry: false, ...over,
});
const medal = (category: string, over: Partial<RatioEntry> = {}) => person({ category, quotaCategory: category, ...over });
const team = (isTeamOrOffice: boolean) => person({ award: "先锋号", kind: "collective", category: "", quotaCategory: "先锋号", isTeamOrOffice });
const rule = (id: string) => DEFAULT_RATIO_RULES.find((r) => r.id === id)!;

describe("checkStructureRatios (rules N-10 … N-20)", () => {
  it("min share: ≥ 35 % 产业工人 among 奖章 nominees (rule N-10), with how many to add or replace", () => {
    const list = [medal("产业工人"), medal("产业工人"), ...Array.from({ length: 8 }, () => medal("科教人员")), team(true)];
    const [r] = checkStructureRatios(list, [rule("medal-industrial")]);
    expect(r).toMatchObject({ count: 2, base: 10, figure: 20, met: false, hard: true });
    // (2 + k) / (10 + k) ≥ 0.35 → k ≥ 2.31 → 3; replacing: 3.5 − 2 → 2
    expect(r.toAdd).toBe(3);
    expect(r.toReplace).toBe(2);
    const fixed = checkStructureRatios([...list, medal("产业工人"), medal("产业工人"), medal("产业工人")], [rule("medal-industrial")])[0];
    expect(fixed).toMatchObject({ count: 5, base: 13, met: true, toAdd: 0 });
  });

  it("exactly at the threshold is met; one below is not", () => {
    const at = [...Array.from({ length: 7 }, () => medal("产业工人")), ...Array.from({ length: 13 }, () => medal("科教人员"))];
    expect(checkStructureRatios(at, [rule("medal-industrial")])[0]).toMatchObject({ figure: 35, met: true });
    expect(checkStructureRatios(at.slice(1), [rule("medal-industrial")])[0].met).toBe(false);
  });

  it("a base: ≥ 70 % 班组/科室 among 先锋号 only (rule N-12); medals do not count", () => {
    const list = [team(true), team(true), team(false), medal("产业工人"), medal("产业工人")];
    const [r] = checkStructureRatios(list, [rule("pioneer-teams")]);
    expect(r).toMatchObject({ count: 2, base: 3, figure: 66.7, met: false, toAdd: 1, toReplace: 1 });
  });

  it("max share: 企业负责人 ≤ 13 % (rule N-13), with how many to take off", () => {
    const list = [...Array.from({ length: 3 }, () => medal("企业负责人")), ...Array.from({ length: 7 }, () => medal("产业工人"))];
    const [r] = checkStructureRatios(list, [rule("enterprise-heads")]);
    // (3 − k) / (10 − k) ≤ 0.13 → k ≥ 1.95 → 2
    expect(r).toMatchObject({ count: 3, base: 10, figure: 30, met: false, toRemove: 2 });
    expect(checkStructureRatios(list.slice(2), [rule("enterprise-heads")])[0].met).toBe(true);
  });

  it("max share over a base: 县处级 ≤ 20 % of the 机关事业 nominees (rule N-13); enterprises are not in the base", () => {
    const list = [
      medal("县处级干部", { unitType: "机关", cadreRank: "县处级" }), medal("科教人员", { unitType: "事业" }), medal("科教人员", { unitType: "事业" }),
      medal("产业工人"), medal("产业工人"), medal("产业工人"),
    ];
    expect(checkStructureRatios(list, [rule("county-cadres")])[0]).toMatchObject({ count: 1, base: 3, met: false, toRemove: 1 });
  });

  it("excluded: 厅局级 may not stand (rule N-20)", () => {
    const list = [medal("县处级干部", { unitType: "机关", cadreRank: "厅局级" }), medal("产业工人")];
    expect(checkStructureRatios(list, [rule("bureau-excluded")])[0]).toMatchObject({ met: false, toRemove: 1, requirement: expect.stringContaining("不得") });
  });

  it("max count: 控制数 (rule N-13) and 名额 by category (rule N-16)", () => {
    const list = [medal("企业负责人"), medal("企业负责人"), medal("产业工人"), team(true)];
    const caps = checkStructureRatios(list, controlCapRules({ 企业负责人: 1 }));
    expect(caps).toEqual([expect.objectContaining({ id: "cap-企业负责人", count: 2, met: false, toRemove: 1 })]);
    const quotas = checkStructureRatios(list, quotaRules([{ category: "", limit: 4 }, { category: "先锋号", limit: 0 }]));
    expect(quotas.map((q) => [q.id, q.met])).toEqual([["quota-all", true], ["quota-先锋号", false]]);
  });

  it("an empty base is no shortfall, and the verdict separates hard from advisory", () => {
    const results = checkStructureRatios([team(false)], DEFAULT_RATIO_RULES);
    expect(results.find((r) => r.id === "medal-industrial")).toMatchObject({ base: 0, figure: null, met: true });
    const verdict = listVerdict(results);
    expect(verdict.blocking.map((r) => r.id)).toEqual(["pioneer-teams"]);
    expect(verdict.advisory.map((r) => r.id)).toEqual(["nonpublic"]);
    expect(verdict.mayGoUp).toBe(false);
  });
});

describe("RatioTally: incremental counts equal a recount", () => {
  it("after adds, removals and a reclassification", () => {
    const rules: RatioRule[] = [...DEFAULT_RATIO_RULES, ...controlCapRules({ 企业负责人: 2 })];
    const list = [medal("产业工人"), medal("企业负责人"), team(true), team(false), medal("科教人员", { isMigrantWorker: true, ownership: "非公" })];
    const tally = new RatioTally(rules, list);
    expect(tally.results()).toEqual(checkStructureRatios(list, rules));
    const extra = medal("企业负责人", { unitType: "机关", cadreRank: "县处级" });
    tally.add(extra);
    tally.remove(list[0]);
    const changed = { ...list[2], isTeamOrOffice: false };
    tally.replace(list[2], changed);
    expect(tally.results()).toEqual(checkStructureRatios([list[1], changed, list[3], list[4], extra], rules));
  });

  it("reads a stored nomination: a collective's quota category is its award", () => {
    const e = ratioEntryOf({ ...team(true), category: "" });
    expect(e.quotaCategory).toBe("先锋号");
  });
});

describe("competitiveResults: 差额 (rule N-16)", () => {
  const ten = (category: string) => Array.from({ length: 10 }, () => medal(category));
  it("10 places filled at 120 % need 12 candidates to have reached the level", () => {
    const quotas = quotaRules([{ category: "产业工人", limit: 10 }]);
    const [short] = competitiveResults(quotas, 120, [...ten("产业工人"), medal("产业工人")], ten("产业工人"));
    expect(short).toMatchObject({ id: "competitive-产业工人", kind: "competitive", hard: true, source: "N-16", count: 11, base: 10, met: false, toAdd: 1, toRemove: 1, requirement: "≥ 120%（12 名）" });
    expect(short.advice).toContain("差额不足");
    expect(listVerdict([short]).mayGoUp).toBe(false);
    const [enough] = competitiveResults(quotas, 120, [...ten("产业工人"), medal("产业工人"), medal("产业工人")], ten("产业工人"));
    expect(enough).toMatchObject({ count: 12, met: true, toAdd: 0, toRemove: 0 });
  });

  it("a level filling fewer places needs fewer candidates (rule N-22), other categories do not count, 100 % asks nothing", () => {
    const quotas = quotaRules([{ category: "产业工人", limit: 10 }, { category: "", limit: 20 }]);
    const pool = [...ten("产业工人"), ...ten("科教人员")];
    const chosen = [...pool.slice(0, 8), ...pool.slice(10, 12)];
    const [industrial, total] = competitiveResults(quotas, 120, pool, chosen);
    expect(industrial).toMatchObject({ count: 10, base: 8, met: true });
    expect(total).toMatchObject({ id: "competitive-all", count: 20, base: 10, met: true });
    expect(competitiveResults(quotas, 150, pool, pool)[1]).toMatchObject({ base: 20, met: false, toAdd: 10, toRemove: 7 });
    expect(competitiveResults(quotas, 100, [], pool)).toEqual([]);
    expect(competitiveResults([], 120, [], pool)).toEqual([]);
  });
});
