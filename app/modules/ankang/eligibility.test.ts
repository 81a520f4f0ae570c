import { describe, expect, it } from "vitest";
import { basicConditions, mayDayEligible, rankUnits, titleEligibility, withdrawalReason, type EligibilityInput } from "./eligibility";
import { DEFAULT_ANKANG_SETTINGS as S, ankangSettingsFrom } from "./settings";
import { localiseMessage } from "~/utils/messages";
import { scoreSheet, type SheetEntries } from "./sheet";
import { CITY_SHEET_A10 } from "./standard-sheets";

const items = CITY_SHEET_A10.sections.flatMap((s) => s.items);
const sheetWith = (f: (max: number, code: string) => number): SheetEntries => ({ items: items.map((i) => ({ itemCode: i.code, score: f(i.maxPoints, i.code) })), bonus: [], vetoes: [] });
const self = (f: (max: number, code: string) => number = (m) => m) => scoreSheet(CITY_SHEET_A10, sheetWith(f), 4);

const facts = { hasCompetitionBody: true, hasPlan: true, seriousAccidents: [], selfAssessment: self() };

describe("basic conditions (rule A-10)", () => {
  it("all hold for a complete unit", () => {
    expect(basicConditions(facts, S).every((c) => c.met)).toBe(true);
  });
  it("each one fails on its own, with its reason", () => {
    const failed = (f: Partial<typeof facts> | Record<string, unknown>) => basicConditions({ ...facts, ...f } as typeof facts, S).filter((c) => !c.met).map((c) => c.code);
    expect(failed({ hasCompetitionBody: false })).toEqual(["competitionBody"]);
    expect(failed({ hasPlan: false })).toEqual(["plan"]);
    expect(failed({ seriousAccidents: [{ id: "a", occurredAt: "2025-09-01T00:00:00Z", severity: "serious" }] })).toEqual(["noSeriousAccident"]);
    // 79 points: every item at 79 % (then each section is also below 80 %)
    expect(failed({ selfAssessment: self((m) => m * 0.79) })).toEqual(["selfAssessment", "sectionRate"]);
    // 85 points overall but 组织领导 at 4/12
    const lopsided = self((m, code) => (code.startsWith("1.") ? (code === "1.1" ? 4 : 0) : m));
    expect(lopsided.total).toBe(92);
    expect(failed({ selfAssessment: lopsided })).toEqual(["sectionRate"]);
    expect(basicConditions({ ...facts, selfAssessment: lopsided }, S).find((c) => c.code === "sectionRate")!.reason).toContain("组织领导 33.3%");
    expect(failed({ selfAssessment: null })).toEqual(["selfAssessment", "sectionRate"]);
  });
  it("80 exactly passes (≥)", () => {
    const at80 = self((m) => m * 0.8);
    expect(at80.total).toBe(80);
    expect(basicConditions({ ...facts, selfAssessment: at80 }, S).every((c) => c.met)).toBe(true);
  });
});

const base = (over: Partial<EligibilityInput> = {}): EligibilityInput => ({
  kind: "winnerUnit", level: "city", year: 2026, conditions: basicConditions(facts, S), finalScore: 95, fullMarks: 100,
  vetoes: [], agreementSigned: true, history: [], quota: { allowed: 5, used: 0 }, ...over,
});
const codes = (input: EligibilityInput, settings = S) => titleEligibility(input, settings).refusals.map((r) => r.code);

