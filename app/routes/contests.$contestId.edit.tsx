import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { FormMessage } from "~/components/field";
import { requireManagedContest, toContestView, updateContest } from "~/modules/contests/contests.server";
import { ContestUpdateSchema } from "~/modules/contests/schemas";
import { ContestFields } from "~/modules/contests/contest-form";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("contestEdit", (d) => d.contest.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const contest = toContestView(await requireManagedContest(user, params.contestId!).catch((error: unknown) => asResponse(error, request)));
  return { contest };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const form = Object.fromEntries(await request.formData());
  try {
    await updateContest(user, params.contestId!, parseInput(ContestUpdateSchema, form), actorOf(user, context));
    return redirect(`/contests/${params.contestId}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function EditContestPage() {
  const { t } = useTranslation("contests");
  const { contest } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  return (
    <>
      <p><Link to={`/contests/${contest.id}`}>← {contest.name}</Link></p>
      <h1>{t("editContest")}</h1>
      <FormMessage result={result} />
      <Form method="post" className="stack">
        <ContestFields values={contest} issues={result?.issues} />
        <button className="button" type="submit">{t("common:actions.save")}</button>
      </Form>
    </>
  );
}
