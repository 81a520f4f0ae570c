import { describe, expect, it } from "vitest";
import { DEFAULT_ANKANG_SETTINGS } from "./settings";
import { PRIZE_TIER_ROWS, SETTING_NUMBER_FIELDS, settingFieldValue, settingsFromForm, sheetEditorRows, sheetFromEditor, SHEET_EDIT_BLANK_ROWS } from "./page-forms";
import { CITY_SHEET_A10 } from "./standard-sheets";

// Issue 15: the organiser's settings form and sheet editor (pure parts).

/** The settings form as the page renders it for these settings */
function formOf(settings = DEFAULT_ANKANG_SETTINGS, over: Record<string, string | null> = {}) {
  const fields: Record<string, string | null> = { finalScoreSource: settings.finalScoreSource, teamAllowsOpenHazards: settings.teamAllowsOpenHazards ? "on" : null };
  for (const f of SETTING_NUMBER_FIELDS) fields[f.name] = String(settingFieldValue(settings, f));
  for (let i = 0; i < PRIZE_TIER_ROWS; i++) {
    fields[`tierName${i}`] = settings.quizPrizeTiers[i]?.name ?? "";
    fields[`tierCount${i}`] = settings.quizPrizeTiers[i] ? String(settings.quizPrizeTiers[i]!.count) : "";
  }
  for (const k of settings.organisingUnitUnionTypes) fields[`organisingUnitUnionType.${k}`] = "on";
  for (const k of settings.organisingUnitCategories) fields[`organisingUnitCategory.${k}`] = "on";
  Object.assign(fields, over);
  return (name: string) => fields[name] ?? null;
}

describe("settings form (every setting, defaults from the rules)", () => {
  it("the untouched form gives back the defaults of A-6, A-7, A-10, A-13, A-14", () => {
    expect(settingsFromForm(formOf())).toEqual({ settings: DEFAULT_ANKANG_SETTINGS, issues: [] });
  });
  it("covers every setting of the module", () => {
    const keys = new Set(SETTING_NUMBER_FIELDS.map((f) => f.key.split(".")[0]));
    for (const k of ["finalScoreSource", "teamAllowsOpenHazards", "quizPrizeTiers", "organisingUnitUnionTypes", "organisingUnitCategories"]) keys.add(k);
    expect([...keys].sort()).toEqual(Object.keys(DEFAULT_ANKANG_SETTINGS).sort());
  });
  it("reads percentages, thresholds, the checkbox and the prize rows", () => {
    const r = settingsFromForm(formOf(DEFAULT_ANKANG_SETTINGS, { minSectionRate: "85", thresholdCity: "92", teamAllowsOpenHazards: "on", finalScoreSource: "self", tierName3: "纪念奖", tierCount3: "500" }));
    expect(r.settings).toMatchObject({ minSectionRate: 0.85, winnerThreshold: { city: 92, provincial: 95, national: 98 }, teamAllowsOpenHazards: true, finalScoreSource: "self" });
    expect(r.settings!.quizPrizeTiers).toHaveLength(4);
  });
  it("reads the 优秀组织单位 candidates from their checkboxes (rule A-8); none at all is refused", () => {
    const r = settingsFromForm(formOf(DEFAULT_ANKANG_SETTINGS, { "organisingUnitUnionType.street": null, "organisingUnitCategory.aboveScaleEnterprise": null }));
    expect(r.settings!.organisingUnitUnionTypes).toEqual(["national", "provincial", "national_industry", "city", "county", "industry"]);
    expect(r.settings!.organisingUnitCategories).toEqual(["safetyRegulator", "industryRegulator"]);
    const none = settingsFromForm(formOf({ ...DEFAULT_ANKANG_SETTINGS, organisingUnitUnionTypes: [], organisingUnitCategories: [] }));
    expect(none.settings).toBeNull();
    expect(none.issues).toEqual([{ path: "organisingUnitUnionTypes", message: expect.stringMatching(/^至少选择一类可推选为优秀组织单位的单位（规则 A-8）/) }]);
  });
  it("bad input: every problem with a Chinese-first message, no settings", () => {
    const r = settingsFromForm(formOf(DEFAULT_ANKANG_SETTINGS, { bonusCap: "-1", minSelfAssessment: "", hazardDueDays: "2.5", thresholdNational: "101", tierName0: "", finalScoreSource: "x" }));
    expect(r.settings).toBeNull();
    const paths = r.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["bonusCap", "minSelfAssessment", "hazardDueDays", "thresholdNational", "tierName0", "finalScoreSource"]));
    expect(r.issues.find((i) => i.path === "bonusCap")!.message).toMatch(/^「鼓励项加分上限」须在 0–50 之间（规则 A-10）/);
    expect(r.issues.every((i) => /^[\u4e00-\u9fff「第请至设]/.test(i.message))).toBe(true);
  });
  it("refuses a form without any prize tier", () => {
    const empty = Object.fromEntries(Array.from({ length: PRIZE_TIER_ROWS }, (_, i) => [[`tierName${i}`, ""], [`tierCount${i}`, ""]]).flat());
    expect(settingsFromForm(formOf(DEFAULT_ANKANG_SETTINGS, empty)).issues.map((i) => i.message)).toEqual([expect.stringContaining("至少设置一个奖项")]);
  });
});

