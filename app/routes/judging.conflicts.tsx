import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { declareConflict, listMyConflicts } from "~/modules/judging/assignments.server";
import { listMyAssignments } from "~/modules/judging/marks.server";
import { DeclareConflictSchema } from "~/modules/judging/schemas";
import { Field, FormMessage } from "~/components/field";
import { titled } from "~/utils/meta";

// /judging/conflicts — a judge declares a relationship (rule S-30): with the entrant at
// a station code, with a unit, or with a whole event.
export const meta = titled("judgingConflicts");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  const [conflicts, events] = await Promise.all([listMyConflicts(user), listMyAssignments(user)]);
  // No list of units: it would include the entrants' units, hidden after the draw (S-33).
  return { conflicts, events: events.map((e) => ({ id: e.eventId, name: `${e.contestName} · ${e.eventName}` })) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  try {
    const input = parseInput(DeclareConflictSchema, Object.fromEntries(await request.formData()));
    await declareConflict(user, input, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function ConflictsPage() {
  const { conflicts, events } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true }>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("judging");
  const issues = result && !result.ok ? result.issues : undefined;
  return (
    <>
      <p><Link to="/judging">← {t("title")}</Link></p>
      <h1>{t("conflictsTitle")}</h1>
      <p className="muted">{t("conflictsHelp")}</p>
      <p className="muted small">{t("declaredAfterDraw")}</p>
      <FormMessage result={result} okText={t("declared")} />
      <section className="card">
        <Form method="post" className="stack" noValidate>
          <Field name="eventId" label={t("event")} issues={issues}>
            <select id="eventId" name="eventId" defaultValue="">
              <option value="">{t("anyEvent")}</option>
              {events.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
            </select>
          </Field>
          <Field name="stationCode" label={t("stationOptional")} issues={issues} autoComplete="off" />
          <Field name="unitName" label={t("unitOptional")} issues={issues} hint={t("unitNameHint")} autoComplete="off" />
          <Field name="reason" label={t("reason")} issues={issues} required />
          <button type="submit" className="button" disabled={busy}>{t("declare")}</button>
        </Form>
      </section>
      <h2>{t("myDeclarations")}</h2>
      {conflicts.length === 0 ? <p className="muted">{t("noDeclarations")}</p> : (
        <ul>
          {conflicts.map((c) => (
            <li key={c.id}>{[c.eventName, c.stationCode, c.unitName].filter(Boolean).join(" · ")}{t("common:colon")}{c.reason}</li>
          ))}
        </ul>
      )}
    </>
  );
}
