import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { isAppError } from "~/utils/errors";
import { localiseMessage } from "~/utils/messages";
import { pageLocale } from "~/i18n/locale.server";
import { getReviewSession, scoreProposal, setSessionCommittee } from "~/modules/proposals/proposals.server";
import { SHEETS } from "~/modules/proposals/sheets";
import { authorsText, points, useProposalLabels } from "~/modules/proposals/components";
import type { Kind } from "~/modules/proposals/settings";

// 建议评审打分: a committee member scores each proposal of the session with its sheet (rule I-1
// for proposals, I-2 for innovations), item by item within the maxima; recusal is shown and enforced.

export const meta = titled<typeof loader>("proposalReview", (d) => d.session.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    return await getReviewSession(user, params.sessionId!);
  } catch (error) {
    return asResponse(error, request);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get("intent") === "committee") {
    try {
      await setSessionCommittee(user, params.sessionId!, form.getAll("userIds").map(String), actorOf(user, context));
      return redirect(`/proposals/reviews/${params.sessionId}?saved=1`);
    } catch (error) {
      return actionError(error, request);
    }
  }
  const proposalId = String(form.get("proposalId") ?? "");
  const items: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (k.startsWith("item.") && typeof v === "string") items[k.slice(5)] = v;
  try {
    await scoreProposal(user, proposalId, items, actorOf(user, context));
    return redirect(`/proposals/reviews/${params.sessionId}#p-${proposalId}`);
  } catch (error) {
    // A recusal refusal (rule S-31, as for judges) is an answer to this member about this
    // proposal, not a page they may not see: shown inline on the proposal's card, nothing stored.
    if (isAppError(error) && error.code === "recusal") {
      return Response.json({ ok: false as const, message: localiseMessage(error.message, pageLocale(request)), issues: [], proposalId }, { status: 403 });
    }
    return actionError(error, request);
  }
}

export default function ReviewSession() {
  const { t } = useTranslation("proposals");
  const L = useProposalLabels();
  const { session, reviewer, manager, committee, proposals } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure & { proposalId?: string }>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{session.name}</h1>
      <p className="muted">{t("sessionHelp")}</p>
      <p><Link to="/proposals">{t("back")}</Link></p>
      {result && !result.ok && !result.proposalId ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      <section className="card" aria-labelledby="named-committee">
        <h2 id="named-committee">{t("namedCommittee")}</h2>
        {committee.members.length === 0 ? <p className="muted">{t("noCommittee")}</p> : (
          <ul data-testid="committee-members">
            {committee.members.map((m) => <li key={m.userId}>{m.name}{m.recusals.length ? <span className="muted small">（{t("recusesFrom")}：{m.recusals.join("、")}）</span> : null}</li>)}
          </ul>
        )}
        {manager ? (
          <Form method="post">
            <input type="hidden" name="intent" value="committee" />
            <fieldset>
              <legend>{t("chooseCommittee")}</legend>
              {committee.candidates.length === 0 ? <p className="muted">{t("noCandidates")}</p> : committee.candidates.map((c) => (
                <label className="inline" key={c.id}><input type="checkbox" name="userIds" value={c.id} defaultChecked={committee.members.some((m) => m.userId === c.id)} /> {c.name}</label>
              ))}
            </fieldset>
            <p className="muted small">{t("committeeHelp")}</p>
            <button className="button" type="submit" disabled={busy}>{t("saveCommittee")}</button>
          </Form>
        ) : null}
      </section>
      {proposals.length === 0 ? <p className="muted">{t("none")}</p> : proposals.map((p) => {
        const sheet = SHEETS[p.kind as Kind];
        return (
          <section className="card" key={p.id} id={`p-${p.id}`} aria-labelledby={`t-${p.id}`}>
            <h2 id={`t-${p.id}`}><Link to={`/proposals/${p.id}`}>{p.title}</Link></h2>
            <p className="muted small">{L.kind(p.kind)} · {L.category(p.category)} · {L.state(p.state)} · {p.unit.name} · {authorsText(p.authors, L.locale)}</p>
            <p>{t("committeeTotal")}{L.colon}{points(p.committeeTotal)}{L.paren(p.committee?.reviewers ?? 0)}</p>
            {reviewer && p.recusal ? <div className="alert alert-error" role="status">{t("recused")}{L.colon}{p.recusal}</div> : null}
            {result && !result.ok && result.proposalId === p.id ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
            {reviewer && !p.recusal && p.state === "in_review" ? (
              <Form method="post">
                <input type="hidden" name="proposalId" value={p.id} />
                <fieldset>
                  <legend>{t("myScore")}{p.myItems ? L.paren(t("scored")) : ""}</legend>
                  {sheet.items.map((item) => (
                    <div className="field" key={item.key}>
                      <label htmlFor={`${p.id}-${item.key}`}>{item.name}{L.paren(t("max", { max: item.max / 100 }))}</label>
                      <input id={`${p.id}-${item.key}`} name={`item.${item.key}`} inputMode="decimal" required defaultValue={p.myItems ? String((p.myItems[item.key] ?? 0) / 100) : ""} />
                    </div>
                  ))}
                </fieldset>
                <button className="button" type="submit" disabled={busy}>{t("saveScore")}</button>
              </Form>
            ) : null}
          </section>
        );
      })}
    </>
  );
}
