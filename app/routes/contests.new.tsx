import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { FormMessage } from "~/components/field";
import { createContest, getContest, organisingUnits, templateOptions } from "~/modules/contests/contests.server";
import { ContestInputSchema } from "~/modules/contests/schemas";
import { defaultContestLevel } from "~/modules/contests/event-rules";
import { ContestFields, type ContestFormValues } from "~/modules/contests/contest-form";
import { titled } from "~/utils/meta";

export const meta = titled("contestNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const [orgs, templates] = await Promise.all([organisingUnits(user), templateOptions(user)]);
  const templateId = new URL(request.url).searchParams.get("templateId") || null;
  const chosen = templateId ? templates.find((c) => c.id === templateId) ?? null : null;
  // Without a template the level follows the organising union (a city federation: 市级).
  let values: ContestFormValues = { level: defaultContestLevel(orgs[0]?.type) };
  if (chosen) {
    const { contest } = await getContest(user, chosen.id);
    values = {
      orgId: orgs.some((o) => o.id === contest.orgId) ? contest.orgId : undefined,
      kind: contest.kind, level: contest.level, contestClass: contest.contestClass, hosts: contest.hosts, coHosts: contest.coHosts,
      appealWindowMinutes: contest.appealWindowMinutes, noticeText: contest.noticeText, visibility: contest.visibility,
    };
  }
  return { orgs, templates, template: chosen, values };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const form = Object.fromEntries(await request.formData());
  try {
    const contest = await createContest(user, parseInput(ContestInputSchema, form), actorOf(user, context));
    return redirect(`/contests/${contest.id}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function NewContestPage() {
  const { t } = useTranslation("contests");
  const { orgs, templates, template, values } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  return (
    <>
      <p><Link to="/contests">← {t("backToList")}</Link></p>
      <h1>{t("newContest")}</h1>
      {templates.length ? (
        <section className="card" aria-labelledby="template-title">
          <h2 id="template-title">{t("template.label")}</h2>
          <Form method="get" className="toolbar">
            <div className="field">
              <label htmlFor="templateId">{t("template.label")}</label>
              <select id="templateId" name="templateId" defaultValue={template?.id ?? ""}>
                <option value="">{t("template.noTemplate")}</option>
                {templates.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
              </select>
            </div>
            <button className="button button-secondary" type="submit">{t("template.apply")}</button>
          </Form>
          <p className="muted small">{t("template.hint")}</p>
        </section>
      ) : null}
      <FormMessage result={result} />
      {template ? <div className="alert alert-ok" role="status">{t("template.using", { name: template.name, events: template.eventCount })}</div> : null}
      {/* Remounted per template, so the fields show the chosen template's values. */}
      <Form method="post" className="stack" key={template?.id ?? "blank"}>
        {template ? <input type="hidden" name="templateId" value={template.id} /> : null}
        <ContestFields values={values} orgs={orgs} issues={result?.issues} />
        <button className="button" type="submit">{t("newContest")}</button>
      </Form>
    </>
  );
}
