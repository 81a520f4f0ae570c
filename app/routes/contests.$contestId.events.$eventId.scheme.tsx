import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { FormMessage } from "~/components/field";
import type { FieldIssue } from "~/utils/errors";
import { describeScheme, getEvent, saveMarkingScheme } from "~/modules/contests/events.server";
import { importSchemeFromExcel, readSchemeUpload } from "~/modules/contests/scheme-excel.server";
import { formToEditable, fromEditable, toEditable } from "~/modules/contests/scheme-form";
import { SchemeEditor } from "~/modules/contests/scheme-editor";
import type { SchemeRowProblem } from "~/modules/contests/scheme-rows";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("scheme", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const { event, row, contest, canManage } = await getEvent(user, params.eventId!, params.contestId).catch((error: unknown) => asResponse(error, request));
  const { scheme, valid, issues, warnings } = describeScheme(row);
  return {
    event: { id: event.id, name: event.name, version: row.updatedAt.toISOString() },
    contest: { id: contest.id, name: contest.name, status: contest.status },
    scheme: toEditable(scheme), valid, issues, warnings, canManage,
  };
}

type ActionResult =
  | { ok: true; intent: "save" | "import"; warnings: FieldIssue[] | string[] }
  | { ok: false; intent: "import"; message: string; issues: FieldIssue[]; problems: SchemeRowProblem[] }
  | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const actor = actorOf(user, context);
  const eventId = params.eventId!;
  try {
    await getEvent(user, eventId, params.contestId);
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const result = await importSchemeFromExcel(user, eventId, await readSchemeUpload(request), actor);
      if (result.ok) return { ok: true as const, intent: "import" as const, warnings: result.warnings };
      return Response.json({ ok: false, intent: "import", message: "", issues: [], problems: result.problems }, { status: 400 });
    }
    const form = await request.formData();
    const saved = await saveMarkingScheme(user, eventId, fromEditable(formToEditable(form.entries())), actor);
    return { ok: true as const, intent: "save" as const, warnings: saved.warnings };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function MarkingSchemePage() {
  const L = useLocalise();
  const { t } = useTranslation("contests");
  const { event, contest, scheme, valid, issues, warnings, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const problems = result && !result.ok && "problems" in result ? result.problems : null;
  const saveIssues = result && !result.ok && !problems ? result.issues : undefined;
  const shownWarnings = result?.ok ? result.warnings.map((w) => (typeof w === "string" ? w : w.message)) : warnings.map((w) => w.message);
  const base = `/contests/${contest.id}/events/${event.id}`;
  return (
    <>
      <p><Link to={base}>← {event.name}</Link> · <Link to={`/contests/${contest.id}`}>{contest.name}</Link></p>
      <h1>{t("scheme.title")}{t("common:colon")}{event.name}</h1>
      <p className="muted">{t("scheme.help")}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t(result.intent === "import" ? "scheme.imported" : "scheme.saved")}</div> : null}
      {saveIssues ? (
        <div className="alert alert-error" role="alert">
          {t("scheme.invalid")}
          <ul>{saveIssues.map((i, n) => <li key={n}>{L.message(i.message)}</li>)}</ul>
        </div>
      ) : result && !result.ok && !problems ? <FormMessage result={result} /> : null}
      {problems ? (
        <div className="alert alert-error" role="alert">
          {t("scheme.importFailed", { count: problems.length })}
          <ul>{problems.map((p, n) => <li key={n}>{t("scheme.row", { row: p.row })}{p.column ? `「${p.column}」` : ""}{t("common:colon")}{L.message(p.message)}</li>)}</ul>
        </div>
      ) : null}
      {!result && !valid && issues.length ? (
        <div className="alert alert-warn" role="note">
          {t("scheme.storedInvalid")}
          <ul>{issues.slice(0, 5).map((i, n) => <li key={n}>{L.message(i.message)}</li>)}</ul>
        </div>
      ) : null}
      {shownWarnings.length ? (
        <div className="alert alert-warn" role="note">
          {t("scheme.warnings")}
          <ul>{shownWarnings.map((w, n) => <li key={n}>{w}</li>)}</ul>
        </div>
      ) : null}
      {!canManage ? <p className="muted">{t("scheme.readOnly")}</p> : null}

      <Form method="post" aria-label={t("scheme.title")}>
        <SchemeEditor key={event.version} initial={scheme} issues={saveIssues} readOnly={!canManage} />
        {canManage ? (
          <button className="button" type="submit" disabled={navigation.state === "submitting"}>{t("scheme.save")}</button>
        ) : null}
      </Form>

      <section className="card" aria-labelledby="excel-title" style={{ marginTop: "1.5rem" }}>
        <h2 id="excel-title">{t("scheme.excel")}</h2>
        <p className="toolbar">
          <a className="button button-secondary" href={`${base}/marking-scheme.xlsx`} download>{t("scheme.export")}</a>
          <a className="button button-secondary" href="/contests/marking-scheme-template.xlsx" download>{t("scheme.template")}</a>
        </p>
        {canManage ? (
          <Form method="post" encType="multipart/form-data" className="stack">
            <p className="muted small">{t("scheme.importHelp")}</p>
            <div className="field">
              <label htmlFor="file">{t("scheme.importFile")}</label>
              <input id="file" name="file" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
            </div>
            <button className="button button-secondary" type="submit">{t("scheme.import")}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
