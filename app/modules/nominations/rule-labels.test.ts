import { describe, expect, it } from "vitest";
import { localisePanel, ruleLabel, ruleRequirement } from "./rule-labels";

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
  it("gives an API answer's panel in one language: label, requirement and advice (brief ux item 3)", () => {
    const r = { id: "medal-frontline", label: "奖章：其他一线职工和专业技术人员", kind: "min_share" as const, hard: false, source: "N-11", count: 1, base: 5, figure: 20, requirement: "≥ 35%", met: false, toAdd: 1, toReplace: 1, toRemove: 0,
      advice: "还差：增加 1 名符合条件的推荐对象，或将 1 名调整为符合条件者（奖章：其他一线职工和专业技术人员）/ add 1 or replace 1" };
    const en = localisePanel({ results: [r], mayGoUp: true }, "en");
    expect(en.results[0]).toMatchObject({ label: "Medal: other front-line workers and technical staff", requirement: "≥ 35%", advice: "add 1 or replace 1" });
    expect(en.mayGoUp).toBe(true);
    const zh = localisePanel({ results: [r] }, "zh").results[0];
    expect(zh.advice).toBe("还差：增加 1 名符合条件的推荐对象，或将 1 名调整为符合条件者（奖章：其他一线职工和专业技术人员）");
    expect(zh.label).toBe("奖章：其他一线职工和专业技术人员");
    expect(localisePanel({ results: [{ ...r, kind: "max_count" as const, requirement: "≤ 2 名", advice: "符合 / met" }] }, "en").results[0]).toMatchObject({ requirement: "≤ 2 places", advice: "met" });
  });
});
