import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requirePermission } from "~/utils/auth.server";
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
import { useLocalise } from "~/utils/use-localise";
import { eventLifecycle } from "~/modules/contests/lifecycle.server";
import { stagePrompt } from "~/modules/contests/lifecycle";
import { StagePrompt } from "~/components/stage-prompt";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("event", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const { event, contest, orgPath, canManage } = await getEvent(user, params.eventId!, params.contestId).catch((error: unknown) => asResponse(error, request));
  const links = eventLinksFor(user.grants, orgPath, { eventId: event.id, contestId: contest.id }, await eventLinkState(user, event.id));
  const lifecycle = await eventLifecycle(event.id);
  const stage = lifecycle?.event.stage ?? null;
  const prompt = stage ? stagePrompt(stage, { contestId: contest.id, eventId: event.id }) : null;
  // The step shows as a button to whoever may take it here; everyone else reads whose step it is.
  const canAct = !!prompt && hasPermission(user, prompt.permission, orgPath);
  const canAlso = !!prompt?.also && hasPermission(user, prompt.also.permission);
  return { event, contest: { id: contest.id, name: contest.name, status: contest.status }, canManage, links, stage, prompt, canAct, canAlso };
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
    return actionError(error, request);
  }
}

export default function EventSettingsPage() {
  const { t } = useTranslation("contests");
  const { event, contest, canManage, links, stage, prompt, canAct, canAlso } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  const L = useLocalise();
  return (
    <>
      <p><Link to={`/contests/${contest.id}`}>← {contest.name}</Link></p>
      <h1>{event.name}</h1>
      {stage ? <p><span className="badge" data-testid="event-stage">{t("lifecycle.stage")}{t("common:colon")}{t(`lifecycle.stages.${stage}`)}</span>{canManage ? <span className="muted small"> {t(`lifecycle.next.${stage}`)}</span> : null}</p> : null}
      {stage ? <StagePrompt stage={stage} prompt={prompt} canAct={canAct} canAlso={canAlso} /> : null}
      {canManage ? <p><Link to={`/contests/${contest.id}/events/${event.id}/scheme`}>{t("events.scheme")} →</Link></p> : null}
      <EventLinks groups={links} />
      {canManage ? (
        <>
          <FormMessage result={result} okText={t("events.saved")} />
          <Form method="post" className="stack">
            <EventFields values={event} issues={result && !result.ok ? result.issues : undefined} />
            <button className="button" type="submit">{t("common:actions.save")}</button>
          </Form>
        </>
      ) : (
        // Everyone else (a worker, a judge, a unit contact) reads a summary, not the settings form.
        <section className="card" aria-labelledby="event-summary" data-testid="event-summary">
          <h2 id="event-summary">{t("events.summary")}</h2>
          <dl className="summary-list">
            <div><dt className="label">{t("events.trade")}</dt><dd>{event.trade}</dd></div>
            <div><dt className="label">{t("events.groupName")}</dt><dd>{L.value(event.groupName)}</dd></div>
            <div><dt className="label">{t("events.mode")}</dt><dd>{t(`events.modes.${event.mode}`)}{event.mode === "team" && event.teamSize ? ` · ${t("events.teamSize")} ${event.teamSize}` : ""}</dd></div>
          </dl>
        </section>
      )}
    </>
  );
}
