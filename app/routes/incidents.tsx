import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, hasPermission, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { issueFor } from "~/utils/errors";
import { useLocalise } from "~/utils/use-localise";
import { incidentFilterOrgs, incidentOrgOptions, listIncidents, recordIncident } from "~/modules/incidents/incidents.server";
import { IncidentFilterSchema, IncidentInputSchema } from "~/modules/incidents/schemas";
import { INCIDENT_KINDS, KIND_LABELS, SEVERITY_LABELS, severitiesFor, type IncidentKind } from "~/modules/incidents/incident-kinds";

// 事故与事件台账 (rules A-12, N-21): the register within the reader's subtree, and the form
// that records one (which runs the other domains' hooks in the same transaction).

export const meta = titled("incidents");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "incident:read");
  const url = new URL(request.url);
  try {
    const filter = parseInput(IncidentFilterSchema, Object.fromEntries(url.searchParams));
    const [incidents, filterOrgs, recordOrgs] = await Promise.all([listIncidents(user, filter), incidentFilterOrgs(user), incidentOrgOptions(user)]);
    const thisYear = new Date().getUTCFullYear();
    return { incidents, filter, filterOrgs, recordOrgs, canRecord: hasPermission(user, "incident:write"), years: Array.from({ length: 6 }, (_, i) => thisYear - i), saved: url.searchParams.get("saved") === "1" };
  } catch (error) {
    return asResponse(error, request);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "incident:write");
  const form = await request.formData();
  try {
    const input = parseInput(IncidentInputSchema, Object.fromEntries(form));
    await recordIncident(user, input, actorOf(user, context));
    return redirect("/incidents?saved=1");
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Incidents() {
  const { t } = useTranslation("incidents");
  const L = useLocalise();
  const { incidents, filter, filterOrgs, recordOrgs, canRecord, years, saved } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const [kind, setKind] = useState<IncidentKind>("safety_accident");
  const label = (l: { zh: string; en: string } | null) => (l ? l[L.locale] : t("noSeverity"));
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("help")}</p>
      {saved ? <div className="alert alert-ok" role="status">{t("saved")}</div> : null}
      <Form method="get" className="toolbar" aria-label={t("filter")}>
        <label className="inline">{t("org")}{" "}
          <select name="orgId" defaultValue={filter.orgId ?? ""}>
            <option value="">{t("allOrgs")}</option>
            {filterOrgs.map((o) => <option key={o.id} value={o.id}>{"　".repeat(Math.max(0, o.depth - 1))}{o.name}</option>)}
          </select>
        </label>
        <label className="inline">{t("year")}{" "}
          <select name="year" defaultValue={filter.year ?? ""}>
            <option value="">{t("allYears")}</option>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <label className="inline">{t("kind")}{" "}
          <select name="kind" defaultValue={filter.kind ?? ""}>
            <option value="">{t("allKinds")}</option>
            {INCIDENT_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k][L.locale]}</option>)}
          </select>
        </label>
        <button className="button button-secondary" type="submit">{t("filter")}</button>
      </Form>
      <p className="muted small">{t("count", { count: incidents.length })}</p>
      {incidents.length === 0 ? <p className="muted">{t("none")}</p> : (
        <div className="table-wrap table-cards">
          <table className="cards-on-phone">
            <thead><tr><th>{t("occurredOn")}</th><th>{t("org")}</th><th>{t("kind")}</th><th>{t("severity")}</th><th>{t("incidentTitle")}</th><th>{t("casualties")}</th></tr></thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} data-testid="incident-row">
                  <td className="card-title">{i.occurredOn}</td>
                  <td data-label={t("org")}>{i.org.name}</td>
                  <td data-label={t("kind")}>{i.kindLabel[L.locale]}</td>
                  <td data-label={t("severity")}>{label(i.severityLabel)}</td>
                  <td data-label={t("incidentTitle")}>{i.title}{i.description ? <div className="small muted">{i.description}</div> : null}</td>
                  <td data-label={t("casualties")}>{i.casualties ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canRecord && recordOrgs.length > 0 ? (
        <Form method="post" className="card" aria-labelledby="record-incident">
          <h2 id="record-incident">{t("record")}</h2>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
          <div className="field">
            <label htmlFor="orgId">{t("org")}</label>
            <select id="orgId" name="orgId" required>{recordOrgs.map((o) => <option key={o.id} value={o.id}>{"　".repeat(Math.max(0, o.depth - 1))}{o.name}</option>)}</select>
          </div>
          <div className="field">
            <label htmlFor="kind">{t("kind")}</label>
            <select id="kind" name="kind" value={kind} onChange={(e) => setKind(e.target.value as IncidentKind)}>
              {INCIDENT_KINDS.map((k) => <option key={k} value={k}>{KIND_LABELS[k][L.locale]}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="severity">{t("severity")}</label>
            <select id="severity" name="severity" key={kind} aria-invalid={issueFor(issues, "severity") ? true : undefined}>
              {severitiesFor(kind).length === 0 ? <option value="">{t("noSeverity")}</option> : severitiesFor(kind).map((s) => <option key={s} value={s}>{SEVERITY_LABELS[s][L.locale]}</option>)}
            </select>
            {issueFor(issues, "severity") ? <p className="field-error">{issueFor(issues, "severity")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="occurredOn">{t("occurredOn")}</label>
            <input id="occurredOn" name="occurredOn" type="date" required />
            {issueFor(issues, "occurredOn") ? <p className="field-error">{issueFor(issues, "occurredOn")}</p> : null}
          </div>
          <div className="field"><label htmlFor="title">{t("incidentTitle")}</label><input id="title" name="title" required maxLength={120} /></div>
          <div className="field"><label htmlFor="description">{t("description")}</label><textarea id="description" name="description" rows={3} maxLength={4000} /></div>
          <div className="field"><label htmlFor="casualties">{t("casualties")}</label><input id="casualties" name="casualties" type="number" min={0} inputMode="numeric" /></div>
          <button className="button" type="submit" disabled={busy}>{t("save")}</button>
        </Form>
      ) : null}
    </>
  );
}
