import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import type { FieldIssue } from "~/utils/errors";
import type { ScoringSettings } from "~/modules/scoring";
import { EMPLOYMENT_STATUSES, SKILL_LEVEL_ORDER, type Eligibility, type Stage } from "./event-rules";
import { EVENT_MODES, OUTCOME_PRESETS } from "./schemas";
import { useLocalise } from "~/utils/use-localise";
import { TIE_BREAK_OPTIONS, TIE_BREAK_SLOTS, tieBreakKey } from "./event-settings";

export type EventFormValues = {
  name?: string; trade?: string; groupName?: string; mode?: string; teamSize?: number | null; minFieldSize?: number; unitQuota?: number | null;
  stages: Stage[]; eligibility: Eligibility; scoringSettings: ScoringSettings;
};

/**
 * The event's settings, eligibility and stages. Inputs are named by the paths the
 * schema reports problems on, so each message appears beside its input.
 */
export function EventFields({ values, issues }: { values: EventFormValues; issues?: FieldIssue[] }) {
  const { t } = useTranslation("contests");
  const L = useLocalise();
  const s = values.scoringSettings;
  const heats = values.stages.find((st) => st.key !== "final" && st.qualifyTopN !== undefined) ?? values.stages.find((st) => st.key !== "final");
  const final = values.stages.find((st) => st.key === "final") ?? values.stages[values.stages.length - 1];
  const invalid = (name: string) => (issues?.some((i) => i.path === name) ? true : undefined);
  const num = (name: string, label: string, value: number | null | undefined, extra: { min?: number; max?: number } = {}) => (
    <Field name={name} label={label} type="number" inputMode="numeric" defaultValue={value === null || value === undefined ? "" : String(value)} issues={issues} {...extra} />
  );
  const select = (name: string, label: string, options: readonly string[], text: (o: string) => string, value: string | undefined) => (
    <Field name={name} label={label} issues={issues}>
      <select id={name} name={name} defaultValue={value ?? ""} aria-invalid={invalid(name)}>
        {options.map((o) => <option key={o} value={o}>{text(o)}</option>)}
      </select>
    </Field>
  );
  const checkbox = (name: string, label: string, checked: boolean, value = "on") => (
    <label className="checkbox" key={`${name}-${value}`}>
      <input type="checkbox" name={name} value={value} defaultChecked={checked} /> {label}
    </label>
  );
  return (
    <>
      <fieldset className="card">
        <legend>{t("events.basics")}</legend>
        <div className="grid">
          <Field name="trade" label={t("events.trade")} defaultValue={values.trade} required issues={issues} maxLength={30} />
          <Field name="groupName" label={t("events.groupName")} defaultValue={values.groupName ?? t("events.groupDefault")} required issues={issues} maxLength={30} />
          <Field name="name" label={t("events.name")} defaultValue={values.name} issues={issues} maxLength={60} />
          {select("mode", t("events.mode"), EVENT_MODES, (o) => t(`events.modes.${o}`), values.mode ?? "individual")}
          {num("teamSize", t("events.teamSize"), values.teamSize, { min: 2, max: 10 })}
          {num("minFieldSize", t("events.minFieldSize"), values.minFieldSize ?? 30, { min: 0 })}
          {num("unitQuota", t("events.unitQuota"), values.unitQuota, { min: 1 })}
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.stages")}</legend>
        {checkbox("heats", t("events.heats"), Boolean(heats))}
        <div className="grid">
          <Field name="stages.0.name" label={t("events.heatsName")} defaultValue={heats?.name ?? t("events.heatsDefault")} issues={issues} />
          {num("stages.0.qualifyTopN", t("events.qualifyTopN"), heats?.qualifyTopN ?? 30, { min: 1 })}
          <Field name="finalName" label={t("events.finalName")} defaultValue={final?.name ?? t("events.finalDefault")} issues={issues} />
        </div>
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.eligibility")}</legend>
        <fieldset>
          <legend className="label">{t("events.employmentStatuses")}</legend>
          {EMPLOYMENT_STATUSES.map((status) => checkbox("eligibility.employmentStatuses", L.value(status), values.eligibility.employmentStatuses.includes(status), status))}
        </fieldset>
        <div className="grid">
          {num("eligibility.minAge", t("events.minAge"), values.eligibility.minAge, { min: 14, max: 80 })}
          {num("eligibility.maxAge", t("events.maxAge"), values.eligibility.maxAge, { min: 14, max: 80 })}
          {select("eligibility.minSkillLevel", t("events.minSkillLevel"), ["", ...SKILL_LEVEL_ORDER], (o) => (o ? L.value(o) : t("events.anyLevel")), values.eligibility.minSkillLevel)}
          {num("eligibility.minYearsOfService", t("events.minYearsOfService"), values.eligibility.minYearsOfService, { min: 0, max: 50 })}
          {select("eligibility.sex", t("events.sex"), ["", "男", "女"], (o) => (o ? L.value(o) : t("events.anySex")), values.eligibility.sex)}
        </div>
        {checkbox("eligibility.requireNoAccidentDeclaration", t("events.requireNoAccidentDeclaration"), values.eligibility.requireNoAccidentDeclaration)}
        {checkbox("eligibility.frontlineOnly", t("events.frontlineOnly"), values.eligibility.frontlineOnly)}
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.scoring")}</legend>
        <div className="grid">
          {select("scoring.judgeAggregation", t("events.judgeAggregation"), ["trimmed-mean", "mean", "scale-0-3"], (o) => t(`events.aggregations.${o}`), s.judgeAggregation)}
          {num("scoring.trimmedMeanMinimumJudges", t("events.trimmedMeanMinimumJudges"), s.trimmedMeanMinimumJudges, { min: 3, max: 15 })}
        </div>
        <fieldset>
          <legend className="label">{t("events.tieBreaks")}</legend>
          <div className="grid">
            {Array.from({ length: TIE_BREAK_SLOTS }, (_, i) =>
              select(`scoring.tieBreaks.${i}`, t("events.tieBreakStep", { n: i + 1 }), ["", ...TIE_BREAK_OPTIONS],
                // option keys such as "component:practical" hold a colon: not a namespace separator here
                (o) => t(`events.tieBreakOptions.${o}`, { defaultValue: o, nsSeparator: false }), s.ranking.tieBreaks[i] ? tieBreakKey(s.ranking.tieBreaks[i]) : ""),
            )}
          </div>
        </fieldset>
        {select("scoring.ties", t("events.ties"), ["shared", "no-ties"], (o) => t(`events.tiesOptions.${o}`), s.ranking.ties)}
      </fieldset>

      <fieldset className="card">
        <legend>{t("events.prizes")}</legend>
        {select("scoring.prizeMode", t("events.prizeMode"), ["shares", "fixed-counts"], (o) => t(`events.prizeModes.${o}`), s.prizes.mode)}
        {select("scoring.shareRounding", t("events.shareRounding"), ["floor", "half-up", "ceil"], (o) => t(`events.shareRoundings.${o}`), s.prizes.shareRounding)}
        <div className="grid">
          {num("scoring.sharesPercent.first", t("events.shareFirst"), s.prizes.sharesPercent.first, { min: 0, max: 100 })}
          {num("scoring.sharesPercent.second", t("events.shareSecond"), s.prizes.sharesPercent.second, { min: 0, max: 100 })}
          {num("scoring.sharesPercent.third", t("events.shareThird"), s.prizes.sharesPercent.third, { min: 0, max: 100 })}
          {num("scoring.fixedCounts.first", t("events.countFirst"), s.prizes.fixedCounts.first, { min: 0 })}
          {num("scoring.fixedCounts.second", t("events.countSecond"), s.prizes.fixedCounts.second, { min: 0 })}
          {num("scoring.fixedCounts.third", t("events.countThird"), s.prizes.fixedCounts.third, { min: 0 })}
        </div>
        <div className="grid">
          {select("scoring.honourableMention.mode", t("events.honourable"), ["none", "top-share", "count"], (o) => t(`events.honourableModes.${o}`), s.prizes.honourableMention.mode)}
          {num("scoring.honourableMention.percent", t("events.honourablePercent"), s.prizes.honourableMention.mode === "top-share" ? s.prizes.honourableMention.percent : 50, { min: 0, max: 100 })}
          {num("scoring.honourableMention.count", t("events.honourableCount"), s.prizes.honourableMention.mode === "count" ? s.prizes.honourableMention.count : 10, { min: 0 })}
        </div>
        <div className="grid">
          {select("scoring.teamMode", t("events.teamMode"), ["sum-of-members", "best-k-per-event"], (o) => t(`events.teamModes.${o}`), s.teams.mode)}
          {num("scoring.teamBestK", t("events.teamBestK"), s.teams.bestK, { min: 1, max: 20 })}
        </div>
        {select("scoring.outcomesPreset", t("events.outcomes"), OUTCOME_PRESETS, (o) => t(`events.outcomesPresets.${o}`), "keep")}
        <p className="muted small">{t("events.outcomesCurrent", { count: s.outcomes.length })}{L.colon}{s.outcomes.map((o) => `${o.fromRank}–${o.toRank} ${"title" in o.outcome ? L.value(o.outcome.title) : "honour" in o.outcome ? L.value(o.outcome.honour) : `→ ${L.value(SKILL_LEVEL_ORDER[SKILL_LEVEL_ORDER.length - o.outcome.toLevel] ?? String(o.outcome.toLevel))}`}`).join(L.semicolon)}</p>
      </fieldset>
    </>
  );
}
