// The settings page's form (works without JavaScript) → the settings object the one schema
// (settings-schema.ts) validates. Pure. Points are typed in points (2 decimals) and stored in
// hundredths; an unreadable number stays NaN so the schema names the field; an empty row of a
// table (no type, no label) or a row ticked "remove" is left out.
import type { LabourSettings } from "./settings";

export type FormEntries = Iterable<[string, FormDataEntryValue]>;

const NUMBER = /^-?\d+(\.\d+)?$/;
const POINTS = /^\d+(\.\d{1,2})?$/;

function reader(entries: FormEntries) {
  const values = new Map<string, string[]>();
  for (const [k, v] of entries) if (typeof v === "string") values.set(k, [...(values.get(k) ?? []), v]);
  const str = (k: string) => (values.get(k)?.[0] ?? "").trim();
  /** a number typed in the form; "" → undefined, anything unreadable → NaN (the schema refuses it with the field's name) */
  const num = (k: string) => (str(k) === "" ? undefined : NUMBER.test(str(k)) ? Number(str(k)) : Number.NaN);
  /** points typed with up to 2 decimals → hundredths */
  const hundredths = (k: string) => (str(k) === "" ? undefined : POINTS.test(str(k)) ? Math.round(Number(str(k)) * 100) : Number.NaN);
  const rows = (prefix: string) => {
    const n = new Set<number>();
    for (const k of values.keys()) {
      const m = k.match(new RegExp(`^${prefix}\\.(\\d+)\\.`));
      if (m) n.add(Number(m[1]));
    }
    return [...n].sort((a, b) => a - b);
  };
  return { str, num, hundredths, rows, all: (k: string) => (values.get(k) ?? []).map((v) => v.trim()) };
}

/** The settings object typed in the form; `current` supplies what the form does not edit (the campaign's length). */
export function settingsFromForm(entries: FormEntries, current: LabourSettings): { settings: unknown; correctionReason?: string } {
  const f = reader(entries);
  const banners = (["section", "area"] as const).flatMap((group) => {
    if (f.str(`banners.${group}.topK`) === "") return [];
    return [{
      group, topK: f.num(`banners.${group}.topK`), ties: f.str(`banners.${group}.ties`) || "share",
      amount: f.num(`banners.${group}.amount`) ?? 0, minTotal: f.hundredths(`banners.${group}.minTotal`),
    }];
  });
  const placeRewards = (["section", "area"] as const).flatMap((group) => {
    const list = f.str(`placeRewards.${group}.byPlace`);
    const last = f.num(`placeRewards.${group}.last`);
    if (list === "" && last === undefined) return [];
    const byPlace = list === "" ? [] : list.split(/[,，、\s]+/).filter(Boolean).map((v) => (NUMBER.test(v) ? Number(v) : Number.NaN));
    return [{ group, byPlace, last }];
  });
  const vetoRules = f.rows("vetoRules").filter((i) => f.str(`vetoRules.${i}.remove`) === "" && (f.str(`vetoRules.${i}.label`) !== "" || f.str(`vetoRules.${i}.deduct`) !== "" || f.str(`vetoRules.${i}.disqualify`) !== "" || f.str(`vetoRules.${i}.zeroSafetyForYear`) !== "")).map((i) => {
    const kind = f.str(`vetoRules.${i}.kind`);
    const deduct = f.hundredths(`vetoRules.${i}.deduct`);
    const disqualify = f.str(`vetoRules.${i}.disqualify`);
    return {
      kind, atLeast: f.str(`vetoRules.${i}.atLeast`), label: f.str(`vetoRules.${i}.label`),
      consequence: {
        ...(deduct !== undefined ? { deduct: { role: kind, points: deduct } } : {}),
        ...(disqualify ? { disqualify } : {}),
        ...(f.str(`vetoRules.${i}.zeroSafetyForYear`) ? { zeroSafetyForYear: true } : {}),
      },
    };
  });
  const eventTable = f.rows("eventTable").filter((i) => f.str(`eventTable.${i}.remove`) === "" && (f.str(`eventTable.${i}.key`) !== "" || f.str(`eventTable.${i}.label`) !== "")).map((i) => {
    const magnitude = f.hundredths(`eventTable.${i}.points`);
    const sign = f.str(`eventTable.${i}.sign`) === "-" ? -1 : 1;
    return {
      key: f.str(`eventTable.${i}.key`), label: f.str(`eventTable.${i}.label`), source: f.str(`eventTable.${i}.source`), role: f.str(`eventTable.${i}.role`),
      points: magnitude === undefined ? undefined : sign * magnitude, amount: f.num(`eventTable.${i}.amount`),
    };
  });
  const settings = {
    minSigners: f.num("minSigners"),
    tieBreaks: f.all("tieBreaks").filter(Boolean),
    banners, placeRewards, vetoRules, eventTable,
    teamVetoes: { minAttendancePercent: f.num("teamVetoes.minAttendancePercent"), safetyAtLeast: f.str("teamVetoes.safetyAtLeast"), qualityAtLeast: f.str("teamVetoes.qualityAtLeast") },
    teamAward: { topK: f.num("teamAward.topK"), ties: f.str("teamAward.ties") || "share", amount: f.num("teamAward.amount") ?? 0 },
    yearEnd: { minBanners: f.num("yearEnd.minBanners"), builderYearsOnSite: f.num("yearEnd.builderYearsOnSite"), advancedUnits: f.num("yearEnd.advancedUnits"), advancedTeams: f.num("yearEnd.advancedTeams") },
    campaign: current.campaign ? { lengthDays: current.campaign.lengthDays, onAccident: f.str("campaign.onAccident"), countsFrom: f.str("campaign.countsFrom") } : null,
  };
  const reason = f.str("correctionReason");
  return { settings, correctionReason: reason || undefined };
}
