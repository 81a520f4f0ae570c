import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { titled } from "~/utils/meta";
import { applyDeadline, getCampaign, setControlCap, updateCampaignSettings } from "~/modules/nominations/nominations.server";
import { ControlCapInputSchema } from "~/modules/nominations/schemas";
import { CAPPED_CATEGORIES, awardLabel, campaignLevelLabel, listingLabel, nominationValue } from "~/modules/nominations/domain";
import { useLocalise } from "~/utils/use-localise";
import { StepTracker } from "~/modules/nominations/components";
import type { RatioRule } from "~/modules/nominations/ratios";
import { badRequest } from "~/utils/errors";

export const meta = titled<typeof loader>("campaign", (d) => d.campaign.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getCampaign(user, params.campaignId!).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; message?: string } | { ok: false; message: string };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  const form = await request.formData();
  const id = params.campaignId!;
  try {
    switch (form.get("intent")) {
      case "cap":
        await setControlCap(user, id, parseInput(ControlCapInputSchema, Object.fromEntries(form)), actor);
        return { ok: true } satisfies Result;
      case "rules": {
        const { campaign } = await getCampaign(user, id);
        const rules: RatioRule[] = campaign.ratioRules.map((r) => {
          const percent = form.get(`percent-${r.id}`);
          const value = percent === null || percent === "" ? r.percent : Number(percent);
          if (value !== undefined && (!Number.isFinite(value) || value < 0 || value > 100)) throw badRequest("比例须在 0 到 100 之间 / a percentage is between 0 and 100");
          return { ...r, percent: value, hard: form.get(`hard-${r.id}`) === "on" };
        });
        const deadline = String(form.get("grassrootsDeadline") ?? "");
        await updateCampaignSettings(user, id, { ratioRules: rules, deadlines: deadline ? [...campaign.deadlines.filter((d) => d.scope !== "grassroots"), { scope: "grassroots", date: deadline }] : campaign.deadlines.filter((d) => d.scope !== "grassroots") }, actor);
        return { ok: true } satisfies Result;
      }
      case "deadline": {
        const r = await applyDeadline(user, id, actor);
        return { ok: true, message: String(r.withdrawn) } satisfies Result;
      }
      default:
        throw badRequest("未知操作 / unknown action");
    }
  } catch (error) {
    return actionError(error, request);
  }
}

const STATUS_KEYS: Record<string, string> = { draft: "statusDraft", submitted: "statusSubmitted", withdrawn: "statusWithdrawn" };

