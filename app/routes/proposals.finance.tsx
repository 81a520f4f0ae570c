import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { useLocalise } from "~/utils/use-localise";
import { benefitQueue, confirmBenefit, refuseBenefit } from "~/modules/proposals/proposals.server";
import { BenefitConfirmationSchema } from "~/modules/proposals/schemas";
import { authorsText, BenefitAnswer, points, useProposalLabels, yuan } from "~/modules/proposals/components";

// 财务部门：待确认的经济效益 (issue 16 item 3). The union office reports the measured annual
// benefit; here the finance office confirms it with its reference — only then does the grade
// follow the figure (rules I-1, I-2 tiers) — or refuses it with a reason the authors are told.

export const meta = titled("proposalFinance");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "proposal:finance");
  try {
    return { rows: await benefitQueue(user) };
  } catch (error) {
    return asResponse(error, request);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "proposal:finance");
  const form = await request.formData();
  const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const proposalId = String(form.get("proposalId") ?? "");
  try {
    const d = parseInput(BenefitConfirmationSchema, fields);
    if (d.decision === "confirm") await confirmBenefit(user, proposalId, d, actorOf(user, context));
    else await refuseBenefit(user, proposalId, d, actorOf(user, context));
    return redirect(`/proposals/finance?done=${d.decision}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function FinanceQueue() {
  const { t } = useTranslation("proposals");
  const L = useProposalLabels();
  const { date } = useLocalise();
  const { rows } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <>
      <h1>{t("financeTitle")}</h1>
      <p className="muted">{t("financeHelp")}</p>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {done ? <p className="alert alert-success" role="status">{done === "confirm" ? t("benefitConfirmedDone") : t("benefitRefusedDone")}</p> : null}
      {rows.length === 0 ? <p className="muted">{t("financeEmpty")}</p> : rows.map((p) => (
        <section className="card" key={p.id} aria-labelledby={`q-${p.id}`} data-testid="benefit-claim-row">
          <h2 id={`q-${p.id}`}><Link to={`/proposals/${p.id}`}>{p.title}</Link></h2>
          <dl className="summary-list">
            <div><dt>{t("unit")}</dt><dd>{p.unit.name} · {L.kind(p.kind)} · {L.category(p.category)}</dd></div>
            <div><dt>{t("authors")}</dt><dd>{authorsText(p.authors, L.locale)}</dd></div>
            <div><dt>{t("reportedBenefit")}</dt><dd><strong>{yuan(p.benefitClaimYuan)}</strong>{p.benefitClaimNote ? L.paren(p.benefitClaimNote) : ""}</dd></div>
            <div><dt>{t("claimedAt")}</dt><dd>{p.benefitClaimedAt ? date(p.benefitClaimedAt, false) : "—"}</dd></div>
            <div><dt>{t("expectedBenefitYuan")}</dt><dd>{yuan(p.expectedBenefitYuan)}</dd></div>
            <div><dt>{t("gradeTotal")}</dt><dd>{points(p.gradeTotal)} · {L.grade(p.grade)}{L.paren(t("provisional"))}</dd></div>
          </dl>
          <BenefitAnswer busy={busy} proposalId={p.id} />
        </section>
      ))}
    </>
  );
}
