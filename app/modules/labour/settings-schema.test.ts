import { describe, expect, it } from "vitest";
import { changedGroups, validateSettings } from "./settings-schema";
import { settingsFromForm } from "./settings-form";
import { defaultSettings, type LabourSettings } from "./settings";
import { TEMPLATE_QIBI_YICHUANG } from "./indicators";

// Issue 14: every number of the rules is a setting; one schema validates the whole object.
const KEYS = TEMPLATE_QIBI_YICHUANG.indicators.map((i) => i.key);
const base = (): LabourSettings => structuredClone(defaultSettings("project", ["safety", "quality"]));
const refused = (s: unknown) => {
  const r = validateSettings(s, KEYS);
  if (r.ok) throw new Error("expected a refusal");
  return r.issues;
};

describe("labourSettingsSchema", () => {
  it("accepts the documented defaults, of a project and of a 百日 campaign", () => {
    expect(validateSettings(base(), KEYS)).toMatchObject({ ok: true });
    expect(validateSettings(defaultSettings("campaign"), ["safe-days"])).toMatchObject({ ok: true });
  });
  it("rule L-11: fewer than three signers is refused, naming the field, Chinese first", () => {
    const issues = refused({ ...base(), minSigners: 2 });
    expect(issues).toEqual([{ path: "minSigners", message: "评分委员会最少签字人数应为 3 至 15 的整数（L-11）/ minimum committee signers: a whole number from 3 to 15 (L-11)" }]);
    expect(refused({ ...base(), minSigners: 3.5 })[0].path).toBe("minSigners");
  });
  it("tie-breaks must be the project's indicator keys, each once", () => {
    const issues = refused({ ...base(), tieBreaks: ["safety", "nope", "safety"] });
    expect(issues.map((i) => i.path)).toEqual(["tieBreaks.1", "tieBreaks.2"]);
    expect(issues[0].message).toMatch(/^并列比较指标「nope」不是本项目的指标/);
    expect(issues[1].message).toMatch(/重复/);
  });
  it("rule L-4: no duplicate event types, no zero points, the row named", () => {
    const s = base();
    s.eventTable = [...s.eventTable, { ...s.eventTable[0] }];
    expect(refused(s)[0]).toEqual({ path: `eventTable.${s.eventTable.length - 1}.key`, message: expect.stringMatching(/^奖罚事项第 8 行：事项代码「client-praise」重复/) });
    const z = base();
    z.eventTable[1] = { ...z.eventTable[1], points: 0 };
    expect(refused(z)[0].message).toMatch(/^奖罚事项第 2 行：奖罚分值不能为 0 \/ event table row 2: an event must add or take points/);
    expect(refused({ ...base(), eventTable: [] })[0].message).toMatch(/至少要有一项/);
  });
  it("rule L-7: attendance is a percentage 0–100; veto thresholds of the rule's own kind; a veto must do something", () => {
    expect(refused({ ...base(), teamVetoes: { ...base().teamVetoes, minAttendancePercent: 101 } })[0]).toMatchObject({ path: "teamVetoes.minAttendancePercent", message: expect.stringMatching(/^月度优秀班组最低出勤率应为 0 至 100/) });
    expect(refused({ ...base(), teamVetoes: { ...base().teamVetoes, minAttendancePercent: 95.555 } })[0].path).toBe("teamVetoes.minAttendancePercent");
    expect(validateSettings({ ...base(), teamVetoes: { ...base().teamVetoes, minAttendancePercent: 92.5 } }, KEYS).ok).toBe(true);
    const s = base();
    s.vetoRules[0] = { ...s.vetoRules[0], atLeast: "general" };
    s.vetoRules[1] = { ...s.vetoRules[1], consequence: {} };
    s.vetoRules[3] = { ...s.vetoRules[3], consequence: { zeroSafetyForYear: true } };
    expect(refused(s).map((i) => i.message.split(/ ?\/ /)[0])).toEqual([
      "一票否决第 1 行：安全事故等级应为轻伤、重伤或死亡", "一票否决第 2 行：请设定扣分、取消资格或全年安全为 0", "一票否决第 4 行：只有安全事故能使全年安全指标为 0（L-7）",
    ]);
  });
  it("rule L-3: top-k at least 1, one rule per group; L-6/L-9 year-end bounds", () => {
    const s = base();
    s.banners[0] = { ...s.banners[0], topK: 0 };
    expect(refused(s)[0].message).toMatch(/^流动红旗第 1 行：流动红旗名额应为 1 至 20 的整数（L-3）/);
    expect(refused({ ...base(), banners: [base().banners[0], base().banners[0]] })[0].message).toMatch(/分组 section 重复/);
    expect(refused({ ...base(), yearEnd: { ...base().yearEnd, builderYearsOnSite: 0 } })[0].path).toBe("yearEnd.builderYearsOnSite");
  });
  it("changedGroups names what differs, whatever the order of an object's keys", () => {
    const reordered = base();
    reordered.vetoRules = reordered.vetoRules.map((r) => ({ label: r.label, consequence: Object.fromEntries(Object.entries(r.consequence).reverse()), atLeast: r.atLeast, kind: r.kind }));
    expect(changedGroups(base(), reordered)).toEqual([]);
    const s = base();
    s.tieBreaks = ["quality"];
    s.teamVetoes = { ...s.teamVetoes, minAttendancePercent: 90 };
    expect(changedGroups(base(), s)).toEqual(["tieBreaks", "teamVetoes"]);
  });
});

