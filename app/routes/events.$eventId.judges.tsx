import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { assignJudge, listJudgePool, removeAssignment, updateJudgeProfileForEvent } from "~/modules/judging/assignments.server";
import { AssignJudgeSchema, JudgeProfileSchema } from "~/modules/judging/schemas";
import { FormMessage } from "~/components/field";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

// /events/:eventId/judges — 裁判选派 for the organiser or the chief judge: the pool with
// each judge's recusal check (rules S-30, S-31) and qualification warnings (S-20),
// assignment to the event, a session and aspects; refusals say why.
export const meta = titled<typeof loader>("judgesAssign", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    // No list of units to choose from: it would include the entrants' units (S-33).
    return await listJudgePool(user, params.eventId!);
  } catch (error) {
    return asResponse(error, request);
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const actor = actorOf(user, context);
  try {
    const intent = form.get("intent");
    if (intent === "remove") {
      await removeAssignment(user, params.eventId!, String(form.get("assignmentId")), actor);
      return { ok: true as const, intent };
    }
    if (intent === "profile") {
      const input = parseInput(JudgeProfileSchema.omit({ pin: true }), Object.fromEntries(form));
      await updateJudgeProfileForEvent(user, params.eventId!, String(form.get("userId")), input, actor);
      return { ok: true as const, intent };
    }
    const input = parseInput(AssignJudgeSchema, {
      userId: form.get("userId"), role: form.get("role") || undefined, sessionId: form.get("sessionId") || null, aspectIds: form.getAll("aspectIds").map(String),
    });
    const assigned = await assignJudge(user, params.eventId!, input, actor);
    return { ok: true as const, intent: "assign", warnings: assigned.warnings };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function EventJudgesPage() {
  const L = useLocalise();
  const { event, judges, aspects, entrantCount, canManageProfiles } = useLoaderData<typeof loader>();
  const result = useActionData<ActionFailure | { ok: true; intent: string; warnings?: string[] }>();
  const busy = useNavigation().state === "submitting";
  const { t } = useTranslation("judging");
  return (
    <>
      <h1>{t("judgesTitle")}{t("common:colon")}{event.name}</h1>
      <p className="muted">{event.contestName} · {t("entrantsCount", { count: entrantCount })}</p>
      <FormMessage result={result && !result.ok ? result : null} />
      {result && !result.ok && result.issues.length > 1 ? (
        <ul className="alert alert-error" role="alert">{result.issues.map((i, n) => <li key={n}>{L.message(i.message)}</li>)}</ul>
      ) : null}
      {result && result.ok && result.intent === "assign" ? (
        <div className="alert alert-ok" role="status">{t("assigned")}{result.warnings?.length ? t("common:inParens", { text: `${t("warnings")}${t("common:colon")}${result.warnings.join(t("common:semicolon"))}` }) : ""}</div>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t("pool")}</caption>
          <thead>
            <tr><th scope="col">{t("judge")}</th><th scope="col">{t("unit")}</th><th scope="col">{t("qualification")}</th><th scope="col">{t("assignments")}</th><th scope="col">{t("assign")}</th></tr>
          </thead>
          <tbody>
            {judges.map((j) => (
              <tr key={j.userId}>
                <th scope="row">{j.displayName}<div className="muted small">{j.username}</div></th>
                <td>{j.unit?.name ?? t("noUnit")}</td>
                <td className="small">
                  {[j.assessorCertNo ? t("assessor", { no: j.assessorCertNo }) : null, j.skillLevel ? L.value(j.skillLevel) : null, j.title].filter(Boolean).join(" · ") || "—"}
                  {j.check.warnings.map((w) => <div key={w.code} className="muted">{L.message(w.message)}</div>)}
                </td>
                <td className="small">
                  {j.assignments.map((a) => (
                    <Form method="post" key={a.id} className="toolbar">
                      <span>{a.role === "chief" ? t("roleChief") : t("roleJudge")} · {a.sessionName ?? t("allSessions")}{a.aspectIds.length ? ` · ${a.aspectIds.join(t("common:listSeparator"))}` : ""}</span>
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="assignmentId" value={a.id} />
                      <button type="submit" className="link-button" disabled={busy}>{t("remove")}</button>
                    </Form>
                  ))}
                </td>
                <td>
                  {j.check.refusals.length ? (
                    <div className="small"><strong>{t("mustRecuse")}</strong>{j.check.refusals.map((r) => <div key={r.code} className="field-error">{L.message(r.message)}</div>)}</div>
                  ) : null}
                  <details>
                    <summary>{t("assign")}</summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="userId" value={j.userId} />
                      <label>{t("role")}{" "}
                        <select name="role" defaultValue="judge"><option value="judge">{t("roleJudge")}</option><option value="chief">{t("roleChief")}</option></select>
                      </label>
                      <label>{t("session")}{" "}
                        <select name="sessionId" defaultValue=""><option value="">{t("allSessions")}</option>{event.sessions.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
                      </label>
                      <fieldset>
                        <legend className="small">{t("aspectsHint")}</legend>
                        {aspects.map((a) => <label key={a.id} className="checkbox"><input type="checkbox" name="aspectIds" value={a.id} /> {a.name}</label>)}
                      </fieldset>
                      <button type="submit" className="button" disabled={busy}>{t("assign")}</button>
                    </Form>
                  </details>
                  {canManageProfiles ? (
                    <details>
                      <summary>{t("editProfile")}</summary>
                      <Form method="post" className="stack">
                        <input type="hidden" name="intent" value="profile" />
                        <input type="hidden" name="userId" value={j.userId} />
                        <label>{t("unit")} <input name="unitName" defaultValue={j.unit?.name ?? ""} placeholder={t("unitNameHint")} /></label>
                        <label>{t("assessorCertNo")} <input name="assessorCertNo" defaultValue={j.assessorCertNo ?? ""} /></label>
                        <label>{t("skillLevel")} <input name="skillLevel" defaultValue={j.skillLevel ?? ""} /></label>
                        <label>{t("titleField")} <input name="title" defaultValue={j.title ?? ""} /></label>
                        <button type="submit" className="button button-secondary" disabled={busy}>{t("saveProfile")}</button>
                      </Form>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
