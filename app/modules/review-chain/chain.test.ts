import { describe, expect, it } from "vitest";
import { chainLevels, checkLevelQuota, mayActAtLevel, resubmit, review, withdraw, type ChainState } from "./chain";

// rule N-30: 自下而上、逐级推荐
const path = [
  { id: "acftu", type: "national" },
  { id: "zj", type: "provincial" },
  { id: "hz", type: "city" },
  { id: "jx", type: "industry" },
  { id: "street", type: "street" },
  { id: "ent", type: "grassroots" },
];

describe("chainLevels (rule N-30)", () => {
  it("climbs from the unit's reviewing ancestors to the round's top, lowest first", () => {
    expect(chainLevels(path, "ent", "zj", ["industry", "city", "county"])).toEqual(["jx", "hz", "zj"]);
  });
  it("always includes the top and leaves out types that do not review", () => {
    expect(chainLevels(path, "ent", "hz", [])).toEqual(["hz"]);
    expect(chainLevels(path, "ent", "acftu", ["provincial", "street"])).toEqual(["street", "zj", "acftu"]);
  });
  it("refuses a unit outside the top's subtree, or the top itself", () => {
    expect(chainLevels(path, "ent", "nb", ["city"])).toBeNull();
    expect(chainLevels(path, "hz", "hz", ["city"])).toBeNull();
  });
});

const at = (currentLevel: number, status: ChainState["status"] = "pending"): ChainState => ({ status, currentLevel, levelCount: 3 });

describe("review at three levels", () => {
  it("recommend moves up one level; at the top it approves", () => {
    expect(review(at(0), 0, "recommend")).toEqual({ ok: true, status: "pending", currentLevel: 1, decision: "recommended" });
    expect(review(at(1), 1, "recommend")).toEqual({ ok: true, status: "pending", currentLevel: 2, decision: "recommended" });
    expect(review(at(2), 2, "recommend")).toEqual({ ok: true, status: "approved", currentLevel: 2, decision: "approved" });
  });
  it("return and refuse need a reason", () => {
    expect(review(at(1), 1, "return", " ")).toMatchObject({ ok: false });
    expect(review(at(1), 1, "refuse")).toMatchObject({ ok: false });
    expect(review(at(1), 1, "return", "材料不全")).toEqual({ ok: true, status: "returned", currentLevel: 1, decision: "returned" });
    expect(review(at(2), 2, "refuse", "事迹不实")).toEqual({ ok: true, status: "refused", currentLevel: 2, decision: "refused" });
  });
  it("acts only at the current level and only while pending", () => {
    expect(review(at(1), 0, "recommend")).toMatchObject({ ok: false });
    expect(review(at(1, "returned"), 1, "recommend")).toMatchObject({ ok: false });
    expect(review(at(2, "approved"), 2, "refuse", "x")).toMatchObject({ ok: false });
  });
  it("a returned submission comes back to the level that returned it", () => {
    expect(resubmit(at(1, "returned"))).toEqual({ ok: true, status: "pending", currentLevel: 1, decision: "resubmitted" });
    expect(resubmit(at(1))).toMatchObject({ ok: false });
  });
  it("withdrawal (rule N-38 late material too) is possible until a final decision", () => {
    expect(withdraw(at(1, "returned"))).toMatchObject({ ok: true, status: "withdrawn" });
    expect(withdraw(at(2, "approved"))).toMatchObject({ ok: false });
    expect(withdraw(at(0, "refused"))).toMatchObject({ ok: false });
  });
});

describe("checkLevelQuota (rule N-16: quotas by category)", () => {
  it("no quota, no limit", () => {
    expect(checkLevelQuota([], "产业工人", { 产业工人: 99 })).toBeNull();
  });
  it("a category quota counts that category only", () => {
    const quotas = [{ category: "产业工人", limit: 2 }];
    expect(checkLevelQuota(quotas, "产业工人", { 产业工人: 1, 农民工: 5 })).toBeNull();
    expect(checkLevelQuota(quotas, "产业工人", { 产业工人: 2 })).toContain("2");
    expect(checkLevelQuota(quotas, "农民工", { 产业工人: 2, 农民工: 5 })).toBeNull();
  });
  it("an all-categories quota counts every category", () => {
    const quotas = [{ category: "", limit: 3 }, { category: "农民工", limit: 1 }];
    expect(checkLevelQuota(quotas, "科教人员", { 产业工人: 2 })).toBeNull();
    expect(checkLevelQuota(quotas, "科教人员", { 产业工人: 2, 农民工: 1 })).toContain("3");
    expect(checkLevelQuota(quotas, "农民工", { 农民工: 1 })).toContain("农民工");
  });
});

describe("mayActAtLevel: reviewers act at their own level", () => {
  const levels = [{ id: "xh", path: "/acftu/zj/hz/xh/" }, { id: "hz", path: "/acftu/zj/hz/" }, { id: "zj", path: "/acftu/zj/" }];
  const grant = (orgId: string, orgPath: string, permissions = ["award:review"]) => ({ orgId, orgPath, permissions });
  it("a district reviewer acts at the district only", () => {
    expect(mayActAtLevel([grant("xh", "/acftu/zj/hz/xh/")], "award:review", levels, 0)).toBe(true);
    expect(mayActAtLevel([grant("xh", "/acftu/zj/hz/xh/")], "award:review", levels, 1)).toBe(false);
  });
  it("a city reviewer does not act in the district's place", () => {
    expect(mayActAtLevel([grant("hz", "/acftu/zj/hz/")], "award:review", levels, 0)).toBe(false);
    expect(mayActAtLevel([grant("hz", "/acftu/zj/hz/")], "award:review", levels, 1)).toBe(true);
  });
  it("a grant above the chain acts anywhere; the permission is needed", () => {
    expect(mayActAtLevel([grant("acftu", "/acftu/")], "award:review", levels, 0)).toBe(true);
    expect(mayActAtLevel([grant("acftu", "/acftu/", ["award:manage"])], "award:review", levels, 0)).toBe(false);
  });
});
