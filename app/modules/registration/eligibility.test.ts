import { describe, expect, it } from "vitest";
import { EligibilitySchema } from "~/modules/contests/event-rules";
import {
  ageOn, checkEligibility, checkUnitQuota, formatAdmissionNo, hasApprovedThisRound, nextStatus, skillLevelRank, waitingStep, windowProblem,
  type Entrant,
} from "./eligibility";

const worker: Entrant = {
  employmentStatus: "职工", birthDate: new Date(Date.UTC(1990, 5, 15)), sex: "男",
  skillLevel: "三级/高级工", yearsOfService: 5, declaredNoAccident: true, isFrontline: true,
};
const contestDay = new Date(Date.UTC(2026, 5, 1));
const rules = (input: object) => EligibilitySchema.parse(input);

describe("eligibility (§5 registration form)", () => {
  it("rule S-2/S-63: a student is refused for a 职工组 event, with the reason in Chinese first", () => {
    const reasons = checkEligibility({ ...worker, employmentStatus: "学生" }, rules({ employmentStatuses: ["职工"] }), contestDay);
    expect(reasons).toEqual(["该赛项仅限职工参加，您的人员身份为学生 (rule S-2/S-63) / this event is open to employees only; the entrant is a student"]);
  });

  it("a 职工 meeting every rule has no reasons", () => {
    expect(checkEligibility(worker, rules({ employmentStatuses: ["职工"], minAge: 18, maxAge: 55, minSkillLevel: "三级/高级工", minYearsOfService: 2, requireNoAccidentDeclaration: true, frontlineOnly: true, sex: "男" }), contestDay)).toEqual([]);
  });

  it("no rules: anyone may enter", () => {
    expect(checkEligibility({ ...worker, employmentStatus: "其他", skillLevel: null, yearsOfService: null, declaredNoAccident: false, isFrontline: false }, rules({}), contestDay)).toEqual([]);
  });

  it("age is counted on the contest's first day: the day before the 36th birthday is still 35", () => {
    const youth = rules({ maxAge: 35 });
    const born = new Date(Date.UTC(1990, 5, 2));
    expect(ageOn(born, contestDay)).toBe(35);
    expect(checkEligibility({ ...worker, birthDate: born }, youth, contestDay)).toEqual([]);
    const onBirthday = new Date(Date.UTC(1990, 5, 1));
    expect(ageOn(onBirthday, contestDay)).toBe(36);
    expect(checkEligibility({ ...worker, birthDate: onBirthday }, youth, contestDay)[0]).toContain("不超过 35 周岁");
    expect(checkEligibility({ ...worker, birthDate: new Date(Date.UTC(2010, 0, 1)) }, rules({ minAge: 18 }), contestDay)[0]).toContain("年满 18 周岁");
  });

  it("rule S-2: skill levels follow 五级 < 四级 < 三级 < 二级 < 一级; short names count", () => {
    expect(skillLevelRank("五级/初级工")).toBe(0);
    expect(skillLevelRank("技师")).toBe(3);
    expect(skillLevelRank("一级")).toBe(4);
    expect(skillLevelRank("未知")).toBe(-1);
    const senior = rules({ minSkillLevel: "三级/高级工" });
    expect(checkEligibility({ ...worker, skillLevel: "二级/技师" }, senior, contestDay)).toEqual([]);
    expect(checkEligibility({ ...worker, skillLevel: "四级/中级工" }, senior, contestDay)[0]).toContain("不低于「三级/高级工」");
    expect(checkEligibility({ ...worker, skillLevel: null }, senior, contestDay)[0]).toContain("请填写技能等级");
  });

  it("years of service, the no-accident declaration, front line and sex are each reported", () => {
    const all = rules({ minYearsOfService: 2, requireNoAccidentDeclaration: true, frontlineOnly: true, sex: "女" });
    const reasons = checkEligibility({ ...worker, yearsOfService: 1, declaredNoAccident: false, isFrontline: false }, all, contestDay);
    expect(reasons).toHaveLength(4);
    expect(reasons[0]).toContain("不少于 2 年");
    expect(reasons[1]).toContain("无重大事故");
    expect(reasons[2]).toContain("一线职工");
    expect(reasons[3]).toContain("仅限女性");
    expect(checkEligibility({ ...worker, yearsOfService: null }, rules({ minYearsOfService: 2 }), contestDay)[0]).toContain("请填写从业年限");
  });
});

