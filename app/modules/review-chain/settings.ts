import { z } from "zod";

// Every number of the review chain and 公示 rules is a setting with its documented default
// (DOMAIN-RULES §6). Stored as ReviewSetting rows (key → JSON); a missing row means the default.

const WindowMinimum = z.object({ kind: z.enum(["calendar", "working"]), days: z.number().int().min(1).max(60) });

export const SETTINGS_SCHEMA = z.object({
  /** rule N-31: 本单位公示 ≥ 5 working days */
  noticeMinimumGrassroots: WindowMinimum,
  /** rules N-30, N-33: higher-level notices 5–7 days (national 5 days; Hubei 7 calendar days) */
  noticeMinimumHigher: WindowMinimum,
  /** rule N-33: anonymous reports are recorded and marked; whether they are examined is a choice */
  examineAnonymousObjections: z.boolean(),
});
export type ReviewSettings = z.infer<typeof SETTINGS_SCHEMA>;

export const DEFAULT_SETTINGS: ReviewSettings = {
  noticeMinimumGrassroots: { kind: "working", days: 5 },
  noticeMinimumHigher: { kind: "calendar", days: 5 },
  examineAnonymousObjections: false,
};

export const SETTING_LABELS: Record<keyof ReviewSettings, string> = {
  noticeMinimumGrassroots: "基层单位公示最短期限",
  noticeMinimumHigher: "上级工会公示最短期限",
  examineAnonymousObjections: "匿名反映是否核查",
};

/** Settings from stored rows; a row that no longer parses falls back to its default. */
export function settingsFrom(rows: readonly { key: string; value: string }[]): ReviewSettings {
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (!(row.key in DEFAULT_SETTINGS)) continue;
    try {
      const parsed = SETTINGS_SCHEMA.shape[row.key as keyof ReviewSettings].safeParse(JSON.parse(row.value));
      if (parsed.success) out[row.key] = parsed.data;
    } catch { /* keep the default */ }
  }
  return out as ReviewSettings;
}
