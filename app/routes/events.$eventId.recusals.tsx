import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { FormMessage } from "~/components/field";
import { listRecusalRequests, resolveRecusalRequest } from "~/modules/judging/recusal-requests.server";
import { ResolveRecusalSchema } from "~/modules/judging/schemas";
import { titled } from "~/utils/meta";

// /events/:eventId/recusals — the encryption officer's queue of conflicts judges declared with a
// unit after the draw (issue 10 item 2, rules S-30, S-33): the officer reassigns the judge as a
// whole, so the judge's board never loses exactly the unit's stations.

export const meta = titled<typeof loader>("recusals", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:encrypt");
  return listRecusalRequests(user, params.eventId!).catch(asResponse);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:encrypt");
  try {
    const form = Object.fromEntries(await request.formData());
    const input = parseInput(ResolveRecusalSchema, form);
    const requests = await listRecusalRequests(user, params.eventId!);
    const requestId = String(form.requestId ?? "");
    if (!requests.requests.some((r) => r.id === requestId)) throw new Response("not found", { status: 404 });
    await resolveRecusalRequest(user, requestId, input, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error);
  }
}

export default function RecusalsPage() {
  const { t } = useTranslation("judging");
  const { event, requests, assignments, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const statusText: Record<string, string> = { open: t("recusalOpen"), reassigned: t("recusalReassigned"), dismissed: t("recusalDismissed") };
  const label = (a: (typeof assignments)[number]) => `${a.judgeName} · ${a.sessionName ?? t("allSessions")}${a.aspectIds.length ? ` · ${a.aspectIds.join(t("common:listSeparator"))}` : ""}`;
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("recusalsTitle")}{t("common:colon")}{event.name}</h1>
      <p className="muted">{t("recusalsHelp")}</p>
      <FormMessage result={result} okText={t("resolved")} />
      {requests.length === 0 ? <p className="muted">{t("noRecusals")}</p> : null}
      {requests.map((r) => (
        <section key={r.id} className="card stack" aria-label={`${r.judgeName} · ${r.unitName ?? ""}`}>
          <h2>{r.judgeName} · {statusText[r.status] ?? r.status}</h2>
          <p>{t("declaredUnit")}{t("common:colon")}{r.unitName ?? "—"} · {t("reason")}{t("common:colon")}{r.reason}</p>
          <p>{t("affected")}{t("common:colon")}{r.affectedStations.length ? <strong>{r.affectedStations.join(t("common:listSeparator"))}</strong> : t("noneAffected")}</p>
          <p className="small">{t("currentAssignments")}{t("common:colon")}{r.assignments.map(label).join(t("common:semicolon")) || "—"}</p>
          {r.status === "open" ? (
            <Form method="post" className="stack">
              <input type="hidden" name="requestId" value={r.id} />
              <fieldset>
                <legend>{t("resolve")}</legend>
                <label className="checkbox"><input type="radio" name="action" value="swap" defaultChecked /> {t("actionSwap")}</label>
                <label className="checkbox"><input type="radio" name="action" value="move" /> {t("actionMove")}</label>
                <label className="checkbox"><input type="radio" name="action" value="remove" /> {t("actionRemove")}</label>
                <label className="checkbox"><input type="radio" name="action" value="dismiss" /> {t("actionDismiss")}</label>
              </fieldset>
              <label>{t("currentAssignments")}{" "}
                <select name="assignmentId" defaultValue={r.assignments[0]?.id ?? ""}>{r.assignments.map((a) => <option key={a.id} value={a.id}>{label(a)}</option>)}</select>
              </label>
              <label>{t("swapWith")}{" "}
                <select name="withAssignmentId" defaultValue="">
                  <option value="" />
                  {assignments.filter((a) => a.userId !== r.judgeId).map((a) => <option key={a.id} value={a.id}>{label(a)}</option>)}
                </select>
              </label>
              <label>{t("session")}{" "}
                <select name="sessionId" defaultValue=""><option value="" />{sessions.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}</select>
              </label>
              <label>{t("note")} <input name="note" maxLength={200} /></label>
              <button type="submit" className="button" disabled={busy}>{t("resolve")}</button>
            </Form>
          ) : null}
        </section>
      ))}
    </>
  );
}
