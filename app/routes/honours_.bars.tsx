import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, hasPermission, requireUser, userScope } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { forbidden, issueFor } from "~/utils/errors";
import { db } from "~/utils/db.server";
import { barNominatingUnit, listBars } from "~/modules/honours/eligibility.server";
import { BarInputSchema } from "~/modules/honours/schemas";
import { AWARDS, AWARD_KEYS, type AwardKey } from "~/modules/nominations/domain";

// Rule N-43: the units barred from the next round for a bad nomination, and the reviewers' form
// to bar one (award:review or award:manage over the unit), with the reason kept and logged.

export const meta = titled("unitBars");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    if (!hasPermission(user, "award:review") && !hasPermission(user, "award:manage")) throw forbidden();
    const scopes = [...userScope(user, "award:review"), ...userScope(user, "award:manage")];
    const [bars, orgs] = await Promise.all([
      listBars(user),
      db.organisation.findMany({ where: { OR: scopes.map((p) => ({ path: { startsWith: p } })), type: { notIn: ["team", "department"] } }, select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 2000 }),
    ]);
    return { bars, orgs, thisYear: new Date().getUTCFullYear() };
  } catch (error) {
    return asResponse(error, request);
  }
}

type Result = ActionFailure | { ok: true };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const form = await request.formData();
    const input = parseInput(BarInputSchema, { ...Object.fromEntries(form), award: form.get("award") || undefined });
    await barNominatingUnit(user, input, actorOf(user, context));
    return { ok: true as const } satisfies Result;
  } catch (error) {
    return actionError(error, request);
  }
}

export default function UnitBars() {
  const { t, i18n } = useTranslation("honours");
  const { bars, orgs, thisYear } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  const en = i18n.language === "en";
  const awardLabel = (k: string) => (k ? (en ? AWARDS[k as AwardKey]?.en : AWARDS[k as AwardKey]?.label) ?? k : t("barAllAwards"));
  const indent = (depth: number) => "　".repeat(Math.max(0, depth - 1));
  const field = (name: string) => issueFor(issues, name) ? <p className="field-error">{issueFor(issues, name)}</p> : null;
  return (
    <>
      <p><Link to="/honours">← {t("title")}</Link></p>
      <h1>{t("barsTitle")}</h1>
      <p className="muted">{t("barsHelp")}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("barSaved")}</div> : null}
      {bars.length === 0 ? <p className="muted">{t("barNone")}</p> : (
        <div className="table-wrap table-cards">
          <table className="cards-on-phone">
            <thead><tr><th>{t("barUnit")}</th><th>{t("barAward")}</th><th>{t("barYears")}</th><th>{t("barReason")}</th></tr></thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.id} data-testid="bar-row">
                  <td className="card-title">{b.org.name}</td>
                  <td data-label={t("barAward")}>{awardLabel(b.award)}</td>
                  <td data-label={t("barYears")}>{b.fromYear + 1}–{b.untilYear}</td>
                  <td data-label={t("barReason")}>{b.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Form method="post" className="card" aria-labelledby="bar-form">
        <h2 id="bar-form">{t("barSave")}</h2>
        {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
        <div className="field">
          <label htmlFor="orgId">{t("barUnit")}</label>
          <select id="orgId" name="orgId" required>{orgs.map((o) => <option key={o.id} value={o.id}>{indent(o.depth)}{o.name}</option>)}</select>
          {field("orgId")}
        </div>
        <div className="field">
          <label htmlFor="award">{t("barAward")}</label>
          <select id="award" name="award" defaultValue="">
            <option value="">{t("barAllAwards")}</option>
            {AWARD_KEYS.map((k) => <option key={k} value={k}>{awardLabel(k)}</option>)}
          </select>
        </div>
        <div className="field"><label htmlFor="fromYear">{t("barFrom")}</label><input id="fromYear" name="fromYear" type="number" min={1950} max={2100} required inputMode="numeric" defaultValue={thisYear} />{field("fromYear")}</div>
        <div className="field"><label htmlFor="untilYear">{t("barUntil")}</label><input id="untilYear" name="untilYear" type="number" min={1950} max={2100} required inputMode="numeric" defaultValue={thisYear + 1} />{field("untilYear")}</div>
        <div className="field"><label htmlFor="reason">{t("barReason")}</label><textarea id="reason" name="reason" rows={3} maxLength={500} required />{field("reason")}</div>
        <button className="button" type="submit" disabled={busy}>{t("barSave")}</button>
      </Form>
    </>
  );
}
