import { describe, expect, it } from "vitest";
import { checkRecusal, isIntermediateTitleOrHigher, isTechnicianOrHigher, qualificationWarnings, type JudgeForRecusal } from "./recusal";

const turbine = { id: "ent-10", name: "杭州汽轮动力集团" };
const boiler = { id: "ent-11", name: "杭州锅炉集团" };
const steel = { id: "ent-12", name: "杭州钢铁集团" };

const judge = (overrides: Partial<JudgeForRecusal> = {}): JudgeForRecusal => ({
  userId: "j1", displayName: "李志强", unit: steel, conflicts: [], assessorCertNo: "KP-001", ...overrides,
});
const entrants = [
  { memberId: "m1", unit: turbine },
  { memberId: "m2", unit: boiler },
];

describe("recusal (rules S-30, S-31)", () => {
  it("lets a judge from an unrelated unit judge", () => {
    expect(checkRecusal({ eventId: "e1", judge: judge(), entrants, assigned: [] })).toEqual({ refusals: [], warnings: [] });
  });

  it("S-31: refuses a judge from an entrant's own unit and names the unit, Chinese first", () => {
    const { refusals } = checkRecusal({ eventId: "e1", judge: judge({ unit: turbine }), entrants, assigned: [] });
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ rule: "S-31", code: "same-unit" });
    expect(refusals[0].message).toMatch(/^裁判与参赛选手来自同一单位（杭州汽轮动力集团），按规定应回避（S-31）/);
  });

  it("S-31: at most one judge per unit per event", () => {
    const assigned = [{ userId: "j2", displayName: "赵慧敏", unit: steel }];
    const { refusals } = checkRecusal({ eventId: "e1", judge: judge(), entrants, assigned });
    expect(refusals.map((r) => r.code)).toEqual(["unit-already-judging"]);
    expect(refusals[0].message).toContain("赵慧敏");
    expect(refusals[0].message).toContain("每个单位至多一名裁判（S-31）");
  });

  it("S-31: the judge's own earlier assignment (another session) does not count against them", () => {
    const assigned = [{ userId: "j1", displayName: "李志强", unit: steel }];
    expect(checkRecusal({ eventId: "e1", judge: judge(), entrants, assigned }).refusals).toEqual([]);
  });

  it("S-30: a declared relationship with an entrant refuses, without naming the (blind) entrant", () => {
    const conflicts = [{ memberId: "m2", reason: "亲属" }];
    const { refusals } = checkRecusal({ eventId: "e1", judge: judge({ conflicts }), entrants, assigned: [] });
    expect(refusals).toMatchObject([{ rule: "S-30", code: "declared-member" }]);
    expect(refusals[0].message).toContain("亲属");
  });

  it("S-30: a declared relationship with a unit refuses when that unit competes, and only then", () => {
    const conflicts = [{ unitId: boiler.id, reason: "曾任该单位技术顾问" }];
    expect(checkRecusal({ eventId: "e1", judge: judge({ conflicts }), entrants, assigned: [] }).refusals[0].message).toContain("杭州锅炉集团");
    expect(checkRecusal({ eventId: "e1", judge: judge({ conflicts }), entrants: [entrants[0]], assigned: [] }).refusals).toEqual([]);
  });

  it("S-30: declarations limited to another event do not apply; one for this event does", () => {
    const other = [{ memberId: "m1", eventId: "e2", reason: "师徒" }];
    expect(checkRecusal({ eventId: "e1", judge: judge({ conflicts: other }), entrants, assigned: [] }).refusals).toEqual([]);
    const self = [{ eventId: "e1", reason: "参与命题" }];
    expect(checkRecusal({ eventId: "e1", judge: judge({ conflicts: self }), entrants, assigned: [] }).refusals[0].code).toBe("declared-event");
  });

  it("lists every reason at once", () => {
    const assigned = [{ userId: "j2", displayName: "赵慧敏", unit: turbine }];
    const result = checkRecusal({ eventId: "e1", judge: judge({ unit: turbine, conflicts: [{ memberId: "m2", reason: "亲属" }] }), entrants, assigned });
    expect(result.refusals.map((r) => r.code)).toEqual(["same-unit", "declared-member", "unit-already-judging"]);
  });
});

describe("qualification (rule S-20) is a warning", () => {
  it("accepts an assessor, a technician or higher, or an intermediate title", () => {
    expect(qualificationWarnings({ assessorCertNo: "KP-1" })).toEqual([]);
    expect(qualificationWarnings({ skillLevel: "二级/技师" })).toEqual([]);
    expect(qualificationWarnings({ skillLevel: "一级/高级技师" })).toEqual([]);
    expect(qualificationWarnings({ title: "工程师" })).toEqual([]);
    expect(qualificationWarnings({ title: "高级工程师" })).toEqual([]);
  });

  it("warns for a senior worker with a junior title", () => {
    const warnings = qualificationWarnings({ skillLevel: "三级/高级工", title: "助理工程师" });
    expect(warnings).toMatchObject([{ rule: "S-20", code: "not-qualified" }]);
    expect(warnings[0].message).toMatch(/^裁判资格未登记/);
  });

  it("reads skill levels and titles", () => {
    expect(isTechnicianOrHigher("三级/高级工")).toBe(false);
    expect(isTechnicianOrHigher("技师")).toBe(true);
    expect(isIntermediateTitleOrHigher("助理工程师")).toBe(false);
    expect(isIntermediateTitleOrHigher("主管护师")).toBe(true);
    expect(isIntermediateTitleOrHigher("护师")).toBe(false);
  });
});
