import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { titled } from "~/utils/meta";
import { notFound } from "~/utils/errors";
import { nominationFormOptions, saveNomination } from "~/modules/nominations/nominations.server";
import { NominationInputSchema } from "~/modules/nominations/schemas";
import { NominationForm } from "~/modules/nominations/components";

export const meta = titled<typeof loader>("nominationNew", (d) => d.campaign.title);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const campaignId = new URL(request.url).searchParams.get("campaign");
  return (async () => {
    if (!campaignId) throw notFound("请从评选页面进入 / open the form from a campaign");
    return nominationFormOptions(user, campaignId);
  })().catch((error: unknown) => asResponse(error, request));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  try {
    const input = parseInput(NominationInputSchema, { ...Object.fromEntries(form), categories: form.getAll("categories") });
    const saved = await saveNomination(user, input, actorOf(user, context));
    return redirect(`/nominations/${saved.id}`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function NewNomination() {
  const { t } = useTranslation("nominations");
  const { campaign, units, members } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  return (
    <>
      <p><Link to={`/campaigns/${campaign.id}`}>← {campaign.title}</Link></p>
      <h1>{t("newNomination")}</h1>
      {campaign.deadline ? <p className="muted">{t("deadline")}：{campaign.deadline}（{t("deadlineHelp")}）</p> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      <NominationForm campaignId={campaign.id} awards={campaign.awards} units={units} members={members} issues={result?.issues} submitLabel={t("saveDraft")} />
    </>
  );
}
