import { describe, expect, it } from "vitest";
import { STEPS_MUNICIPAL_MODEL_WORKER, STEPS_TWO_REVIEWS_THREE_NOTICES } from "./domain";
import { combineProgress, placeSteps, stepProgress, stepRefusal, stepsCompletedBy, type CandidateFacts } from "./steps";

// Issue 13 item 2: the campaign's steps decide what each level must have done (rules N-30, N-31,
// N-33, N-34, N-35).

const level = (name: string, notice: "none" | "running" | "ended" = "none") => ({
  name, noticeHeld: notice !== "none", noticeHold: notice === "running" ? "公示期至 2026-05-01 结束，公示结束前不能上报或批准 / the public notice runs until 2026-05-01" : null,
});

const candidate = (over: Partial<CandidateFacts> = {}): CandidateFacts => ({
  levels: [level("某省总工会"), level("中华全国总工会")], currentLevel: 0, status: "pending", submitted: true, unitNoticeDone: true, consultationHold: null, ...over,
});

const statuses = (p: { status: string }[]) => p.map((s) => s.status);

describe("where the steps happen", () => {
  it("两审三公示 in a national campaign (rule N-30): 初审 and 省级公示 at the province, the rest at 全总", () => {
    expect(placeSteps(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", 2)).toEqual(["unit", 0, 0, 1, 1, 1, 1]);
    // a longer chain (city, province, national): the named 省级 is one below the top
    expect(placeSteps(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", 3)).toEqual(["unit", 1, 1, 2, 2, 2, 2]);
  });
  it("两审三公示 in a city campaign: 初审 is the counties' sending up, every notice is the city's", () => {
    expect(placeSteps(STEPS_TWO_REVIEWS_THREE_NOTICES, "city", 2)).toEqual(["unit", 0, 1, 1, 1, 1, 1]);
    // a one-level chain: everything but the unit's notice at the top
    expect(placeSteps(STEPS_TWO_REVIEWS_THREE_NOTICES, "city", 1)).toEqual(["unit", 0, 0, 0, 0, 0, 0]);
  });
  it("the municipal 劳模 template (rule N-35): appraisal at the unit, 征求意见 at the county, the rest at the city", () => {
    expect(placeSteps(STEPS_MUNICIPAL_MODEL_WORKER, "city", 2)).toEqual(["unit", 0, 1, 1, 1, 1]);
  });
});

describe("两审三公示 (rule N-30), national campaign, chain province → 全总", () => {
  it("at the province: the unit's notice first, then the province's own notice, then it may send up", () => {
    const noUnitNotice = candidate({ unitNoticeDone: false });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", noUnitNotice)).toMatchObject({ key: "grassroots-notice" });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", noUnitNotice)!.message).toMatch(/^评选步骤「基层单位公示」尚未完成，不能上报/);
    const noProvincialNotice = candidate();
    const refusal = stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", noProvincialNotice);
    expect(refusal).toMatchObject({ key: "provincial-notice" });
    expect(refusal!.message).toContain("某省总工会尚未举行公示");
    expect(refusal!.message).toContain('"Provincial notice"');
    const running = candidate({ levels: [level("某省总工会", "running"), level("中华全国总工会")] });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", running)!.message).toContain("公示期至 2026-05-01 结束");
    const ended = candidate({ levels: [level("某省总工会", "ended"), level("中华全国总工会")] });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", ended)).toBeNull();
    // the tracker: the unit's notice done, the province's notice due first (before its 初审)
    // (no consultation task holds the candidate: 征求意见 is done, rule N-34)
    expect(statuses(stepProgress(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", noProvincialNotice))).toEqual(["done", "pending", "current", "pending", "done", "pending", "pending"]);
    expect(statuses(stepProgress(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", ended))).toEqual(["done", "current", "done", "pending", "done", "pending", "pending"]);
  });
  it("at 全总: the consultation and the national notice before the approval; approved, every step is done", () => {
    const atTop = candidate({ currentLevel: 1, levels: [level("某省总工会", "ended"), level("中华全国总工会")], consultationHold: "税务部门反馈了问题，须由审核人认定后方可推荐 / a department reported a problem" });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", atTop)).toMatchObject({ key: "consult" });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", atTop)!.message).toMatch(/^评选步骤「征求相关部门意见」尚未完成，不能批准：税务部门反馈了问题/);
    const consulted = { ...atTop, consultationHold: null };
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", consulted)).toMatchObject({ key: "national-notice" });
    const progress = stepProgress(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", consulted);
    expect(statuses(progress)).toEqual(["done", "done", "done", "done", "done", "current", "pending"]);
    expect(progress[5].missing).toEqual({ zh: "中华全国总工会尚未举行公示", en: "中华全国总工会 has not held a public notice" });
    const noticed = { ...consulted, levels: [level("某省总工会", "ended"), level("中华全国总工会", "ended")] };
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", noticed)).toBeNull();
    expect(statuses(stepProgress(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", noticed)).at(-1)).toBe("current");
    expect(statuses(stepProgress(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", { ...noticed, status: "approved" }))).toEqual(Array(7).fill("done"));
  });
  it("a city campaign on a one-level chain approves after the unit's notice, its own notice and the consultation", () => {
    const f = candidate({ levels: [level("某市总工会")], currentLevel: 0 });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "city", f)).toMatchObject({ key: "provincial-notice" });
    expect(stepRefusal(STEPS_TWO_REVIEWS_THREE_NOTICES, "city", { ...f, levels: [level("某市总工会", "ended")] })).toBeNull();
  });
});

describe("the municipal 劳模 template (rule N-35), city campaign, chain county → city", () => {
  const steps = STEPS_MUNICIPAL_MODEL_WORKER;
  const atCounty = (over: Partial<CandidateFacts> = {}) => candidate({ levels: [level("某县总工会"), level("某市总工会")], ...over });
  it("the county may not send up before its consultation is done; it needs no notice of its own", () => {
    const waiting = atCounty({ consultationHold: "正在征求税务部门意见，反馈期限届满前不能推荐 / waiting for a department's opinion until its deadline" });
    expect(stepRefusal(steps, "city", waiting)).toMatchObject({ key: "county-review" });
    expect(stepRefusal(steps, "city", waiting)!.message).toMatch(/^评选步骤「县级评审机构审核并征求意见」尚未完成，不能上报：正在征求税务部门意见/);
    expect(stepRefusal(steps, "city", atCounty())).toBeNull();
  });
  it("the city government may not approve before the media notice has ended", () => {
    const atCity = atCounty({ currentLevel: 1 });
    expect(stepRefusal(steps, "city", atCity)).toMatchObject({ key: "media-notice" });
    expect(stepRefusal(steps, "city", atCity)!.message).toContain("不能批准");
    expect(stepRefusal(steps, "city", { ...atCity, levels: [level("某县总工会"), level("某市总工会", "ended")] })).toBeNull();
    expect(statuses(stepProgress(steps, "city", atCity))).toEqual(["done", "done", "done", "done", "current", "pending"]);
  });
});

describe("a list and a round as one tracker", () => {
  it("a step is done when every candidate has it; the current one says how many lack it", () => {
    const steps = STEPS_TWO_REVIEWS_THREE_NOTICES;
    const one = stepProgress(steps, "national", candidate({ levels: [level("甲省总工会", "ended"), level("中华全国总工会")] }));
    const two = stepProgress(steps, "national", candidate({ levels: [level("乙省总工会"), level("中华全国总工会")] }));
    const three = stepProgress(steps, "national", candidate({ levels: [level("丙省总工会"), level("中华全国总工会")] }));
    const combined = combineProgress(steps, [one, two, three]);
    expect(statuses(combined)).toEqual(["done", "pending", "current", "pending", "done", "pending", "pending"]);
    expect(combined[2].missing).toEqual({ zh: "乙省总工会尚未举行公示（2 名候选人）", en: "乙省总工会 has not held a public notice (2 candidates)" });
    expect(statuses(combineProgress(steps, []))).toEqual(Array(7).fill("pending"));
  });
  it("the event of a sending up names the steps it completes", () => {
    expect(stepsCompletedBy(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", 2, 0)).toEqual(["first-review"]);
    expect(stepsCompletedBy(STEPS_TWO_REVIEWS_THREE_NOTICES, "national", 2, 1)).toEqual(["approve"]);
    expect(stepsCompletedBy(STEPS_MUNICIPAL_MODEL_WORKER, "city", 2, 0)).toEqual([]);
  });
});
