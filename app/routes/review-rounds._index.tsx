import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SUBJECT_TYPES, subjectTypeLabel } from "~/modules/review-chain/subject-types";
import { useLocalise } from "~/utils/use-localise";
import { actorOf, hasPermission, requireUser, userScope } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { db } from "~/utils/db.server";
import { createRound, listRounds } from "~/modules/review-chain/review-chain.server";
import { RoundInputSchema } from "~/modules/review-chain/schemas";
import { orgTypeLabel } from "~/modules/orgs/org-types";
import { titled } from "~/utils/meta";

export const meta = titled("reviewRounds");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scopes = userScope(user, "award:manage");
  const tops = scopes.length
    ? await db.organisation.findMany({ where: { OR: scopes.map((p) => ({ path: { startsWith: p } })), type: { notIn: ["grassroots", "team"] } }, select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 500 })
    : [];
  return { rounds: await listRounds(user), canCreate: hasPermission(user, "award:manage"), tops };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  try {
    const input = parseInput(RoundInputSchema, { ...Object.fromEntries(form), reviewingTypes: form.getAll("reviewingTypes") });
    const round = await createRound(user, input, actorOf(user, context));
    return redirect(`/review-rounds/${round.id}`);
  } catch (error) {
    return actionError(error);
  }
}

export default function Rounds() {
  const { t } = useTranslation("reviewChain");
  const L = useLocalise();
  const { rounds, canCreate, tops } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  return (
    <>
      <p><Link to="/reviews">← {t("queueTitle")}</Link></p>
      <h1>{t("rounds")}</h1>
      {rounds.length === 0 ? <p className="muted">{t("nothing")}</p> : (
        <ul>{rounds.map((r) => <li key={r.id}><Link to={`/review-rounds/${r.id}`}>{r.title}</Link> · {r.topOrg.name} · {subjectTypeLabel(r.subjectType, L.locale)} · {t("submissions")} {r.submissions}</li>)}</ul>
      )}
      {canCreate ? (
        <Form method="post" className="card" aria-labelledby="new-round">
          <h2 id="new-round">{t("roundNew")}</h2>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
          <div className="field"><label htmlFor="title">{t("roundTitle")}</label><input id="title" name="title" required maxLength={120} /></div>
          <div className="field">
            <label htmlFor="subjectType">{t("subjectType")}</label>
            <select id="subjectType" name="subjectType">{Object.entries(SUBJECT_TYPES).map(([k, v]) => <option key={k} value={k}>{L.locale === "en" ? v.labelEn : v.label}</option>)}</select>
          </div>
          <div className="field">
            <label htmlFor="topOrgId">{t("topOrg")}</label>
            <select id="topOrgId" name="topOrgId">{tops.map((o) => <option key={o.id} value={o.id}>{"　".repeat(Math.max(0, o.depth - 1))}{o.name}</option>)}</select>
          </div>
          <fieldset className="field">
            <legend>{t("reviewingTypes")}</legend>
            {(["provincial", "national_industry", "city", "county", "industry", "street"] as const).map((k) => (
              <label key={k} className="inline"><input type="checkbox" name="reviewingTypes" value={k} defaultChecked={k === "county" || k === "industry"} /> {orgTypeLabel(k, L.locale)}</label>
            ))}
          </fieldset>
          <button className="button" type="submit">{t("create")}</button>
        </Form>
      ) : null}
    </>
  );
}
