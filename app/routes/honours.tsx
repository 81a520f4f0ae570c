import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, hasPermission, requirePermission, userScope } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { issueFor } from "~/utils/errors";
import { db } from "~/utils/db.server";
import { useLocalise } from "~/utils/use-localise";
import { honourHolderOptions, queuedRecommendations, recordManualHonour, searchHonours } from "~/modules/honours/honours.server";
import { HonourSearchSchema, ManualHonourSchema } from "~/modules/honours/schemas";
import { COMMON_TITLES, HONOUR_LEVELS, LEVEL_LABELS } from "~/modules/honours/honour-levels";
import { HonoursTable, RecommendationsTable } from "~/modules/honours/components";

// 荣誉库: honours held within the reader's subtree, searched by name, unit, title, year and
// level; organisers (honour:write) enter older honours by hand.

export const meta = titled("honours");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "honour:read");
  const url = new URL(request.url);
  try {
    const search = parseInput(HonourSearchSchema, Object.fromEntries(url.searchParams));
    const scopes = userScope(user, "honour:read");
    const [honours, orgs, holders, queue] = await Promise.all([
      searchHonours(user, search),
      db.organisation.findMany({ where: { OR: scopes.map((p) => ({ path: { startsWith: p } })), type: { not: "team" } }, select: { id: true, name: true, depth: true }, orderBy: { path: "asc" }, take: 2000 }),
      honourHolderOptions(user, search.q),
      queuedRecommendations(user),
    ]);
    const thisYear = new Date().getUTCFullYear();
    return {
      honours, search, orgs, holders, queue, canRecord: hasPermission(user, "honour:write"),
      years: Array.from({ length: 15 }, (_, i) => thisYear - i), saved: url.searchParams.get("saved") === "1",
    };
  } catch (error) {
    return asResponse(error, request);
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "honour:write");
  const form = await request.formData();
  try {
    const input = parseInput(ManualHonourSchema, Object.fromEntries(form));
    const honour = await recordManualHonour(user, input, actorOf(user, context));
    return redirect(`/honours?saved=1&q=${encodeURIComponent(honour.holderName)}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Honours() {
  const { t } = useTranslation("honours");
  const L = useLocalise();
  const { honours, search, orgs, holders, queue, canRecord, years, saved } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const issues = result && !result.ok ? result.issues : undefined;
  const indent = (depth: number) => "　".repeat(Math.max(0, depth - 1));
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("help")}</p>
      <p><Link to="/honours/pioneer-reviews">{t("pioneerNav")}</Link></p>
      {saved ? <div className="alert alert-ok" role="status">{t("saved")}</div> : null}
      <Form method="get" className="toolbar" aria-label={t("search")}>
        <label className="inline">{t("q")}{" "}<input name="q" type="search" defaultValue={search.q ?? ""} maxLength={60} /></label>
        <label className="inline">{t("org")}{" "}
          <select name="orgId" defaultValue={search.orgId ?? ""}>
            <option value="">{t("allOrgs")}</option>
            {orgs.map((o) => <option key={o.id} value={o.id}>{indent(o.depth)}{o.name}</option>)}
          </select>
        </label>
        <label className="inline">{t("year")}{" "}
          <select name="year" defaultValue={search.year ?? ""}>
            <option value="">{t("allYears")}</option>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </label>
        <label className="inline">{t("level")}{" "}
          <select name="level" defaultValue={search.level ?? ""}>
            <option value="">{t("allLevels")}</option>
            {HONOUR_LEVELS.map((l) => <option key={l} value={l}>{LEVEL_LABELS[l][L.locale]}</option>)}
          </select>
        </label>
        <label className="inline"><input type="checkbox" name="includeRevoked" value="1" defaultChecked={search.includeRevoked} /> {t("includeRevoked")}</label>
        <button className="button button-secondary" type="submit">{t("search")}</button>
      </Form>
      <p className="muted small">{t("count", { count: honours.length })}</p>
      {honours.length === 0 ? <p className="muted">{t("none")}</p> : <HonoursTable honours={honours} showHolder />}
      {queue.length ? (
        <section aria-labelledby="recommendation-queue">
          <h2 id="recommendation-queue">{t("queueTitle")}</h2>
          <p className="muted small">{t("queueHelp")}</p>
          <RecommendationsTable recommendations={queue} showHolder />
        </section>
      ) : null}
      {canRecord ? (
        <Form method="post" className="card" aria-labelledby="record-honour">
          <h2 id="record-honour">{t("record")}</h2>
          <p className="muted small">{t("recordHelp")}</p>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
          <div className="field">
            <label htmlFor="memberId">{t("member")}</label>
            <select id="memberId" name="memberId" defaultValue="" aria-invalid={issueFor(issues, "memberId") ? true : undefined}>
              <option value="">{t("memberNone")}</option>
              {holders.members.map((m) => <option key={m.id} value={m.id}>{m.name}{t("common:inParens", { text: m.unit })}</option>)}
            </select>
            {issueFor(issues, "memberId") ? <p className="field-error">{issueFor(issues, "memberId")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="orgId">{t("collective")}</label>
            <select id="orgId" name="orgId" defaultValue="">
              <option value="">{t("collectiveNone")}</option>
              {holders.orgs.map((o) => <option key={o.id} value={o.id}>{indent(o.depth)}{o.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label htmlFor="title">{t("honourTitle")}</label>
            <input id="title" name="title" required maxLength={80} list="honour-titles" />
            <datalist id="honour-titles">{COMMON_TITLES.map((x) => <option key={x} value={x} />)}</datalist>
          </div>
          <div className="field">
            <label htmlFor="level">{t("level")}</label>
            <select id="level" name="level" defaultValue="provincial">{HONOUR_LEVELS.map((l) => <option key={l} value={l}>{LEVEL_LABELS[l][L.locale]}</option>)}</select>
          </div>
          <div className="field"><label htmlFor="year">{t("year")}</label><input id="year" name="year" type="number" min={1950} max={2100} required inputMode="numeric" /></div>
          <div className="field"><label htmlFor="issuingBody">{t("issuingBody")}</label><input id="issuingBody" name="issuingBody" required maxLength={80} /></div>
          <button className="button" type="submit" disabled={busy}>{t("save")}</button>
        </Form>
      ) : null}
    </>
  );
}
