import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { startList, type StartListRow } from "~/modules/draws/draws.server";
import printHref from "~/styles/print.css";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 出场名单 per session, printable (rule S-36). After the draw, codes only for everyone
// but the encryption officer (blind.server.ts).

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printHref }];

export const meta = titled<typeof loader>("startList", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  const sessionId = new URL(request.url).searchParams.get("sessionId") || undefined;
  const list = await startList(user, params.eventId!, sessionId).catch((error: unknown) => asResponse(error, request));
  const all = sessionId ? (await startList(user, params.eventId!).catch((error: unknown) => asResponse(error, request))).sessions : list.sessions;
  return { ...list, allSessions: all.map((s) => ({ id: s.id, name: s.name })), sessionId: sessionId ?? "" };
}

function Rows({ rows, drawn, identityVisible }: { rows: StartListRow[]; drawn: boolean; identityVisible: boolean }) {
  const { t } = useTranslation("draws");
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{t("orderNo")}</th>
            {drawn ? <><th>{t("stationNo")}</th><th>{t("stationCode")}</th></> : null}
            {identityVisible && drawn ? <th>{t("entryNo")}</th> : null}
            {identityVisible || !drawn ? <th>{t("admissionNo")}</th> : null}
            {identityVisible ? <><th>{t("name")}</th><th>{t("unit")}</th></> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.sessionId}-${r.orderNo}-${i}`}>
              <td>{r.orderNo}</td>
              {drawn ? <><td>{r.stationNo}</td><td><strong>{r.stationCode}</strong></td></> : null}
              {identityVisible && drawn ? <td>{r.entryNo}</td> : null}
              {identityVisible || !drawn ? <td>{r.admissionNo}</td> : null}
              {identityVisible ? <><td>{r.name}</td><td>{r.unitName}</td></> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function StartListPage() {
  const L = useLocalise();
  const { t } = useTranslation("draws");
  const data = useLoaderData<typeof loader>();
  const rows = data.rows as StartListRow[];
  return (
    <>
      <p className="muted">{data.event.contestName}</p>
      <h1>{t("startListTitle", { event: data.event.name })}</h1>
      <div className="toolbar no-print">
        <Form method="get" className="toolbar">
          <div className="field">
            <label htmlFor="sessionId">{t("session")}</label>
            <select id="sessionId" name="sessionId" defaultValue={data.sessionId}>
              <option value="">{t("allSessions")}</option>
              {data.allSessions.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </div>
          <button className="button button-secondary" type="submit">{t("common:actions.filter")}</button>
        </Form>
        <Link to={`/events/${data.event.id}/codes`}>{t("viewCodes")}</Link>
      </div>
      <p className="no-print">{data.drawn ? t("startListAfterDraw") : t("startListBeforeDraw")} {data.drawn && !data.identityVisible ? t("startListBlind") : null}</p>
      <p className="no-print muted">{t("print")}: Ctrl+P</p>
      {data.drawn ? (
        data.sessions.map((s) => (
          <section key={s.id} className="print-session" aria-label={s.name}>
            <h2>{s.name}</h2>
            <p className="muted">{L.date(s.startsAt)} {s.place}</p>
            <Rows rows={rows.filter((r) => r.sessionId === s.id)} drawn identityVisible={data.identityVisible} />
          </section>
        ))
      ) : (
        <section className="print-session">
          <Rows rows={rows} drawn={false} identityVisible={data.identityVisible} />
        </section>
      )}
    </>
  );
}
