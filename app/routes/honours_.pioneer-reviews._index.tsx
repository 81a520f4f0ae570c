import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { issueFor } from "~/utils/errors";
import { useLocalise } from "~/utils/use-localise";
import { listPioneerReviews, openPioneerReviews, pioneerReviewOrgs } from "~/modules/honours/pioneer-reviews.server";
import { PioneerOpenSchema } from "~/modules/honours/schemas";

// 工人先锋号 复审 (rule N-41): the reviews a user may see; reviewers open a period here.

export const meta = titled("pioneerReviews");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const period = Number(new URL(request.url).searchParams.get("period")) || undefined;
    const [reviews, orgs] = await Promise.all([listPioneerReviews(user, { period }), pioneerReviewOrgs(user)]);
    return { reviews, orgs, period: period ?? null, thisYear: new Date().getUTCFullYear() };
  } catch (error) {
    return asResponse(error, request);
  }
}

type Result = ActionFailure | { ok: true; created: number };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const form = await request.formData();
    const input = parseInput(PioneerOpenSchema, { orgId: form.get("orgId"), period: form.get("period") });
    const r = await openPioneerReviews(user, input, actorOf(user, context));
    return { ok: true as const, created: r.created.length } satisfies Result;
  } catch (error) {
    return actionError(error, request);
  }
}

export default function PioneerReviews() {
  const { t } = useTranslation("honours");
  const L = useLocalise();
  const { reviews, orgs, thisYear } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <p><Link to="/honours">← {t("title")}</Link></p>
      <h1>{t("pioneerTitle")}</h1>
      <p className="muted">{t("pioneerHelp")}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("pioneerOpened", { count: result.created })}</div> : null}
      {reviews.length === 0 ? <p className="muted">{t("pioneerNone")}</p> : (
        <div className="table-wrap table-cards">
          <table className="cards-on-phone">
            <thead><tr><th>{t("period")}</th><th>{t("holder")}</th><th>{t("unit")}</th><th>{t("honourTitle")}</th><th>{t("reviewingOrg")}</th><th>{t("status")}</th><th /></tr></thead>
            <tbody>
              {reviews.map((r) => (
                <tr key={r.id} data-testid="pioneer-review-row">
                  <td className="card-title">{r.period}</td>
                  <td data-label={t("holder")}>{r.honour.holderName}</td>
                  <td data-label={t("unit")}>{r.honour.unitName}</td>
                  <td data-label={t("honourTitle")}>{r.honour.title}{t("common:inParens", { text: String(r.honour.year) })}</td>
                  <td data-label={t("reviewingOrg")}>{r.reviewingOrg.name}</td>
                  <td data-label={t("status")}><strong>{t(`pioneerStatus_${r.status}`)}</strong>{r.reviewedAt ? <span className="small muted"> {L.date(r.reviewedAt, false)}</span> : null}</td>
                  <td><Link to={`/honours/pioneer-reviews/${r.id}`}>{t("open")}</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {orgs.length ? (
        <Form method="post" className="card" aria-labelledby="open-review">
          <h2 id="open-review">{t("pioneerOpen")}</h2>
          <p className="muted small">{t("pioneerOpenHelp")}</p>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
          <div className="field">
            <label htmlFor="orgId">{t("pioneerOrg")}</label>
            <select id="orgId" name="orgId" required aria-invalid={issueFor(issues, "orgId") ? true : undefined}>
              {orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
            {issueFor(issues, "orgId") ? <p className="field-error">{issueFor(issues, "orgId")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="period">{t("period")}</label>
            <input id="period" name="period" type="number" min={1990} max={2100} required inputMode="numeric" defaultValue={thisYear} aria-invalid={issueFor(issues, "period") ? true : undefined} />
            {issueFor(issues, "period") ? <p className="field-error">{issueFor(issues, "period")}</p> : null}
          </div>
          <button className="button" type="submit" disabled={busy}>{t("pioneerOpen")}</button>
        </Form>
      ) : null}
    </>
  );
}
