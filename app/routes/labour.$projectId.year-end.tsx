import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { getYearEnd } from "~/modules/labour/labour.server";
import { confirmYearEnd, recommendYearEndWinner, yearEndConfirmation } from "~/modules/labour/year-end-honours.server";
import { YearEndConfirmSchema, YearEndRecommendSchema } from "~/modules/labour/schemas";
import { useLocalise } from "~/utils/use-localise";
import { YEAR_AWARD_KEYS, yearEndBasis } from "~/modules/labour/labels";
import { titled } from "~/utils/meta";

// 年度总评 (rules L-6, L-8, L-9): the awards among the eligible, and why the others are not. The
// organiser confirms the year into the honours register and recommends winners on to the
// 工人先锋号 / 五一 campaigns (rule L-10).

export const meta = titled<typeof loader>("labourYearEnd", (d) => d.project.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const load = async () => ({ ...(await getYearEnd(user, params.projectId!)), ...(await yearEndConfirmation(user, params.projectId!)) });
  return load().catch((error: unknown) => asResponse(error, request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  try {
    if (intent === "confirm") {
      const r = await confirmYearEnd(user, params.projectId!, parseInput(YearEndConfirmSchema, { builders: form.getAll("builders").map(String) }), actor);
      return { ok: true as const, done: "confirm", recorded: r.recorded.length, existing: r.existing, skipped: r.skipped.map((s) => s.reason) };
    }
    if (intent === "recommend") {
      await recommendYearEndWinner(user, params.projectId!, parseInput(YearEndRecommendSchema, Object.fromEntries(form)), actor);
      return { ok: true as const, done: "recommend", recorded: 0, existing: 0, skipped: [] as string[] };
    }
    return Response.json({ ok: false, message: "未知操作 / unknown action", issues: [] }, { status: 400 });
  } catch (error) {
    return actionError(error, request);
  }
}

export default function YearEnd() {
  const { t } = useTranslation("labour");
  const L = useLocalise();
  const { message } = L;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true; done: string; recorded: number; existing: number; skipped: string[] }>();
  const eligibleBuilders = d.builders.filter((b) => b.reasons.length === 0);
  const award = (name: string) => (YEAR_AWARD_KEYS[name] ? t(`awardNames.${YEAR_AWARD_KEYS[name]}`) : name);
  return (
    <>
      <p><Link to={`/labour/${d.project.id}`}>← {d.project.name}</Link></p>
      <h1>{t("yearEnd")}</h1>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{message(result.message)}</div> : null}
      {result?.ok && result.done === "confirm" ? (
        <div className="alert" role="status">
          {t("yearEndConfirmed", { recorded: result.recorded, existing: result.existing })}
          {result.skipped.length ? <ul>{result.skipped.map((s) => <li key={s}>{message(s)}</li>)}</ul> : null}
        </div>
      ) : null}
      {result?.ok && result.done === "recommend" ? <div className="alert" role="status">{t("recommended")}</div> : null}
      <section aria-labelledby="awards">
        <h2 id="awards">{t("awards")}</h2>
        {d.awards.length === 0 ? <p className="muted">—</p> : <ul>{d.awards.map((a) => <li key={`${a.award}-${a.unitId}`}><strong>{award(a.award)}</strong>{L.colon}{a.name}{L.paren(yearEndBasis(a.basis, L.locale))}</li>)}</ul>}
      </section>
      <section aria-labelledby="banners">
        <h2 id="banners">{t("chartBanners")}</h2>
        <ul>{d.banners.map((b) => <li key={b.unitId}>{b.name}{L.colon}{b.banners}</li>)}</ul>
      </section>
      <section aria-labelledby="refused">
        <h2 id="refused">{t("refused")}</h2>
        <ul>{d.refused.map((r) => <li key={r.unitId}>{r.name}{L.colon}{r.reasons.map((x) => message(x)).join(L.semicolon)}</li>)}</ul>
      </section>
      {d.canManage ? (
        <Form method="post" className="card" aria-labelledby="confirm">
          <input type="hidden" name="intent" value="confirm" />
          <h2 id="confirm">{t("confirmYear")}</h2>
          <p className="muted small">{d.openPeriods > 0 ? t("confirmYearWaiting", { count: d.openPeriods }) : t("confirmYearHint")}</p>
          {eligibleBuilders.length ? (
            <fieldset>
              <legend>{t("pickBuilders")}</legend>
              {eligibleBuilders.map((b) => <label key={b.id} className="checkbox"><input type="checkbox" name="builders" value={b.id} /> {b.name}{b.startOnSite ? L.paren(b.startOnSite) : ""}</label>)}
            </fieldset>
          ) : null}
          <button className="button" type="submit">{t("confirmYear")}</button>
        </Form>
      ) : null}
      <section aria-labelledby="register">
        <h2 id="register">{t("yearEndRegister")}</h2>
        {d.honours.length === 0 ? <p className="muted">{t("yearEndRegisterEmpty")}</p> : (
          <table className="small">
            <thead><tr><th>{t("holder")}</th><th>{t("honourTitle")}</th><th>{t("issuingBody")}</th><th>{t("recommendations")}</th></tr></thead>
            <tbody>{d.honours.map((h) => (
              <tr key={h.id}>
                <td>{h.holderName}</td><td>{h.title}{h.revoked ? L.paren(t("revoked")) : ""}</td><td>{h.issuingBody}</td>
                <td>
                  {h.recommendations.map((r) => <div key={r.id}>{r.honour} · {r.campaignTitle ?? t(`recStatus.${r.status as "open" | "used" | "lapsed"}`)}</div>)}
                  {d.canManage && !h.revoked && d.campaigns.length ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value="recommend" />
                      <input type="hidden" name="honourId" value={h.id} />
                      <label htmlFor={`c-${h.id}`}>{t("campaign")}</label>
                      <select id={`c-${h.id}`} name="campaignId">{d.campaigns.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}</select>
                      <label htmlFor={`a-${h.id}`}>{t("recommendAs")}</label>
                      <select id={`a-${h.id}`} name="award">{(h.collective ? (["先锋号", "奖状"] as const) : (["奖章"] as const)).map((a) => <option key={a} value={a}>{t(`recAward.${a}`)}</option>)}</select>
                      <button className="button button-secondary" type="submit">{t("recommend")}</button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="builders">
        <h2 id="builders">{t("builders")}</h2>
        <table className="small">
          <thead><tr><th>{t("name")}</th><th>{t("startOnSite")}</th><th>{t("reasons")}</th></tr></thead>
          <tbody>{d.builders.map((b) => <tr key={b.id}><td>{b.name}</td><td>{b.startOnSite ?? "—"}</td><td>{b.reasons.length ? b.reasons.map((x) => message(x)).join(L.semicolon) : t("eligible")}</td></tr>)}</tbody>
        </table>
      </section>
    </>
  );
}
