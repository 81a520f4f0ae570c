import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { readUploadForm } from "~/modules/files/files.server";
import { importPeriodWorkbook, importPageData, LABOUR_IMPORT_MAX_BYTES } from "~/modules/labour/import.server";
import { useLocalise } from "~/utils/use-localise";
import { periodLabel } from "~/modules/labour/labels";
import { titled } from "~/utils/meta";

// Excel import of a period's inspection scores and bonus/deduction events (issue 14 item 9):
// download the period's template, upload it filled in; one bad row imports nothing and is named.

export const meta = titled<typeof loader>("labourImport", (d) => `${d.period.label} · ${d.project.name}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return importPageData(user, params.projectId!, params.periodId!).catch((error: unknown) => asResponse(error, request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const form = await readUploadForm(request, LABOUR_IMPORT_MAX_BYTES);
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0) throw badRequest("请选择要导入的文件 / choose a file", [{ path: "file", message: "请选择要导入的文件 / choose a file" }], "invalid_upload");
    const reason = String(form.get("correctionReason") ?? "").trim() || undefined;
    const result = await importPeriodWorkbook(user, params.projectId!, params.periodId!, new Uint8Array(await file.arrayBuffer()), reason, actorOf(user, context));
    return { ok: true as const, ...result };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function LabourImport() {
  const { t } = useTranslation("labour");
  const L = useLocalise();
  const { message } = L;
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true; scores: number; events: number }>();
  const busy = useNavigation().state === "submitting";
  const base = `/labour/${d.project.id}/periods/${d.period.id}`;
  return (
    <>
      <p><Link to={base}>← {periodLabel(d.period.label, L.locale, (k) => t(`templates.${k}`))} · {d.project.name}</Link></p>
      <h1>{t("import")}</h1>
      <p className="muted">{d.period.from} — {d.period.to}</p>
      <p>{t("importHint")}</p>
      <p><a className="button button-secondary" href={`${base}/import-template.xlsx`}>{t("importTemplate")}</a></p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("imported")}{L.colon}{t("importCounts", { scores: result.scores, events: result.events })}</div> : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert">
          <p>{message(result.message)}</p>
          {result.issues.length > 1 ? <ul>{result.issues.map((i) => <li key={`${i.path}:${i.message}`}>{message(i.message)}</li>)}</ul> : null}
        </div>
      ) : null}
      {d.open ? (
        <Form method="post" encType="multipart/form-data" className="card">
          <div className="field"><label htmlFor="file">{t("file")}</label><input id="file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required /></div>
          {d.period.status === "signed" ? <div className="field"><label htmlFor="correctionReason">{t("correctionReason")}</label><input id="correctionReason" name="correctionReason" maxLength={500} /></div> : null}
          <button className="button" type="submit" disabled={busy}>{t("import")}</button>
        </Form>
      ) : <p className="muted">{t("importClosed")}</p>}
    </>
  );
}
