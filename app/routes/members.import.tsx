import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { importMembers } from "~/modules/members/members-excel.server";
import { MAX_IMPORT_BYTES, UPLOAD_MESSAGES } from "~/modules/members/member-fields";
import type { RowProblem } from "~/modules/members/member-import";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

export const meta = titled("membersImport");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "member:write");
  return null;
}

const uploadError = (problem: keyof typeof UPLOAD_MESSAGES) =>
  badRequest(UPLOAD_MESSAGES[problem], [{ path: "file", message: UPLOAD_MESSAGES[problem] }], "invalid_upload");

/** The uploaded file, read into memory; anything over 5 MB is refused before it is buffered. */
async function readUpload(request: Request) {
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) throw uploadError("tooLarge");
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) throw uploadError("missing");
    return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw uploadError("tooLarge");
    if (error instanceof Error && /multipart|boundary/i.test(error.message)) throw uploadError("missing");
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "member:write");
  try {
    const result = await importMembers(user, await readUpload(request), actorOf(user, context));
    if (result.ok) return { ok: true as const, count: result.count };
    const badRows = new Set(result.problems.map((p) => p.row)).size;
    return Response.json({
      ok: false as const,
      message: `文件中有 ${badRows} 行有误，未导入任何数据 / ${badRows} rows are wrong: nothing was imported`,
      issues: [],
      badRows,
      problems: result.problems,
    }, { status: 400 });
  } catch (error) {
    return actionError(error, request);
  }
}

type ImportFailure = { ok: false; message: string; issues: { path: string; message: string }[]; badRows?: number; problems?: RowProblem[] };

export default function ImportMembers() {
  const L = useLocalise();
  const { t } = useTranslation("members");
  const result = useActionData<{ ok: true; count: number } | ImportFailure>();
  const busy = useNavigation().state === "submitting";
  const fileError = result && !result.ok ? result.issues.find((i) => i.path === "file")?.message : undefined;
  return (
    <>
      <p><Link to="/members">← {t("viewAll")}</Link></p>
      <h1>{t("importTitle")}</h1>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("importOk", { count: result.count })}</div> : null}
      {result && !result.ok && !fileError ? (
        <div className="alert alert-error" role="alert">
          {result.problems ? t("importFailed", { count: result.badRows }) : result.message}
        </div>
      ) : null}
      {result && !result.ok && result.problems?.length ? (
        <section aria-labelledby="problems-title">
          <h2 id="problems-title">{t("importRowsHeading")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th scope="col">{t("importColumnRow")}</th><th scope="col">{t("importColumnField")}</th><th scope="col">{t("importColumnMessage")}</th></tr>
              </thead>
              <tbody>
                {result.problems.map((p, i) => (
                  <tr key={i} data-testid="import-problem">
                    <td>{t("row", { row: p.row })}</td>
                    <td>{p.column}</td>
                    <td>{L.message(p.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="card">
        <p>{t("importHelp")}</p>
        <p><a href="/members/export.xlsx?template=1" download>{t("template")}</a></p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="file">{t("importFile")}</label>
            <input id="file" name="file" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? "file-error file-hint" : "file-hint"} />
            <span id="file-hint" className="muted small">{t("importLimits")}</span>
            {fileError ? <span id="file-error" className="field-error" role="alert">{fileError}</span> : null}
          </div>
          <button className="button" type="submit" disabled={busy}>{t("importSubmit")}</button>
        </Form>
      </section>
    </>
  );
}
