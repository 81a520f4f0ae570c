import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { issueFor } from "~/utils/errors";
import { useLocalise } from "~/utils/use-localise";
import { readUploadForm } from "~/modules/files/files.server";
import { getHonourWithHistory } from "~/modules/honours/honours.server";
import { requestRevocation, revocationFormOptions } from "~/modules/honours/awards.server";
import { pioneerReviewsOfHonour } from "~/modules/honours/pioneer-reviews.server";
import { RevocationInputSchema } from "~/modules/honours/schemas";
import { REVOCATION_GROUNDS, REVOCATION_GROUND_KEYS } from "~/modules/honours/revocation-grounds";

// One honour of the register: its certificate, its revocation requests and 复审 history, and for
// the original nominating unit the form that reports a revocation up the chain (rules N-40 … N-42).

export const meta = titled<typeof loader>("honour", (d) => d?.honour.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const honour = await getHonourWithHistory(user, params.honourId!);
    const [reviews, revocation] = await Promise.all([pioneerReviewsOfHonour(user, honour.id), revocationFormOptions(user, honour.id)]);
    return { honour, reviews, revocation };
  } catch (error) {
    return asResponse(error, request);
  }
}

type Result = ActionFailure | { ok: true };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
    const form = multipart ? await readUploadForm(request) : await request.formData();
    const input = parseInput(RevocationInputSchema, {
      grounds: form.getAll("grounds"), details: form.get("details"), approvingOrgId: form.get("approvingOrgId"), submitterOrgId: form.get("submitterOrgId") || undefined,
    });
    await requestRevocation(user, params.honourId!, input, actorOf(user, context), form.getAll("documents"));
    return { ok: true as const } satisfies Result;
  } catch (error) {
    return actionError(error, request);
  }
}

export default function HonourPage() {
  const { t } = useTranslation("honours");
  const L = useLocalise();
  const { honour: h, reviews, revocation } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <p><Link to="/honours">← {t("title")}</Link></p>
      <h1>{h.title} <span className="muted small">{h.holder.name}</span></h1>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("revocationSent")}</div> : null}
      <div className="table-wrap"><table>
        <tbody>
          <tr><th scope="row">{t("holder")}</th><td>{h.holder.name}</td></tr>
          <tr><th scope="row">{t("unit")}</th><td>{h.unit.name}</td></tr>
          <tr><th scope="row">{t("year")}</th><td>{h.year}</td></tr>
          <tr><th scope="row">{t("level")}</th><td>{h.levelLabel[L.locale]}</td></tr>
          <tr><th scope="row">{t("issuingBody")}</th><td>{h.issuingBody}</td></tr>
          <tr><th scope="row">{t("source")}</th><td>{h.sourceLabel[L.locale]}</td></tr>
          <tr><th scope="row">{t("status")}</th><td data-testid="honour-status">{h.revokedAt ? <><strong>{t("revoked")}</strong> {L.date(h.revokedAt, false)}{h.revocationReason ? <div className="small">{t("revokedBecause", { reason: L.message(h.revocationReason) })}</div> : null}</> : t("live")}</td></tr>
          <tr><th scope="row">{t("certificate")}</th><td>{h.certificate ? <Link to={`/verify/${h.certificate.verifyCode}`}>{t("verify")}</Link> : "—"}</td></tr>
        </tbody>
      </table></div>

      <section className="card" aria-labelledby="revocations">
        <h2 id="revocations">{t("revocationsTitle")}</h2>
        {h.revocations.length === 0 ? <p className="muted">{t("noRevocations")}</p> : (
          <ul>
            {h.revocations.map((r) => (
              <li key={r.id} data-testid="revocation-row">
                <strong>{t(`revocationStatus_${r.status}`)}</strong> · {L.date(r.createdAt, false)} · {r.grounds.map((g) => REVOCATION_GROUNDS[g as keyof typeof REVOCATION_GROUNDS]?.[L.locale] ?? g).join(L.locale === "zh" ? "；" : "; ")}
                {r.documents.length ? <> · {r.documents.map((d) => <a key={d.fileId} href={`/files/${d.fileId}?download=1`}>{d.label} </a>)}</> : null}
                {r.submissionId ? <> · <Link to={`/reviews/${r.submissionId}`}>{t("openChain")}</Link></> : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {reviews.length ? (
        <section className="card" aria-labelledby="pioneer-history">
          <h2 id="pioneer-history">{t("pioneerHistory")}</h2>
          <ul>{reviews.map((r) => <li key={r.id}><Link to={`/honours/pioneer-reviews/${r.id}`}>{r.period}</Link> · {t(`pioneerStatus_${r.status}`)}{r.reason ? ` · ${r.reason}` : ""}</li>)}</ul>
        </section>
      ) : null}

      {revocation ? (
        <Form method="post" encType="multipart/form-data" className="card" aria-labelledby="revoke-form">
          <h2 id="revoke-form">{t("revokeTitle")}</h2>
          <p className="muted small">{t("revokeHelp")}</p>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
          <input type="hidden" name="submitterOrgId" value={revocation.submitter.id} />
          <p><strong>{t("submitterOrg")}</strong> {revocation.submitter.name}</p>
          <fieldset className="field" aria-invalid={issueFor(issues, "grounds") ? true : undefined}>
            <legend>{t("grounds")}</legend>
            {REVOCATION_GROUND_KEYS.map((g) => (
              <label key={g} className="inline"><input type="checkbox" name="grounds" value={g} /> {REVOCATION_GROUNDS[g][L.locale]} <span className="small muted">{REVOCATION_GROUNDS[g].rule}</span></label>
            ))}
            {issueFor(issues, "grounds") ? <p className="field-error">{issueFor(issues, "grounds")}</p> : null}
          </fieldset>
          <div className="field">
            <label htmlFor="details">{t("revokeDetails")}</label>
            <textarea id="details" name="details" rows={5} maxLength={3000} required aria-invalid={issueFor(issues, "details") ? true : undefined} />
            {issueFor(issues, "details") ? <p className="field-error">{issueFor(issues, "details")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="approvingOrgId">{t("approvingOrg")}</label>
            <select id="approvingOrgId" name="approvingOrgId" defaultValue={revocation.defaultApproverId ?? ""} required>
              {revocation.approvers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
            {issueFor(issues, "approvingOrgId") ? <p className="field-error">{issueFor(issues, "approvingOrgId")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="documents">{t("documents")}</label>
            <input id="documents" name="documents" type="file" multiple accept=".pdf,.jpg,.jpeg,.png" />
            {issueFor(issues, "documents") ? <p className="field-error">{issueFor(issues, "documents")}</p> : null}
          </div>
          <button className="button" type="submit" disabled={busy}>{t("sendRevocation")}</button>
        </Form>
      ) : null}
    </>
  );
}
