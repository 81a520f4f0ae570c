import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { useLocalise } from "~/utils/use-localise";
import { inbox, mergeProposals, sendToReview } from "~/modules/proposals/proposals.server";
import { importProposalWorkbook } from "~/modules/proposals/import.server";
import { IMPORT_MESSAGES, PROPOSAL_IMPORT_MAX_BYTES } from "~/modules/proposals/import-rows";
import { readUploadForm } from "~/modules/files/files.server";
import { authorsText, useProposalLabels } from "~/modules/proposals/components";
import { STATES } from "~/modules/proposals/workflow";

// 建议收件箱 of the unit's union office: merge duplicates (keeping every author) and send
// proposals to this half-year's committee review (rule I-2); import proposals from the Excel
// template, all or nothing (issue 16).

export const meta = titled("proposalInbox");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "proposal:manage");
  const state = new URL(request.url).searchParams.get("state") ?? "submitted";
  try {
    return { rows: await inbox(user, { state: (STATES as readonly string[]).includes(state) ? state : undefined }), state };
  } catch (error) {
    return asResponse(error, request);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "proposal:manage");
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    try {
      const upload = await readUploadForm(request, PROPOSAL_IMPORT_MAX_BYTES);
      const file = upload.get("file");
      if (!(file instanceof File) || file.size === 0) throw badRequest(IMPORT_MESSAGES.noFile, [{ path: "file", message: IMPORT_MESSAGES.noFile }], "invalid_upload");
      const outcome = await importProposalWorkbook(user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, actorOf(user, context));
      return { ok: true as const, imported: outcome.imported };
    } catch (error) {
      return actionError(error, request);
    }
  }
  const form = await request.formData();
  const selected = form.getAll("selected").map(String);
  try {
    if (form.get("intent") === "merge") {
      const target = String(form.get("keep") ?? "");
      if (!target) throw badRequest("请选择保留的建议 / choose the proposal to keep");
      await mergeProposals(user, target, selected, actorOf(user, context));
    } else if (form.get("intent") === "review") {
      if (selected.length === 0) throw badRequest("请选择要送评审的建议 / choose proposals to send to review");
      await sendToReview(user, selected, actorOf(user, context));
    } else throw badRequest("未知操作 / unknown action");
    return redirect("/proposals/inbox?saved=1");
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Inbox() {
  const { t } = useTranslation("proposals");
  const L = useProposalLabels();
  const { date, locale, message } = useLocalise();
  const { rows, state } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true; imported: number }>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("inboxTitle")}</h1>
      <p className="muted">{t("inboxHelp")}</p>
      <Form method="get" className="toolbar">
        <label className="inline">{t("filterState")}{" "}
          <select name="state" defaultValue={state}>
            <option value="">{t("allStates")}</option>
            {STATES.filter((s) => s !== "draft").map((s) => <option key={s} value={s}>{L.state(s)}</option>)}
          </select>
        </label>
        <button className="button button-secondary" type="submit">{t("show")}</button>
      </Form>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("imported", { count: result.imported })}</div> : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert">
          <p>{message(result.message)}</p>
          {result.issues.length > 1 ? <ul>{result.issues.map((i) => <li key={`${i.path}:${i.message}`}>{message(i.message)}</li>)}</ul> : null}
        </div>
      ) : null}
      {rows.length === 0 ? <p className="muted">{t("none")}</p> : (
        <Form method="post">
          <p className="muted small">{t("mergeHelp")}</p>
          <div className="table-wrap table-cards"><table className="cards-on-phone">
            <thead><tr><th scope="col">{t("select")}</th><th scope="col">{t("keep")}</th><th scope="col">{t("title")}</th><th scope="col">{t("state")}</th><th scope="col">{t("unit")}</th><th scope="col">{t("authors")}</th><th scope="col">{t("submittedAt")}</th></tr></thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id}>
                  <td data-label={t("select")}><input type="checkbox" name="selected" value={p.id} aria-label={`${t("select")} ${p.title}`} /></td>
                  <td data-label={t("keep")}><input type="radio" name="keep" value={p.id} aria-label={`${t("keep")} ${p.title}`} /></td>
                  <td className="card-title"><Link to={`/proposals/${p.id}`}>{p.title}</Link> <span className="muted small">{L.kind(p.kind)} · {L.category(p.category)}</span>{p.disputes.some((d) => d.status === "open") ? <strong> ⚠ {t("disputes")}</strong> : null}</td>
                  <td data-label={t("state")}>{L.state(p.state)}</td>
                  <td data-label={t("unit")}>{p.unit.name}</td>
                  <td data-label={t("authors")}>{authorsText(p.authors, locale)}</td>
                  <td data-label={t("submittedAt")}>{p.submittedAt ? date(p.submittedAt, false) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table></div>
          <p>
            <button className="button button-secondary" type="submit" name="intent" value="merge" disabled={busy}>{t("merge")}</button>{" "}
            <button className="button" type="submit" name="intent" value="review" disabled={busy}>{t("sendToReview")}</button>
          </p>
        </Form>
      )}
      <section className="card" aria-labelledby="import-title">
        <h2 id="import-title">{t("importTitle")}</h2>
        <p className="muted small">{t("importHelp")}</p>
        <p><a className="button button-secondary" href="/proposals/import-template.xlsx">{t("importTemplate")}</a></p>
        <Form method="post" encType="multipart/form-data">
          <div className="field"><label htmlFor="import-file">{t("importFile")}</label><input id="import-file" name="file" type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required /></div>
          <button className="button" type="submit" disabled={busy}>{t("importButton")}</button>
        </Form>
      </section>
    </>
  );
}
