import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { Field } from "~/components/field";
import { SKILL_LEVEL_ORDER } from "~/modules/contests/event-rules";
import { useLocalise } from "~/utils/use-localise";
import {
  approveRegistration, getRegistration, resubmitRegistration, returnRegistration, withdrawRegistration,
} from "~/modules/registration/registration.server";
import { ApproveSchema, RegistrationFieldsSchema, ReturnSchema } from "~/modules/registration/schemas";
import { StatusBadge, Trail } from "~/modules/registration/components";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("registration", (d) => `${d.registration.member.name} · ${d.registration.event.name}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getRegistration(user, params.registrationId!).catch((error: unknown) => asResponse(error, request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.registrationId!;
  const actor = actorOf(user, context);
  try {
    const form = Object.fromEntries(await request.formData());
    switch (form.intent) {
      case "approve":
        await approveRegistration(user, id, parseInput(ApproveSchema, form), actor);
        return { ok: true as const, intent: "approve" };
      case "return":
        await returnRegistration(user, id, parseInput(ReturnSchema, form), actor);
        return { ok: true as const, intent: "return" };
      case "withdraw":
        await withdrawRegistration(user, id, actor);
        return { ok: true as const, intent: "withdraw" };
      case "resubmit":
        await resubmitRegistration(user, id, parseInput(RegistrationFieldsSchema, form), actor);
        return { ok: true as const, intent: "resubmit" };
      default:
        throw badRequest("未知操作 / unknown action");
    }
  } catch (error) {
    return actionError(error, request);
  }
}

const OK_TEXT: Record<string, string> = { approve: "approved", return: "returned", withdraw: "withdrawn", resubmit: "resubmitted" };

export default function RegistrationDetail() {
  const L = useLocalise();
  const { t } = useTranslation("registration");
  const { registration: r, can } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; intent: string } | ActionFailure>();
  const [search] = useSearchParams();
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <p><Link to="/registrations">← {t("back")}</Link></p>
      <h1>{r.member.name} · {r.event.name}</h1>
      {result?.ok ? <div className="alert alert-ok" role="status">{t(OK_TEXT[result.intent])}</div> : null}
      {!result && search.get("submitted") ? <div className="alert alert-ok" role="status">{t("submitted")}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      <section className="card" aria-labelledby="summary-title">
        <h2 id="summary-title" className="visually-hidden">{t("details")}</h2>
        <p>
          <StatusBadge status={r.status} />{" "}
          {r.waitingStep ? <span className="muted">{t("waitingAt")}{t("common:colon")}{t(`steps.${r.waitingStep}`)}</span> : null}
        </p>
        {r.status === "returned" ? (
          <div className="alert alert-error" role="note" data-testid="return-reason">
            {t("returnedBy")}{t("common:colon")}{t(`steps.${r.returnedStep}`)}；{t("returnReason")}{t("common:colon")}{r.returnReason}
          </div>
        ) : null}
        {r.hasPhoto ? <img src={`/registrations/${r.id}/photo`} alt={t("photoAlt", { name: r.member.name })} width={96} height={128} style={{ objectFit: "cover", float: "right" }} /> : null}
        <dl className="grid">
          <div><dt className="label">{t("contest")}</dt><dd>{r.contest.name}</dd></div>
          <div><dt className="label">{t("event")}</dt><dd>{r.event.name}{t("common:inParens", { text: `${r.event.trade} · ${r.event.groupName}` })}</dd></div>
          <div><dt className="label">{t("unit")}</dt><dd>{r.unit.name}</dd></div>
          <div><dt className="label">{t("idNumber")}</dt><dd>{r.member.idNumberMasked}</dd></div>
          <div><dt className="label">{t("employmentStatus")}</dt><dd>{L.value(r.member.employmentStatus)}</dd></div>
          <div><dt className="label">{t("skillLevel")}</dt><dd>{r.skillLevel ? L.value(r.skillLevel) : t("none")}</dd></div>
          <div><dt className="label">{t("certificateNo")}</dt><dd>{r.certificateNo ?? t("none")}</dd></div>
          <div><dt className="label">{t("yearsOfService")}</dt><dd>{r.yearsOfService ?? t("none")}</dd></div>
          <div><dt className="label">{t("declaredNoAccident")}</dt><dd>{r.declaredNoAccident ? t("yes") : t("no")}</dd></div>
          {r.team ? <div><dt className="label">{t("teamName")}</dt><dd>{r.team.name}</dd></div> : null}
          <div><dt className="label">{t("leaderName")}</dt><dd>{r.leaderName ?? t("none")}</dd></div>
          <div><dt className="label">{t("coachName")}</dt><dd>{r.coachName ?? t("none")}</dd></div>
          {r.admissionNo ? <div><dt className="label">{t("admissionNo")}</dt><dd data-testid="admission-no">{r.admissionNo}</dd></div> : null}
        </dl>
        {r.status === "approved" && r.admissionNo ? (
          // The entrant's next steps, one tap each: the admission ticket, the live board, the results.
          <nav className="board-links" aria-label={t("nextSteps")}>
            <a className="button" href={`/tickets/${r.id}.pdf`} download>{t("downloadTicket")}</a>
            <Link className="button button-secondary" to={`/leaderboard/${r.event.id}`}>{t("leaderboardLink")}</Link>
            <Link className="button button-secondary" to="/my-results">{t("myResultsLink")}</Link>
          </nav>
        ) : null}
      </section>

      {can.approveStep ? (
        can.sameApprover ? <div className="alert alert-warn" role="status">{t("sameApprover")}</div> : (
          <div className="grid">
            <Form method="post" className="stack card" aria-labelledby="approve-title">
              <h2 id="approve-title">{t(`steps.${can.approveStep}`)}</h2>
              <input type="hidden" name="intent" value="approve" />
              <input type="hidden" name="step" value={can.approveStep} />
              <button className="button" type="submit">{t("approve")}</button>
            </Form>
            <Form method="post" className="stack card" aria-labelledby="return-title">
              <h2 id="return-title">{t("returnTitle")}</h2>
              <input type="hidden" name="intent" value="return" />
              <input type="hidden" name="step" value={can.approveStep} />
              <div className="field">
                <label htmlFor="reason">{t("reason")}<span aria-hidden="true"> *</span></label>
                <textarea id="reason" name="reason" required maxLength={500} rows={3}
                  aria-invalid={issues?.some((i) => i.path === "reason") ? true : undefined} />
              </div>
              <button className="button button-secondary" type="submit">{t("returnSubmit")}</button>
            </Form>
          </div>
        )
      ) : null}

      {can.resubmit ? (
        <Form method="post" className="stack card" aria-labelledby="resubmit-title">
          <h2 id="resubmit-title">{t("resubmitTitle")}</h2>
          <input type="hidden" name="intent" value="resubmit" />
          <Field name="skillLevel" label={t("skillLevel")} issues={issues}>
            <select id="skillLevel" name="skillLevel" defaultValue={r.skillLevel ?? ""}>
              <option value="">{t("none")}</option>
              {SKILL_LEVEL_ORDER.map((level) => <option key={level} value={level}>{level}</option>)}
            </select>
          </Field>
          <Field name="certificateNo" label={t("certificateNo")} defaultValue={r.certificateNo} issues={issues} />
          <Field name="yearsOfService" label={t("yearsOfService")} type="number" min={0} max={60} defaultValue={r.yearsOfService?.toString() ?? ""} issues={issues} />
          <div className="checkbox">
            <input id="declaredNoAccident" name="declaredNoAccident" type="checkbox" value="on" defaultChecked={r.declaredNoAccident} />
            <label htmlFor="declaredNoAccident">{t("declaredNoAccident")}</label>
          </div>
          <Field name="leaderName" label={t("leaderName")} defaultValue={r.leaderName} issues={issues} />
          <Field name="coachName" label={t("coachName")} defaultValue={r.coachName} issues={issues} />
          <button className="button" type="submit">{t("resubmit")}</button>
        </Form>
      ) : null}

      {can.withdraw ? (
        <Form method="post" onSubmit={(e) => { if (!confirm(t("withdrawConfirm"))) e.preventDefault(); }}>
          <input type="hidden" name="intent" value="withdraw" />
          <button className="button button-secondary" type="submit">{t("withdraw")}</button>
        </Form>
      ) : null}

      <section aria-labelledby="trail-title">
        <h2 id="trail-title">{t("trail")}</h2>
        <Trail trail={r.trail} id="trail-title" />
      </section>
    </>
  );
}
