import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { FormMessage } from "~/components/field";
import { createMember, unitOptions } from "~/modules/members/members.server";
import { MemberInputSchema } from "~/modules/members/schemas";
import { MemberForm } from "~/modules/members/member-form";
import { titled } from "~/utils/meta";

export const meta = titled("memberNew");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "member:write");
  const units = await unitOptions(user, "member:write");
  return { units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })), defaultOrgId: new URL(request.url).searchParams.get("orgId") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "member:write");
  try {
    const input = parseInput(MemberInputSchema, Object.fromEntries(await request.formData()));
    const member = await createMember(user, input, actorOf(user, context));
    return redirect(`/members/${member.id}?created=1`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function NewMember() {
  const { t } = useTranslation("members");
  const { units, defaultOrgId } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  return (
    <>
      <p><Link to="/members">← {t("viewAll")}</Link></p>
      <h1>{t("newMember")}</h1>
      <FormMessage result={result} />
      <section className="card">
        <MemberForm units={units} issues={result?.issues} defaultOrgId={defaultOrgId} />
      </section>
    </>
  );
}
