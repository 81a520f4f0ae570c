import { describe, expect, it } from "vitest";
import { ruleLabel, ruleRequirement } from "./rule-labels";

describe("ratio panel labels in both languages (rules N-10 … N-20)", () => {
  it("keeps the Chinese label in Chinese and names the known rules in English", () => {
    expect(ruleLabel({ id: "medal-industrial", label: "奖章：产业工人" }, "zh")).toBe("奖章：产业工人");
    expect(ruleLabel({ id: "medal-industrial", label: "奖章：产业工人" }, "en")).toBe("Medal: industrial workers");
    expect(ruleLabel({ id: "quota-all", label: "名额：合计" }, "en")).toBe("Places: total");
    expect(ruleLabel({ id: "competitive-all", label: "差额 · 名额：合计" }, "en")).toBe("Competitive margin · Places: total");
    expect(ruleLabel({ id: "cap-企业负责人", label: "企业负责人控制数" }, "en")).toBe("Control cap: 企业负责人");
    expect(ruleLabel({ id: "custom-1", label: "本市自定规则" }, "en")).toBe("本市自定规则");
  });
  it("translates the requirement's units", () => {
    expect(ruleRequirement({ kind: "max_count", requirement: "≤ 2 名" }, "en")).toBe("≤ 2 places");
    expect(ruleRequirement({ kind: "competitive", requirement: "≥ 120%（3 名）" }, "en")).toBe("≥ 120% (3 candidates)");
    expect(ruleRequirement({ kind: "competitive", requirement: "≥ 120%（3 名）" }, "zh")).toBe("≥ 120%（3 名）");
    expect(ruleRequirement({ kind: "excluded", requirement: "不得推荐 / not eligible" }, "zh")).toBe("不得推荐");
    expect(ruleRequirement({ kind: "excluded", requirement: "不得推荐 / not eligible" }, "en")).toBe("May not be nominated");
  });
});
