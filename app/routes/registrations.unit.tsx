import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { Field } from "~/components/field";
import { MAX_IMPORT_BYTES, UPLOAD_MESSAGES } from "~/modules/members/member-fields";
import {
  areEntrantsSealedFor, contactUnits, listEventRegistrations, listOpenEvents, registerMembers, unitMembers,
} from "~/modules/registration/registration.server";
import { importRegistrations } from "~/modules/registration/registration-excel.server";
import { RegisterMembersSchema } from "~/modules/registration/schemas";
import type { SheetProblem } from "~/modules/registration/registration-sheet";
import { StatusBadge } from "~/modules/registration/components";
import { holdsQuotaPlace } from "~/modules/registration/eligibility";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

export const meta = titled("registrationsUnit");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "registration:unit");
  const url = new URL(request.url);
  const [units, events] = await Promise.all([contactUnits(user), listOpenEvents()]);
  const unitId = units.some((u) => u.id === url.searchParams.get("unitId")) ? url.searchParams.get("unitId")! : units[0]?.id ?? null;
  // The contact chooses the event; nothing about any event (nor the unit's roster) shows before.
  const eventId = events.some((e) => e.id === url.searchParams.get("eventId")) ? url.searchParams.get("eventId")! : null;
  // Rule S-34: once the event's codes are drawn, its entrants stay sealed until decryption.
  const sealed = eventId ? await areEntrantsSealedFor(user, eventId) : false;
  // The member picker is only for registering into an open, unsealed event.
  const members: Awaited<ReturnType<typeof unitMembers>> = unitId && eventId && !sealed ? await unitMembers(user, unitId) : [];
  const registrations: Awaited<ReturnType<typeof listEventRegistrations>> = unitId && eventId && !sealed ? await listEventRegistrations(user, eventId, { unitId }) : [];
  return {
    units: units.map((u) => ({ id: u.id, name: u.name })),
    events: events.map((e) => ({ id: e.id, contestName: e.contest.name, name: e.name, groupName: e.groupName, mode: e.mode, unitQuota: e.unitQuota })),
    unitId, eventId, members, registrations, sealed,
    // Places held in the unit's quota, counted by the same rule the server enforces.
    quotaUsed: registrations.filter((r) => holdsQuotaPlace(r.status)).length,
  };
}

const uploadError = (problem: keyof typeof UPLOAD_MESSAGES) =>
  badRequest(UPLOAD_MESSAGES[problem], [{ path: "file", message: UPLOAD_MESSAGES[problem] }], "invalid_upload");

async function readForm(request: Request): Promise<FormData> {
  if (!(request.headers.get("Content-Type") ?? "").includes("multipart/form-data")) return request.formData();
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024) throw uploadError("tooLarge");
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw uploadError("tooLarge");
    throw error;
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "registration:unit");
  const actor = actorOf(user, context);
  try {
    const form = await readForm(request);
    if (form.get("intent") === "excel") {
      const file = form.get("file");
      if (!file || typeof file === "string" || file.size === 0) throw uploadError("missing");
      const result = await importRegistrations(user, { eventId: String(form.get("eventId") ?? ""), unitId: String(form.get("unitId") ?? "") },
        { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, actor);
      if (result.ok) return { ok: true as const, count: result.count };
      const badRows = new Set(result.problems.map((p) => p.row)).size;
      return Response.json({
        ok: false as const, message: `文件中有 ${badRows} 行有误，未导入任何数据 / ${badRows} rows are wrong: nothing was imported`,
        issues: [], badRows, problems: result.problems,
      }, { status: 400 });
    }
    const input = parseInput(RegisterMembersSchema, { ...Object.fromEntries(form), memberIds: form.getAll("memberIds").map(String) });
    const ids = await registerMembers(user, input, actor);
    return { ok: true as const, count: ids.length };
  } catch (error) {
    return actionError(error, request);
  }
}

type Failure = ActionFailure & { badRows?: number; problems?: SheetProblem[] };

