import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { assignObjection, decideObjection, getNoticeForReview } from "~/modules/review-chain/notices.server";
import { AssignSchema, FindingSchema } from "~/modules/review-chain/notice-schemas";
import { OBJECTION_KIND_LABELS, OBJECTION_STATUS_LABELS, OUTCOME_LABELS, type ObjectionKind } from "~/modules/review-chain/notice-rules";
import { beijingDateTime } from "~/modules/review-chain/components";
import { titled } from "~/utils/meta";

// A 公示 for the level's reviewers: the candidates, and each objection with its 核查
// (assign, finding, keep or withdraw). Objectors' contact details are shown only here.

export const meta = titled<typeof loader>("reviewNotice", (d) => d.notice.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { notice: await getNoticeForReview(user, params.noticeId!).catch(asResponse) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  const id = String(form.objectionId ?? "");
  try {
    if (!id) throw badRequest("缺少异议编号 / objection id missing");
    if (form.intent === "assign") await assignObjection(user, id, parseInput(AssignSchema, form), actorOf(user, context));
    else if (form.intent === "finding") await decideObjection(user, id, parseInput(FindingSchema, form), actorOf(user, context));
    else throw badRequest("未知操作 / unknown action");
    return { ok: true as const };
  } catch (error) {
    return actionError(error);
  }
}

export default function NoticeReview() {
  const { t } = useTranslation("reviewChain");
  const { notice } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  return (
    <>
      <p><Link to={`/review-rounds/${notice.roundId}`}>← {notice.roundTitle}</Link></p>
      <h1>{notice.title}</h1>
      <p className="muted">{notice.orgName} · {notice.startsOn} – {notice.endsOn} · <Link to={`/notices/${notice.code}`}>{t("publicPage")}</Link></p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      <ul>
        {notice.entries.map((e) => <li key={e.id}><Link to={`/reviews/${e.submissionId}`}>{e.name}</Link> · {e.unit}{e.status === "withdrawn" ? <span className="badge"> {t("withdrawn")}</span> : null}</li>)}
      </ul>
      <h2>{t("objections")}{t("common:inParens", { text: notice.objections.length })}</h2>
      {notice.objections.length === 0 ? <p className="muted">{t("objectionsNone")}</p> : notice.objections.map((o) => (
        <article key={o.id} className="card" aria-labelledby={`o-${o.id}`} data-testid="objection">
          <h3 id={`o-${o.id}`}>{o.candidate} · {OBJECTION_KIND_LABELS[o.kind as ObjectionKind] ?? o.kind}
            {o.kind === "anonymous" ? <span className="badge badge-grey">{t("anonymousMarked")}</span> : null}
            {" "}<span className="badge badge-grey">{OBJECTION_STATUS_LABELS[o.status] ?? o.status}</span>
          </h3>
          <p className="muted small">{beijingDateTime(o.createdAt)} · {t("objector")}{t("common:colon")}{[o.realName, o.unitName, o.phone].filter(Boolean).join(" · ") || "—"}
            {o.letterFileId ? <> · <a href={`/review-notices/${notice.id}/letters/${o.id}`}>{t("letter")}</a></> : null}
            {!o.toExamine ? ` · ${t("notExamined")}` : ""}</p>
          <p style={{ whiteSpace: "pre-wrap" }}>{o.content}</p>
          {o.assignee ? <p>{t("assignee")}{t("common:colon")}{o.assignee}</p> : null}
          {o.status === "closed" ? <p>{t("finding")}{t("common:colon")}{o.finding} · <strong>{OUTCOME_LABELS[o.outcome ?? ""] ?? o.outcome}</strong></p> : (
            <>
              <Form method="post" className="toolbar">
                <input type="hidden" name="intent" value="assign" /><input type="hidden" name="objectionId" value={o.id} />
                <div className="field"><label htmlFor={`a-${o.id}`}>{t("assignee")}</label>
                  <select id={`a-${o.id}`} name="assigneeId">{notice.assignees.map((u) => <option key={u.id} value={u.id}>{u.displayName}</option>)}</select></div>
                <button className="button button-secondary" type="submit">{t("assign")}</button>
              </Form>
              {o.status === "assigned" ? (
                <Form method="post" className="card">
                  <input type="hidden" name="intent" value="finding" /><input type="hidden" name="objectionId" value={o.id} />
                  <div className="field"><label htmlFor={`f-${o.id}`}>{t("finding")}</label><textarea id={`f-${o.id}`} name="finding" rows={3} maxLength={2000} required /></div>
                  <fieldset className="field"><legend>{t("outcome")}</legend>
                    <label className="inline"><input type="radio" name="outcome" value="keep" defaultChecked /> {t("keep")}</label>{" "}
                    <label className="inline"><input type="radio" name="outcome" value="withdraw" /> {t("withdrawCandidate")}</label>
                  </fieldset>
                  <button className="button" type="submit">{t("recordFinding")}</button>
                </Form>
              ) : null}
            </>
          )}
        </article>
      ))}
    </>
  );
}
