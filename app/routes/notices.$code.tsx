import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, isRouteErrorResponse, useActionData, useLoaderData, useRouteError } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { issueFor } from "~/utils/errors";
import { readUploadForm } from "~/modules/files/files.server";
import { ObjectionSchema } from "~/modules/review-chain/notice-schemas";
import { fileObjection, getPublicNoticePage, publicNoticeDocumentKey } from "~/modules/review-chain/notices.server";
import { noticeQrSvg } from "~/modules/review-chain/notice-cache.server";
import { pageLocale } from "~/i18n/locale.server";
import { fragmentFor, useFragment } from "~/utils/fragments";
import { titled } from "~/utils/meta";

// 公示, public (no sign-in), printable, with a QR code of its own address. Only name, sex,
// unit, post and the short deeds are shown (never an ID number). Objections are filed here
// (rule N-33): individuals with real name and phone, units with a sealed letter, anonymous
// reports recorded and marked. The rows and the form's choices are HTML escaped once per notice
// stamp and language (notice-cache.server.ts) and inserted as they are (app/utils/fragments.tsx):
// a notice of 3,000 names is not rendered through React on every request (issue 13's notice target).
// The whole document of an anonymous reader is kept by server.mjs per `documentKey` and served
// from its bytes while the key holds (the CSP nonce and request id written in per response).

export const meta = titled<typeof loader>("publicNotice", (d) => d.notice.title, [{ name: "robots", content: "noindex" }]);

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  try {
    const { notice, fragments } = await getPublicNoticePage(params.code ?? "", pageLocale(request));
    // The site's own address as server.mjs reads it (X-Forwarded-Host only from a trusted proxy):
    // the kept document is keyed by it.
    const origin = (context as { origin?: string } | undefined)?.origin ?? new URL(request.url).origin;
    const url = `${origin}/notices/${notice.code}`;
    const qrSvg = await noticeQrSvg(url);
    return { notice, url, qrSvg, rows: fragmentFor(context, ROWS_ID, fragments.rows), options: fragmentFor(context, OPTIONS_ID, fragments.options) };
  } catch (error) {
    return asResponse(error);
  }
}

/**
 * What this page's document shows, for server.mjs's kept documents: the notice's stamp, whether it
 * takes objections today, the language (server.mjs adds the site's address). null: not kept.
 */
export async function documentKey({ request, params }: { request: Request; params: { code?: string } }) {
  const key = await publicNoticeDocumentKey(params.code ?? "");
  return key === null ? null : `${key}|${pageLocale(request)}`;
}

const ROWS_ID = "notice-rows";
const OPTIONS_ID = "entryId";

export async function action({ request, params, context }: ActionFunctionArgs) {
  try {
    const form = await readUploadForm(request, 10 * 1024 * 1024);
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
    const input = parseInput(ObjectionSchema, fields);
    const letter = form.get("letter");
    const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
    const result = await fileObjection(params.code ?? "", input, letter instanceof File ? letter : null, { userId: null, requestId });
    return { ok: true as const, id: result.id.slice(-8).toUpperCase(), anonymous: input.kind === "anonymous" };
  } catch (error) {
    return actionError(error);
  }
}

