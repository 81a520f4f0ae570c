import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { getSettings, saveSettings } from "~/modules/labour/settings.server";
import { settingsFromForm } from "~/modules/labour/settings-form";
import type { LabourSettings } from "~/modules/labour/settings";
import { useLocalise } from "~/utils/use-localise";
import { indicatorNameKey } from "~/modules/labour/labels";
import { titled } from "~/utils/meta";

// 竞赛规则设置 (issue 14): every number of the rules is a setting of the project with its
// documented default; the organiser changes them here (or PUT /api/v1/labour/projects/{id}/settings).
// A plain form: works without JavaScript.

export const meta = titled<typeof loader>("labourSettings", (d) => d.project.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getSettings(user, params.projectId!).catch((error: unknown) => asResponse(error, request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  try {
    const { settings: current } = await getSettings(user, params.projectId!);
    const typed = settingsFromForm(form.entries(), current);
    const saved = await saveSettings(user, params.projectId!, { settings: typed.settings as Partial<Record<keyof LabourSettings, unknown>>, correctionReason: typed.correctionReason }, actorOf(user, context));
    return { ok: true as const, changed: saved.changed };
  } catch (error) {
    return actionError(error, request);
  }
}

const SAFETY = ["minor", "serious", "fatal"] as const;
const QUALITY = ["general", "major", "grave"] as const;
const points = (h: number) => String(Math.abs(h) / 100);

export default function LabourSettingsPage() {
  const { t } = useTranslation("labour");
  const L = useLocalise();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true; changed: string[] }>();
  const s = d.settings;
  const def = d.defaults;
  const indicatorName = (key: string) => {
    const i = d.indicators.find((x) => x.key === key);
    if (!i) return key;
    const nameKey = indicatorNameKey({ name: d.setName }, i);
    return nameKey ? t(nameKey) : i.name;
  };
  const legend = (group: keyof typeof d.rules) => <legend>{t(`settings.groups.${group}`)} <span className="muted small">（{t("settings.rule", { id: d.rules[group] })}）</span></legend>;
  const defaultIs = (value: string | number) => <p className="muted small">{t("settings.defaultIs", { value })}</p>;
  const groupName = (g: string) => t(`settings.groupNames.${g as "section"}`);
  const bannerOf = (g: string) => s.banners.find((b) => b.group === g);
  const placeOf = (g: string) => s.placeRewards.find((p) => p.group === g);
  const eventRows = [...s.eventTable, null, null];
  const vetoRows = [...s.vetoRules, null];
  const disabled = !d.canManage;
  return (
    <>
      <p><Link to={`/labour/${d.project.id}`}>← {d.project.name}</Link></p>
      <h1>{t("settings.title")}</h1>
      <p className="muted">{t("settings.intro")}</p>
      {disabled ? <p className="alert">{t("settings.readOnly")}</p> : null}
      {result && result.ok ? <div className="alert alert-success" role="status">{result.changed.length ? t("settings.saved", { groups: L.list(result.changed.map((g) => t(`settings.groups.${g as "minSigners"}`))) }) : t("settings.unchanged")}</div> : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert">
          {result.issues.length > 1 ? <ul>{result.issues.map((i, n) => <li key={n}>{L.message(i.message)}</li>)}</ul> : L.message(result.message)}
        </div>
      ) : null}
      <Form method="post" className="settings-form" aria-label={t("settings.title")}>
        <fieldset disabled={disabled}>
          {legend("minSigners")}
          <div className="field"><label htmlFor="minSigners">{t("settings.groups.minSigners")}</label>
            <input id="minSigners" name="minSigners" inputMode="numeric" defaultValue={s.minSigners} size={4} /></div>
          {defaultIs(def.minSigners)}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("tieBreaks")}
          {d.indicators.map((_, n) => (
            <div className="field" key={n}><label htmlFor={`tieBreak-${n}`}>{t("settings.place", { n: n + 1 })}</label>
              <select id={`tieBreak-${n}`} name="tieBreaks" defaultValue={s.tieBreaks[n] ?? ""}>
                <option value="">{t("settings.noTieBreak")}</option>
                {d.indicators.map((i) => <option key={i.key} value={i.key}>{indicatorName(i.key)}</option>)}
              </select></div>
          ))}
          {defaultIs(def.tieBreaks.length ? L.list(def.tieBreaks.map(indicatorName)) : t("settings.noTieBreaks"))}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("banners")}
          <table className="small">
            <thead><tr><th></th><th>{t("settings.topK")}</th><th>{t("settings.ties")}</th><th>{t("settings.amount")}</th><th>{t("settings.minTotal")}</th></tr></thead>
            <tbody>{(["section", "area"] as const).map((g) => {
              const b = bannerOf(g);
              return (
                <tr key={g}>
                  <th scope="row">{groupName(g)}</th>
                  <td><input name={`banners.${g}.topK`} aria-label={`${groupName(g)} ${t("settings.topK")}`} inputMode="numeric" size={4} defaultValue={b?.topK ?? ""} /></td>
                  <td><select name={`banners.${g}.ties`} aria-label={`${groupName(g)} ${t("settings.ties")}`} defaultValue={b?.ties ?? "share"}><option value="share">{t("settings.tiesShare")}</option><option value="none">{t("settings.tiesNone")}</option></select></td>
                  <td><input name={`banners.${g}.amount`} aria-label={`${groupName(g)} ${t("settings.amount")}`} inputMode="numeric" size={8} defaultValue={b?.amount ?? 0} /></td>
                  <td><input name={`banners.${g}.minTotal`} aria-label={`${groupName(g)} ${t("settings.minTotal")}`} inputMode="decimal" size={6} defaultValue={b?.minTotal === undefined ? "" : points(b.minTotal)} /></td>
                </tr>
              );
            })}</tbody>
          </table>
          {defaultIs(L.list(def.banners.map((b) => `${groupName(b.group)} ${b.topK} · ¥${b.amount}`)))}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("placeRewards")}
          {(["section", "area"] as const).map((g) => {
            const p = placeOf(g);
            return (
              <div key={g} className="field-row">
                <div className="field"><label htmlFor={`place-${g}`}>{groupName(g)}{L.colon}{t("settings.byPlace")}</label>
                  <input id={`place-${g}`} name={`placeRewards.${g}.byPlace`} defaultValue={p ? p.byPlace.join(", ") : ""} /></div>
                <div className="field"><label htmlFor={`last-${g}`}>{groupName(g)}{L.colon}{t("settings.last")}</label>
                  <input id={`last-${g}`} name={`placeRewards.${g}.last`} inputMode="numeric" size={8} defaultValue={p?.last ?? ""} /></div>
              </div>
            );
          })}
          {defaultIs(L.list(def.placeRewards.map((p) => `${groupName(p.group)} ${p.byPlace.join(" / ")}${p.last !== undefined ? ` · ${p.last}` : ""}`)))}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("vetoRules")}
          <table className="small">
            <thead><tr><th>#</th><th>{t("settings.kind")}</th><th>{t("settings.atLeast")}</th><th>{t("settings.deduct")}</th><th>{t("settings.disqualify")}</th><th>{t("settings.zeroSafety")}</th><th>{t("settings.label")}</th><th>{t("settings.remove")}</th></tr></thead>
            <tbody>{vetoRows.map((r, n) => {
              const row = `${n + 1}`;
              return (
                <tr key={n}>
                  <td>{r ? row : t("settings.newRow")}</td>
                  <td><select name={`vetoRules.${n}.kind`} aria-label={`${row} ${t("settings.kind")}`} defaultValue={r?.kind ?? "safety"}>{(["safety", "quality"] as const).map((k) => <option key={k} value={k}>{t(`settings.kinds.${k}`)}</option>)}</select></td>
                  <td><select name={`vetoRules.${n}.atLeast`} aria-label={`${row} ${t("settings.atLeast")}`} defaultValue={r?.atLeast ?? "minor"}>{[...SAFETY, ...QUALITY].map((v) => <option key={v} value={v}>{t(`settings.severities.${v}`)}</option>)}</select></td>
                  <td><input name={`vetoRules.${n}.deduct`} aria-label={`${row} ${t("settings.deduct")}`} inputMode="decimal" size={5} defaultValue={r?.consequence.deduct ? points(r.consequence.deduct.points) : ""} /></td>
                  <td><select name={`vetoRules.${n}.disqualify`} aria-label={`${row} ${t("settings.disqualify")}`} defaultValue={r?.consequence.disqualify ?? ""}><option value="">{t("settings.disqualifyNone")}</option><option value="period">{t("settings.disqualifyPeriod")}</option><option value="year">{t("settings.disqualifyYear")}</option></select></td>
                  <td><input type="checkbox" name={`vetoRules.${n}.zeroSafetyForYear`} aria-label={`${row} ${t("settings.zeroSafety")}`} defaultChecked={!!r?.consequence.zeroSafetyForYear} /></td>
                  <td><input name={`vetoRules.${n}.label`} aria-label={`${row} ${t("settings.label")}`} maxLength={80} defaultValue={r?.label ?? ""} /></td>
                  <td>{r ? <input type="checkbox" name={`vetoRules.${n}.remove`} aria-label={`${row} ${t("settings.remove")}`} /> : null}</td>
                </tr>
              );
            })}</tbody>
          </table>
          {defaultIs(t("settings.rowsDefault", { count: def.vetoRules.length }))}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("teamVetoes")}
          <div className="field"><label htmlFor="minAttendance">{t("settings.minAttendance")}</label>
            <input id="minAttendance" name="teamVetoes.minAttendancePercent" inputMode="decimal" size={6} defaultValue={s.teamVetoes.minAttendancePercent} /></div>
          <div className="field"><label htmlFor="safetyAtLeast">{t("settings.safetyAtLeast")}</label>
            <select id="safetyAtLeast" name="teamVetoes.safetyAtLeast" defaultValue={s.teamVetoes.safetyAtLeast}>{SAFETY.map((v) => <option key={v} value={v}>{t(`settings.severities.${v}`)}</option>)}</select></div>
          <div className="field"><label htmlFor="qualityAtLeast">{t("settings.qualityAtLeast")}</label>
            <select id="qualityAtLeast" name="teamVetoes.qualityAtLeast" defaultValue={s.teamVetoes.qualityAtLeast}>{QUALITY.map((v) => <option key={v} value={v}>{t(`settings.severities.${v}`)}</option>)}</select></div>
          {defaultIs(`${def.teamVetoes.minAttendancePercent}% · ${t(`settings.severities.${def.teamVetoes.safetyAtLeast}`)} · ${t(`settings.severities.${def.teamVetoes.qualityAtLeast}`)}`)}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("teamAward")}
          <div className="field"><label htmlFor="teamTopK">{t("settings.teamTopK")}</label>
            <input id="teamTopK" name="teamAward.topK" inputMode="numeric" size={4} defaultValue={s.teamAward.topK} /></div>
          <div className="field"><label htmlFor="teamTies">{t("settings.ties")}</label>
            <select id="teamTies" name="teamAward.ties" defaultValue={s.teamAward.ties}><option value="share">{t("settings.tiesShare")}</option><option value="none">{t("settings.tiesNone")}</option></select></div>
          <div className="field"><label htmlFor="teamAmount">{t("settings.amount")}</label>
            <input id="teamAmount" name="teamAward.amount" inputMode="numeric" size={8} defaultValue={s.teamAward.amount} /></div>
          {defaultIs(`${def.teamAward.topK} · ¥${def.teamAward.amount}`)}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("eventTable")}
          <table className="small">
            <thead><tr><th>#</th><th>{t("settings.eventKey")}</th><th>{t("settings.eventLabel")}</th><th>{t("settings.source")}</th><th>{t("settings.role")}</th><th>{t("settings.sign")}</th><th>{t("settings.points")}</th><th>{t("settings.eventAmount")}</th><th>{t("settings.remove")}</th></tr></thead>
            <tbody>{eventRows.map((e, n) => {
              const row = `${n + 1}`;
              return (
                <tr key={n}>
                  <td>{e ? row : t("settings.newRow")}</td>
                  <td><input name={`eventTable.${n}.key`} aria-label={`${row} ${t("settings.eventKey")}`} size={14} maxLength={32} defaultValue={e?.key ?? ""} /></td>
                  <td><input name={`eventTable.${n}.label`} aria-label={`${row} ${t("settings.eventLabel")}`} maxLength={40} defaultValue={e?.label ?? ""} /></td>
                  <td><select name={`eventTable.${n}.source`} aria-label={`${row} ${t("settings.source")}`} defaultValue={e?.source ?? "client"}>{(["client", "supervisor", "authority"] as const).map((v) => <option key={v} value={v}>{t(`settings.sources.${v}`)}</option>)}</select></td>
                  <td><select name={`eventTable.${n}.role`} aria-label={`${row} ${t("settings.role")}`} defaultValue={e?.role ?? "civic"}>{(["safety", "quality", "progress", "civic", "other"] as const).map((v) => <option key={v} value={v}>{t(`settings.roles.${v}`)}</option>)}</select></td>
                  <td><select name={`eventTable.${n}.sign`} aria-label={`${row} ${t("settings.sign")}`} defaultValue={e && e.points < 0 ? "-" : "+"}><option value="+">{t("settings.plus")}</option><option value="-">{t("settings.minus")}</option></select></td>
                  <td><input name={`eventTable.${n}.points`} aria-label={`${row} ${t("settings.points")}`} inputMode="decimal" size={5} defaultValue={e ? points(e.points) : ""} /></td>
                  <td><input name={`eventTable.${n}.amount`} aria-label={`${row} ${t("settings.eventAmount")}`} inputMode="numeric" size={7} defaultValue={e?.amount ?? ""} /></td>
                  <td>{e ? <input type="checkbox" name={`eventTable.${n}.remove`} aria-label={`${row} ${t("settings.remove")}`} /> : null}</td>
                </tr>
              );
            })}</tbody>
          </table>
          {defaultIs(t("settings.rowsDefault", { count: def.eventTable.length }))}
        </fieldset>

        <fieldset disabled={disabled}>
          {legend("yearEnd")}
          {([["minBanners", "minBanners"], ["builderYearsOnSite", "builderYears"], ["advancedUnits", "advancedUnits"], ["advancedTeams", "advancedTeams"]] as const).map(([field, label]) => (
            <div className="field" key={field}><label htmlFor={`yearEnd-${field}`}>{t(`settings.${label}`)}</label>
              <input id={`yearEnd-${field}`} name={`yearEnd.${field}`} inputMode="numeric" size={4} defaultValue={s.yearEnd[field]} /> <span className="muted small">{t("settings.defaultIs", { value: def.yearEnd[field] })}</span></div>
          ))}
        </fieldset>

        {s.campaign ? (
          <fieldset disabled={disabled}>
            {legend("campaign")}
            <p>{t("settings.lengthDays")}{L.colon}{s.campaign.lengthDays}</p>
            <div className="field"><label htmlFor="onAccident">{t("settings.onAccident")}</label>
              <select id="onAccident" name="campaign.onAccident" defaultValue={s.campaign.onAccident}><option value="reset">{t("onAccidentReset")}</option><option value="veto">{t("onAccidentVeto")}</option></select></div>
            <div className="field"><label htmlFor="countsFrom">{t("settings.countsFrom")}</label>
              <select id="countsFrom" name="campaign.countsFrom" defaultValue={s.campaign.countsFrom}>{SAFETY.map((v) => <option key={v} value={v}>{t(`settings.severities.${v}`)}</option>)}</select></div>
            {def.campaign ? defaultIs(`${def.campaign.lengthDays} · ${t(def.campaign.onAccident === "reset" ? "onAccidentReset" : "onAccidentVeto")} · ${t(`settings.severities.${def.campaign.countsFrom}`)}`) : null}
          </fieldset>
        ) : null}

        {d.canManage ? (
          <>
            {d.needsCorrectionReason ? (
              <div className="field">
                <p className="alert">{t("settings.signedNote", { count: d.signedPeriods })}</p>
                <label htmlFor="correctionReason">{t("settings.correctionReason")}</label>
                <input id="correctionReason" name="correctionReason" maxLength={500} required />
              </div>
            ) : null}
            <button className="button" type="submit">{t("settings.save")}</button>
          </>
        ) : null}
      </Form>
    </>
  );
}