describe("settingsFromForm", () => {
  const form = (s: LabourSettings, extra: [string, string][] = []): [string, string][] => override([
    ["minSigners", String(s.minSigners)], ...s.tieBreaks.map((k): [string, string] => ["tieBreaks", k]), ["tieBreaks", ""],
    ...s.banners.flatMap((b): [string, string][] => [[`banners.${b.group}.topK`, String(b.topK)], [`banners.${b.group}.ties`, b.ties], [`banners.${b.group}.amount`, String(b.amount)]]),
    ["placeRewards.section.byPlace", "5000, 3000"], ["placeRewards.section.last", "-2000"],
    ...s.vetoRules.flatMap((r, i): [string, string][] => [[`vetoRules.${i}.kind`, r.kind], [`vetoRules.${i}.atLeast`, r.atLeast], [`vetoRules.${i}.label`, r.label],
      [`vetoRules.${i}.deduct`, r.consequence.deduct ? String(r.consequence.deduct.points / 100) : ""], [`vetoRules.${i}.disqualify`, r.consequence.disqualify ?? ""], ...(r.consequence.zeroSafetyForYear ? [[`vetoRules.${i}.zeroSafetyForYear`, "on"] as [string, string]] : [])]),
    ...s.eventTable.flatMap((e, i): [string, string][] => [[`eventTable.${i}.key`, e.key], [`eventTable.${i}.label`, e.label], [`eventTable.${i}.source`, e.source], [`eventTable.${i}.role`, e.role],
      [`eventTable.${i}.sign`, e.points < 0 ? "-" : "+"], [`eventTable.${i}.points`, String(Math.abs(e.points) / 100)], [`eventTable.${i}.amount`, e.amount === undefined ? "" : String(e.amount)]]),
    ["eventTable.99.key", ""], ["eventTable.99.label", ""], ["eventTable.99.sign", "+"],
    ["teamVetoes.minAttendancePercent", String(s.teamVetoes.minAttendancePercent)], ["teamVetoes.safetyAtLeast", s.teamVetoes.safetyAtLeast], ["teamVetoes.qualityAtLeast", s.teamVetoes.qualityAtLeast],
    ["teamAward.topK", String(s.teamAward.topK)], ["teamAward.ties", s.teamAward.ties], ["teamAward.amount", String(s.teamAward.amount)],
    ...Object.entries(s.yearEnd).map(([k, v]): [string, string] => [`yearEnd.${k}`, String(v)]),
  ], extra);
  /** what the person typed replaces the field's value (a form sends each field once) */
  const override = (fields: [string, string][], typed: [string, string][]) => {
    for (const [k, v] of typed) {
      const at = fields.findIndex(([name]) => name === k);
      if (at >= 0) fields[at] = [k, v];
      else fields.push([k, v]);
    }
    return fields;
  };
  it("the form of the defaults reads back as the defaults (blank rows left out)", () => {
    const r = validateSettings(settingsFromForm(form(base()), base()).settings, KEYS);
    expect(r).toEqual({ ok: true, settings: base() });
  });
  it("an event row typed with a minus sign and decimals becomes negative hundredths; a removed row is left out", () => {
    const typed = settingsFromForm(form(base(), [["eventTable.99.key", "late-report"], ["eventTable.99.label", "迟报"], ["eventTable.99.source", "client"], ["eventTable.99.role", "safety"], ["eventTable.99.sign", "-"], ["eventTable.99.points", "1.5"], ["eventTable.0.remove", "on"]]), base());
    const r = validateSettings(typed.settings, KEYS);
    expect(r.ok && r.settings.eventTable.map((e) => [e.key, e.points])).toEqual([...base().eventTable.slice(1).map((e) => [e.key, e.points]), ["late-report", -150]]);
  });
  it("an unreadable number is refused with the field named, and the reason is read", () => {
    const typed = settingsFromForm(form(base(), [["correctionReason", " 复核 "]]).map(([k, v]): [string, string] => (k === "teamVetoes.minAttendancePercent" ? [k, "九十"] : [k, v])), base());
    expect(typed.correctionReason).toBe("复核");
    const issues = refused(typed.settings);
    expect(issues[0].path).toBe("teamVetoes.minAttendancePercent");
  });
});
