import { describe, expect, it } from "vitest";
import { checkMarkInput, displayValue, runningSubtotal, sheetAspects } from "./sheet";

const scheme = {
  components: [{
    id: "p", name: "实操", kind: "practical", weight: 1,
    modules: [{ id: "m", name: "焊接", criteria: [{ id: "c", aspects: [
      { id: "a1", name: "焊缝外观", max: 10, kind: "judgement", descriptors: ["差", "可", "好", "优"] },
      { id: "a2", name: "尺寸", max: 20, kind: "measurement", measurement: { mode: "steps", tolerance: 0.5, step: 0.1, deductionPerStep: 5 } },
      { id: "a3", name: "安全文明", max: 5, kind: "judgement", markStep: 0.5 },
    ] }] }],
  }],
};

describe("sheet aspects", () => {
  it("reads maxima, steps and descriptors; 0–3 judgements get level descriptors", () => {
    const points = sheetAspects(scheme, {});
    expect(points.map((a) => [a.id, a.scale, a.max, a.step])).toEqual([["a1", "points", 1000, 1], ["a2", "points", 2000, 1], ["a3", "points", 500, 50]]);
    const zeroToThree = sheetAspects(scheme, { judgeAggregation: "scale-0-3" });
    expect(zeroToThree[0]).toMatchObject({ scale: "0-3", max: 300, markMax: 1000, step: 100 });
    expect(zeroToThree[0].levels).toEqual([{ value: 0, label: "差" }, { value: 100, label: "可" }, { value: 200, label: "好" }, { value: 300, label: "优" }]);
    expect(zeroToThree[2].levels.map((l) => l.label)).toEqual(["未达到", "基本达到", "达到", "超出"]);
    expect(zeroToThree[1].scale).toBe("points");
  });

  it("applies an event-wide mark step from the settings", () => {
    expect(sheetAspects(scheme, { markStep: "0.25" })[0].step).toBe(25);
  });
});

describe("mark validation (the scoring engine's rule plus the configured step)", () => {
  const [a1, a2, a3] = sheetAspects(scheme, {});
  const [j1] = sheetAspects(scheme, { judgeAggregation: "scale-0-3" });

  it("accepts marks within the maximum, in hundredths", () => {
    expect(checkMarkInput(a1, "8.75")).toEqual({ ok: true, value: 875 });
    expect(checkMarkInput(a1, 10)).toEqual({ ok: true, value: 1000 });
    expect(checkMarkInput(a1, "0")).toEqual({ ok: true, value: 0 });
  });

  it("never above the maximum, never negative, at most two decimals", () => {
    expect(checkMarkInput(a1, "10.01")).toMatchObject({ ok: false, message: expect.stringContaining("不能超过满分 10.00") });
    expect(checkMarkInput(a1, "-1")).toMatchObject({ ok: false, message: expect.stringContaining("不能为负数") });
    expect(checkMarkInput(a1, "8.755")).toMatchObject({ ok: false, message: expect.stringContaining("2 位小数") });
    expect(checkMarkInput(a1, "abc")).toMatchObject({ ok: false });
    expect(checkMarkInput(a1, "")).toMatchObject({ ok: false, message: expect.stringContaining("请输入分数") });
  });

  it("the configured step", () => {
    expect(checkMarkInput(a3, "4.5")).toEqual({ ok: true, value: 450 });
    expect(checkMarkInput(a3, "4.7")).toMatchObject({ ok: false, message: expect.stringContaining("0.50 的整数倍") });
  });

  it("0–3 judgements are whole points stored as hundredths", () => {
    expect(checkMarkInput(j1, "2")).toEqual({ ok: true, value: 200 });
    expect(checkMarkInput(j1, "2.5")).toMatchObject({ ok: false, message: expect.stringContaining("0、1、2 或 3") });
    expect(checkMarkInput(j1, "4")).toMatchObject({ ok: false });
    expect(displayValue(j1, 200)).toBe("2");
    expect(displayValue(a1, 850)).toBe("8.50");
  });

  it("measurement marks must be reachable by the measurement rule", () => {
    expect(checkMarkInput(a2, "15")).toEqual({ ok: true, value: 1500 });
    expect(checkMarkInput(a2, "17")).toMatchObject({ ok: false, message: expect.stringContaining("测量项") });
  });

  it("survives a JSON round trip (what the tablet page receives)", () => {
    const plain = JSON.parse(JSON.stringify(a1));
    expect(checkMarkInput(plain, "10.5")).toMatchObject({ ok: false });
    expect(checkMarkInput(plain, "9.5")).toEqual({ ok: true, value: 950 });
  });
});

describe("running subtotal", () => {
  it("adds marks and converts 0–3 points to marks, rounded half-up for display", () => {
    const aspects = sheetAspects(scheme, { judgeAggregation: "scale-0-3" });
    const subtotal = runningSubtotal(aspects, new Map([["a1", 200], ["a2", 1500]]));
    // 2/3 × 10 = 6.666… → 6.67, plus 15
    expect(subtotal).toEqual({ value: 2167, max: 3500, text: "21.67", maxText: "35.00" });
    expect(runningSubtotal(aspects, new Map()).text).toBe("0.00");
  });
});
