import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { forbidden } from "~/utils/errors";
import { getProposalSettings, saveProposalSettings, settingsOrgs } from "~/modules/proposals/settings.server";
import { BENEFIT_ITEM_MAX, GRADES, KINDS, type Grade, type Kind } from "~/modules/proposals/settings";
import { useProposalLabels } from "~/modules/proposals/components";

// 合理化建议设置 (issue 16: every number is a setting with its documented default): the organiser
// sets grade thresholds, rewards, reviews a year, the committee's minimum and method, and the
// top-ten window and the benefit tiers of rules I-1 and I-2 for their organisation; units below use
// the nearest record, else the defaults.

/** Rows of benefit tiers on the form: the stored ones and two blank rows (blank rows are ignored). */
const TIER_ROWS = (stored: number) => Math.min(10, stored + 2);

export const meta = titled("proposalSettings");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "proposal:settings");
  try {
    const orgs = await settingsOrgs(user);
    if (orgs.length === 0) throw forbidden();
    const wanted = new URL(request.url).searchParams.get("orgId");
    const orgId = orgs.some((o) => o.id === wanted) ? wanted! : orgs[0].id;
    return { orgs: orgs.map((o) => ({ id: o.id, name: o.name })), ...(await getProposalSettings(user, orgId)) };
  } catch (error) {
    return asResponse(error, request);
  }
}

