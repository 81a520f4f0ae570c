import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { titled } from "~/utils/meta";
import { getLevelList, sendListUp, setHeldBack } from "~/modules/nominations/nominations.server";
import { HoldBackSchema, SendListSchema } from "~/modules/nominations/schemas";
import { AWARDS } from "~/modules/nominations/domain";
import type { RatioResult } from "~/modules/nominations/ratios";
import { ruleAdvice, ruleLabel, ruleRequirement } from "~/modules/nominations/rule-labels";
import { useHydrated } from "~/components/charts/use-hydrated";
import { useLocalise } from "~/utils/use-localise";
import { StepTracker } from "~/modules/nominations/components";

// A level's list with its structure panel (rules N-10 … N-20), the module's main screen. The
// reviewer ticks candidates on or off the list; each tick is a small fetcher POST that answers
// the new panel (the server moves its counts by one candidate), so the figures follow the list
// without a reload. Hard rules block sending the list up; advisory rules ask for a reason.

export const meta = titled<typeof loader>("campaignLevel", (d) => `${d.org.name} · ${d.campaign.title}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getLevelList(user, params.campaignId!, params.orgId!).catch((error: unknown) => asResponse(error, request));
}

type Panel = Awaited<ReturnType<typeof loader>>["panel"];
type SendResult = { ok: true; sent: number; approved: boolean; refused: { id: string; name: string; message: string }[] };
type HoldResult = { ok: true; hold: true; panel: Panel };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  const form = await request.formData();
  try {
    if (form.get("intent") === "hold") {
      const input = parseInput(HoldBackSchema, Object.fromEntries(form));
      return { ok: true as const, hold: true as const, panel: await setHeldBack(user, params.campaignId!, params.orgId!, input.nominationId, input.heldBack, actor) } satisfies HoldResult;
    }
    const input = parseInput(SendListSchema, Object.fromEntries(form));
    const result = await sendListUp(user, params.campaignId!, params.orgId!, input.reason, actor);
    return { ok: true as const, ...result } satisfies SendResult;
  } catch (error) {
    return actionError(error, request);
  }
}

function needText(r: RatioResult, t: (k: string) => string) {
  if (r.met) return t("met");
  if (r.kind === "competitive") return `+${r.toAdd} / −${r.toRemove}`;
  if (r.kind === "min_share") return `+${Number.isFinite(r.toAdd) ? r.toAdd : "—"} / ⇄${r.toReplace}`;
  return `−${r.toRemove}`;
}

function RatioPanel({ panel, busy }: { panel: Panel; busy: boolean }) {
  const { t, i18n } = useTranslation("nominations");
  const locale = i18n.language === "en" ? "en" : "zh";
  return (
    <section className="card ratio-panel" aria-labelledby="panel-title" aria-live="polite" aria-busy={busy}>
      <h2 id="panel-title">{t("panel")} <span className="muted small">{t("included", { count: panel.counts.included })}</span></h2>
      <p className="muted small">{t("panelHelp")}</p>
      <table className="small">
        <thead><tr><th scope="col">{t("rule")}</th><th scope="col">{t("figure")}</th><th scope="col">{t("requirement")}</th><th scope="col">{t("need")}</th></tr></thead>
        <tbody>
          {panel.results.map((r) => (
            <tr key={r.id} data-rule={r.id} data-met={r.met ? "yes" : "no"} className={r.met ? "" : r.hard ? "row-error" : "row-warning"}>
              <th scope="row">
                {ruleLabel(r, locale)}
                <span className="muted small"> · {r.hard ? t("hard") : t("advisory")}{r.source ? ` · ${r.source}` : ""}</span>
              </th>
              <td>{r.figure === null ? `${r.count}` : `${r.figure}%`}<span className="muted small"> ({r.count}/{r.base})</span></td>
              <td>{ruleRequirement(r, locale)}</td>
              <td title={ruleAdvice(r, locale)}>{r.met ? <span aria-label={t("met")}>✓</span> : <strong>{needText(r, t)}</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!panel.mayGoUp ? (
        <p className="alert alert-error" role="status">{t("blockedBy")} {panel.results.filter((r) => panel.blocking.includes(r.id)).map((r) => ruleLabel(r, locale)).join(locale === "zh" ? "、" : ", ")}</p>
      ) : null}
      {busy ? <p className="muted small">{t("updating")}</p> : null}
    </section>
  );
}

function HoldToggle({ id, heldBack, name }: { id: string; heldBack: boolean; name: string }) {
  const { t } = useTranslation("nominations");
  const L = useLocalise();
  const hydrated = useHydrated();
  const fetcher = useFetcher<{ ok: true; panel: Panel } | { ok: false; message: string }>({ key: "hold" });
  const pending = fetcher.state !== "idle" && fetcher.formData?.get("nominationId") === id;
  const shown = pending ? fetcher.formData?.get("heldBack") === "true" : heldBack;
  // Progressive enhancement (issue 13 leftover): before the page has hydrated the tick cannot
  // send itself, so the same form carries a submit button and posts as a plain form; the action
  // answers the page and the loader shows the list as it now stands.
  return (
    <fetcher.Form method="post">
      <input type="hidden" name="intent" value="hold" />
      <input type="hidden" name="nominationId" value={id} />
      <input type="hidden" name="heldBack" value={String(!shown)} />
      {hydrated ? (
        <label className="inline">
          <input type="checkbox" checked={!shown} aria-label={`${name}${L.colon}${t("include")}`} onChange={(e) => fetcher.submit(e.currentTarget.form)} />
          {shown ? t("heldBack") : t("include")}
        </label>
      ) : (
        <>
          <span>{shown ? t("heldBack") : t("include")}</span>{" "}
          <button type="submit" className="button button-secondary small" aria-label={`${name}${L.colon}${shown ? t("includeAction") : t("holdBackAction")}`}>{shown ? t("includeAction") : t("holdBackAction")}</button>
        </>
      )}
    </fetcher.Form>
  );
}

const STATE_KEYS = { here: "stateHere", sent: "stateSent", returned: "stateReturned", refused: "stateRefused" } as const;

export default function LevelList() {
  const { t } = useTranslation("nominations");
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<SendResult | HoldResult | { ok: false; message: string }>();
  // a hold posted as a plain form (before hydration) answers the page too: it is not a send
  const result = answer && "hold" in answer ? null : answer;
  const navigation = useNavigation();
  const holdFetcher = useFetcher<{ ok: true; panel: Panel } | { ok: false; message: string }>({ key: "hold" });
  const [panel, setPanel] = useState(data.panel);
  useEffect(() => setPanel(data.panel), [data.panel]);
  useEffect(() => {
    if (holdFetcher.state === "idle" && holdFetcher.data?.ok) setPanel(holdFetcher.data.panel);
  }, [holdFetcher.state, holdFetcher.data]);
  const here = data.rows.filter((r) => r.state === "here");
  const others = data.rows.filter((r) => r.state !== "here");
  return (
    <>
      <p><Link to={`/campaigns/${data.campaign.id}`}>← {data.campaign.title}</Link></p>
      <h1>{t("levelTitle", { org: data.org.name })}</h1>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {holdFetcher.data && !holdFetcher.data.ok ? <div className="alert alert-error" role="alert">{holdFetcher.data.message}</div> : null}
      {result?.ok ? (
        <div className="alert alert-ok" role="status">
          {result.approved ? t("approvedList", { count: result.sent }) : t("sent", { count: result.sent })}
          {result.refused.length ? <> {t("refusedSome")} {result.refused.map((r) => `${r.name}（${r.message}）`).join("；")}</> : null}
        </div>
      ) : null}
      <div className="level-layout" style={{ display: "grid", gridTemplateColumns: "minmax(0, 3fr) minmax(18rem, 2fr)", gap: "1rem", alignItems: "start" }}>
        <div>
          <section className="card" aria-labelledby="here-title">
            <h2 id="here-title">{t("stateHere")}（{here.length}）</h2>
            {here.length === 0 ? <p className="muted">{t("noRows")}</p> : (
              <table>
                <thead><tr><th scope="col">{t("name")}</th><th scope="col">{t("award")}</th><th scope="col">{t("category")}</th><th scope="col">{t("unit")}</th><th scope="col">{t("include")}</th></tr></thead>
                <tbody>{here.map((r) => (
                  <tr key={r.id}>
                    <td><Link to={`/nominations/${r.id}`}>{r.name}</Link><div className="muted small">{r.post}</div></td>
                    <td>{AWARDS[r.award as keyof typeof AWARDS]?.label ?? r.award}</td>
                    <td>{r.category || (r.isTeamOrOffice ? "班组/科室" : t("collective"))}{r.isMigrantWorker ? " · 农民工" : ""}{r.ownership === "非公" ? " · 非公" : ""}</td>
                    <td>{r.unitName}</td>
                    <td>{data.mayReview ? <HoldToggle id={r.id} heldBack={r.heldBack} name={r.name} /> : r.heldBack ? t("heldBack") : t("include")}</td>
                  </tr>
                ))}</tbody>
              </table>
            )}
          </section>
          {others.length ? (
            <section className="card" aria-labelledby="others-title">
              <h2 id="others-title">{t("stateSent")} / {t("stateReturned")} / {t("stateRefused")}</h2>
              <table><tbody>{others.map((r) => (
                <tr key={r.id}><td><Link to={`/nominations/${r.id}`}>{r.name}</Link></td><td>{AWARDS[r.award as keyof typeof AWARDS]?.label ?? r.award}</td><td>{r.category}</td><td>{r.unitName}</td><td>{t(STATE_KEYS[r.state])}</td></tr>
              ))}</tbody></table>
            </section>
          ) : null}
          <section className="card" aria-labelledby="steps-title">
            <h2 id="steps-title">{t("stepsHere")}</h2>
            <StepTracker steps={data.steps} />
          </section>
          <section className="card" aria-labelledby="notices-title">
            <h2 id="notices-title">{t("noticesHere")}</h2>
            {data.notices.length ? (
              <ul>{data.notices.map((n) => <li key={n.id}><Link to={`/review-notices/${n.id}`}>{n.title}</Link> · {n.startsOn} – {n.endsOn} · <a href={`/notices/${n.publicCode}`}>/notices/{n.publicCode}</a></li>)}</ul>
            ) : null}
            <p className="muted small">{t("openNoticeHelp")} <Link to={`/review-rounds/${data.campaign.roundId}`}>{t("openRound")}</Link></p>
          </section>
        </div>
        <div>
          <RatioPanel panel={panel} busy={holdFetcher.state !== "idle"} />
          {data.mayReview && here.length ? (
            <Form method="post" className="card" aria-labelledby="send-title">
              <h2 id="send-title">{data.isTop ? t("approve") : t("sendUp")}</h2>
              <input type="hidden" name="intent" value="send" />
              {panel.needsReason ? (
                <div className="field"><label htmlFor="reason">{t("reason")}</label><textarea id="reason" name="reason" rows={3} maxLength={1000} required /></div>
              ) : null}
              <button className="button" type="submit" disabled={!panel.mayGoUp || navigation.state !== "idle"}>{data.isTop ? t("approve") : t("sendUp")}</button>
            </Form>
          ) : null}
        </div>
      </div>
    </>
  );
}
