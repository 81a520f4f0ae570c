import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { FormMessage } from "~/components/field";
import { DEFAULT_SCORING_SETTINGS } from "~/modules/scoring";
import { requireManagedContest } from "~/modules/contests/contests.server";
import { createEvent } from "~/modules/contests/events.server";
import { eventFormToInput, readEligibility, readStages } from "~/modules/contests/event-settings";
import { EventInputSchema } from "~/modules/contests/schemas";
import { EventFields } from "~/modules/contests/event-form";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("eventNew", (d) => d.contest.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const contest = await requireManagedContest(user, params.contestId!).catch((error: unknown) => asResponse(error, request));
  return { contest: { id: contest.id, name: contest.name }, settings: DEFAULT_SCORING_SETTINGS, stages: readStages(null), eligibility: readEligibility(null) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const form = await request.formData();
  try {
    const input = parseInput(EventInputSchema, eventFormToInput((name) => form.getAll(name).map(String)));
    const event = await createEvent(user, params.contestId!, input, actorOf(user, context));
    return redirect(`/contests/${params.contestId}/events/${event.id}/scheme`);
  } catch (error) {
    return actionError(error, request);
  }
}

export default function NewEventPage() {
  const { t } = useTranslation("contests");
  const { contest, settings, stages, eligibility } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure>();
  return (
    <>
      <p><Link to={`/contests/${contest.id}`}>← {contest.name}</Link></p>
      <h1>{t("events.newEvent")}</h1>
      <FormMessage result={result} />
      <Form method="post" className="stack">
        <EventFields values={{ stages, eligibility: { ...eligibility, employmentStatuses: ["职工"] }, scoringSettings: settings }} issues={result?.issues} />
        <button className="button" type="submit">{t("common:actions.create")}</button>
      </Form>
    </>
  );
}