export default function UnitRegistration() {
  const L = useLocalise();
  const { t } = useTranslation("registration");
  const { units, events, unitId, eventId, members, registrations, sealed, quotaUsed } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; count: number } | Failure>();
  const busy = useNavigation().state === "submitting";
  const event = events.find((e) => e.id === eventId);
  const taken = new Set(registrations.filter((r) => r.status !== "withdrawn").map((r) => r.member.id));
  return (
    <>
      <p><Link to="/registrations">← {t("back")}</Link></p>
      <h1>{t("unitTitle")}</h1>
      {sealed ? <div className="alert alert-warn" role="status">{t("sealedNotice")}</div> : null}
      {result?.ok ? <div className="alert alert-ok" role="status">{t("registeredCount", { count: result.count })}</div> : null}
      {result && !result.ok ? (
        <div className="alert alert-error" role="alert">{result.problems ? t("importFailed", { count: result.badRows }) : result.message}</div>
      ) : null}
      {result && !result.ok && result.problems?.length ? (
        <section aria-labelledby="problems-title">
          <h2 id="problems-title">{t("problemsHeading")}</h2>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">{t("row", { row: "" })}</th><th scope="col">{t("column")}</th><th scope="col">{t("problem")}</th></tr></thead>
              <tbody>
                {result.problems.map((p, i) => (
                  <tr key={i} data-testid="import-problem"><td>{t("row", { row: p.row })}</td><td>{p.column}</td><td>{L.message(p.message)}</td></tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <Form method="get" className="toolbar" aria-label={t("show")}>
        <Field name="unitId" label={t("chooseUnit")}>
          <select id="unitId" name="unitId" defaultValue={unitId ?? ""}>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
          </select>
        </Field>
        <Field name="eventId" label={t("chooseEvent")}>
          <select id="eventId" name="eventId" defaultValue={eventId ?? ""}>
            <option value="" disabled>{t("pickEvent")}</option>
            {events.map((e) => <option key={e.id} value={e.id}>{`${e.contestName} · ${e.name} · ${L.value(e.groupName)}`}</option>)}
          </select>
        </Field>
        <button className="button button-secondary" type="submit">{t("show")}</button>
      </Form>
      {!event ? <p className="muted">{events.length ? t("pickEvent") : t("noOpenEvents")}</p> : unitId ? (
        <>
          <div className="grid">
            <section className="card" aria-labelledby="excel-title">
              <h2 id="excel-title">{t("byExcel")}</h2>
              <p className="small">{t("excelHelp")}</p>
              <p><a href="/registrations/template" download>{t("template")}</a></p>
              <Form method="post" encType="multipart/form-data" className="stack">
                <input type="hidden" name="intent" value="excel" />
                <input type="hidden" name="unitId" value={unitId} />
                <input type="hidden" name="eventId" value={event.id} />
                <div className="field">
                  <label htmlFor="file">{t("file")}</label>
                  <input id="file" name="file" type="file" required accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
                </div>
                <button className="button" type="submit" disabled={busy}>{t("upload")}</button>
              </Form>
            </section>
            <section className="card" aria-labelledby="form-title">
              <h2 id="form-title">{t("byForm")}</h2>
              {members.length === 0 ? <p className="muted">{t("noMembers")}</p> : (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="members" />
                  <input type="hidden" name="unitId" value={unitId} />
                  <input type="hidden" name="eventId" value={event.id} />
                  <fieldset>
                    <legend>{t("pickMembers")}</legend>
                    <div style={{ maxHeight: "18rem", overflowY: "auto" }}>
                      {members.map((m) => (
                        <div key={m.id} className="checkbox">
                          <input id={`m-${m.id}`} type="checkbox" name="memberIds" value={m.id} disabled={taken.has(m.id)} />
                          <label htmlFor={`m-${m.id}`}>{m.name} <span className="muted small">{m.idNumberMasked} · {L.value(m.employmentStatus)} · {L.value(m.skillLevel)} · {m.org.name}</span></label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                  <div className="checkbox">
                    <input id="declaredNoAccident" name="declaredNoAccident" type="checkbox" value="on" />
                    <label htmlFor="declaredNoAccident">{t("declaredNoAccident")}</label>
                  </div>
                  {event.mode === "team" ? <Field name="teamName" label={t("teamName")} required /> : null}
                  <Field name="leaderName" label={t("leaderName")} />
                  <Field name="coachName" label={t("coachName")} />
                  <button className="button" type="submit" disabled={busy}>{t("registerSelected")}</button>
                </Form>
              )}
            </section>
          </div>
          <section aria-labelledby="list-title">
            <h2 id="list-title">{t("unitRegistrations")}</h2>
            <p className="muted" data-testid="quota-used">{event.unitQuota ? t("quotaUsed", { used: quotaUsed, quota: event.unitQuota, count: registrations.length }) : t("count", { count: registrations.length })}</p>
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">{t("name")}</th><th scope="col">{t("idNumber")}</th><th scope="col">{t("status")}</th><th scope="col">{t("teamName")}</th><th scope="col">{t("returnReason")}</th></tr></thead>
                <tbody>
                  {registrations.map((r) => (
                    <tr key={r.id}>
                      <td><Link to={`/registrations/${r.id}`}>{r.member.name}</Link></td>
                      <td>{r.member.idNumberMasked}</td>
                      <td><StatusBadge status={r.status} /></td>
                      <td>{r.team?.name ?? ""}</td>
                      <td>{r.returnReason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      ) : null}
    </>
  );
}