describe("unit quota", () => {
  it("no quota: no limit", () => expect(checkUnitQuota(500, 10, null)).toBeNull());
  it("up to the quota is fine; one more is refused with the numbers", () => {
    expect(checkUnitQuota(28, 2, 30)).toBeNull();
    expect(checkUnitQuota(30, 1, 30)).toContain("每个单位最多报名 30 人，本单位已报 30 人");
    expect(checkUnitQuota(0, 31, 30)).toContain("超出单位名额");
  });
});

describe("approval chain (rule S-7)", () => {
  it("unit → host → office → approved", () => {
    expect(nextStatus("pending_unit", "unit", "approved")).toEqual({ ok: true, status: "pending_host" });
    expect(nextStatus("pending_host", "host", "approved")).toEqual({ ok: true, status: "pending_office" });
    expect(nextStatus("pending_office", "office", "approved")).toEqual({ ok: true, status: "approved" });
  });

  it("no step may be skipped or acted on twice", () => {
    expect(nextStatus("pending_unit", "host", "approved").ok).toBe(false);
    expect(nextStatus("pending_unit", "office", "approved").ok).toBe(false);
    expect(nextStatus("pending_host", "unit", "approved").ok).toBe(false);
    expect(nextStatus("approved", "office", "approved").ok).toBe(false);
    expect(nextStatus("pending_unit", "entrant", "approved").ok).toBe(false);
  });

  it("any pending step may return; only a returned registration is resubmitted, to the unit again", () => {
    for (const [status, step] of [["pending_unit", "unit"], ["pending_host", "host"], ["pending_office", "office"]] as const) {
      expect(nextStatus(status, step, "returned")).toEqual({ ok: true, status: "returned" });
    }
    expect(nextStatus("approved", "office", "returned").ok).toBe(false);
    expect(nextStatus("returned", "entrant", "resubmitted")).toEqual({ ok: true, status: "pending_unit" });
    const refused = nextStatus("pending_host", "entrant", "resubmitted");
    expect(refused.ok).toBe(false);
  });

  it("withdrawal from any state but withdrawn (the window is checked by the caller)", () => {
    for (const status of ["pending_unit", "pending_host", "pending_office", "approved", "returned"]) {
      expect(nextStatus(status, "entrant", "withdrawn")).toEqual({ ok: true, status: "withdrawn" });
    }
    expect(nextStatus("withdrawn", "entrant", "withdrawn").ok).toBe(false);
    expect(nextStatus("withdrawn", "entrant", "submitted")).toEqual({ ok: true, status: "pending_unit" });
  });

  it("waitingStep names the step a status waits at", () => {
    expect(waitingStep("pending_host")).toBe("host");
    expect(waitingStep("approved")).toBeNull();
  });

  it("rule S-7: one person signs one level per round; a resubmission starts a new round", () => {
    const trail = [
      { step: "entrant", decision: "submitted", byId: "w" },
      { step: "unit", decision: "approved", byId: "a" },
    ];
    expect(hasApprovedThisRound(trail, "a")).toBe(true);
    expect(hasApprovedThisRound(trail, "b")).toBe(false);
    const again = [...trail, { step: "host", decision: "returned", byId: "b" }, { step: "entrant", decision: "resubmitted", byId: "w" }];
    expect(hasApprovedThisRound(again, "a")).toBe(false);
  });

  it("admission numbers: year, 2-digit event sequence, 4-digit serial", () => {
    expect(formatAdmissionNo(2026, 3, 12)).toBe("2026030012");
  });
});

describe("registration window, by server time", () => {
  const contest = { status: "open", registrationOpensAt: new Date("2026-03-01T00:00:00Z"), registrationClosesAt: new Date("2026-04-01T00:00:00Z") };
  it("open between opening (inclusive) and closing (exclusive)", () => {
    expect(windowProblem(contest, new Date("2026-03-01T00:00:00Z"))).toBeNull();
    expect(windowProblem(contest, new Date("2026-02-28T23:59:59Z"))).toContain("报名尚未开始");
    expect(windowProblem(contest, new Date("2026-04-01T00:00:00Z"))).toContain("报名已截止");
    expect(windowProblem({ ...contest, status: "draft" }, new Date("2026-03-10T00:00:00Z"))).toContain("未开放报名");
  });
});