describe("title eligibility (rules A-5 … A-8)", () => {
  it("thresholds 90 / 95 / 98 per level, configurable", () => {
    expect(codes(base({ finalScore: 90 }))).toEqual([]);
    expect(codes(base({ finalScore: 89.5 }))).toEqual(["threshold"]);
    expect(codes(base({ level: "provincial", finalScore: 94, history: [{ kind: "winnerUnit", level: "city", year: 2024 }] }))).toEqual(["threshold"]);
    expect(codes(base({ level: "national", finalScore: 97.5, history: [{ kind: "winnerUnit", level: "provincial", year: 2024 }] }))).toEqual(["threshold"]);
    expect(codes(base({ level: "national", finalScore: 98, history: [{ kind: "winnerUnit", level: "provincial", year: 2024 }] }))).toEqual([]);
    expect(codes(base({ finalScore: 89 }), ankangSettingsFrom({ winnerThreshold: { city: 85, provincial: 95, national: 98 } }))).toEqual([]);
  });
  it("a failing basic condition or a veto refuses with the reason", () => {
    const c = basicConditions({ ...facts, seriousAccidents: [{ id: "x", occurredAt: "2026-03-02", severity: "serious" }] }, S);
    const r = titleEligibility(base({ conditions: c }), S);
    expect(r.eligible).toBe(false);
    expect(r.refusals[0]!.reason).toContain("重伤及以上");
    expect(codes(base({ vetoes: ["未组织开展竞赛活动"] }))).toEqual(["veto"]);
  });
  it("needs the signed agreement (rule A-6)", () => {
    expect(codes(base({ agreementSigned: false }))).toEqual(["agreement"]);
  });
  it("needs the lower-level title first (rule A-6)", () => {
    expect(codes(base({ level: "provincial", finalScore: 96 }))).toEqual(["lowerTitle"]);
    expect(codes(base({ level: "national", finalScore: 99, history: [{ kind: "winnerUnit", level: "city", year: 2024 }] }))).toEqual(["lowerTitle"]);
    expect(codes(base({ level: "provincial", finalScore: 96, history: [{ kind: "winnerUnit", level: "city", year: 2024, withdrawn: true }] }))).toEqual(["lowerTitle"]);
  });
  it("no repeat: national never twice, provincial not within 5 years (rule A-7)", () => {
    const prov = { kind: "winnerUnit" as const, level: "provincial" as const };
    expect(codes(base({ level: "national", finalScore: 99, history: [{ ...prov, year: 2020 }, { kind: "winnerUnit", level: "national", year: 2012 }] }))).toEqual(["noRepeat"]);
    const city = { kind: "winnerUnit" as const, level: "city" as const, year: 2018 };
    expect(codes(base({ level: "provincial", finalScore: 96, history: [city, { ...prov, year: 2022 }] }))).toEqual(["noRepeat"]);
    expect(codes(base({ level: "provincial", finalScore: 96, history: [city, { ...prov, year: 2021 }] }))).toEqual([]);
    // 优秀组织单位 / 先进个人 may be awarded again
    expect(codes(base({ kind: "organisingUnit", level: "national", holder: { type: "county", unitCategory: null }, history: [{ kind: "organisingUnit", level: "national", year: 2024 }] }))).toEqual([]);
  });
  it("示范企业: ≥ 5 consecutive national 优胜 and full marks (rule A-6)", () => {
    const nat = (year: number) => ({ kind: "winnerUnit" as const, level: "national" as const, year });
    const five = [2021, 2022, 2023, 2024, 2025].map(nat);
    expect(codes(base({ kind: "modelEnterprise", level: "national", finalScore: 100, history: five }))).toEqual([]);
    expect(codes(base({ kind: "modelEnterprise", level: "national", finalScore: 99.5, history: five }))).toEqual(["model"]);
    expect(codes(base({ kind: "modelEnterprise", level: "national", finalScore: 100, history: [2020, 2021, 2023, 2024, 2025].map(nat) }))).toEqual(["model"]);
  });
  it("优胜班组: no 三违 and hazards handled (rule A-8)", () => {
    expect(codes(base({ kind: "winnerTeam", team: { threeViolations: 1, openHazards: 0, overdueHazards: 0 } }))).toEqual(["threeViolations"]);
    expect(codes(base({ kind: "winnerTeam", team: { threeViolations: 0, openHazards: 2, overdueHazards: 1 } }))).toEqual(["hazards"]);
    expect(codes(base({ kind: "winnerTeam", team: { threeViolations: 0, openHazards: 1, overdueHazards: 0 } }))).toEqual(["hazards"]);
    expect(codes(base({ kind: "winnerTeam", team: { threeViolations: 0, openHazards: 1, overdueHazards: 0 } }), { ...S, teamAllowsOpenHazards: true })).toEqual([]);
  });
  it("优秀组织单位 only from 乡镇(街道)-level-or-higher unions, safety or industry regulators, above-scale enterprises (rule A-8)", () => {
    const org = (type: string, unitCategory: string | null = null) => codes(base({ kind: "organisingUnit", holder: { type, unitCategory } }));
    // unions at 乡镇(街道) level or higher, whatever their category
    for (const type of ["national", "provincial", "national_industry", "city", "county", "industry", "street"]) expect(org(type), type).toEqual([]);
    // a regulator (a consulted department, or the 机关工会 of a 乡镇 安监站) and an above-scale enterprise
    expect(org("department", "safetyRegulator")).toEqual([]);
    expect(org("department", "industryRegulator")).toEqual([]);
    expect(org("grassroots", "aboveScaleEnterprise")).toEqual([]);
    expect(org("grassroots", "safetyRegulator")).toEqual([]);
    // an enterprise below scale, a department that regulates nothing, a 班组 (below 乡镇 level whatever it says)
    expect(org("grassroots")).toEqual(["candidacy"]);
    expect(org("department")).toEqual(["candidacy"]);
    expect(org("team", "aboveScaleEnterprise")).toEqual(["candidacy"]);
    // no holder facts: not shown to be a candidate
    expect(codes(base({ kind: "organisingUnit" }))).toEqual(["candidacy"]);
    const r = titleEligibility(base({ kind: "organisingUnit", holder: { type: "grassroots", unitCategory: null } }), S).refusals[0]!;
    expect(localiseMessage(r.reason, "zh")).toBe("优秀组织单位须从乡镇（街道）及以上的安全生产监管部门、行业主管部门、工会或规模以上企业中推选，本单位为「基层工会」");
    expect(localiseMessage(r.reason, "en")).toBe("An outstanding organising unit is chosen from unions, work-safety or industry regulators at township (sub-district) level or higher, or above-scale enterprises; this organisation: Enterprise or institution union");
    expect(titleEligibility(base({ kind: "organisingUnit", holder: { type: "team", unitCategory: "aboveScaleEnterprise" } }), S).refusals[0]!.reason).toContain("「班组 / 科室」（规模以上企业）");
    // the other titles do not ask
    expect(codes(base({ holder: { type: "grassroots", unitCategory: null } }))).toEqual([]);
  });
  it("the 优秀组织单位 candidates are settings (rule A-8)", () => {
    const narrow = ankangSettingsFrom({ organisingUnitUnionTypes: ["city"], organisingUnitCategories: ["safetyRegulator"] });
    const org = (type: string, unitCategory: string | null = null) => codes(base({ kind: "organisingUnit", holder: { type, unitCategory } }), narrow);
    expect(org("city")).toEqual([]);
    expect(org("county")).toEqual(["candidacy"]);
    expect(org("department", "safetyRegulator")).toEqual([]);
    expect(org("grassroots", "aboveScaleEnterprise")).toEqual(["candidacy"]);
    // a 班组 is never a candidate, even when listed
    expect(codes(base({ kind: "organisingUnit", holder: { type: "team", unitCategory: null } }), ankangSettingsFrom({ organisingUnitUnionTypes: ["team"] }))).toEqual(["candidacy"]);
    expect(S.organisingUnitUnionTypes).toEqual(["national", "provincial", "national_industry", "city", "county", "industry", "street"]);
    expect(S.organisingUnitCategories).toEqual(["safetyRegulator", "industryRegulator", "aboveScaleEnterprise"]);
  });
  it("quota per region (rule A-5)", () => {
    expect(codes(base({ quota: { allowed: 2, used: 2 } }))).toEqual(["quota"]);
    expect(codes(base({ quota: { allowed: 2, used: 1 } }))).toEqual([]);
  });
});

