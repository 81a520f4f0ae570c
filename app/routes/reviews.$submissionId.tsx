import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { getSubmission, resubmitSubmission, reviewSubmission, withdrawSubmission } from "~/modules/review-chain/review-chain.server";
import { ReviewInputSchema, WithdrawInputSchema } from "~/modules/review-chain/schemas";
import { Levels, Trail } from "~/modules/review-chain/components";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";
import { subjectTypeLabel } from "~/modules/review-chain/subject-types";
import { nominationValue } from "~/modules/nominations/domain";

export const meta = titled<typeof loader>("review", (d) => d.submission.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { submission: await getSubmission(user, params.submissionId!).catch(asResponse) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  const actor = actorOf(user, context);
  try {
    if (form.intent === "review") await reviewSubmission(user, params.submissionId!, parseInput(ReviewInputSchema, form), actor);
    else if (form.intent === "resubmit") await resubmitSubmission(user, params.submissionId!, actor);
    else if (form.intent === "withdraw") await withdrawSubmission(user, params.submissionId!, parseInput(WithdrawInputSchema, form).reason ?? null, actor);
    else throw badRequest("未知操作 / unknown action");
    return { ok: true as const };
  } catch (error) {
    return actionError(error);
  }
}

export default function SubmissionPage() {
  const { t } = useTranslation("reviewChain");
  const L = useLocalise();
  const { submission: s } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  const atTop = s.currentLevel === s.levels.length - 1;
  return (
    <>
      <p><Link to="/reviews">← {t("back")}</Link></p>
      <h1>{s.title}</h1>
      <p className="muted">{s.roundTitle} · {subjectTypeLabel(s.subjectType, L.locale)} · {t("submitter")}{t("common:colon")}{s.submitter.name}{s.category ? ` · ${t("category")}${t("common:colon")}${nominationValue(s.category, L.locale)}` : ""}</p>
      <p>{t("status")}{t("common:colon")}<strong data-testid="submission-status">{t(`statuses.${s.status}`, { defaultValue: s.statusLabel })}</strong>{s.returnReason ? ` · ${t("reason")}${t("common:colon")}${s.returnReason}` : ""}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      <h2>{t("levels")}</h2>
      <Levels levels={s.levels} current={s.currentLevel} status={s.status} />
      {s.canReview ? (
        <Form method="post" className="card">
          <input type="hidden" name="intent" value="review" />
          <input type="hidden" name="level" value={s.currentLevel} />
          <fieldset className="field">
            <legend>{t("action")}{t("common:inParens", { text: s.currentOrg?.name })}</legend>
            <label className="inline"><input type="radio" name="action" value="recommend" defaultChecked /> {atTop ? t("approve") : t("recommend")}</label>{" "}
            <label className="inline"><input type="radio" name="action" value="return" /> {t("return")}</label>{" "}
            <label className="inline"><input type="radio" name="action" value="refuse" /> {t("refuse")}</label>
          </fieldset>
          <div className="field">
            <label htmlFor="reason">{t("reason")}</label>
            <textarea id="reason" name="reason" rows={3} maxLength={500} />
          </div>
          <button className="button" type="submit">{t("submit")}</button>
        </Form>
      ) : null}
      {s.canResubmit || s.canWithdraw ? (
        <div className="toolbar">
          {s.canResubmit ? (
            <Form method="post"><input type="hidden" name="intent" value="resubmit" /><button className="button" type="submit">{t("resubmit")}</button></Form>
          ) : null}
          {s.canWithdraw ? (
            <Form method="post" className="toolbar">
              <input type="hidden" name="intent" value="withdraw" />
              <div className="field"><label htmlFor="withdraw-reason">{t("reason")}</label><input id="withdraw-reason" name="reason" maxLength={500} /></div>
              <button className="button button-secondary" type="submit">{t("withdraw")}</button>
            </Form>
          ) : null}
        </div>
      ) : null}
      <Trail trail={s.trail} />
    </>
  );
}
