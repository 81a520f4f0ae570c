import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { approveRegistration, approveRegistrations, listReviewQueue, returnRegistration } from "~/modules/registration/registration.server";
import { ApproveSchema, ReturnSchema } from "~/modules/registration/schemas";
import { APPROVAL_STEPS } from "~/modules/registration/eligibility";
import { beijingTime } from "~/modules/registration/components";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled("registrationsReview");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  return { queue: await listReviewQueue(user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  try {
    const data = await request.formData();
    const form = Object.fromEntries(data);
    if (form.intent === "bulk-approve") {
      const ids = data.getAll("registrationIds").map(String).filter(Boolean);
      if (!ids.length) throw badRequest("请至少勾选一条报名 / tick at least one registration");
      const results = await approveRegistrations(user, ids, actorOf(user, context));
      return { ok: true as const, intent: "bulk-approve", name: "", approved: results.filter((r) => r.ok).length, refused: results.filter((r) => !r.ok).map((r) => r.message ?? "") };
    }
    const id = String(form.registrationId ?? "");
    if (!id) throw badRequest("缺少报名编号 / registration id missing");
    if (form.intent === "approve") await approveRegistration(user, id, parseInput(ApproveSchema, form), actorOf(user, context));
    else if (form.intent === "return") await returnRegistration(user, id, parseInput(ReturnSchema, form), actorOf(user, context));
    else throw badRequest("未知操作 / unknown action");
    return { ok: true as const, intent: String(form.intent), name: String(form.name ?? "") };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Review() {
  const { t } = useTranslation("registration");
  const L = useLocalise();
  const { queue } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; intent: string; name: string; approved?: number; refused?: string[] } | ActionFailure>();
  return (
    <>
      <p><Link to="/registrations">← {t("back")}</Link></p>
      <h1>{t("reviewTitle")}</h1>
      <p className="muted">{t("reviewHelp")}</p>
      {result?.ok && result.intent === "bulk-approve" ? (
        <div className="alert alert-ok" role="status">
          {t("bulkApproved", { count: result.approved ?? 0 })}
          {result.refused?.length ? <ul>{result.refused.map((m, i) => <li key={i}>{m}</li>)}</ul> : null}
        </div>
      ) : result?.ok ? <div className="alert alert-ok" role="status">{result.name}{t("common:colon")}{t(result.intent === "approve" ? "approved" : "returned")}</div> : null}
      {queue.length > 0 ? (
        <Form method="post" id="bulk" className="toolbar card">
          <input type="hidden" name="intent" value="bulk-approve" />
          <p className="muted small">{t("bulkHelp")}</p>
          <button className="button" type="submit">{t("bulkApprove")}</button>
        </Form>
      ) : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {queue.length === 0 ? <p className="muted">{t("reviewEmpty")}</p> : null}
      {APPROVAL_STEPS.map((step) => {
        const items = queue.filter((r) => r.waitingStep === step);
        if (!items.length) return null;
        return (
          <section key={step} aria-labelledby={`step-${step}`}>
            <h2 id={`step-${step}`}>{t(`statuses.${items[0].status}`)}{t("common:inParens", { text: items.length })}</h2>
            {items.map((r) => (
              <article key={r.id} className="card" aria-labelledby={`r-${r.id}`} data-testid="review-item">
                <label className="small"><input type="checkbox" name="registrationIds" value={r.id} form="bulk" aria-label={`${t("bulkSelect")}${t("common:colon")}${r.member.name}`} /> {t("bulkSelect")}</label>
                <h3 id={`r-${r.id}`}><Link to={`/registrations/${r.id}`}>{r.member.name}</Link> · {r.contest.name} · {r.event.name}</h3>
                <p className="muted small">
                  {r.unit.name} · {L.value(r.member.employmentStatus)} · {r.skillLevel ? L.value(r.skillLevel) : t("none")}
                  {r.team ? ` · ${t("teamName")}${t("common:colon")}${r.team.name}` : ""} · {beijingTime(r.createdAt)}
                </p>
                <div className="toolbar">
                  <Form method="post">
                    <input type="hidden" name="intent" value="approve" />
                    <input type="hidden" name="registrationId" value={r.id} />
                    <input type="hidden" name="step" value={step} />
                    <input type="hidden" name="name" value={r.member.name} />
                    <button className="button" type="submit" aria-label={`${t("approve")}${t("common:colon")}${r.member.name}`}>{t("approve")}</button>
                  </Form>
                  <Form method="post" className="toolbar">
                    <input type="hidden" name="intent" value="return" />
                    <input type="hidden" name="registrationId" value={r.id} />
                    <input type="hidden" name="step" value={step} />
                    <input type="hidden" name="name" value={r.member.name} />
                    <div className="field">
                      <label htmlFor={`reason-${r.id}`}>{t("reason")}</label>
                      <input id={`reason-${r.id}`} name="reason" required maxLength={500} />
                    </div>
                    <button className="button button-secondary" type="submit" aria-label={`${t("returnSubmit")}${t("common:colon")}${r.member.name}`}>{t("returnSubmit")}</button>
                  </Form>
                </div>
              </article>
            ))}
          </section>
        );
      })}
    </>
  );
}