describe("withdrawal (A-7) and the 五一劳动奖状 link (A-13)", () => {
  it("withdraws from a holder that did not compete or failed", () => {
    expect(withdrawalReason({ competed: false, failed: false })).toContain("未参加");
    expect(withdrawalReason({ competed: true, failed: true, failReasons: ["x"] })).toContain("不合格（x）");
    expect(withdrawalReason({ competed: true, failed: false })).toBeNull();
  });
  it("five consecutive years as provincial or national 优胜", () => {
    const h = [2022, 2023, 2024, 2025, 2026].map((year, i) => ({ kind: "winnerUnit" as const, level: i % 2 ? ("national" as const) : ("provincial" as const), year }));
    expect(mayDayEligible(h, 2026, S)).toBe(true);
    expect(mayDayEligible(h.slice(1), 2026, S)).toBe(false);
    expect(mayDayEligible(h.map((x) => (x.year === 2024 ? { ...x, level: "city" as const } : x)), 2026, S)).toBe(false);
  });
});

describe("ranking", () => {
  it("ranks by score, ties share a rank, unscored units are left out", () => {
    const r = rankUnits([{ unitId: "b", score: 90, eligible: true }, { unitId: "a", score: 95, eligible: true }, { unitId: "c", score: 90, eligible: false }, { unitId: "d", score: null, eligible: false }]);
    expect(r.map((u) => [u.unitId, u.rank])).toEqual([["a", 1], ["b", 2], ["c", 2]]);
  });
});

