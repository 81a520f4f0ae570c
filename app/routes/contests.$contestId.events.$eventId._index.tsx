import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { FormMessage } from "~/components/field";
import { getEvent, updateEvent } from "~/modules/contests/events.server";
import { eventFormToInput } from "~/modules/contests/event-settings";
import { EventUpdateSchema } from "~/modules/contests/schemas";
import { EventFields } from "~/modules/contests/event-form";
import { eventLinksFor } from "~/modules/contests/event-links";
import { eventLinkState } from "~/modules/contests/event-links.server";
import { EventLinks } from "~/components/event-links";
import { eventLifecycle } from "~/modules/contests/lifecycle.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const { event, contest, orgPath, canManage } = await getEvent(user, params.eventId!, params.contestId).catch(asResponse);
  const links = eventLinksFor(user.grants, orgPath, { eventId: event.id, contestId: contest.id }, await eventLinkState(user, event.id));
  const lifecycle = await eventLifecycle(event.id);
  return { event, contest: { id: contest.id, name: contest.name, status: contest.status }, canManage, links, stage: lifecycle?.event.stage ?? null };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const form = await request.formData();
  try {
    await getEvent(user, params.eventId!, params.contestId);
    const input = parseInput(EventUpdateSchema, eventFormToInput((name) => form.getAll(name).map(String)));
    await updateEvent(user, params.eventId!, input, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error);
  }
}

export default function EventSettingsPage() {
  const { t } = useTranslation("contests");
  const { event, contest, canManage, links, stage } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  return (
    <>
      <p><Link to={`/contests/${contest.id}`}>← {contest.name}</Link></p>
      <h1>{event.name}</h1>
      {stage ? <p><span className="badge" data-testid="event-stage">{t("lifecycle.stage")}：{t(`lifecycle.stages.${stage}`)}</span>{canManage ? <span className="muted small"> {t(`lifecycle.next.${stage}`)}</span> : null}</p> : null}
      <p><Link to={`/contests/${contest.id}/events/${event.id}/scheme`}>{t("events.scheme")} →</Link></p>
      <EventLinks groups={links} />
      <FormMessage result={result} okText={t("events.saved")} />
      <Form method="post" className="stack">
        <fieldset disabled={!canManage} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
          <EventFields values={event} issues={result && !result.ok ? result.issues : undefined} />
        </fieldset>
        {canManage ? <button className="button" type="submit">{t("common:actions.save")}</button> : null}
      </Form>
    </>
  );
}
