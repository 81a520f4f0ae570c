import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { FormMessage } from "~/components/field";
import { listDuplicates, mergeMembers } from "~/modules/members/member-identity.server";
import { MergeMembersSchema } from "~/modules/members/schemas";
import { titled } from "~/utils/meta";

// 重复会员 (issue 10 item 5, decision 009): records of one person inside the user's own
// member:write subtree, and their merge. Nothing here looks outside that subtree.

export const meta = titled("membersDuplicates");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "member:write");
  return { groups: await listDuplicates(user) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "member:write");
  try {
    const input = parseInput(MergeMembersSchema, Object.fromEntries(await request.formData()));
    const merged = await mergeMembers(user, input, actorOf(user, context));
    return { ok: true as const, movedRegistrations: merged.movedRegistrations };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function MemberDuplicates() {
  const { t } = useTranslation("members");
  const { groups } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; movedRegistrations: number } | ActionFailure>();
  return (
    <>
      <p><Link to="/members">← {t("viewAll")}</Link></p>
      <h1>{t("duplicatesTitle")}</h1>
      <p className="muted">{t("duplicatesHelp")}</p>
      <FormMessage result={result} okText={result?.ok ? t("merged", { count: result.movedRegistrations }) : ""} />
      {groups.length === 0 ? <p>{t("duplicatesNone")}</p> : null}
      {groups.map((group, i) => {
        const [first, second] = group.members;
        return (
          <section key={first.id} className="card" aria-labelledby={`group-${first.id}`}>
            <h2 id={`group-${first.id}`}>{t("group", { n: i + 1 })}: {first.name} <code>{first.idNumberMasked}</code></h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("unit")}</th>
                    <th scope="col">{t("birthDate")}</th>
                    <th scope="col">{t("linkedColumn")}</th>
                    <th scope="col">{t("registrationsColumn")}</th>
                    <th scope="col">{t("createdColumn")}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.members.map((m) => (
                    <tr key={m.id}>
                      <td><Link to={`/members/${m.id}`}>{m.name}</Link></td>
                      <td>{m.orgName}</td>
                      <td>{m.birthDate}</td>
                      <td>{m.linked ? t("yes") : t("no")}</td>
                      <td>{m.registrations}</td>
                      <td>{m.createdAt.slice(0, 10)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Form method="post" className="toolbar">
              <div className="field">
                <label htmlFor={`keep-${first.id}`}>{t("keep")}</label>
                <select id={`keep-${first.id}`} name="keepId" defaultValue={first.id}>
                  {group.members.map((m) => <option key={m.id} value={m.id}>{m.name} · {m.orgName} · {m.createdAt.slice(0, 10)}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`merge-${first.id}`}>{t("mergeInto")}</label>
                <select id={`merge-${first.id}`} name="mergeId" defaultValue={second.id}>
                  {group.members.map((m) => <option key={m.id} value={m.id}>{m.name} · {m.orgName} · {m.createdAt.slice(0, 10)}</option>)}
                </select>
              </div>
              <button className="button" type="submit">{t("mergeSubmit")}</button>
            </Form>
          </section>
        );
      })}
    </>
  );
}