describe("reasons in the reader's language (issue 15 item 2, English mode)", () => {
  const CJK = /[\u3400-\u9fff（）：、，；]/;
  it("every reason is in both languages and the English half has no Chinese but the data", () => {
    const failing = basicConditions({ hasCompetitionBody: false, hasPlan: false, seriousAccidents: [{ id: "a", occurredAt: "2026-01-12T00:00:00Z", severity: "serious" }], selfAssessment: self((m) => m * 0.5) }, S);
    const none = basicConditions({ ...facts, selfAssessment: null }, S);
    const refusals = [
      ...titleEligibility(base({ conditions: failing, vetoes: ["V1"], agreementSigned: false, finalScore: 50, quota: { allowed: 1, used: 1 } }), S).refusals,
      ...titleEligibility(base({ kind: "winnerTeam", level: "provincial", history: [{ kind: "winnerTeam", level: "provincial", year: 2024 }], team: { threeViolations: 1, openHazards: 0, overdueHazards: 2 } }), S).refusals,
      ...titleEligibility(base({ kind: "modelEnterprise", level: "national", finalScore: 99 }), S).refusals,
      ...titleEligibility(base({ level: "national", history: [{ kind: "winnerUnit", level: "national", year: 2020 }] }), S).refusals,
      ...titleEligibility(base({ kind: "organisingUnit", holder: { type: "grassroots", unitCategory: null } }), S).refusals,
    ];
    const texts = [...failing, ...none, ...basicConditions(facts, S)].map((c) => c.reason).concat(refusals.map((r) => r.reason), [withdrawalReason({ competed: false, failed: false })!]);
    expect(new Set(refusals.map((r) => r.code))).toEqual(new Set(["condition.competitionBody", "condition.plan", "condition.noSeriousAccident", "condition.selfAssessment", "condition.sectionRate", "veto", "agreement", "threshold", "quota", "lowerTitle", "noRepeat", "threeViolations", "hazards", "model", "candidacy"]));
    for (const text of texts) {
      const en = localiseMessage(text, "en");
      const zh = localiseMessage(text, "zh");
      expect(zh, text).toMatch(CJK);
      // the section titles of the sheet are data (组织领导 …); nothing else is Chinese
      expect(en.replace(/[\u3400-\u9fff]+ \d/g, "x 1"), text).not.toMatch(CJK);
      expect(en).not.toMatch(/A-\d/);
    }
  });
  it("a withdrawal keeps the failing reasons, each in the reader's language", () => {
    const failing = basicConditions({ ...facts, hasPlan: false }, S).filter((c) => !c.met).map((c) => c.reason);
    const r = withdrawalReason({ competed: true, failed: true, failReasons: failing })!;
    expect(localiseMessage(r, "zh")).toBe("本周期考核不合格（未制定竞赛实施方案），撤销称号");
    expect(localiseMessage(r, "en")).toBe("Failed this cycle's assessment (No implementation plan has been drawn up): the title is withdrawn");
  });
});
