import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requireUser, userScope } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { db } from "~/utils/db.server";
import { titled } from "~/utils/meta";
import { createCampaign, listCampaigns } from "~/modules/nominations/nominations.server";
import { CampaignInputSchema } from "~/modules/nominations/schemas";
import { AWARD_KEYS, CAMPAIGN_LEVEL_KEYS, LISTING_KEYS, awardLabel, campaignLevelLabel, listingLabel } from "~/modules/nominations/domain";
import { useLocalise } from "~/utils/use-localise";
import { ORG_TYPES } from "~/modules/orgs/org-types";

export const meta = titled("campaigns");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scopes = userScope(user, "award:manage");
  const tops = scopes.length
    ? await db.organisation.findMany({ where: { OR: scopes.map((p) => ({ path: { startsWith: p } })), type: { notIn: ["grassroots", "team"] } }, select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 500 })
    : [];
  return { campaigns: await listCampaigns(user), canCreate: hasPermission(user, "award:manage"), tops, year: new Date().getFullYear() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  try {
    const input = parseInput(CampaignInputSchema, { ...Object.fromEntries(form), awards: form.getAll("awards"), reviewingTypes: form.getAll("reviewingTypes") });
    const campaign = await createCampaign(user, input, actorOf(user, context));
    return redirect(`/campaigns/${campaign.id}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Campaigns() {
  const { t } = useTranslation("nominations");
  const { campaigns, canCreate, tops, year } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const L = useLocalise();
  return (
    <>
      <h1>{t("campaigns")}</h1>
      <p className="muted">{t("campaignsHelp")}</p>
      {campaigns.length === 0 ? <p className="muted">{t("noCampaigns")}</p> : (
        <table>
          <thead><tr><th>{t("title")}</th><th>{t("year")}</th><th>{t("awards")}</th><th>{t("topOrg")}</th><th>{t("nominations")}</th></tr></thead>
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.id}>
                <td><Link to={`/campaigns/${c.id}`}>{c.title}</Link> {c.listing === "single" ? <span className="badge">{listingLabel("single", L.locale)}</span> : null}</td>
                <td>{c.year}</td>
                <td>{L.list(c.awards.map((a) => awardLabel(a, L.locale)))}</td>
                <td>{c.topOrg.name}</td>
                <td>{c.nominations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCreate ? (
        <Form method="post" className="card" aria-labelledby="new-campaign">
          <h2 id="new-campaign">{t("newCampaign")}</h2>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
          <div className="field"><label htmlFor="title">{t("title")}</label><input id="title" name="title" required maxLength={120} defaultValue={t("defaultCampaignTitle", { year })} /></div>
          <div className="field">
            <label htmlFor="topOrgId">{t("topOrg")}</label>
            <select id="topOrgId" name="topOrgId">{tops.map((o) => <option key={o.id} value={o.id}>{"　".repeat(Math.max(0, o.depth - 1))}{o.name}</option>)}</select>
          </div>
          <fieldset className="field">
            <legend>{t("awards")}</legend>
            {AWARD_KEYS.map((k) => <label key={k} className="inline"><input type="checkbox" name="awards" value={k} defaultChecked={k === "奖章" || k === "先锋号" || k === "奖状"} /> {awardLabel(k, L.locale)}</label>)}
          </fieldset>
          <div className="field"><label htmlFor="level">{t("level")}</label><select id="level" name="level" defaultValue="city">{CAMPAIGN_LEVEL_KEYS.map((k) => <option key={k} value={k}>{campaignLevelLabel(k, L.locale)}</option>)}</select></div>
          <div className="field"><label htmlFor="year">{t("year")}</label><input id="year" name="year" type="number" defaultValue={year} min={2000} max={2100} /></div>
          <div className="field"><label htmlFor="listing">{t("listing")}</label><select id="listing" name="listing">{LISTING_KEYS.map((k) => <option key={k} value={k}>{listingLabel(k, L.locale)}</option>)}</select></div>
          <div className="field">
            <label htmlFor="stepTemplate">{t("stepTemplate")}</label>
            <select id="stepTemplate" name="stepTemplate"><option value="two-reviews-three-notices">{t("templateNational")}</option><option value="municipal-model-worker">{t("templateMunicipal")}</option></select>
          </div>
          <fieldset className="field">
            <legend>{t("reviewingTypes")}</legend>
            {(["provincial", "national_industry", "city", "county", "industry", "street"] as const).map((k) => (
              <label key={k} className="inline"><input type="checkbox" name="reviewingTypes" value={k} defaultChecked={k === "county" || k === "industry"} /> {ORG_TYPES[k][L.locale]}</label>
            ))}
          </fieldset>
          <div className="field"><label htmlFor="grassrootsDeadline">{t("deadline")}</label><input id="grassrootsDeadline" name="grassrootsDeadline" type="date" /><span className="muted small">{t("deadlineHelp")}</span></div>
          <div className="field"><label htmlFor="competitivePct">{t("competitive")} (%)</label><input id="competitivePct" name="competitivePct" type="number" defaultValue={100} min={100} max={500} /></div>
          <button className="button" type="submit">{t("create")}</button>
        </Form>
      ) : null}
    </>
  );
}
