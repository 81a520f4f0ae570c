import { describe, expect, it } from "vitest";
import { ageBand, structureBreakdown } from "./breakdown";

const row = (over: Record<string, string> = {}) => ({ award: "奖章", kind: "individual", category: "产业工人", ownership: "非公", sex: "女", ethnicity: "汉族", birthMonth: "1980-05", education: "大学本科", ...over });

describe("structure breakdown (issue 13 item 8)", () => {
  it("age bands are counted in the campaign's year: < 35, 35–60, > 60", () => {
    expect(ageBand("1991-01", 2026)).toBe("35–60岁");
    expect(ageBand("1992-01", 2026)).toBe("35岁以下");
    expect(ageBand("1966-01", 2026)).toBe("35–60岁");
    expect(ageBand("1965-01", 2026)).toBe("60岁以上");
    expect(ageBand("", 2026)).toBeNull();
  });

  it("counts persons by category, sex, ethnicity and education; collectives only by award and ownership", () => {
    const b = structureBreakdown([row(), row({ ethnicity: "回族", sex: "男", education: "中专/高中" }), row({ award: "先锋号", kind: "collective", category: "", ownership: "公有" })], 2026);
    expect(b.byAward).toEqual([{ label: "五一劳动奖章", value: 2 }, { label: "工人先锋号", value: 1 }]);
    expect(b.byCategory.find((x) => x.label === "产业工人")?.value).toBe(2);
    expect(b.byOwnership).toEqual([{ label: "公有", value: 1 }, { label: "非公", value: 2 }]);
    expect(b.byEthnicity).toEqual([{ label: "汉族", value: 1 }, { label: "少数民族", value: 1 }]);
    expect(b.byEducation).toEqual([{ label: "专科及以上", value: 1 }, { label: "专科以下", value: 1 }]);
    expect(b.bySex).toEqual([{ label: "男", value: 1 }, { label: "女", value: 1 }]);
  });
});
