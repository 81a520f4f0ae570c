import { describe, expect, it } from "vitest";
import { IncrementalScoring, parseEntrantSheets, parseMarkingScheme, parseScoringSettings, scoreEvent } from "~/modules/scoring";
import {
  EXAM_JUDGE_ID,
  boardRow,
  compareRows,
  diffRows,
  identityShown,
  isFrozen,
  readDeductions,
  scaleExamScore,
  sseMessage,
  teamRows,
  toSheetInputs,
  valueAsOf,
  type Entrant,
  type StoredMark,
} from "./board";

const settings = parseScoringSettings({});
// rule S-11: 理论 30% + 实操 70%, theory one aspect out of 100.
const scheme = parseMarkingScheme({
  components: [
    { id: "theory", name: "理论", kind: "theory", weight: "0.3", modules: [{ id: "T", criteria: [{ id: "Tc", aspects: [{ id: "paper", max: 100, kind: "measurement" }] }] }] },
    {
      id: "prac", name: "实操", kind: "practical", weight: "0.7",
      modules: [{ id: "P", criteria: [{ id: "Pc", aspects: [{ id: "fit", max: 30, kind: "judgement" }, { id: "finish", max: 70, kind: "judgement" }] }] }],
    },
  ],
}, settings).scheme;

const marks = (blindCodeId: string, fit: number[], finish: number[]): StoredMark[] => [
  ...fit.map((value, j) => ({ blindCodeId, aspectId: "fit", judgeId: `J${j + 1}`, value })),
  ...finish.map((value, j) => ({ blindCodeId, aspectId: "finish", judgeId: `J${j + 1}`, value })),
];

describe("theory score → theory component (documented mapping)", () => {
  it("a score out of 100 on an aspect out of 100 is the mark itself", () => {
    expect(scaleExamScore(8050, 10_000)).toBe(8050);
  });

  it("is scaled to the aspect's maximum, rounded half-up to 0.01", () => {
    expect(scaleExamScore(8000, 3000)).toBe(2400); // 80 of 100 → 24 of 30
    expect(scaleExamScore(3333, 5000)).toBe(1667); // 16.665 → 16.67
    expect(scaleExamScore(12_000, 10_000)).toBe(10_000); // never above the maximum
  });

  it("enters the exam score as judge `exam`; a voided paper voids the component (S-35)", () => {
    const [a, b, c] = toSheetInputs(scheme, settings, {
      entrantIds: ["A", "B", "C"],
      marks: [],
      theory: new Map([
        ["A", { value: 8000, voided: false, voidReason: null }],
        ["B", { value: 9000, voided: true, voidReason: "试卷作标记" }],
      ]),
      performance: new Map(),
    });
    expect(a.marks).toEqual([{ aspectId: "paper", judgeId: EXAM_JUDGE_ID, value: "80.00" }]);
    expect(a.voidedComponents).toEqual([]);
    expect(b.voidedComponents).toEqual([{ component: "theory", reason: "试卷作标记" }]);
    expect(c.marks).toEqual([]);
  });
});

describe("stored rows → engine input", () => {
  it("marks travel as decimal text; deductions, time and disqualification are carried over", () => {
    const [sheet] = toSheetInputs(scheme, settings, {
      entrantIds: ["A"],
      marks: [{ blindCodeId: "A", aspectId: "fit", judgeId: "J1", value: 2550 }, { blindCodeId: "A", aspectId: "gone", judgeId: "J1", value: 100 }, { blindCodeId: "X", aspectId: "fit", judgeId: "J1", value: 1 }],
      theory: new Map(),
      performance: new Map([["A", {
        completionSeconds: 3599,
        deductions: [{ componentId: "prac", amount: 150, reason: "安全" }, { componentId: null, amount: 50, reason: null }, { componentId: "nope", amount: 25 }],
        disqualifiedReason: "冒名顶替",
      }]]),
    });
    expect(sheet.marks).toEqual([{ aspectId: "fit", judgeId: "J1", value: "25.50" }]);
    expect(sheet.deductions).toEqual([
      { component: "prac", points: "1.50", reason: "安全" },
      { points: "0.50", reason: "扣分 / deduction" },
      { points: "0.25", reason: "扣分 / deduction" },
    ]);
    expect(sheet.completionSeconds).toBe(3599);
    expect(sheet.disqualification).toEqual({ reason: "冒名顶替" });
  });

  it("reads deductions JSON defensively", () => {
    expect(readDeductions("not json")).toEqual([]);
    expect(readDeductions('[{"componentId":"prac","amount":100,"reason":"x"}]')).toEqual([{ componentId: "prac", amount: 100, reason: "x" }]);
  });

  it("ranks exactly as scoreEvent does, and the incremental scorer agrees after a change", () => {
    const stored = [...marks("A", [2500, 2600, 2700], [6000, 6100, 6200]), ...marks("B", [2800, 2800, 2800], [5000, 5100, 5200]), ...marks("C", [2500, 2600, 2700], [6000, 6100, 6200])];
    const input = { entrantIds: ["A", "B", "C"], marks: stored, theory: new Map([["A", { value: 9000, voided: false, voidReason: null }], ["B", { value: 9900, voided: false, voidReason: null }], ["C", { value: 9000, voided: false, voidReason: null }]]), performance: new Map() };
    const sheets = parseEntrantSheets(scheme, settings, toSheetInputs(scheme, settings, input));
    const full = scoreEvent(scheme, settings, sheets);
    // A: 0.3 × 90 + 0.7 × (26 + 61) = 87.90; B: 0.3 × 99 + 0.7 × (28 + 51) = 85.00; C ties A (S-51: shared rank).
    expect(full.ranking.entries.map((e) => [e.entrantId, e.rank, e.totalText])).toEqual([["A", 1, "87.90"], ["C", 1, "87.90"], ["B", 3, "85.00"]]);
    const incremental = new IncrementalScoring(scheme, settings, sheets);
    incremental.applyMark({ entrantId: "C", aspectId: "fit", judgeId: "J1", value: "30.00" });
    const again = scoreEvent(scheme, settings, parseEntrantSheets(scheme, settings, toSheetInputs(scheme, settings, {
      ...input, marks: stored.map((m) => (m.blindCodeId === "C" && m.aspectId === "fit" && m.judgeId === "J1" ? { ...m, value: 3000 } : m)),
    })));
    for (const e of again.ranking.entries) expect(incremental.rank(e.entrantId)).toBe(e.rank);
    expect(incremental.rank("C")).toBe(1);
    expect(incremental.rank("A")).toBe(2);
  });
});