export default function PublicNotice() {
  const { t } = useTranslation("publicNotice");
  const { notice, url, qrSvg, rows, options } = useLoaderData<typeof loader>();
  const rowsHtml = useFragment(ROWS_ID, rows);
  const optionsHtml = useFragment(OPTIONS_ID, options);
  const result = useActionData<{ ok: true; id: string; anonymous: boolean } | ActionFailure>();
  const [kind, setKind] = useState("individual");
  const failure = result && !result.ok ? result : undefined;
  return (
    <article aria-labelledby="notice-title" className="public-notice">
      <h1 id="notice-title">{notice.title}</h1>
      <p><strong>{notice.orgName}</strong></p>
      <p>{t("window", { start: notice.startsOn, end: notice.endsOn, days: notice.windowDays, unit: t(notice.windowKind === "working" ? "workingUnit" : "calendarUnit") })}</p>
      <p>{t("intro")}</p>
      {notice.contact ? <p>{t("contact", { contact: notice.contact })}</p> : null}
      {notice.count === 0 ? <p className="muted">{t("none")}</p> : (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t("name")}</th><th scope="col">{t("sex")}</th><th scope="col">{t("unit")}</th><th scope="col">{t("post")}</th><th scope="col">{t("deeds")}</th></tr></thead>
            <tbody id={ROWS_ID} dangerouslySetInnerHTML={{ __html: rowsHtml }} />
          </table>
        </div>
      )}
      <figure className="qr" aria-label={t("scan")}>
        <div style={{ width: 140 }} dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <figcaption className="small muted">{t("scan")}<br />{url}</figcaption>
      </figure>
      <p className="no-print muted">{t("print")}: Ctrl+P · <a href={`/notices/${notice.code}/print`}>{t("printable")}</a></p>

      <section aria-labelledby="object-title" className="no-print">
        <h2 id="object-title">{t("objectTitle")}</h2>
        {result?.ok ? <div className="alert alert-ok" role="status">{t(result.anonymous ? "thanksAnonymous" : "thanks", { id: result.id })}</div> : null}
        {failure ? <div className="alert alert-error" role="alert">{failure.message}</div> : null}
        {!notice.acceptingObjections ? <p className="alert alert-warn" role="status">{t("closed")}</p> : notice.count === 0 ? null : (
          <Form method="post" encType="multipart/form-data" className="card">
            <div className="field">
              <label htmlFor="entryId">{t("candidate")}</label>
              <select id={OPTIONS_ID} name="entryId" required dangerouslySetInnerHTML={{ __html: optionsHtml }} />
            </div>
            <fieldset className="field">
              <legend>{t("kind")}</legend>
              {(["individual", "unit", "anonymous"] as const).map((k) => (
                <label key={k} className="inline">
                  <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {t(k === "unit" ? "unitKind" : k)}
                </label>
              ))}
            </fieldset>
            {kind === "anonymous" ? <p className="muted small">{t("anonymousNote")}</p> : null}
            {kind === "individual" ? (
              <div className="field">
                <label htmlFor="realName">{t("realName")}</label>
                <input id="realName" name="realName" maxLength={40} aria-invalid={!!issueFor(failure?.issues, "realName")} />
                {issueFor(failure?.issues, "realName") ? <p className="field-error">{issueFor(failure?.issues, "realName")}</p> : null}
              </div>
            ) : null}
            {kind === "unit" ? (
              <>
                <div className="field">
                  <label htmlFor="unitName">{t("unitName")}</label>
                  <input id="unitName" name="unitName" maxLength={100} />
                </div>
                <div className="field">
                  <label htmlFor="letter">{t("letter")}</label>
                  <input id="letter" name="letter" type="file" accept="application/pdf,image/jpeg,image/png" />
                  {issueFor(failure?.issues, "letter") ? <p className="field-error">{issueFor(failure?.issues, "letter")}</p> : null}
                </div>
              </>
            ) : null}
            {kind !== "anonymous" ? (
              <div className="field">
                <label htmlFor="phone">{t("phone")}</label>
                <input id="phone" name="phone" type="tel" maxLength={30} aria-invalid={!!issueFor(failure?.issues, "phone")} />
                {issueFor(failure?.issues, "phone") ? <p className="field-error">{issueFor(failure?.issues, "phone")}</p> : null}
              </div>
            ) : null}
            <div className="field">
              <label htmlFor="content">{t("content")}</label>
              <textarea id="content" name="content" rows={5} maxLength={2000} required />
            </div>
            <button className="button" type="submit">{t("submit")}</button>
          </Form>
        )}
      </section>
    </article>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <section className="error-page" role="alert" aria-labelledby="notice-error">
      <p className="error-code" aria-hidden="true">{status}</p>
      <h1 id="notice-error">{status === 404 ? "找不到该公示 / notice not found" : "出错了 / something went wrong"}</h1>
    </section>
  );
}
