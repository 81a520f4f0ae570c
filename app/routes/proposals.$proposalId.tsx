import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { readUploadForm } from "~/modules/files/files.server";
import {
  addAttachment, confirmBenefit, decideProposal, getProposal, implementProposal, nominateTopTen, proposalHistory, raiseDispute, refuseBenefit, reportBenefit, resolveDispute, submitDraft, topTenRounds, withdrawProposal,
} from "~/modules/proposals/proposals.server";
import { BenefitConfirmationSchema, BenefitSchema, DecisionSchema, DisputeSchema, ImplementSchema, ResolveDisputeSchema } from "~/modules/proposals/schemas";
import { SHEETS } from "~/modules/proposals/sheets";
import { historyKey } from "~/modules/proposals/history";
import { authorsText, BenefitAnswer, points, useProposalLabels, yuan } from "~/modules/proposals/components";
import type { Kind } from "~/modules/proposals/settings";

// 建议详情: everything about one proposal, and each person's next step on it — an author
// submits, withdraws (until review), attaches drawings; the union office decides, records
// implementation and the benefit confirmed by finance, and handles disputes (rule I-2).

export const meta = titled<typeof loader>("proposal", (d) => d.proposal.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const proposal = await getProposal(user, params.proposalId!);
    return { proposal, history: await proposalHistory(user, params.proposalId!), rounds: proposal.can.manage ? await topTenRounds(user) : [] };
  } catch (error) {
    return asResponse(error, request);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const id = params.proposalId!;
  const actor = actorOf(user, context);
  try {
    const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
    const form = multipart ? await readUploadForm(request, 10 * 1024 * 1024) : await request.formData();
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
    switch (String(form.get("intent"))) {
      case "submit": await submitDraft(user, id, actor); break;
      case "withdraw": await withdrawProposal(user, id, actor); break;
      case "attach": await addAttachment(user, id, form.get("file"), actor); break;
      case "decide": { const d = parseInput(DecisionSchema, fields); await decideProposal(user, id, d.decision, d.note, actor); break; }
      case "implement": await implementProposal(user, id, parseInput(ImplementSchema, fields).note, actor); break;
      case "benefit": await reportBenefit(user, id, parseInput(BenefitSchema, fields), actor); break;
      case "benefit-confirmation": {
        const d = parseInput(BenefitConfirmationSchema, fields);
        if (d.decision === "confirm") await confirmBenefit(user, id, d, actor);
        else await refuseBenefit(user, id, d, actor);
        break;
      }
      case "dispute": await raiseDispute(user, id, parseInput(DisputeSchema, fields), actor); break;
      case "top-ten": await nominateTopTen(user, id, String(form.get("roundId") ?? ""), actor); break;
      case "resolve": await resolveDispute(user, String(form.get("disputeId") ?? ""), parseInput(ResolveDisputeSchema, fields).resolution, actor); break;
      default: throw badRequest("未知操作 / unknown action");
    }
    return redirect(`/proposals/${id}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function ProposalPage() {
  const { t } = useTranslation("proposals");
  const L = useProposalLabels();
  const { proposal: p, history, rounds } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const sheet = SHEETS[p.kind as Kind];
  const openDisputes = p.disputes.filter((d) => d.status === "open");
  return (
    <>
      <h1>{p.title}</h1>
      <p><Link to="/proposals">{t("back")}</Link>{p.can.manage ? <> · <Link to="/proposals/inbox">{t("inboxNav")}</Link></> : null}</p>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      <dl className="summary-list card">
        <div><dt>{t("kind")}</dt><dd>{L.kind(p.kind)} · {L.category(p.category)}</dd></div>
        <div><dt>{t("state")}</dt><dd>{L.state(p.state)}</dd></div>
        <div><dt>{t("unit")}</dt><dd>{p.unit.name}</dd></div>
        <div><dt>{t("authors")}</dt><dd>{authorsText(p.authors, L.locale)}</dd></div>
        <div><dt>{t("expectedBenefitYuan")}</dt><dd>{yuan(p.expectedBenefitYuan)}</dd></div>
        <div><dt>{t("confirmedBenefit")}</dt><dd>{yuan(p.confirmedBenefitYuan)}{p.financeReference ? L.paren(`${p.financeConfirmedBy}${L.comma}${p.financeReference}`) : ""}</dd></div>
        <div><dt>{t("committeeTotal")}</dt><dd>{points(p.committeeTotal)}</dd></div>
        <div><dt>{t("gradeTotal")}</dt><dd>{points(p.gradeTotal)}</dd></div>
        <div><dt>{t("grade")}</dt><dd>{L.grade(p.grade)}{p.gradeProvisional ? L.paren(t("provisional")) : ""}</dd></div>
        <div><dt>{t("reward")}</dt><dd>{yuan(p.rewardYuan)}</dd></div>
      </dl>
      <section className="card"><h2>{t("problem")}</h2><p style={{ whiteSpace: "pre-wrap" }}>{p.problem || "—"}</p>
        <h2>{t("content")}</h2><p style={{ whiteSpace: "pre-wrap" }}>{p.content || "—"}</p>
        <h2>{t("expectedBenefit")}</h2><p style={{ whiteSpace: "pre-wrap" }}>{p.expectedBenefit || "—"}</p>
      </section>

      {p.can.edit || p.can.withdraw ? (
        <Form method="post" className="toolbar">
          {p.can.edit ? <button className="button" name="intent" value="submit" disabled={busy}>{t("submit")}</button> : null}{" "}
          {p.can.withdraw ? <button className="button button-secondary" name="intent" value="withdraw" disabled={busy}>{t("withdraw")}</button> : null}
        </Form>
      ) : null}

      <section className="card" aria-labelledby="attachments">
        <h2 id="attachments">{t("attachments")}</h2>
        {p.attachments.length === 0 ? <p className="muted">{t("noAttachments")}</p> : (
          <ul>{p.attachments.map((a) => <li key={a.id}><a href={`/proposals/attachments/${a.id}`}>{a.filename}</a></li>)}</ul>
        )}
        {p.can.manage || p.can.edit || p.state === "submitted" ? (
          <Form method="post" encType="multipart/form-data">
            <input type="hidden" name="intent" value="attach" />
            <div className="field"><label htmlFor="file">{t("attach")}</label><input id="file" name="file" type="file" accept="image/jpeg,image/png,application/pdf" capture="environment" /></div>
            <p className="muted small">{t("attachHelp")}</p>
            <button className="button button-secondary" type="submit" disabled={busy}>{t("attach")}</button>
          </Form>
        ) : null}
      </section>

      {p.committee ? (
        <section className="card" aria-labelledby="committee">
          <h2 id="committee">{t("committee")}</h2>
          <div className="table-wrap"><table>
            <thead><tr><th scope="col">{t("reviewer")}</th>{sheet.items.map((i) => <th key={i.key} scope="col">{i.name}{L.paren(i.max / 100)}</th>)}<th scope="col">{t("total")}</th></tr></thead>
            <tbody>
              {p.sheets.map((s) => <tr key={s.reviewerId}><td>{s.reviewerName}</td>{sheet.items.map((i) => <td key={i.key}>{points(s.items[i.key])}</td>)}<td>{points(s.total)}</td></tr>)}
              <tr><th scope="row">{t("committee")}{L.paren(p.committee.reviewers)}</th>{sheet.items.map((i) => <td key={i.key}>{points(p.committee!.items[i.key])}</td>)}<td><strong>{points(p.committee.total)}</strong></td></tr>
            </tbody>
          </table></div>
        </section>
      ) : null}

      {p.can.manage && p.state === "in_review" ? (
        <Form method="post" className="card" aria-labelledby="decide">
          <h2 id="decide">{t("decision")}</h2>
          <input type="hidden" name="intent" value="decide" />
          <label className="inline"><input type="radio" name="decision" value="adopt" defaultChecked /> {t("adopt")}</label>
          <label className="inline"><input type="radio" name="decision" value="reject" /> {t("reject")}</label>
          <div className="field"><label htmlFor="note">{t("note")}</label><input id="note" name="note" maxLength={500} /></div>
          <button className="button" type="submit" disabled={busy}>{t("decision")}</button>
        </Form>
      ) : null}
      {p.can.manage && p.state === "adopted" ? (
        <Form method="post" className="card" aria-labelledby="implement">
          <h2 id="implement">{t("implement")}</h2>
          <input type="hidden" name="intent" value="implement" />
          <div className="field"><label htmlFor="impl-note">{t("implementationNote")}</label><textarea id="impl-note" name="note" rows={2} maxLength={1000} /></div>
          <button className="button" type="submit" disabled={busy}>{t("implement")}</button>
        </Form>
      ) : null}
      {p.state === "implemented" && p.benefitClaimYuan !== null ? (
        <p className="alert" role="status" data-testid="benefit-claim">{t("claimPending", { amount: yuan(p.benefitClaimYuan) })}{p.benefitClaimNote ? `（${p.benefitClaimNote}）` : ""}</p>
      ) : null}
      {p.state === "implemented" && p.benefitRejection ? <p className="alert alert-error" role="status">{t("claimRefused", { reason: p.benefitRejection })}</p> : null}
      {p.can.reportBenefit ? (
        <Form method="post" className="card" aria-labelledby="benefit">
          <h2 id="benefit">{t("reportBenefit")}</h2>
          <p className="muted small">{t("reportBenefitHelp")}</p>
          <input type="hidden" name="intent" value="benefit" />
          <div className="field"><label htmlFor="annualBenefitYuan">{t("annualBenefitYuan")}</label><input id="annualBenefitYuan" name="annualBenefitYuan" inputMode="numeric" required /></div>
          <div className="field"><label htmlFor="benefit-note">{t("measureNote")}</label><input id="benefit-note" name="note" maxLength={500} /></div>
          <button className="button" type="submit" disabled={busy}>{t("reportBenefit")}</button>
        </Form>
      ) : null}
      {p.can.confirmBenefit ? <BenefitAnswer busy={busy} /> : null}

      {p.can.manage && (p.state === "implemented" || p.state === "benefit_confirmed") && !p.topTenSubmissionId && rounds.length > 0 ? (
        <Form method="post" className="card" aria-labelledby="top-ten">
          <h2 id="top-ten">{t("topTen")}</h2>
          <p className="muted small">{t("topTenHelp")}</p>
          <input type="hidden" name="intent" value="top-ten" />
          <div className="field"><label htmlFor="roundId">{t("topTenRound")}</label>
            <select id="roundId" name="roundId">{rounds.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}</select></div>
          <button className="button" type="submit" disabled={busy}>{t("topTen")}</button>
        </Form>
      ) : null}
      {p.topTenSubmissionId ? <p className="card"><Link to={`/reviews/${p.topTenSubmissionId}`}>{t("topTenNominated")}</Link></p> : null}

      <section className="card" aria-labelledby="disputes">
        <h2 id="disputes">{t("disputes")}</h2>
        {p.disputes.length === 0 ? <p className="muted">{t("noDisputes")}</p> : (
          <ul>
            {p.disputes.map((d) => (
              <li key={d.id}>
                {d.kind === "ip" ? t("disputeIp") : t("disputeAuthorship")}{L.colon}{d.description}{L.paren(d.status === "open" ? t("open") : `${t("resolved")}${L.colon}${d.resolution}`)}
                {p.can.manage && d.status === "open" ? (
                  <Form method="post">
                    <input type="hidden" name="intent" value="resolve" /><input type="hidden" name="disputeId" value={d.id} />
                    <label className="inline">{t("resolution")} <input name="resolution" required minLength={2} maxLength={1000} /></label>
                    <button className="button button-secondary" type="submit" disabled={busy}>{t("resolve")}</button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {openDisputes.length === 0 || p.can.manage ? (
          <Form method="post">
            <input type="hidden" name="intent" value="dispute" />
            <div className="field"><label htmlFor="dispute-kind">{t("disputeKind")}</label>
              <select id="dispute-kind" name="kind"><option value="authorship">{t("disputeAuthorship")}</option><option value="ip">{t("disputeIp")}</option></select></div>
            <div className="field"><label htmlFor="dispute-description">{t("disputeDescription")}</label><input id="dispute-description" name="description" required minLength={2} maxLength={1000} /></div>
            <button className="button button-secondary" type="submit" disabled={busy}>{t("raiseDispute")}</button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="history">
        <h2 id="history">{t("history")}</h2>
        <ol className="history" data-testid="proposal-history">
          {history.map((h) => (
            <li key={h.id}>
              <time dateTime={h.at} className="muted small">{L.date(h.at)}</time> <strong>{t(historyKey(h.action))}</strong> · <span>{h.actor ?? t("history_system")}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