export default function CampaignPage() {
  const { t } = useTranslation("nominations");
  const { campaign, quotas, nominations, levels, canManage, canNominate } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const L = useLocalise();
  const deadline = campaign.deadlines.find((d) => d.scope === "grassroots")?.date ?? "";
  return (
    <>
      <p><Link to="/campaigns">← {t("campaigns")}</Link></p>
      <h1>{campaign.title}</h1>
      <p className="muted">
        {campaign.year} · {campaignLevelLabel(campaign.level, L.locale)} · {listingLabel(campaign.listing, L.locale)} ·{" "}
        {L.list(campaign.awards.map((a) => awardLabel(a, L.locale)))} · {t("topOrg")}{L.colon}{campaign.topOrg.name}
      </p>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {result?.ok && result.message ? <div className="alert alert-ok" role="status">{t("appliedDeadline", { count: Number(result.message) })}</div> : null}
      <p>
        {canNominate ? <Link className="button" to={`/nominations/new?campaign=${campaign.id}`}>{t("newNomination")}</Link> : null}{" "}
        <Link to={`/campaigns/${campaign.id}/charts`}>{t("charts")}</Link> · <a href={`/campaigns/${campaign.id}/summary.xlsx`}>{t("summaryXlsx")}</a> ·{" "}
        <Link to={`/review-rounds/${campaign.roundId}`}>{t("openRound")}</Link>
      </p>

      <section className="card" aria-labelledby="steps">
        <h2 id="steps">{t("steps")}</h2>
        <p className="muted small">{t("stepsHelp")}</p>
        <StepTracker steps={campaign.steps} />
        <p>{t("deadline")}{L.colon}{deadline || "—"} <span className="muted small">{t("deadlineHelp")}</span></p>
        {canManage && deadline ? (
          <Form method="post"><input type="hidden" name="intent" value="deadline" /><button className="button secondary" type="submit">{t("applyDeadline")}</button></Form>
        ) : null}
      </section>

      {levels.length ? (
        <section className="card" aria-labelledby="levels">
          <h2 id="levels">{t("levelLists")}</h2>
          <ul>{levels.map((l) => <li key={l.id}><Link to={`/campaigns/${campaign.id}/levels/${l.id}`}>{"　".repeat(Math.max(0, l.depth - 1))}{l.name}</Link></li>)}</ul>
        </section>
      ) : null}

      <section className="card" aria-labelledby="nominees">
        <h2 id="nominees">{t("nominations")}{L.paren(nominations.length)}</h2>
        {nominations.length === 0 ? <p className="muted">{t("noRows")}</p> : (
          <table>
            <thead><tr><th>{t("name")}</th><th>{t("award")}</th><th>{t("category")}</th><th>{t("unit")}</th><th>{t("status")}</th></tr></thead>
            <tbody>{nominations.map((n) => (
              <tr key={n.id}><td><Link to={`/nominations/${n.id}`}>{n.name}</Link></td><td>{awardLabel(n.award, L.locale)}</td><td>{nominationValue(n.category, L.locale) || (n.kind === "collective" ? t("collective") : "")}</td><td>{n.orgName}</td><td>{n.status === "submitted" && n.reviewStatus ? t(`reviewChain:statuses.${n.reviewStatus}`) : t(STATUS_KEYS[n.status] ?? "status")}</td></tr>
            ))}</tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="rules">
        <h2 id="rules">{t("ratioRules")}</h2>
        <Form method="post">
          <input type="hidden" name="intent" value="rules" />
          <table>
            <thead><tr><th>{t("rule")}</th><th>{t("requirement")}</th><th>{t("hard")}</th><th>{t("source")}</th></tr></thead>
            <tbody>{campaign.ratioRules.map((r) => (
              <tr key={r.id}>
                <td>{r.label}</td>
                <td>
                  {r.kind === "excluded" ? t("excluded") : r.kind === "max_count" ? `≤ ${r.count}` : (
                    <>{r.kind === "min_share" ? "≥ " : "≤ "}{canManage ? <input aria-label={`${r.label} %`} name={`percent-${r.id}`} type="number" min={0} max={100} step="0.1" defaultValue={r.percent} style={{ width: "5em" }} /> : r.percent}%</>
                  )}
                </td>
                <td>{canManage ? <input type="checkbox" aria-label={`${r.label}${L.colon}${t("hard")}`} name={`hard-${r.id}`} defaultChecked={r.hard} /> : r.hard ? t("hard") : t("advisory")}</td>
                <td>{r.source ?? ""}</td>
              </tr>
            ))}</tbody>
          </table>
          {canManage ? (
            <>
              <div className="field"><label htmlFor="grassrootsDeadline">{t("deadline")}</label><input id="grassrootsDeadline" name="grassrootsDeadline" type="date" defaultValue={deadline} /></div>
              <button className="button" type="submit">{t("save")}</button>
            </>
          ) : null}
        </Form>
      </section>

      <section className="card" aria-labelledby="quotas">
        <h2 id="quotas">{t("quotas")}</h2>
        {quotas.length === 0 ? <p className="muted">{t("quotasHelp")}</p> : (
          <table><tbody>{quotas.map((q) => <tr key={`${q.orgId}-${q.category}`}><td>{q.orgName}</td><td>{nominationValue(q.category, L.locale) || t("total")}</td><td>{q.limit}</td></tr>)}</tbody></table>
        )}
        <h3>{t("controlCaps")}</h3>
        <p className="muted small">{t("capHelp")}</p>
        {campaign.controlCaps.length ? (
          <table><tbody>{campaign.controlCaps.map((c) => <tr key={c.orgId}><td>{c.orgName}</td>{CAPPED_CATEGORIES.map((k) => <td key={k}>{nominationValue(k, L.locale)} {c[k] ?? "—"}</td>)}</tr>)}</tbody></table>
        ) : null}
        {canManage ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="cap" />
            <label htmlFor="cap-org">{t("unit")}</label>
            <select id="cap-org" name="orgId">{levels.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}</select>
            <label htmlFor="cap-category">{t("category")}</label>
            <select id="cap-category" name="category">{CAPPED_CATEGORIES.map((k) => <option key={k} value={k}>{nominationValue(k, L.locale)}</option>)}</select>
            <label htmlFor="cap-limit">{t("controlCaps")}</label>
            <input id="cap-limit" name="limit" type="number" min={0} defaultValue={0} style={{ width: "5em" }} />
            <button className="button secondary" type="submit">{t("setCap")}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
