import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { loadPublicationPage, publishResults } from "~/modules/results/publication.server";
import { PublishSchema } from "~/modules/results/publication-schemas";
import { TeamStandings } from "~/modules/results/team-standings";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 成绩公示 for organisers: preview of ranks, prizes and outcomes from the engine, what blocks
// publication, publish with a notice period, re-publish with a reason, and the versions.

export const meta = titled<typeof loader>("publication", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  return loadPublicationPage(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; version: number; noticeEndsAt: string } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const form = Object.fromEntries(await request.formData());
  try {
    const published = await publishResults(user, params.eventId!, parseInput(PublishSchema, form), actorOf(user, context));
    return { ok: true as const, version: published.version, noticeEndsAt: published.noticeEndsAt };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function PublicationPage() {
  const L = useLocalise();
  const { t } = useTranslation("publication");
  const { event, blockers, smallField, components, preview, published, history, defaultNoticeDays } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const canPublish = blockers.length === 0 && preview && (!published || published.changed.length > 0);
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("publish.title")}{t("common:colon")}{event.name}</h1>
      <FormMessage result={result} okText={result?.ok ? t("publish.published", { version: result.version, until: L.date(result.noticeEndsAt) }) : undefined} />
      <nav aria-label={t("publish.links")} className="toolbar">
        {published ? <Link to={`/results/${event.id}`}>{t("publish.viewNotice")}</Link> : null}
        <Link to={`/events/${event.id}/charts`}>{t("publish.charts")}</Link>
        <a href={`/events/${event.id}/export.xlsx`} download>{t("publish.exportXlsx")}</a>
        {published ? <a href={`/events/${event.id}/export.pdf`} download>{t("publish.exportPdf")}</a> : null}
      </nav>
      {published ? (
        <section className="card">
          <p>{t("publish.current", { version: published.version, at: L.date(published.publishedAt), until: L.date(published.noticeEndsAt) })}</p>
          <p>{published.changed.length ? t("publish.changed", { count: published.changed.length }) : t("publish.unchanged")}</p>
        </section>
      ) : null}
      {blockers.length ? (
        <section className="alert alert-warn" aria-labelledby="blockers">
          <h2 id="blockers">{t("publish.blockers")}</h2>
          <ul>{blockers.map((b) => <li key={b}>{L.message(b)}</li>)}</ul>
        </section>
      ) : null}
      {canPublish ? (
        <Form method="post" className="stack card">
          <Field name="noticeDays" type="number" min={1} max={60} label={t("publish.noticeDays")} defaultValue={String(published?.noticeDays ?? defaultNoticeDays)} issues={result && !result.ok ? result.issues : undefined} required />
          {published ? <Field name="reason" label={t("publish.reason")} issues={result && !result.ok ? result.issues : undefined} required /> : null}
          {smallField ? (
            <div className="alert alert-warn">
              <p>{t("publish.smallField", { count: smallField.fieldSize, minimum: smallField.minimum })}</p>
              <Field name="smallFieldConfirmation" label={t("publish.smallFieldConfirmation")} issues={result && !result.ok ? result.issues : undefined} required />
            </div>
          ) : null}
          <button className="button" type="submit">{published ? t("publish.resubmit") : t("publish.submit")}</button>
        </Form>
      ) : null}
      {preview ? (
        <section aria-labelledby="preview">
          <h2 id="preview">{t("publish.preview")}</h2>
          <p>{t("publish.fieldSize", { count: preview.fieldSize })}{L.semicolon}{t("publish.counts", preview.counts)}</p>
          {preview.warnings.length ? (
            <div className="alert alert-warn">
              <strong>{t("publish.warnings")}</strong>
              <ul>{preview.warnings.map((w) => <li key={w}>{L.message(w)}</li>)}</ul>
            </div>
          ) : null}
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th>{t("rank")}</th><th>{t("station")}</th><th>{t("name")}</th><th>{t("unit")}</th>
                  {components.map((c) => <th key={c.id}>{c.name}</th>)}
                  <th>{t("total")}</th><th>{t("prize")}</th><th>{t("outcomes")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.registrationId}>
                    <td>{r.rank ?? t("disqualified")}</td><td>{r.stationCode}</td><td>{r.name}</td><td>{r.unitName}</td>
                    {r.scores.map((s, i) => <td key={components[i]?.id ?? i}>{s}</td>)}
                    <td>{r.totalText}</td><td>{r.prizeLabel ? L.value(r.prizeLabel) : t("none")}</td><td>{r.outcomes.map((o) => L.value(o.label)).join(t("common:semicolon"))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <TeamStandings teams={preview.teams} id="preview-teams" />
          {preview.refusals.length ? (
            <details>
              <summary>{t("publish.refusals")}{t("common:inParens", { text: preview.refusals.length })}</summary>
              <ul className="small">{preview.refusals.map((r, i) => <li key={i}>{r.name || r.registrationId}{t("common:colon")}{L.message(r.reason)}</li>)}</ul>
            </details>
          ) : null}
        </section>
      ) : null}
      {history.length ? (
        <section aria-labelledby="history">
          <h2 id="history">{t("publish.history")}</h2>
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t("publish.version")}</th><th>{t("publish.publishedAt")}</th><th>{t("publish.publishedBy")}</th><th>{t("publish.noticeDays")}</th><th>{t("publish.reasonColumn")}</th></tr></thead>
              <tbody>
                {history.map((h) => (
                  <tr key={h.id}><td>{h.version}</td><td>{L.date(h.publishedAt)}</td><td>{h.publishedBy}</td><td>{h.noticeDays}</td><td>{h.reason ?? t("publish.firstVersion")}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
