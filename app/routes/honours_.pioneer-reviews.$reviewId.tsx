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
import { decidePioneerReview, getPioneerReview, reportPioneerReview } from "~/modules/honours/pioneer-reviews.server";
import { PioneerDecisionSchema, PioneerReportSchema } from "~/modules/honours/schemas";

// One 工人先锋号 复审 (rule N-41): the holder's contact reports, the reviewer keeps or withdraws.

export const meta = titled<typeof loader>("pioneerReview", (d) => d?.review.honour.holderName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return { review: await getPioneerReview(user, params.reviewId!) };
  } catch (error) {
    return asResponse(error, request);
  }
}

type Result = ActionFailure | { ok: true; message: "reported" | "decided" };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  try {
    const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
    const form = multipart ? await readUploadForm(request) : await request.formData();
    if (form.get("intent") === "report") {
      const input = parseInput(PioneerReportSchema, { report: form.get("report") });
      await reportPioneerReview(user, params.reviewId!, input, form.get("file"), actor);
      return { ok: true as const, message: "reported" } satisfies Result;
    }
    const input = parseInput(PioneerDecisionSchema, { decision: form.get("decision"), reason: form.get("reason") });
    await decidePioneerReview(user, params.reviewId!, input, actor);
    return { ok: true as const, message: "decided" } satisfies Result;
  } catch (error) {
    return actionError(error, request);
  }
}

export default function PioneerReviewPage() {
  const { t } = useTranslation("honours");
  const L = useLocalise();
  const { review: r } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <p><Link to="/honours/pioneer-reviews">← {t("pioneerTitle")}</Link></p>
      <h1>{r.honour.holderName} <span className="muted small">{r.honour.title} · {r.period}</span></h1>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {result?.ok ? <div className="alert alert-ok" role="status">{t(result.message)}</div> : null}
      <div className="table-wrap"><table>
        <tbody>
          <tr><th scope="row">{t("honourTitle")}</th><td><Link to={`/honours/${r.honour.id}`}>{r.honour.title}</Link>{t("common:inParens", { text: `${r.honour.year} · ${r.honour.issuingBody}` })}</td></tr>
          <tr><th scope="row">{t("unit")}</th><td>{r.honour.unitName}</td></tr>
          <tr><th scope="row">{t("reviewingOrg")}</th><td>{r.reviewingOrg.name}</td></tr>
          <tr><th scope="row">{t("period")}</th><td>{r.period}</td></tr>
          <tr><th scope="row">{t("status")}</th><td data-testid="pioneer-status"><strong>{t(`pioneerStatus_${r.status}`)}</strong>{r.honour.revokedAt ? ` · ${t("revoked")}` : null}</td></tr>
          {r.reportedAt ? <tr><th scope="row">{t("report")}</th><td><p style={{ whiteSpace: "pre-wrap" }}>{r.report}</p><span className="small muted">{L.date(r.reportedAt)}</span>{r.reportFileId ? <> · <a href={`/files/${r.reportFileId}?download=1`}>{t("reportFile")}</a></> : null}</td></tr> : null}
          {r.reason ? <tr><th scope="row">{t("reason")}</th><td>{r.reason}{r.reviewedAt ? <span className="small muted"> {L.date(r.reviewedAt)}</span> : null}</td></tr> : null}
        </tbody>
      </table></div>

      {r.mayReport ? (
        <Form method="post" encType="multipart/form-data" className="card" aria-labelledby="report-form">
          <h2 id="report-form">{t("report")}</h2>
          <p className="muted small">{t("reportHelp")}</p>
          <input type="hidden" name="intent" value="report" />
          <div className="field">
            <label htmlFor="report">{t("report")}</label>
            <textarea id="report" name="report" rows={6} maxLength={3000} required aria-invalid={issueFor(issues, "report") ? true : undefined} />
            {issueFor(issues, "report") ? <p className="field-error">{issueFor(issues, "report")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="file">{t("reportFile")}</label>
            <input id="file" name="file" type="file" accept=".pdf,.jpg,.jpeg,.png" />
            {issueFor(issues, "file") ? <p className="field-error">{issueFor(issues, "file")}</p> : null}
          </div>
          <button className="button" type="submit" disabled={busy}>{t("sendReport")}</button>
        </Form>
      ) : null}

      {r.mayDecide ? (
        <Form method="post" className="card" aria-labelledby="decide-form">
          <h2 id="decide-form">{t("decision")}</h2>
          <fieldset className="field">
            <legend>{t("decision")}</legend>
            <label className="inline"><input type="radio" name="decision" value="keep" defaultChecked /> {t("keep")}</label>{" "}
            <label className="inline"><input type="radio" name="decision" value="withdraw" /> {t("withdraw")}</label>
          </fieldset>
          <div className="field">
            <label htmlFor="reason">{t("reason")}</label>
            <textarea id="reason" name="reason" rows={3} maxLength={500} required aria-invalid={issueFor(issues, "reason") ? true : undefined} />
            {issueFor(issues, "reason") ? <p className="field-error">{issueFor(issues, "reason")}</p> : null}
          </div>
          <button className="button" type="submit" disabled={busy}>{t("decide")}</button>
        </Form>
      ) : null}
    </>
  );
}
