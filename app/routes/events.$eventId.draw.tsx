import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, assertPermission, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { FormMessage } from "~/components/field";
import { loadBlindEvent } from "~/modules/draws/blind.server";
import { drawableCount, eventMapping, listDraws, listSessions, runEventDraw, verifyDraws, type VerifyResult } from "~/modules/draws/draws.server";
import { RunDrawSchema } from "~/modules/draws/schemas";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// The encryption officer's page (rules S-33, S-34, S-36): sessions summary, the draw,
// its audit with seeds, verification and the mapping. judging:encrypt only.

export const meta = titled<typeof loader>("draw", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:encrypt");
  const event = await loadBlindEvent(params.eventId!).catch((error: unknown) => asResponse(error, request));
  assertPermission(user, "judging:encrypt", event.contest.org.path);
  const [{ sessions }, { draws }, entrants] = await Promise.all([listSessions(user, event.id), listDraws(user, event.id), drawableCount(event.id)]);
  const mapping = event.drawnAt ? (await eventMapping(user, event.id)).rows : [];
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name, drawnAt: event.drawnAt, decryptedAt: event.decryptedAt },
    sessions, draws, entrants, mapping,
  };
}

type ActionResult = { ok: true; intent: "run"; count: number } | { ok: true; intent: "verify"; results: VerifyResult[] } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:encrypt");
  const form = Object.fromEntries(await request.formData());
  try {
    if (form.intent === "verify") return { ok: true as const, intent: "verify" as const, results: await verifyDraws(user, params.eventId!) };
    const input = parseInput(RunDrawSchema, form);
    const done = await runEventDraw(user, params.eventId!, input, actorOf(user, context));
    return { ok: true as const, intent: "run" as const, count: done.entrants };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function EventDrawPage() {
  const L = useLocalise();
  const { t } = useTranslation("draws");
  const { event, sessions, draws, entrants, mapping } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const stations = sessions.reduce((s, x) => s + x.stationCount, 0);
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("drawTitle", { event: event.name })}</h1>
      <p className="toolbar">
        <Link to={`/events/${event.id}/sessions`}>{t("manageSessions")}</Link>
        <Link to={`/events/${event.id}/start-list`}>{t("printStartList")}</Link>
        <Link to={`/events/${event.id}/codes`}>{t("viewCodes")}</Link>
      </p>
      <p>{t("drawHelp")}</p>
      {result?.ok && result.intent === "run" ? <div className="alert alert-ok" role="status">{t("drawDone", { count: result.count })}</div> : null}
      <FormMessage result={result && !result.ok ? result : null} />

      <section className="card" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("manageSessions")}</h2>
        <p className={stations < entrants ? "alert alert-warn" : "muted"}>{t("capacity", { stations, entrants })}</p>
        <div className="table-wrap">
          <table>
            <thead><tr><th>{t("sessionName")}</th><th>{t("startsAt")}</th><th>{t("place")}</th><th>{t("stationCount")}</th><th>{t("assigned")}</th></tr></thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}><td>{s.name}</td><td>{L.date(s.startsAt)}</td><td>{s.place}</td><td>{s.stationCount}</td><td>{s.assigned}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card" aria-labelledby="run-title">
        <h2 id="run-title">{t("runDraw")}</h2>
        <p>{event.drawnAt ? t("drawnAt", { at: L.date(event.drawnAt) }) : t("notDrawn")}</p>
        {event.decryptedAt ? null : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="run" />
            {event.drawnAt ? (
              <label className="checkbox"><input type="checkbox" name="redraw" value="true" /> {t("redraw")}</label>
            ) : null}
            <div className="field">
              <label htmlFor="confirm">{t("confirmLabel")}</label>
              <input id="confirm" name="confirm" required autoComplete="off" pattern="抽签|DRAW" />
            </div>
            <button className="button" type="submit">{t("runDraw")}</button>
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="audit-title">
        <h2 id="audit-title">{t("auditTitle")}</h2>
        {draws.length ? (
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t("round")}</th><th>{t("ranAt")}</th><th>{t("ranBy")}</th><th>{t("algorithm")}</th><th>{t("seed")}</th><th></th></tr></thead>
              <tbody>
                {draws.map((d) => (
                  <tr key={d.id}>
                    <td>{d.round === 1 ? t("round1") : t("round2")}</td>
                    <td>{L.date(d.ranAt)}</td>
                    <td>{d.ranByName ?? ""}</td>
                    <td><code>{d.algorithm}</code></td>
                    <td><code className="small" style={{ wordBreak: "break-all" }}>{d.seed ?? t("seedHidden")}</code></td>
                    <td>{d.current ? <span className="badge">{t("current")}</span> : <span className="badge badge-grey">{t("superseded")}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <p className="muted">{t("notDrawn")}</p>}
        {draws.length ? (
          <Form method="post" className="toolbar" style={{ marginTop: "1rem" }}>
            <input type="hidden" name="intent" value="verify" />
            <button className="button button-secondary" type="submit">{t("verify")}</button>
          </Form>
        ) : null}
        {result?.ok && result.intent === "verify" ? (
          <ul aria-live="polite">
            {result.results.map((r) => (
              <li key={r.drawId}>
                {r.round === 1 ? t("round1") : t("round2")}: {r.matchesRecord ? t("verifyOk") : t("verifyFail")} ({t("verifyRecord")})
                {r.matchesCodes === null ? null : <> · {r.matchesCodes ? t("verifyOk") : t("verifyFail")} ({t("verifyCodes")})</>}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {mapping.length ? (
        <section aria-labelledby="mapping-title">
          <h2 id="mapping-title">{t("mappingTitle")}</h2>
          <div className="table-wrap">
            <table>
              <thead>
                <tr><th>{t("entryNo")}</th><th>{t("name")}</th><th>{t("sex")}</th><th>{t("unit")}</th><th>{t("idNumber")}</th><th>{t("admissionNo")}</th><th>{t("session")}</th><th>{t("stationNo")}</th><th>{t("orderNo")}</th><th>{t("stationCode")}</th><th>{t("ticket")}</th></tr>
              </thead>
              <tbody>
                {mapping.map((m) => (
                  <tr key={m.registrationId}>
                    <td>{m.entryNo}</td><td>{m.name}</td><td>{L.value(m.sex)}</td><td>{m.unitName}</td><td>{m.idNumberMasked}</td><td>{m.admissionNo}</td>
                    <td>{m.sessionName}</td><td>{m.stationNo}</td><td>{m.orderNo}</td><td><strong>{m.stationCode}</strong></td>
                    <td><a href={`/tickets/${m.registrationId}.pdf`}>PDF</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </>
  );
}