describe("freeze", () => {
  const t = (s: number) => new Date(Date.UTC(2026, 4, 1, 10, 0, s));

  it("a mark's value at the freeze: later entries do not exist, later changes are undone", () => {
    expect(valueAsOf({ value: 900, enteredAt: t(30) }, [], t(20))).toBeNull();
    expect(valueAsOf({ value: 900, enteredAt: t(10) }, [], t(20))).toBe(900);
    expect(valueAsOf({ value: 900, enteredAt: t(10) }, [{ at: t(15), before: 700 }, { at: t(40), before: 800 }, { at: t(25), before: 750 }], t(20))).toBe(750);
  });

  it("is frozen from frozenAt on, until a publication after it", () => {
    expect(isFrozen({ frozenAt: null, publishedAt: null }, t(20))).toBe(false);
    expect(isFrozen({ frozenAt: t(30), publishedAt: null }, t(20))).toBe(false); // set ahead of time
    expect(isFrozen({ frozenAt: t(10), publishedAt: null }, t(20))).toBe(true);
    expect(isFrozen({ frozenAt: t(10), publishedAt: t(5) }, t(20))).toBe(true);
    expect(isFrozen({ frozenAt: t(10), publishedAt: t(15) }, t(20))).toBe(false);
  });
});

describe("identity on boards (S-33, S-34, 公示)", () => {
  const drawn = { drawnAt: new Date(), decryptedAt: null };
  const decrypted = { drawnAt: new Date(), decryptedAt: new Date() };
  const unpublished = { frozenAt: null, publishedAt: null };
  const published = { frozenAt: null, publishedAt: new Date() };

  it("the public sees codes until publication, even after decryption", () => {
    expect(identityShown("public", drawn, unpublished)).toBe("codes");
    expect(identityShown("public", decrypted, unpublished)).toBe("codes");
    expect(identityShown("public", decrypted, published)).toBe("names");
  });

  it("the committee sees codes until decryption", () => {
    expect(identityShown("live", drawn, unpublished)).toBe("codes");
    expect(identityShown("live", decrypted, unpublished)).toBe("names");
  });

  it("a row with codes carries no name or unit", () => {
    const entrant: Entrant = { id: "b1", code: "A07", name: "王伟", unit: "杭汽轮", teamId: null };
    expect(boardRow(entrant, undefined, null, "codes")).toMatchObject({ code: "A07", name: null, unit: null, rank: null, totalText: "0.00" });
    expect(boardRow(entrant, undefined, 3, "names")).toMatchObject({ name: "王伟", unit: "杭汽轮", rank: 3 });
  });
});

describe("rows and changes", () => {
  it("orders by rank, then station code; disqualified last", () => {
    const rows = [{ rank: 2, code: "B" }, { rank: null, code: "A" }, { rank: 1, code: "Z" }, { rank: 1, code: "C" }];
    expect(rows.sort(compareRows).map((r) => r.code)).toEqual(["C", "Z", "B", "A"]);
  });

  it("diffs rendered rows", () => {
    const before = new Map([["a", "1"], ["b", "2"], ["c", "3"]]);
    const after = new Map([["a", "1"], ["b", "9"], ["d", "4"]]);
    expect(diffRows(before, after)).toEqual({ changed: ["b", "d"], removed: ["c"] });
  });

  it("formats one server-sent event", () => {
    expect(sseMessage("patch", '{"a":1}', "v2")).toBe('id: v2\nevent: patch\ndata: {"a":1}\n\n');
  });

  it("team board (S-55): names only when names are shown, codes before", () => {
    const results = ["a1", "a2", "b1", "b2"].map((id, i) => ({
      entrantId: id, total: [9000, 8000, 8600, 8500][i], totalText: "", components: [], completionTime: null, disqualified: false, complete: true, flags: [],
    }));
    const entrants = new Map<string, Entrant>([
      ["a1", { id: "a1", code: "A01", name: "甲", unit: "U1", teamId: "TA" }],
      ["a2", { id: "a2", code: "A02", name: "乙", unit: "U1", teamId: "TA" }],
      ["b1", { id: "b1", code: "B01", name: "丙", unit: "U2", teamId: "TB" }],
      ["b2", { id: "b2", code: "B02", name: "丁", unit: "U2", teamId: "TB" }],
    ]);
    const teams = new Map([["TA", { name: "一队", unit: "U1" }], ["TB", { name: "二队", unit: "U2" }]]);
    const coded = teamRows(results, entrants, teams, settings, "codes");
    // TA = 90 + 80 = 170.00, TB = 86 + 85 = 171.00
    expect(coded.map((r) => [r.rank, r.name, r.unit, r.totalText])).toEqual([[1, "B01 · B02", null, "171.00"], [2, "A01 · A02", null, "170.00"]]);
    expect(teamRows(results, entrants, teams, settings, "names")[0]).toMatchObject({ name: "二队", unit: "U2", rank: 1 });
  });
});
