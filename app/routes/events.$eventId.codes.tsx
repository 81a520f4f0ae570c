import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { eventCodes } from "~/modules/draws/draws.server";
import printHref from "~/styles/print.css";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// What judges see (rule S-34): station codes per session, never any identity.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: printHref }];

export const meta = titled<typeof loader>("codes", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "contest:read");
  return eventCodes(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

export default function EventCodesPage() {
  const L = useLocalise();
  const { t } = useTranslation("draws");
  const { event, drawn, sessions } = useLoaderData<typeof loader>();
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("codesTitle", { event: event.name })}</h1>
      <p className="no-print"><Link to={`/events/${event.id}/start-list`}>{t("printStartList")}</Link></p>
      <p>{t("codesHelp")}</p>
      {!drawn ? <p className="muted">{t("noCodes")}</p> : null}
      {drawn
        ? sessions.map((s) => (
            <section key={s.id} className="print-session" aria-label={s.name}>
              <h2>{s.name}</h2>
              <p className="muted">{L.date(s.startsAt)} {s.place}</p>
              <div className="table-wrap">
                <table>
                  <thead><tr><th>{t("orderNo")}</th><th>{t("stationNo")}</th><th>{t("stationCode")}</th></tr></thead>
                  <tbody>
                    {s.codes.map((c) => (
                      <tr key={c.stationCode}><td>{c.orderNo}</td><td>{c.stationNo}</td><td><strong>{c.stationCode}</strong></td></tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ))
        : null}
    </>
  );
}