describe("sheet editor (rows like the Excel import)", () => {
  const columnsOf = (rows: ReturnType<typeof sheetEditorRows>) => ({
    rowKind: rows.map((r) => r.kind), rowCode: rows.map((r) => r.code), rowTitle: rows.map((r) => r.title),
    rowMax: rows.map((r) => r.max), rowPer: rows.map((r) => r.per), rowElements: rows.map((r) => r.elements),
  });
  it("the current sheet round-trips unchanged through the editor (A-10), blank rows ignored", () => {
    const rows = sheetEditorRows(CITY_SHEET_A10);
    expect(rows.slice(-SHEET_EDIT_BLANK_ROWS).every((r) => !r.kind && !r.code)).toBe(true);
    const r = sheetFromEditor(columnsOf(rows));
    expect(r.issues).toEqual([]);
    expect(r.sheet!.sections.map((s) => s.items.map((i) => [i.code, i.maxPoints, i.deduction ?? null]))).toEqual(CITY_SHEET_A10.sections.map((s) => s.items.map((i) => [i.code, i.maxPoints, i.deduction ?? null])));
    expect(r.sheet!.vetoItems).toEqual(CITY_SHEET_A10.vetoItems);
  });
  it("adds an item and a veto item in blank rows; clearing a row removes it", () => {
    const rows = sheetEditorRows({ sections: [{ code: "1", title: "组织领导", items: [{ code: "1.1", title: "机构", maxPoints: 5 }, { code: "1.2", title: "计划", maxPoints: 5 }] }], bonusItems: [], vetoItems: [] });
    rows[2] = { kind: "", code: "", title: "", max: "", per: "", elements: "" }; // clear 1.2
    rows[3] = { kind: "评分项", code: "1.3", title: "台账", max: "4", per: "1", elements: "签到表；照片" };
    rows[4] = { kind: "否决项", code: "V1", title: "未组织开展竞赛活动", max: "", per: "", elements: "" };
    const r = sheetFromEditor(columnsOf(rows));
    expect(r.sheet).toEqual({
      sections: [{ code: "1", title: "组织领导", items: [{ code: "1.1", title: "机构", maxPoints: 5, deduction: null }, { code: "1.3", title: "台账", maxPoints: 4, deduction: { perMissing: 1, elements: ["签到表", "照片"] } }] }],
      bonusItems: [], vetoItems: [{ code: "V1", title: "未组织开展竞赛活动" }],
    });
  });
  it("bad rows: every problem named by its row, no sheet", () => {
    const rows = sheetEditorRows(null);
    rows[0] = { kind: "评分项", code: "1.1", title: "无部分", max: "5", per: "", elements: "" };
    rows[1] = { kind: "部分", code: "1", title: "组织", max: "", per: "", elements: "" };
    rows[2] = { kind: "评分项", code: "1.2", title: "零分", max: "0", per: "", elements: "" };
    const r = sheetFromEditor(columnsOf(rows));
    expect(r.sheet).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([expect.stringContaining("第 1 行"), expect.stringContaining("第 3 行：分值须为大于 0 的数")]);
  });
});
