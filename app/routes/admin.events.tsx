import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission, userScope } from "~/utils/auth.server";
import { listEvents, sealBlindedEntries } from "~/modules/events/event-log.server";
import { db } from "~/utils/db.server";
import { titled } from "~/utils/meta";

const dateParam = (v: string | null, endOfDay = false) => {
  if (!v || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
  return new Date(`${v}T${endOfDay ? "23:59:59.999" : "00:00:00.000"}+08:00`);
};

export const meta = titled("eventLog");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "event-log:read");
  const p = new URL(request.url).searchParams;
  // A system administrator over the root sees every event (including sign-ins, which
  // belong to no organisation); others see the events of their own subtree.
  const scope = userScope(user, "event-log:read");
  const isRootAdmin = user.roleKeys.includes("admin") && scope.some((path) => path.split("/").filter(Boolean).length === 1);
  const actorFilter = p.get("actor")?.trim() || undefined;
  const { events, nextCursor } = await listEvents(db, {
    action: p.get("action")?.trim() || undefined,
    entityType: p.get("entityType")?.trim() || undefined,
    actor: actorFilter,
    from: dateParam(p.get("from")),
    to: dateParam(p.get("to"), true),
    cursor: Number(p.get("cursor")) || undefined,
    orgPaths: isRootAdmin ? "all" : scope,
  });
  return {
    // a sealed entry found by its actor would still say who did it: left out of such a search
    events: (await sealBlindedEntries(db, user, events)).filter((e) => !(actorFilter && e.sealed)).map((e) => ({ ...e, at: e.at.toISOString() })),
    nextCursor,
  };
}

function Json({ text }: { text: string | null }) {
  if (!text) return null;
  let pretty = text;
  try { pretty = JSON.stringify(JSON.parse(text), null, 1); } catch { /* keep raw */ }
  // The record as stored, for auditors: data, not interface text (translate="no").
  return <pre className="json" translate="no">{pretty}</pre>;
}

export default function EventLog() {
  const { t } = useTranslation("events");
  const { events, nextCursor } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const next = new URLSearchParams(params);
  if (nextCursor) next.set("cursor", String(nextCursor));
  return (
    <>
      <h1>{t("title")}</h1>
      <Form method="get" className="toolbar" aria-label={t("common:actions.filter")}>
        <div className="field"><label htmlFor="action">{t("filterAction")}</label><input id="action" name="action" defaultValue={params.get("action") ?? ""} /></div>
        <div className="field"><label htmlFor="entityType">{t("filterEntity")}</label><input id="entityType" name="entityType" defaultValue={params.get("entityType") ?? ""} /></div>
        <div className="field"><label htmlFor="actor">{t("filterActor")}</label><input id="actor" name="actor" defaultValue={params.get("actor") ?? ""} /></div>
        <div className="field"><label htmlFor="from">{t("from")}</label><input id="from" name="from" type="date" defaultValue={params.get("from") ?? ""} /></div>
        <div className="field"><label htmlFor="to">{t("to")}</label><input id="to" name="to" type="date" defaultValue={params.get("to") ?? ""} /></div>
        <button className="button" type="submit">{t("common:actions.filter")}</button>
      </Form>
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{t("at")}</th><th scope="col">{t("actor")}</th><th scope="col">{t("action")}</th><th scope="col">{t("entity")}</th><th scope="col">{t("before")}</th><th scope="col">{t("after")}</th></tr>
          </thead>
          <tbody>
            {events.length === 0 ? <tr><td colSpan={6}>{t("common:status.none")}</td></tr> : events.map((e) => (
              <tr key={e.id} data-testid="event-row">
                <td><time dateTime={e.at}>{new Date(e.at).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai" })}</time><br /><span className="muted small" title={t("requestId")}>{e.requestId?.slice(0, 8)}</span></td>
                <td>{e.sealed ? <span className="muted">{t("sealed")}</span> : e.actor ? `${e.actor.displayName} (${e.actor.username})` : t("system")}</td>
                <td><code>{e.action}</code></td>
                <td>{e.entityType}<br /><span className="muted small">{e.entityId}</span></td>
                <td><Json text={e.before} /></td>
                <td><Json text={e.after} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextCursor ? <p className="pagination"><Link to={`?${next.toString()}`}>{t("more")} →</Link></p> : null}
    </>
  );
}
