import { describe, expect, it } from "vitest";
import { INDICATOR_TEMPLATES } from "./indicators";
import { indicatorNameKey, ledgerNote, periodLabel, templateKeyOf, YEAR_AWARD_KEYS, yearEndBasis } from "./labels";
import { labourText } from "./i18n";

describe("labour values in the reader's language (issue 12 item 9)", () => {
  it("period labels: months, half months, quarters; Chinese unchanged", () => {
    expect(periodLabel("2025年3月", "en")).toBe("March 2025");
    expect(periodLabel("2025年3月上半月", "en")).toBe("1–15 March 2025");
    expect(periodLabel("2025年12月下半月", "en")).toBe("16–end December 2025");
    expect(periodLabel("2025年第2季度", "en")).toBe("Q2 2025");
    expect(periodLabel("2025年3月", "zh")).toBe("2025年3月");
    // a campaign's period carries its indicator set's name
    expect(periodLabel("百日安全生产无事故", "en", (k) => labourText.en.templates[k])).toBe("100 days without an accident");
  });

  it("indicator names from a template have English names; renamed ones stay as typed", () => {
    const set = INDICATOR_TEMPLATES["qibi-yichuang"];
    expect(templateKeyOf(set)).toBe("qibi-yichuang");
    expect(indicatorNameKey(set, set.indicators[0])).toBe("indicatorNames.qibi-yichuang.party");
    expect(indicatorNameKey(set, { key: "party", name: "党建" })).toBeNull();
    expect(templateKeyOf({ name: "自定义指标" })).toBeNull();
    for (const [template, value] of Object.entries(INDICATOR_TEMPLATES)) {
      for (const i of value.indicators) {
        const names = labourText.en.indicatorNames as Record<string, Record<string, string>>;
        expect(names[template]?.[i.key], `${template}.${i.key}`).toMatch(/^[A-Za-z]/);
      }
    }
  });

  it("year-end bases in English", () => {
    expect(yearEndBasis("年度平均 87.50", "en")).toBe("year average 87.50");
    expect(yearEndBasis("quality 平均 90.00", "en")).toBe("quality average 90.00");
    expect(yearEndBasis("完成计划 112.00%，超出 12.00 个百分点", "en")).toBe("112.00 % of the plan, 12.00 points over");
    expect(yearEndBasis("年度平均 87.50", "zh")).toBe("年度平均 87.50");
  });

  it("every year-end award has a name in both languages", () => {
    for (const key of Object.values(YEAR_AWARD_KEYS)) {
      expect(labourText.en.awardNames[key as keyof typeof labourText.en.awardNames]).toMatch(/^[A-Z]/);
      expect(labourText.zh.awardNames[key as keyof typeof labourText.zh.awardNames]).toBeTruthy();
    }
  });
});

describe("ledger notes in the reader's language (rules L-5, L-7)", () => {
  const en = (kind: string, note: string) => ledgerNote({ kind, note }, "en", (k) => (labourText.en.eventTypes as Record<string, string>)[k], (k) => labourText.en.templates[k]);
  it("the notes the system writes when it awards a period: banners, the month's best team, places", () => {
    expect(en("banner", "2026年3月 流动红旗")).toBe("March 2026 · Red banner");
    expect(en("banner", "2026年3月 月度优秀班组")).toBe("March 2026 · Best team of the month");
    expect(en("place", "2026年3月 第1名")).toBe("March 2026 · Place 1");
    expect(en("place", "2026年3月下半月 第12名（末位）")).toBe("16–end March 2026 · Place 12 (last)");
    expect(en("place", "2026年第2季度 第3名")).toBe("Q2 2026 · Place 3");
  });
  it("an event's note names its type in English: a notice, an award, an accident's 安全处罚", () => {
    expect(en("event", "2026-03-14 安全处罚")).toBe("2026-03-14 · Safety penalty");
    expect(en("event", "2026-01-20 上级主管部门奖励")).toBe("2026-01-20 · Award from the authority");
  });
  it("a type the organiser named, or a note of another shape, stays as stored; Chinese readers see the note as stored", () => {
    expect(en("event", "2026-03-14 夜间施工扰民罚款")).toBe("2026-03-14 夜间施工扰民罚款");
    expect(en("banner", "手工补录奖金")).toBe("手工补录奖金");
    expect(en("place", "2026年3月 流动红旗")).toBe("2026年3月 流动红旗");
    expect(ledgerNote({ kind: "banner", note: "2026年3月 流动红旗" }, "zh", () => "x")).toBe("2026年3月 流动红旗");
  });
});
