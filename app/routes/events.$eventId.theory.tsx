import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { isAppError } from "~/utils/errors";
import { Field } from "~/components/field";
import { importTheoryFile, importTheoryScores, readTheoryUpload, listTheoryScores, TheoryImportRefused } from "~/modules/judging/review/theory.server";
import type { TheoryRowReport } from "~/modules/judging/review/theory-import";
import { titled } from "~/utils/meta";

// 理论成绩 (rules S-10, S-35): import (xlsx/csv, all or nothing, row report) or manual entry, by admission number.

export const meta = titled<typeof loader>("theory", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listTheoryScores(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; imported: number; report: TheoryRowReport[] } | { ok: false; message: string; report: TheoryRowReport[] };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  try {
    const contentType = request.headers.get("Content-Type") ?? "";
    if (contentType.includes("multipart/form-data")) {
      const form = await readTheoryUpload(request);
      const file = form.get("file");
      if (!(file instanceof File) || file.size === 0) return Response.json({ ok: false, message: "请选择文件 / choose a file", report: [] }, { status: 400 });
      const done = await importTheoryFile(user, params.eventId!, { name: file.name, bytes: await file.arrayBuffer() }, actor);
      return { ok: true as const, ...done };
    }
    const form = Object.fromEntries(await request.formData());
    const done = await importTheoryScores(user, params.eventId!, [{
      row: 1, admissionNo: String(form.admissionNo ?? ""), score: String(form.score ?? ""), voided: form.voided === "on", voidReason: String(form.voidReason ?? ""),
    }], "manual", actor);
    return { ok: true as const, ...done };
  } catch (error) {
    if (error instanceof TheoryImportRefused) return Response.json({ ok: false, message: error.message, report: error.report }, { status: 422 });
    if (isAppError(error) && error.status !== 403 && error.status !== 404) return Response.json({ ok: false, message: error.message, report: [] }, { status: error.status });
    return asResponse(error, request);
  }
}

export default function TheoryPage() {
  const { t } = useTranslation("review");
  const { event, scores } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("theory.title")}{t("common:colon")}{event.name}</h1>
      {result ? (
        <div className={`alert ${result.ok ? "alert-ok" : "alert-error"}`} role={result.ok ? "status" : "alert"}>
          {result.ok ? t("theory.imported", { count: result.imported }) : result.message}
        </div>
      ) : null}
      {result && result.report.length ? (
        <section aria-labelledby="report-title">
          <h2 id="report-title">{t("theory.report")}</h2>
          <div className="table-wrap">
            <table aria-labelledby="report-title">
              <thead><tr><th>{t("theory.row")}</th><th>{t("theory.admissionNo")}</th><th>{t("theory.ok")}</th><th>{t("theory.problems")}</th></tr></thead>
              <tbody>{result.report.map((r) => <tr key={r.row}><td>{r.row}</td><td>{r.admissionNo}</td><td>{r.ok ? "✓" : "✗"}</td><td>{r.messages.join(t("common:semicolon"))}</td></tr>)}</tbody>
            </table>
          </div>
        </section>
      ) : null}
      <div className="grid">
        <Form method="post" encType="multipart/form-data" className="stack card" aria-labelledby="import-title">
          <h2 id="import-title">{t("theory.importTitle")}</h2>
          <p className="muted small">{t("theory.importHelp")}</p>
          <Field name="file" type="file" label={t("theory.file")} accept=".xlsx,.csv" required />
          <button className="button" type="submit">{t("theory.importSubmit")}</button>
        </Form>
        <Form method="post" className="stack card" aria-labelledby="manual-title">
          <h2 id="manual-title">{t("theory.manualTitle")}</h2>
          <Field name="admissionNo" label={t("theory.admissionNo")} required />
          <Field name="score" label={t("theory.score")} required inputMode="decimal" />
          <label className="checkbox"><input type="checkbox" name="voided" /> {t("theory.voided")}</label>
          <Field name="voidReason" label={t("theory.voidReason")} />
          <button className="button" type="submit">{t("theory.manualSubmit")}</button>
        </Form>
      </div>
      <h2 id="list-title">{t("theory.list")}</h2>
      {scores.length === 0 ? <p className="muted">{t("theory.none")}</p> : (
        <div className="table-wrap">
          <table aria-labelledby="list-title">
            <thead><tr><th>{t("theory.admissionNo")}</th><th>{t("theory.score")}</th><th>{t("theory.voidReason")}</th><th>{t("theory.source")}</th></tr></thead>
            <tbody>{scores.map((s) => <tr key={s.admissionNo}><td>{s.admissionNo}</td><td>{s.voided ? <s>{s.valueText}</s> : s.valueText}</td><td>{s.voidReason ?? ""}</td><td>{t(`theory.sources.${s.source}`)}</td></tr>)}</tbody>
          </table>
        </div>
      )}
    </>
  );
}
