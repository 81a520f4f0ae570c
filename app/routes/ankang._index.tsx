import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requireUser } from "~/utils/auth.server";
import { forbidden } from "~/utils/errors";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { createCycle, listCycles } from "~/modules/ankang/ankang.server";
import { cycleFormOptions } from "~/modules/ankang/pages.server";
import { CycleInputSchema } from "~/modules/ankang/schemas";
import { LEVELS } from "~/modules/ankang/settings";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled("ankang");

const anyAnkang = (user: Parameters<typeof hasPermission>[0]) => ["ankang:manage", "ankang:review", "ankang:unit"].some((p) => hasPermission(user, p as "ankang:manage"));

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!anyAnkang(user)) throw asResponse(forbidden());
  const [cycles, options] = await Promise.all([listCycles(user), cycleFormOptions(user)]);
  return { cycles, options, thisYear: new Date().getFullYear() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  try {
    const input = parseInput(CycleInputSchema, {
      name: form.get("name"), startYear: form.get("startYear"), endYear: form.get("endYear"), annual: form.get("annual") === "on",
      orgId: form.get("orgId"), level: form.get("level"),
      committee: form.getAll("coOrganiser").map(String).filter(Boolean).map((orgId) => ({ orgId, role: "other" })),
    });
    const cycle = await createCycle(user, input, actorOf(user, context));
    return redirect(`/ankang/${cycle.id}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function AnkangCycles() {
  const { t } = useTranslation("ankang");
  const { cycles, options, thisYear } = useLoaderData<typeof loader>();
  const failure = useActionData<ActionFailure>();
  const L = useLocalise();
  return (
    <>
      <h1>{t("cycles")}</h1>
      <p className="muted">{t("cyclesHelp")}</p>
      <p className="toolbar">
        <Link className="button button-secondary" to="/hazards">{t("navHazards")}</Link>
        <Link className="button button-secondary" to="/quiz">{t("navQuiz")}</Link>
      </p>
      {cycles.length === 0 ? <p className="muted">{t("noCycles")}</p> : (
        <div className="table-wrap">
          <table>
            <thead><tr><th>{t("name")}</th><th>{t("organiser")}</th><th>{t("level")}</th><th>{t("committee")}</th><th>{t("enrolmentsCount")}</th></tr></thead>
            <tbody>
              {cycles.map((c) => (
                <tr key={c.id}>
                  <td><Link to={`/ankang/${c.id}`}>{c.name}</Link></td>
                  <td>{c.orgName}</td>
                  <td>{t(`level_${c.level}`)}</td>
                  <td>{L.list(c.committee.map((m) => m.orgName))}</td>
                  <td>{c.enrolments}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {options.organisers.length ? (
        <Form method="post" className="card stack" aria-labelledby="new-cycle">
          <h2 id="new-cycle">{t("newCycle")}</h2>
          {failure ? <div className="alert alert-error" role="alert">{failure.message}</div> : null}
          <div className="field"><label htmlFor="name">{t("name")}</label><input id="name" name="name" required defaultValue={t("defaultCycleName", { from: thisYear - 1, to: thisYear })} /></div>
          <div className="grid">
            <div className="field"><label htmlFor="startYear">{t("startYear")}</label><input id="startYear" name="startYear" type="number" required defaultValue={thisYear - 1} /></div>
            <div className="field"><label htmlFor="endYear">{t("endYear")}</label><input id="endYear" name="endYear" type="number" required defaultValue={thisYear} /></div>
          </div>
          <label className="checkbox"><input type="checkbox" name="annual" /> {t("annual")}</label>
          <div className="field">
            <label htmlFor="orgId">{t("organiser")}</label>
            <select id="orgId" name="orgId">{options.organisers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
          </div>
          <div className="field">
            <label htmlFor="level">{t("level")}</label>
            <select id="level" name="level" defaultValue="city">{LEVELS.map((l) => <option key={l} value={l}>{t(`level_${l}`)}</option>)}</select>
          </div>
          <div className="field">
            <label htmlFor="coOrganiser">{t("coOrganisers")}</label>
            <select id="coOrganiser" name="coOrganiser" multiple size={6}>{options.coOrganisers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
          </div>
          <p><button className="button" type="submit">{t("create")}</button></p>
        </Form>
      ) : null}
    </>
  );
}
