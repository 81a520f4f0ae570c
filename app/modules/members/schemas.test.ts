import { describe, expect, it } from "vitest";
import { makeIdNumber } from "./id-number";
import { ID_NUMBER_MESSAGES } from "./id-number";
import { MemberInputSchema, MemberPatchSchema, MergeMembersSchema, RedeemLinkCodeSchema } from "./schemas";

const id = makeIdNumber("330106", { y: 1990, m: 5, d: 17 }, 37); // 男
const base = { name: "张三", ethnicity: "汉族", idNumber: id, orgId: "ent-10" };
const issuesOf = (input: unknown) => {
  const result = MemberInputSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

describe("MemberInputSchema", () => {
  it("fills sex, date of birth and defaults from the ID number", () => {
    const m = MemberInputSchema.parse(base);
    expect(m.sex).toBe("男");
    expect(m.birthDate.toISOString().slice(0, 10)).toBe("1990-05-17");
    expect(m.employmentStatus).toBe("职工");
    expect([m.isFrontline, m.isMigrantWorker, m.isNewEmployment]).toEqual([false, false, false]);
    expect(m.phone).toBeNull();
  });

  it("refuses a wrong check digit with the GB 11643 message, on the idNumber field", () => {
    const bad = id.slice(0, 17) + (id[17] === "1" ? "2" : "1");
    expect(issuesOf({ ...base, idNumber: bad })).toEqual([{ path: "idNumber", message: ID_NUMBER_MESSAGES.checkDigit }]);
  });

  it("says so when sex or date of birth disagree with the ID number", () => {
    const issues = issuesOf({ ...base, sex: "女", birthDate: "1990-05-18" });
    expect(issues.map((i) => i.path).sort()).toEqual(["birthDate", "sex"]);
    expect(issues.find((i) => i.path === "birthDate")?.message).toContain("1990-05-17");
  });

  it("accepts agreeing values in spreadsheet spellings", () => {
    const m = MemberInputSchema.parse({ ...base, sex: "男", birthDate: "1990/5/17", ethnicity: "回", skillLevel: "技师", isFrontline: "是", isMigrantWorker: "否", phone: "138 0013 8000" });
    expect(m.ethnicity).toBe("回族");
    expect(m.skillLevel).toBe("二级/技师");
    expect(m.isFrontline).toBe(true);
    expect(m.phone).toBe("13800138000");
  });

  it("takes form checkboxes and a Date from a spreadsheet cell", () => {
    const m = MemberInputSchema.parse({ ...base, birthDate: new Date(Date.UTC(1990, 4, 17)), isNewEmployment: "on" });
    expect(m.isNewEmployment).toBe(true);
  });

  it("names every bad field at once", () => {
    const issues = issuesOf({ name: "", ethnicity: "火星族", idNumber: "", orgId: "", phone: "12345", skillLevel: "特级", employmentStatus: "退休", isFrontline: "也许" });
    expect(issues.map((i) => i.path).sort()).toEqual(["employmentStatus", "ethnicity", "idNumber", "isFrontline", "name", "orgId", "phone", "skillLevel"]);
    expect(issues.every((i) => /\//.test(i.message))).toBe(true); // Chinese / English
  });

  it("refuses an impossible calendar date", () => {
    expect(issuesOf({ ...base, birthDate: "1990-02-30" }).map((i) => i.path)).toEqual(["birthDate"]);
  });
});

describe("MemberPatchSchema, RedeemLinkCodeSchema and MergeMembersSchema", () => {
  it("keeps absent fields absent and null as a clear", () => {
    expect(MemberPatchSchema.parse({ phone: null })).toEqual({ phone: null });
    expect(MemberPatchSchema.parse({})).toEqual({});
  });
  it("a link code is required, trimmed, and no ID number is asked for (decision 009)", () => {
    expect(RedeemLinkCodeSchema.parse({ code: " 7kqm-2w9d-xh4t " })).toEqual({ code: "7kqm-2w9d-xh4t" });
    const blank = RedeemLinkCodeSchema.safeParse({ code: "  " });
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0].message).toMatch(/关联码/);
  });
  it("a merge names both records", () => {
    expect(MergeMembersSchema.safeParse({ keepId: "a" }).success).toBe(false);
    expect(MergeMembersSchema.parse({ keepId: "a", mergeId: "b" })).toEqual({ keepId: "a", mergeId: "b" });
  });
});
