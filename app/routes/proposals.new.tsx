import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { issueFor } from "~/utils/errors";
import { parseInput } from "~/utils/validation";
import { coAuthorOptions, createProposal } from "~/modules/proposals/proposals.server";
import { ProposalInputSchema } from "~/modules/proposals/schemas";
import { CATEGORIES, KINDS } from "~/modules/proposals/settings";
import { useProposalLabels } from "~/modules/proposals/components";

// 提交建议 from a phone: one column, large fields; the first author is the worker, up to four
// colleagues of the same unit beside them, shares adding up to 100 %.

export const meta = titled("proposalNew");

const AUTHOR_ROWS = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  return { colleagues: await coAuthorOptions(user), memberId: user.memberId };
}

/** The form's flat fields (authors.0.memberId …) as the schema's shape; empty author rows dropped. */
function proposalFromForm(form: FormData) {
  const authors = [];
  for (let i = 0; i < AUTHOR_ROWS; i++) {
    const memberId = String(form.get(`authors.${i}.memberId`) ?? "").trim();
    const share = String(form.get(`authors.${i}.share`) ?? "").trim();
    if (memberId || share) authors.push({ memberId, share });
  }
  const field = (k: string) => String(form.get(k) ?? "");
  return {
    kind: field("kind"), category: field("category"), title: field("title"), problem: field("problem"), content: field("content"),
    expectedBenefit: field("expectedBenefit"), expectedBenefitYuan: field("expectedBenefitYuan"), authors, submit: field("intent") === "submit",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const form = await request.formData();
  try {
    const input = parseInput(ProposalInputSchema, proposalFromForm(form));
    const proposal = await createProposal(user, input, actorOf(user, context));
    return redirect(`/proposals/${proposal.id}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function NewProposal() {
  const { t } = useTranslation("proposals");
  const L = useProposalLabels();
  const { colleagues, memberId } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  const authorsIssue = issues?.find((i) => i.path.startsWith("authors"))?.message;
  if (!memberId) return (<><h1>{t("newProposal")}</h1><p className="muted">{t("notLinked")}</p></>);
  return (
    <>
      <h1>{t("newProposal")}</h1>
      <p><Link to="/proposals">{t("back")}</Link></p>
      <Form method="post" className="card" aria-label={t("newProposal")}>
        {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
        <div className="field">
          <label htmlFor="kind">{t("kind")}</label>
          <select id="kind" name="kind" defaultValue="proposal">{KINDS.map((k) => <option key={k} value={k}>{L.kind(k)}</option>)}</select>
        </div>
        <div className="field">
          <label htmlFor="category">{t("category")}</label>
          <select id="category" name="category" defaultValue="efficiency">{CATEGORIES.map((c) => <option key={c} value={c}>{L.category(c)}</option>)}</select>
        </div>
        <div className="field">
          <label htmlFor="title">{t("title")}</label>
          <input id="title" name="title" required minLength={2} maxLength={80} aria-invalid={issueFor(issues, "title") ? true : undefined} />
          {issueFor(issues, "title") ? <p className="field-error">{issueFor(issues, "title")}</p> : null}
        </div>
        <div className="field"><label htmlFor="problem">{t("problem")}</label><textarea id="problem" name="problem" rows={3} maxLength={2000} /></div>
        <div className="field"><label htmlFor="content">{t("content")}</label><textarea id="content" name="content" rows={5} maxLength={4000} /></div>
        <div className="field"><label htmlFor="expectedBenefit">{t("expectedBenefit")}</label><textarea id="expectedBenefit" name="expectedBenefit" rows={2} maxLength={1000} /></div>
        <div className="field">
          <label htmlFor="expectedBenefitYuan">{t("expectedBenefitYuan")}</label>
          <input id="expectedBenefitYuan" name="expectedBenefitYuan" inputMode="numeric" pattern="[0-9]*" />
          <p className="muted small">{t("expectedHelp")}</p>
          {issueFor(issues, "expectedBenefitYuan") ? <p className="field-error">{issueFor(issues, "expectedBenefitYuan")}</p> : null}
        </div>
        <fieldset>
          <legend>{t("authors")}</legend>
          <p className="muted small">{t("authorsHelp")}</p>
          {authorsIssue ? <p className="field-error" role="alert">{authorsIssue}</p> : null}
          {Array.from({ length: AUTHOR_ROWS }, (_, i) => (
            <div className="field" key={i}>
              <label htmlFor={`author-${i}`}>{t("author")} {i + 1}</label>
              <select id={`author-${i}`} name={`authors.${i}.memberId`} defaultValue={i === 0 ? memberId : ""}>
                {i === 0 ? null : <option value="">{t("noAuthor")}</option>}
                {colleagues.filter((c) => (i === 0 ? c.self : !c.self)).map((c) => <option key={c.id} value={c.id}>{c.name}{L.paren(c.orgName)}</option>)}
              </select>
              <label htmlFor={`share-${i}`}>{t("share")}</label>
              <input id={`share-${i}`} name={`authors.${i}.share`} inputMode="decimal" defaultValue={i === 0 ? "100" : ""} />
            </div>
          ))}
        </fieldset>
        <p>
          <button className="button button-secondary" type="submit" name="intent" value="draft" disabled={busy}>{t("saveDraft")}</button>{" "}
          <button className="button" type="submit" name="intent" value="submit" disabled={busy}>{t("submit")}</button>
        </p>
      </Form>
    </>
  );
}
