import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { addRosterEntry, getProject } from "~/modules/labour/labour.server";
import { RosterEntryInputSchema } from "~/modules/labour/schemas";
import { formatPercent } from "~/modules/labour/indicators";
import { ledgerTotals } from "~/modules/labour/periods";
import BarChart from "~/components/charts/bar-chart.client";
import LineChart from "~/components/charts/line-chart.client";
import { useHydrated } from "~/components/charts/use-hydrated";
import { useLocalise } from "~/utils/use-localise";
import { indicatorNameKey, periodLabel, templateKeyOf } from "~/modules/labour/labels";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("labourProject", (d) => d.project.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getProject(user, params.projectId!).catch((error: unknown) => asResponse(error, request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  try {
    const raw = Object.fromEntries(form);
    const input = parseInput(RosterEntryInputSchema, { ...raw, parent: raw.parent || undefined, startOnSite: raw.startOnSite || undefined, orgId: raw.orgId || undefined });
    await addRosterEntry(user, params.projectId!, input, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

const points = (h: number | null) => (h === null ? "—" : (h / 100).toFixed(2));

export default function LabourProject() {
  const { t } = useTranslation("labour");
  const L = useLocalise();
  const { message } = L;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true }>();
  const hydrated = useHydrated();
  const totals = ledgerTotals(d.ledger);
  const campaign = d.project.kind === "campaign";
  const template = templateKeyOf(d.set);
  const setName = template ? t(`templates.${template}`) : d.set.name;
  const indicatorName = (i: { key: string; name: string }) => {
    const key = indicatorNameKey(d.set, i);
    return key ? t(key) : i.name;
  };
  return (
    <>
      <p><Link to="/labour">← {t("title")}</Link></p>
      <h1>{d.project.name}</h1>
      <p className="muted">{d.project.org.name} · {d.project.owner} · {d.project.startDate} — {d.project.endDate} · {t(`freq.${d.project.frequency}` as "freq.month")} · {t("status")}{L.colon}{t(`projectStatuses.${d.project.status}`, { defaultValue: d.project.statusLabel })}
        {d.project.submissionId ? <> · <Link to={`/reviews/${d.project.submissionId}`}>{t("review")}</Link></> : null}</p>
      <p className="toolbar">
        {campaign ? <Link className="button" to={`/labour/${d.project.id}/safe-days`}>{t("safeDays")}</Link> : null}
        <Link className="button button-secondary" to={`/labour/${d.project.id}/ledger`}>{t("ledger")}</Link>
        <Link className="button button-secondary" to={`/labour/${d.project.id}/year-end`}>{t("yearEnd")}</Link>
        {d.canManage ? <Link className="button button-secondary" to={`/labour/${d.project.id}/settings`}>{t("settings.link")}</Link> : null}
      </p>
      {d.project.status !== "accepted" ? <p className="alert">{t("acceptedOnly")}</p> : null}

      <section aria-labelledby="periods">
        <h2 id="periods">{t("periods")}</h2>
        <table>
          <thead><tr><th>{t("period")}</th><th>{t("startDate")}</th><th>{t("endDate")}</th><th>{t("signatures")}</th><th>{t("missing")}</th><th>{t("banners")}</th></tr></thead>
          <tbody>{d.periods.map((p) => (
            <tr key={p.id}>
              <td><Link to={`/labour/${d.project.id}/periods/${p.id}`}>{periodLabel(p.label, L.locale, (k) => t(`templates.${k}`))}</Link></td><td>{p.from}</td><td>{p.to}</td>
              <td>{p.signatures}/{d.settings.minSigners}</td><td>{p.missing}</td><td>{L.list(p.banners.map((b) => b.name)) || "—"}</td>
            </tr>
          ))}</tbody>
        </table>
      </section>

      <section aria-labelledby="indicators">
        <h2 id="indicators">{t("indicatorSet")}{L.colon}{setName}</h2>
        <table className="small">
          <thead><tr><th>{t("indicator")}</th><th>{t("weight")}</th><th>{t("method")}</th><th>{t("max")}</th></tr></thead>
          <tbody>{d.set.indicators.map((i) => <tr key={i.key}><td>{indicatorName(i)}</td><td>{formatPercent(i.weight)}</td><td>{t(`methods.${i.method}` as "methods.rubric")}</td><td>{points(i.max)}</td></tr>)}</tbody>
        </table>
      </section>

      {!campaign && d.series.length ? (
        <section className="card" aria-labelledby="chart-totals">
          <h2 id="chart-totals">{t("chartTotals")}</h2>
          <div style={{ position: "relative", height: 300 }}>
            {hydrated && LineChart ? <LineChart label={t("chartTotals")} labels={d.periods.map((p) => periodLabel(p.label, L.locale, (k) => t(`templates.${k}`)))} series={d.series.map((s) => ({ label: s.name, values: s.totals.map((v) => (v === null ? null : v / 100)) }))} /> : <p className="muted">{t("loading")}</p>}
          </div>
          <h3>{t("chartBanners")}</h3>
          <div style={{ position: "relative", height: 220 }}>
            {hydrated && BarChart ? <BarChart label={t("chartBanners")} labels={d.series.map((s) => s.name)} values={d.series.map((s) => d.roster.find((r) => r.id === s.unitId)?.banners ?? 0)} /> : <p className="muted">{t("loading")}</p>}
          </div>
        </section>
      ) : null}

      <section aria-labelledby="roster">
        <h2 id="roster">{t("roster")}</h2>
        <table className="small">
          <thead><tr><th>{t("kind")}</th><th>{t("name")}</th><th>{t("parent")}</th><th>{t("startOnSite")}</th><th>{t("banners")}</th><th>{t("net")}</th></tr></thead>
          <tbody>{d.roster.map((r) => <tr key={r.id}><td>{t(`kinds.${r.kind}` as "kinds.unit")}</td><td>{r.name}</td><td>{r.parentName ?? "—"}</td><td>{r.startOnSite ?? "—"}</td><td>{r.banners || ""}</td><td>{totals.get(r.id)?.net ?? ""}</td></tr>)}</tbody>
        </table>
        {d.canManage ? (
          <Form method="post" className="card" aria-labelledby="add-roster">
            <h3 id="add-roster">{t("addRoster")}</h3>
            {result && !result.ok ? <div className="alert alert-error" role="alert">{message(result.message)}</div> : null}
            <div className="field"><label htmlFor="kind">{t("kind")}</label>
              <select id="kind" name="kind">{(["unit", "section", "area", "team", "builder"] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}</select></div>
            <div className="field"><label htmlFor="rname">{t("name")}</label><input id="rname" name="name" required maxLength={80} /></div>
            <div className="field"><label htmlFor="parent">{t("parent")}</label>
              <select id="parent" name="parent"><option value="">—</option>{d.roster.filter((r) => r.kind !== "builder").map((r) => <option key={r.id} value={r.name}>{r.name}</option>)}</select></div>
            <div className="field"><label htmlFor="startOnSite">{t("startOnSite")}</label><input id="startOnSite" name="startOnSite" type="date" /></div>
            <button className="button" type="submit">{t("addRoster")}</button>
          </Form>
        ) : null}
      </section>

      {d.accidents.length ? (
        <section aria-labelledby="accidents">
          <h2 id="accidents">{t("accidents")}</h2>
          <ul>{d.accidents.map((a) => <li key={a.id}>{a.date} · {a.unitName} · {t(`severities.${({ minor: "minor_injury", serious: "serious_injury", fatal: "fatal", general: "general", major: "major", grave: "severe" } as const)[a.severity]}`)}</li>)}</ul>
        </section>
      ) : null}
      <p className="muted small">{t("apiNote")}</p>
    </>
  );
}
