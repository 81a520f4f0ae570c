import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { buildPasswordsWorkbook, importAccounts, readAccountsSheet, type ImportedAccount } from "~/modules/users/account-import.server";
import { MAX_ACCOUNT_ROWS, type AccountRowProblem } from "~/modules/users/account-import";
import { MAX_IMPORT_BYTES, UPLOAD_MESSAGES } from "~/modules/members/member-fields";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

export const meta = titled("usersImport");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "user:manage");
  return { maxRows: MAX_ACCOUNT_ROWS };
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

type Imported = { ok: true; accounts: ImportedAccount[]; passwordsXlsx: string };
type ImportFailure = { ok: false; message: string; issues: { path: string; message: string }[]; badRows?: number; problems?: AccountRowProblem[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const manager = await requirePermission(request, "user:manage");
  try {
    const file = await readUpload(request);
    const sheet = await readAccountsSheet(file);
    const result = sheet.problems.length ? { ok: false as const, problems: sheet.problems } : await importAccounts(manager, sheet.rows, actorOf(manager, context), file.name);
    if (!result.ok) {
      const badRows = new Set(result.problems.map((p) => p.row)).size;
      return Response.json({
        ok: false as const, message: `文件中有 ${badRows} 行有误，未导入任何账号 / ${badRows} rows are wrong: nothing was imported`, issues: [], badRows, problems: result.problems,
      } satisfies ImportFailure, { status: 400, headers: { "Cache-Control": "no-store" } });
    }
    // The passwords go back in this one answer (and its workbook); nothing keeps them.
    const passwordsXlsx = Buffer.from(await buildPasswordsWorkbook(result.accounts)).toString("base64");
    return Response.json({ ok: true as const, accounts: result.accounts, passwordsXlsx } satisfies Imported, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return actionError(error, request);
  }
}

/** A download link for the passwords workbook, made in the browser from the answer (never fetched again). */
function PasswordsDownload({ base64 }: { base64: string }) {
  const { t } = useTranslation("users");
  const [href, setHref] = useState<string | null>(null);
  useEffect(() => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const url = URL.createObjectURL(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    setHref(url);
    return () => URL.revokeObjectURL(url);
  }, [base64]);
  return href ? <a className="button" href={href} download="一次性密码.xlsx" data-testid="passwords-download">{t("import.download")}</a> : null;
}

export default function ImportAccounts() {
  const L = useLocalise();
  const { t } = useTranslation("users");
  const result = useActionData<Imported | ImportFailure>();
  const busy = useNavigation().state === "submitting";
  const fileError = result && !result.ok ? result.issues.find((i) => i.path === "file")?.message : undefined;
  return (
    <>
      <p><Link to="/users">← {t("title")}</Link> · <Link to="/users/new">{t("newUser")}</Link></p>
      <h1>{t("import.title")}</h1>
      {result?.ok ? (
        <section className="card stack" aria-labelledby="imported-title" data-testid="import-result">
          <div className="alert alert-ok" role="status" id="imported-title">{t("import.ok", { count: result.accounts.length })}</div>
          <p className="alert alert-warn">{t("import.shownOnce")}</p>
          <p><PasswordsDownload base64={result.passwordsXlsx} /></p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("import.row")}</th><th scope="col">{t("username")}</th><th scope="col">{t("displayName")}</th>
                  <th scope="col">{t("org")}</th><th scope="col">{t("role")}</th><th scope="col">{t("import.oneTimePassword")}</th>
                </tr>
              </thead>
              <tbody>
                {result.accounts.map((a) => (
                  <tr key={a.id} data-testid="imported-account">
                    <td>{a.row}</td><td><Link to={`/users/${a.id}`}>{a.username}</Link></td><td>{a.displayName}</td>
                    <td>{a.orgName}</td><td>{a.roleName}</td><td><code className="secret">{a.oneTimePassword}</code></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      {result && !result.ok && !fileError ? (
        <div className="alert alert-error" role="alert">{result.problems ? t("import.failed", { count: result.badRows }) : L.message(result.message)}</div>
      ) : null}
      {result && !result.ok && result.problems?.length ? (
        <section aria-labelledby="problems-title">
          <h2 id="problems-title">{t("import.problems")}</h2>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t("import.row")}</th><th scope="col">{t("import.column")}</th><th scope="col">{t("import.problem")}</th></tr></thead>
              <tbody>
                {result.problems.map((p, i) => (
                  <tr key={i} data-testid="import-problem"><td>{t("import.rowN", { row: p.row })}</td><td>{p.column}</td><td>{L.message(p.message)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
      <section className="card">
        <p>{t("import.help")}</p>
        <p><a href="/users/import-template.xlsx" download>{t("import.template")}</a></p>
        <Form method="post" encType="multipart/form-data" className="stack">
          <div className="field">
            <label htmlFor="file">{t("import.file")}</label>
            <input id="file" name="file" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-invalid={fileError ? true : undefined} aria-describedby={fileError ? "file-error file-hint" : "file-hint"} />
            <span id="file-hint" className="muted small">{t("import.limits", { max: MAX_ACCOUNT_ROWS })}</span>
            {fileError ? <span id="file-error" className="field-error" role="alert">{L.message(fileError)}</span> : null}
          </div>
          <button className="button" type="submit" disabled={busy}>{t("import.submit")}</button>
        </Form>
      </section>
    </>
  );
}
