import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requirePermission } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { applyOptions, applyProject, linkRosterOrgs, listProjects } from "~/modules/labour/labour.server";
import { ProjectInputSchema } from "~/modules/labour/schemas";
import { parseRosterText } from "~/modules/labour/roster-text";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";
import { templateKeyOf } from "~/modules/labour/labels";
import { myEvidenceUnits } from "~/modules/labour/evidence.server";

export const meta = titled("labour");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "labour:read");
  const [projects, options, myUnits] = await Promise.all([listProjects(user), applyOptions(user), myEvidenceUnits(user)]);
  return { projects, options, myUnits, canApply: hasPermission(user, "labour:apply") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "labour:apply");
  const form = await request.formData();
  try {
    const roster = parseRosterText(String(form.get("roster") ?? ""));
    if (roster.problems.length) throw badRequest(roster.problems[0].message, roster.problems.map((p) => ({ path: "roster", message: p.message })));
    const raw = Object.fromEntries(form);
    const lines = await linkRosterOrgs(user, String(raw.orgId ?? ""), roster.lines);
    const input = parseInput(ProjectInputSchema, {
      ...raw, roster: lines, roundId: raw.roundId || undefined, template: raw.template || undefined,
      lengthDays: raw.lengthDays || undefined, onAccident: raw.onAccident || undefined,
      endDate: raw.kind === "campaign" && !raw.endDate ? raw.startDate : raw.endDate,
    });
    const project = await applyProject(user, input, actorOf(user, context));
    return redirect(`/labour/${project.id}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function LabourIndex() {
  const { t } = useTranslation("labour");
  const { message } = useLocalise();
  const { projects, options, myUnits, canApply } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  const setName = (name: string) => {
    const key = templateKeyOf({ name });
    return key ? t(`templates.${key}`) : name;
  };
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {myUnits.length ? (
        <section className="card" aria-labelledby="my-units">
          <h2 id="my-units">{t("myUnits")}</h2>
          <p className="muted small">{t("myUnitsHint")}</p>
          <ul>{myUnits.map((u) => <li key={u.unitId}><Link to={`/labour/${u.projectId}/units/${u.unitId}`}>{u.unitName}</Link> · {u.projectName}</li>)}</ul>
        </section>
      ) : null}
      <section aria-labelledby="projects">
        <h2 id="projects">{t("projects")}</h2>
        {projects.length === 0 ? <p className="muted">{t("none")}</p> : (
          <table>
            <thead><tr><th>{t("name")}</th><th>{t("kind")}</th><th>{t("org")}</th><th>{t("startDate")}</th><th>{t("endDate")}</th><th>{t("indicatorSet")}</th><th>{t("status")}</th></tr></thead>
            <tbody>
              {projects.map((p) => (
                <tr key={p.id}>
                  <td><Link to={`/labour/${p.id}`}>{p.name}</Link>{p.kind === "campaign" ? <> · <Link to={`/labour/${p.id}/safe-days`}>{t("safeDays")}</Link></> : null}</td>
                  <td>{p.kind === "campaign" ? t("kindCampaign") : t("kindProject")}</td>
                  <td>{p.org.name}</td><td>{p.startDate}</td><td>{p.endDate}</td><td>{setName(p.indicatorSet)}</td><td>{t(`projectStatuses.${p.status}`, { defaultValue: p.statusLabel })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {canApply && options.orgs.length ? (
        <Form method="post" className="card" aria-labelledby="apply">
          <h2 id="apply">{t("apply")}</h2>
          <p className="muted">{t("applyHint")}</p>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{message(result.message)}</div> : null}
          <div className="field"><label htmlFor="orgId">{t("org")}</label>
            <select id="orgId" name="orgId">{options.orgs.map((o) => <option key={o.id} value={o.id}>{"　".repeat(Math.max(0, o.depth - 1))}{o.name}</option>)}</select></div>
          <div className="field"><label htmlFor="name">{t("name")}</label><input id="name" name="name" required maxLength={120} /></div>
          <div className="field"><label htmlFor="owner">{t("owner")}</label><input id="owner" name="owner" maxLength={120} /></div>
          <div className="field"><label htmlFor="kind">{t("kind")}</label>
            <select id="kind" name="kind"><option value="project">{t("kindProject")}</option><option value="campaign">{t("kindCampaign")}</option></select></div>
          <div className="field"><label htmlFor="template">{t("template")}</label>
            <select id="template" name="template">{(["qibi-yichuang", "sibao-liangchuang", "bairi-anquan"] as const).map((k) => <option key={k} value={k}>{t(`templates.${k}`)}</option>)}</select></div>
          <div className="field"><label htmlFor="startDate">{t("startDate")}</label><input id="startDate" name="startDate" type="date" required /></div>
          <div className="field"><label htmlFor="endDate">{t("endDate")}</label><input id="endDate" name="endDate" type="date" /></div>
          <div className="field"><label htmlFor="frequency">{t("frequency")}</label>
            <select id="frequency" name="frequency" defaultValue="month">{(["half-month", "month", "quarter"] as const).map((f) => <option key={f} value={f}>{t(`freq.${f}`)}</option>)}</select></div>
          <div className="field"><label htmlFor="lengthDays">{t("lengthDays")}</label><input id="lengthDays" name="lengthDays" type="number" min={7} max={400} defaultValue={100} /></div>
          <div className="field"><label htmlFor="onAccident">{t("onAccident")}</label>
            <select id="onAccident" name="onAccident"><option value="reset">{t("onAccidentReset")}</option><option value="veto">{t("onAccidentVeto")}</option></select></div>
          <div className="field"><label htmlFor="budget">{t("budget")}</label><input id="budget" name="budget" type="number" min={0} defaultValue={0} /></div>
          <div className="field"><label htmlFor="minSigners">{t("minSigners")}</label><input id="minSigners" name="minSigners" type="number" min={3} max={15} defaultValue={3} /></div>
          <div className="field"><label htmlFor="bannerTopK">{t("bannerTopK")}</label><input id="bannerTopK" name="bannerTopK" type="number" min={1} max={20} defaultValue={1} /></div>
          <div className="field"><label htmlFor="bannerTies">{t("bannerTies")}</label>
            <select id="bannerTies" name="bannerTies" defaultValue="share"><option value="share">{t("bannerTiesShare")}</option><option value="none">{t("bannerTiesNone")}</option></select></div>
          <div className="field"><label htmlFor="roster">{t("roster")}</label>
            <textarea id="roster" name="roster" rows={8} aria-describedby="roster-hint" />
            <div className="muted small" id="roster-hint">
              <p>{t("rosterHint")}</p>
              {/* the lines are typed in Chinese, as on the form the unions use: an example of input */}
              <p>{t("rosterExample")}</p>
              <pre lang="zh">{"标段,一标段,,一标段项目部\n工区,一工区,一标段\n班组,钢筋班,一工区\n建设者,张伟,钢筋班,2025-03-01"}</pre>
            </div></div>
          <div className="field"><label htmlFor="roundId">{t("round")}</label>
            <select id="roundId" name="roundId"><option value="">{t("noRound")}</option>{options.rounds.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}</select></div>
          <button className="button" type="submit">{t("submit")}</button>
        </Form>
      ) : null}
      <p className="muted small">{t("apiNote")}</p>
    </>
  );
}
