import { Form } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/field";
import { useLocalise } from "~/utils/use-localise";
import type { FieldIssue } from "~/utils/errors";
import { AWARDS, CADRE_RANKS, CATEGORIES, EDUCATIONS, FORM_LIMITS, NOTICE_OUTCOMES, OWNERSHIPS, POLITICAL_STATUSES, UNIT_TYPES, type AwardKey } from "./domain";

// The nomination form (DOMAIN-RULES §5), shared by /nominations/new and /nominations/:id.

export type FormValues = Partial<{
  award: string; orgId: string; memberId: string | null; name: string; sex: string; ethnicity: string; birthMonth: string; education: string; politicalStatus: string;
  post: string; unitType: string; ownership: string; industry: string; isKeyIndustry: boolean; category: string; cadreRank: string;
  isMigrantWorker: boolean; isNewEmployment: boolean; isFrontline: boolean; isLeader: boolean; isTeamOrOffice: boolean; headcount: number | null;
  leaderName: string; parentUnit: string; priorHonours: { year: number; level: string; title: string; issuer: string }[]; rewardsPenalties: string;
  deedsShort: string; deedsLong: string; congressDate: string | null; congressPresent: number | null; congressFor: number | null; congressAgainst: number | null;
  pollTotal: number | null; pollFor: number | null; localNoticeStart: string | null; localNoticeDays: number | null; localNoticeEnd: string | null; localNoticeOutcome: string | null;
}>;

type Props = {
  campaignId: string;
  awards: string[];
  units: { id: string; name: string }[];
  members: { id: string; name: string; post: string; unitId: string }[];
  values?: FormValues;
  issues?: FieldIssue[];
  submitLabel: string;
};

const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