/** Points as typed ("85", "85.5") to hundredths; anything else is passed on for the schema to refuse. */
const hundredths = (v: FormDataEntryValue | null) => {
  const text = String(v ?? "").trim();
  return /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : text === "" ? undefined : text;
};
const whole = (v: FormDataEntryValue | null) => {
  const text = String(v ?? "").trim();
  return /^\d+$/.test(text) ? Number(text) : text === "" ? undefined : text;
};

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "proposal:settings");
  const form = await request.formData();
  const orgId = String(form.get("orgId") ?? "");
  const byGrade = (prefix: string, read: (v: FormDataEntryValue | null) => unknown) => Object.fromEntries(GRADES.map((g) => [g, read(form.get(`${prefix}.${g}`))]));
  const input = {
    reviewSessionsPerYear: whole(form.get("reviewSessionsPerYear")),
    aggregation: String(form.get("aggregation") ?? ""),
    trimFrom: whole(form.get("trimFrom")),
    minReviewers: whole(form.get("minReviewers")),
    gradeThresholds: byGrade("gradeThresholds", hundredths),
    rewardYuan: byGrade("rewardYuan", whole),
    topTenWindowYears: { proposal: whole(form.get("topTenWindowYears.proposal")), innovation: whole(form.get("topTenWindowYears.innovation")) },
    topTenCount: whole(form.get("topTenCount")),
    benefitTiers: Object.fromEntries(KINDS.map((k) => {
      const rows = [];
      for (let i = 0; i < 10; i++) {
        const cells = ["fromYuan", "minMark", "maxMark"].map((f) => String(form.get(`benefitTiers.${k}.${i}.${f}`) ?? "").trim());
        if (cells.every((c) => c === "")) continue;
        rows.push({ fromYuan: whole(cells[0]) ?? "", minMark: hundredths(cells[1]) ?? "", maxMark: hundredths(cells[2]) ?? "" });
      }
      return [k, rows];
    })),
  };
  try {
    await saveProposalSettings(user, orgId, input, actorOf(user, context));
    return redirect(`/proposals/settings?orgId=${encodeURIComponent(orgId)}&saved=1`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function ProposalSettingsPage() {
  const { t } = useTranslation("proposals");
  const L = useProposalLabels();
  const { orgs, org, settings, fromOrgId, defaults } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const pts = (n: number) => String(n / 100);
  const hint = (value: string | number) => <span className="muted small">{t("defaultIs", { value })}</span>;
  return (
    <>
      <h1>{t("settingsTitle")}</h1>
      <p className="muted">{t("settingsHelp")}</p>
      <p><Link to="/proposals">{t("back")}</Link></p>
      {orgs.length > 1 ? (
        <Form method="get" className="toolbar">
          <label className="inline">{t("unit")}{" "}<select name="orgId" defaultValue={org.id}>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></label>
          <button className="button button-secondary" type="submit">{t("show")}</button>
        </Form>
      ) : null}
      {params.get("saved") ? <p className="alert alert-success" role="status">{t("saved")}</p> : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert">
          <p>{result.message}</p>
          {result.issues.length > 1 ? <ul>{result.issues.map((i) => <li key={`${i.path}:${i.message}`}>{i.message}</li>)}</ul> : null}
        </div>
      ) : null}
      <p className="muted small" data-testid="settings-source">{fromOrgId === org.id ? t("settingsOwn") : fromOrgId ? t("settingsInherited") : t("settingsDefaults")}</p>
      <Form method="post" className="card" key={`${org.id}-${JSON.stringify(settings)}`}>
        <input type="hidden" name="orgId" value={org.id} />
        <fieldset>
          <legend>{t("gradeThresholdsLegend")}</legend>
          {GRADES.map((g: Grade) => (
            <div className="field" key={g}>
              <label htmlFor={`th-${g}`}>{L.grade(g)}{t("thresholdSuffix")}</label>
              <input id={`th-${g}`} name={`gradeThresholds.${g}`} inputMode="decimal" required defaultValue={pts(settings.gradeThresholds[g])} /> {hint(pts(defaults.gradeThresholds[g]))}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("rewardLegend")}</legend>
          {GRADES.map((g: Grade) => (
            <div className="field" key={g}>
              <label htmlFor={`rw-${g}`}>{L.grade(g)}{t("rewardSuffix")}</label>
              <input id={`rw-${g}`} name={`rewardYuan.${g}`} inputMode="numeric" required defaultValue={String(settings.rewardYuan[g])} /> {hint(defaults.rewardYuan[g])}
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t("reviewLegend")}</legend>
          <div className="field"><label htmlFor="reviewSessionsPerYear">{t("reviewSessionsPerYear")}</label><input id="reviewSessionsPerYear" name="reviewSessionsPerYear" inputMode="numeric" required defaultValue={String(settings.reviewSessionsPerYear)} /> {hint(defaults.reviewSessionsPerYear)}</div>
          <div className="field"><label htmlFor="minReviewers">{t("minReviewers")}</label><input id="minReviewers" name="minReviewers" inputMode="numeric" required defaultValue={String(settings.minReviewers)} /> {hint(defaults.minReviewers)}</div>
          <div className="field"><label htmlFor="aggregation">{t("aggregation")}</label>
            <select id="aggregation" name="aggregation" defaultValue={settings.aggregation}><option value="mean">{t("aggregationMean")}</option><option value="trimmed-mean">{t("aggregationTrimmed")}</option></select></div>
          <div className="field"><label htmlFor="trimFrom">{t("trimFrom")}</label><input id="trimFrom" name="trimFrom" inputMode="numeric" required defaultValue={String(settings.trimFrom)} /> {hint(defaults.trimFrom)}</div>
        </fieldset>
        <fieldset>
          <legend>{t("topTenLegend")}</legend>
          <div className="field"><label htmlFor="tw-proposal">{t("windowProposal")}</label><input id="tw-proposal" name="topTenWindowYears.proposal" inputMode="numeric" required defaultValue={String(settings.topTenWindowYears.proposal)} /> {hint(defaults.topTenWindowYears.proposal)}</div>
          <div className="field"><label htmlFor="tw-innovation">{t("windowInnovation")}</label><input id="tw-innovation" name="topTenWindowYears.innovation" inputMode="numeric" required defaultValue={String(settings.topTenWindowYears.innovation)} /> {hint(defaults.topTenWindowYears.innovation)}</div>
          <div className="field"><label htmlFor="topTenCount">{t("topTenCount")}</label><input id="topTenCount" name="topTenCount" inputMode="numeric" required defaultValue={String(settings.topTenCount)} /> {hint(defaults.topTenCount)}</div>
        </fieldset>
        {KINDS.map((k: Kind) => (
          <fieldset key={k} data-testid={`tiers-${k}`}>
            <legend>{t(k === "proposal" ? "tiersProposalLegend" : "tiersInnovationLegend", { max: BENEFIT_ITEM_MAX[k] / 100 })}</legend>
            <p className="muted small">{t("tiersHelp")} {t("tiersDefaults", { value: defaults.benefitTiers[k].map((d) => `${d.fromYuan}: ${pts(d.minMark)}–${pts(d.maxMark)}`).join("; ") })}</p>
            <div className="table-wrap"><table>
              <thead><tr><th scope="col">{t("tierNo")}</th><th scope="col">{t("tierFrom")}</th><th scope="col">{t("tierMin")}</th><th scope="col">{t("tierMax")}</th></tr></thead>
              <tbody>
                {Array.from({ length: TIER_ROWS(settings.benefitTiers[k].length) }, (_, i) => {
                  const tier = settings.benefitTiers[k][i];
                  return (
                    <tr key={i}>
                      <th scope="row">{i + 1}</th>
                      <td><input name={`benefitTiers.${k}.${i}.fromYuan`} inputMode="numeric" aria-label={`${t("tierNo")} ${i + 1} ${t("tierFrom")}`} defaultValue={tier ? String(tier.fromYuan) : ""} /></td>
                      <td><input name={`benefitTiers.${k}.${i}.minMark`} inputMode="decimal" aria-label={`${t("tierNo")} ${i + 1} ${t("tierMin")}`} defaultValue={tier ? pts(tier.minMark) : ""} /></td>
                      <td><input name={`benefitTiers.${k}.${i}.maxMark`} inputMode="decimal" aria-label={`${t("tierNo")} ${i + 1} ${t("tierMax")}`} defaultValue={tier ? pts(tier.maxMark) : ""} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table></div>
          </fieldset>
        ))}
        <button className="button" type="submit" disabled={busy}>{t("saveSettings")}</button>
      </Form>
    </>
  );
}
