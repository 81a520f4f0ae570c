import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, hasPermission, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { createSession, deleteSession, drawableCount, listSessions, updateSession } from "~/modules/draws/draws.server";
import { SessionInputSchema } from "~/modules/draws/schemas";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("sessions", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const { event, sessions } = await listSessions(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
  const path = event.contest.org.path;
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name, drawn: event.drawnAt !== null },
    sessions,
    entrants: await drawableCount(event.id),
    canManage: hasPermission(user, "contest:manage", path),
    canDraw: hasPermission(user, "judging:encrypt", path),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "contest:manage");
  const form = Object.fromEntries(await request.formData());
  const actor = actorOf(user, context);
  try {
    if (form.intent === "delete") {
      await deleteSession(user, params.eventId!, String(form.sessionId), actor);
      return { ok: true as const, intent: "delete" };
    }
    const input = parseInput(SessionInputSchema, form);
    if (form.intent === "update") await updateSession(user, params.eventId!, String(form.sessionId), input, actor);
    else await createSession(user, params.eventId!, input, actor);
    return { ok: true as const, intent: String(form.intent) };
  } catch (error) {
    return actionError(error, request);
  }
}

/** A datetime-local value in China time (UTC+8, no daylight saving). */
const localValue = (iso: string | null) => (iso ? new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16) : "");

export default function EventSessionsPage() {
  const { t } = useTranslation("draws");
  const { event, sessions, entrants, canManage, canDraw } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; intent: string } | ActionFailure>();
  const issues = result && !result.ok ? result.issues : undefined;
  const stations = sessions.reduce((s, x) => s + x.stationCount, 0);
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("sessionsTitle", { event: event.name })}</h1>
      <p className="toolbar">
        <Link to={`/events/${event.id}/start-list`}>{t("printStartList")}</Link>
        <Link to={`/events/${event.id}/codes`}>{t("viewCodes")}</Link>
        {canDraw ? <Link to={`/events/${event.id}/draw`}>{t("openDraw")}</Link> : null}
      </p>
      <p>{t("sessionsHelp")}</p>
      <p className={stations < entrants ? "alert alert-warn" : "muted"}>{t("capacity", { stations, entrants })}</p>
      <FormMessage result={result} okText={result?.ok ? (result.intent === "delete" ? t("sessionDeleted") : t("sessionSaved")) : undefined} />
      {sessions.length === 0 ? <p className="muted">{t("noSessions")}</p> : null}
      {sessions.map((s) => (
        <section className="card" key={s.id} aria-label={s.name}>
          {canManage ? (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="sessionId" value={s.id} />
              <Field name="name" id={`name-${s.id}`} label={t("sessionName")} defaultValue={s.name} required />
              <Field name="startsAt" id={`startsAt-${s.id}`} type="datetime-local" label={t("startsAt")} defaultValue={localValue(s.startsAt as unknown as string | null)} />
              <Field name="place" id={`place-${s.id}`} label={t("place")} defaultValue={s.place} />
              <Field name="stationCount" id={`stationCount-${s.id}`} type="number" min={1} label={t("stationCount")} defaultValue={String(s.stationCount)} required />
              <Field name="sortOrder" id={`sortOrder-${s.id}`} type="number" min={0} label={t("sortOrder")} defaultValue={String(s.sortOrder)} />
              <p className="muted">{t("assigned")}: {s.assigned}</p>
              <div className="toolbar">
                <button className="button" type="submit">{t("saveSession")}</button>
                {s.assigned === 0 ? (
                  <button className="button button-secondary" type="submit" name="intent" value="delete">{t("deleteSession")}</button>
                ) : null}
              </div>
            </Form>
          ) : (
            <dl className="grid">
              <div><dt className="label">{t("sessionName")}</dt><dd>{s.name}</dd></div>
              <div><dt className="label">{t("place")}</dt><dd>{s.place}</dd></div>
              <div><dt className="label">{t("stationCount")}</dt><dd>{s.stationCount}</dd></div>
              <div><dt className="label">{t("assigned")}</dt><dd>{s.assigned}</dd></div>
            </dl>
          )}
        </section>
      ))}
      {canManage ? (
        <section className="card" aria-labelledby="new-session">
          <h2 id="new-session">{t("addSession")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="create" />
            <Field name="name" label={t("sessionName")} required issues={issues} />
            <Field name="startsAt" type="datetime-local" label={t("startsAt")} issues={issues} />
            <Field name="place" label={t("place")} issues={issues} />
            <Field name="stationCount" type="number" min={1} label={t("stationCount")} required issues={issues} />
            <Field name="sortOrder" type="number" min={0} label={t("sortOrder")} defaultValue={String(sessions.length + 1)} issues={issues} />
            <button className="button" type="submit">{t("addSession")}</button>
          </Form>
        </section>
      ) : null}
    </>
  );
}