export function NominationForm({ campaignId, awards, units, members, values = {}, issues, submitLabel }: Props) {
  const { t } = useTranslation("nominations");
  const [award, setAward] = useState<string>(values.award ?? awards[0] ?? "奖章");
  const [unitId, setUnitId] = useState<string>(values.orgId ?? units[0]?.id ?? "");
  const [short, setShort] = useState(values.deedsShort ?? "");
  const individual = AWARDS[award as AwardKey]?.kind !== "collective";
  const honours = (values.priorHonours ?? []).map((h) => [h.year, h.level, h.title, h.issuer].join("，")).join("\n");
  const shortCount = [...short].length;
  return (
    <Form method="post" className="card nomination-form">
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name="campaignId" value={campaignId} />
      <fieldset>
        <legend>{t("sectionBasic")}</legend>
        <Field name="award" label={t("award")} issues={issues}>
          <select id="award" name="award" value={award} onChange={(e) => setAward(e.target.value)}>
            {awards.map((a) => <option key={a} value={a}>{AWARDS[a as AwardKey]?.label ?? a}（{AWARDS[a as AwardKey]?.kind === "collective" ? t("collective") : t("individual")}）</option>)}
          </select>
        </Field>
        <Field name="orgId" label={t("unit")} issues={issues}>
          <select id="orgId" name="orgId" value={unitId} onChange={(e) => setUnitId(e.target.value)}>{units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select>
        </Field>
        {individual ? (
          <Field name="memberId" label={t("member")} issues={issues}>
            <select id="memberId" name="memberId" defaultValue={values.memberId ?? ""}>
              <option value="">{t("memberNone")}</option>
              {members.filter((m) => m.unitId === unitId).map((m) => <option key={m.id} value={m.id}>{m.name}{m.post ? ` · ${m.post}` : ""}</option>)}
            </select>
          </Field>
        ) : null}
        <Field name="name" label={t("name")} issues={issues} defaultValue={values.name} maxLength={80} />
        {individual ? (
          <>
            <Field name="sex" label={t("sex")} issues={issues}><select id="sex" name="sex" defaultValue={values.sex ?? ""}><option value="">—</option><option>男</option><option>女</option></select></Field>
            <Field name="ethnicity" label={t("ethnicity")} issues={issues} defaultValue={values.ethnicity} maxLength={20} />
            <Field name="birthMonth" label={t("birthMonth")} issues={issues} type="month" defaultValue={values.birthMonth} />
            <Field name="education" label={t("education")} issues={issues}><select id="education" name="education" defaultValue={values.education ?? ""}><option value="">—</option>{EDUCATIONS.map((e) => <option key={e}>{e}</option>)}</select></Field>
            <Field name="politicalStatus" label={t("politicalStatus")} issues={issues}><select id="politicalStatus" name="politicalStatus" defaultValue={values.politicalStatus ?? ""}><option value="">—</option>{POLITICAL_STATUSES.map((e) => <option key={e}>{e}</option>)}</select></Field>
            <Field name="post" label={t("post")} issues={issues} defaultValue={values.post} maxLength={80} />
          </>
        ) : (
          <>
            <Field name="parentUnit" label={t("parentUnit")} issues={issues} defaultValue={values.parentUnit} maxLength={80} />
            <Field name="leaderName" label={t("leaderName")} issues={issues} defaultValue={values.leaderName} maxLength={40} />
            <Field name="headcount" label={t("headcount")} issues={issues} type="number" min={0} defaultValue={num(values.headcount)} />
          </>
        )}
        <Field name="unitType" label={t("unitType")} issues={issues}><select id="unitType" name="unitType" defaultValue={values.unitType ?? ""}><option value="">—</option>{UNIT_TYPES.map((e) => <option key={e}>{e}</option>)}</select></Field>
        <Field name="ownership" label={t("ownership")} issues={issues}><select id="ownership" name="ownership" defaultValue={values.ownership ?? ""}><option value="">—</option>{OWNERSHIPS.map((e) => <option key={e}>{e}</option>)}</select></Field>
        <Field name="industry" label={t("industry")} issues={issues} defaultValue={values.industry} maxLength={40} />
        <label className="inline"><input type="checkbox" name="isKeyIndustry" defaultChecked={values.isKeyIndustry} /> {t("isKeyIndustry")}</label>
      </fieldset>

      <fieldset>
        <legend>{t("sectionCategory")}</legend>
        {individual ? (
          <>
            <fieldset className="field" aria-describedby={issues?.some((i) => i.path === "categories") ? "categories-error" : undefined}>
              <legend>{t("category")}</legend>
              {CATEGORIES.map((c) => <label key={c} className="inline"><input type="radio" name="categories" value={c} defaultChecked={values.category === c} /> {c}</label>)}
              {issues?.find((i) => i.path === "categories") ? <span id="categories-error" className="field-error" role="alert">{issues.find((i) => i.path === "categories")!.message}</span> : null}
            </fieldset>
            <Field name="cadreRank" label={t("cadreRank")} issues={issues}><select id="cadreRank" name="cadreRank" defaultValue={values.cadreRank ?? ""}>{CADRE_RANKS.map((r) => <option key={r} value={r}>{r || t("cadreNone")}</option>)}</select></Field>
            <label className="inline"><input type="checkbox" name="isMigrantWorker" defaultChecked={values.isMigrantWorker} /> {t("isMigrantWorker")}</label>
            <label className="inline"><input type="checkbox" name="isNewEmployment" defaultChecked={values.isNewEmployment} /> {t("isNewEmployment")}</label>
            <label className="inline"><input type="checkbox" name="isFrontline" defaultChecked={values.isFrontline} /> {t("isFrontline")}</label>
            <label className="inline"><input type="checkbox" name="isLeader" defaultChecked={values.isLeader} /> {t("isLeader")}</label>
          </>
        ) : (
          <label className="inline"><input type="checkbox" name="isTeamOrOffice" defaultChecked={values.isTeamOrOffice} /> {t("isTeamOrOffice")}</label>
        )}
      </fieldset>

      <fieldset>
        <legend>{t("sectionHonours")}</legend>
        <Field name="priorHonours" label={t("priorHonours")} hint={t("priorHonoursHint")} issues={issues}><textarea id="priorHonours" name="priorHonours" rows={3} defaultValue={honours} aria-describedby="priorHonours-hint" /></Field>
        <Field name="rewardsPenalties" label={t("rewardsPenalties")} issues={issues}><textarea id="rewardsPenalties" name="rewardsPenalties" rows={2} maxLength={1000} defaultValue={values.rewardsPenalties} /></Field>
      </fieldset>

      <fieldset>
        <legend>{t("sectionDeeds")}</legend>
        <Field name="deedsShort" label={t("deedsShort")} issues={issues} hint={t("chars", { count: shortCount, max: FORM_LIMITS.deedsShort })}>
          <textarea id="deedsShort" name="deedsShort" rows={6} value={short} onChange={(e) => setShort(e.target.value)} aria-describedby="deedsShort-hint" aria-invalid={shortCount > FORM_LIMITS.deedsShort ? true : undefined} />
        </Field>
        <Field name="deedsLong" label={t("deedsLong")} issues={issues}><textarea id="deedsLong" name="deedsLong" rows={10} defaultValue={values.deedsLong} /></Field>
      </fieldset>

      <fieldset>
        <legend>{t("sectionGrassroots")}</legend>
        <p className="muted small">{t("submitHelp")}</p>
        <h3>{t("congress")}</h3>
        <Field name="congressDate" label={t("congressDate")} issues={issues} type="date" defaultValue={values.congressDate} />
        <Field name="congressPresent" label={t("congressPresent")} issues={issues} type="number" min={0} defaultValue={num(values.congressPresent)} />
        <Field name="congressFor" label={t("congressFor")} issues={issues} type="number" min={0} defaultValue={num(values.congressFor)} />
        <Field name="congressAgainst" label={t("congressAgainst")} issues={issues} type="number" min={0} defaultValue={num(values.congressAgainst)} />
        {individual ? (
          <>
            <h3>{t("poll")}</h3>
            <Field name="pollTotal" label={t("pollTotal")} issues={issues} type="number" min={0} defaultValue={num(values.pollTotal)} />
            <Field name="pollFor" label={t("pollFor")} issues={issues} type="number" min={0} defaultValue={num(values.pollFor)} />
          </>
        ) : null}
        <h3>{t("localNotice")}</h3>
        <Field name="localNoticeStart" label={t("localNoticeStart")} issues={issues} type="date" defaultValue={values.localNoticeStart} />
        <Field name="localNoticeDays" label={t("localNoticeDays")} issues={issues} type="number" min={1} max={60} defaultValue={num(values.localNoticeDays ?? 5)} />
        {values.localNoticeEnd ? <p id="local-notice-end"><strong>{t("localNoticeEnd")}：</strong>{t("endsOn", { date: values.localNoticeEnd })}</p> : null}
        <Field name="localNoticeOutcome" label={t("localNoticeOutcome")} issues={issues}><select id="localNoticeOutcome" name="localNoticeOutcome" defaultValue={values.localNoticeOutcome ?? ""}><option value="">—</option>{NOTICE_OUTCOMES.map((o) => <option key={o}>{o}</option>)}</select></Field>
      </fieldset>
      <button className="button" type="submit">{submitLabel}</button>
    </Form>
  );
}

// ------------------------------------------------------------------ the campaign's review steps (issue 13 item 2)

export type StepRow = { key: string; label: string; labelEn: string; status: "done" | "current" | "pending"; missing: { zh: string; en: string } | null };

const STEP_MARK = { done: "✓", current: "▶", pending: "○" } as const;
const STEP_TEXT = { done: "stepDone", current: "stepCurrent", pending: "stepPending" } as const;

/** The step tracker: each step done, current (with what is missing) or to come; plain HTML, no script needed. */
export function StepTracker({ steps }: { steps: StepRow[] }) {
  const { t } = useTranslation("nominations");
  const L = useLocalise();
  const en = L.locale === "en";
  return (
    <ol className="step-tracker">
      {steps.map((s) => (
        <li key={s.key} data-status={s.status} aria-current={s.status === "current" ? "step" : undefined}>
          <span aria-hidden="true">{STEP_MARK[s.status]} </span>
          {s.status === "current" ? <strong>{en ? s.labelEn : s.label}</strong> : en ? s.labelEn : s.label}
          <span className="muted small">{L.paren(t(STEP_TEXT[s.status]))}</span>
          {s.status === "current" && s.missing ? <div className="small">{t("stepMissing")}{L.colon}{en ? s.missing.en : s.missing.zh}</div> : null}
        </li>
      ))}
    </ol>
  );
}
