import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/utils/auth.server";
import { listMyAssignments } from "~/modules/judging/marks.server";
import judgingStyles from "~/components/judging/judging.css";
import { titled } from "~/utils/meta";

// /judging — a judge's events and sessions (the tablet's start page).
export const links: LinksFunction = () => [{ rel: "stylesheet", href: judgingStyles }];

export const meta = titled("judging");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:score");
  return { events: await listMyAssignments(user) };
}

export default function JudgingIndexPage() {
  const { events } = useLoaderData<typeof loader>();
  const { t } = useTranslation("judging");
  return (
    <div className="judging">
      <h1>{t("title")}</h1>
      <p className="toolbar">
        <Link to="/judging/conflicts">{t("myConflicts")}</Link>
        <Link to="/judging/profile">{t("myProfile")}</Link>
      </p>
      {events.length === 0 ? <p className="muted">{t("none")}</p> : null}
      <ul className="picker" aria-label={t("title")}>
        {events.map((e) => (
          <li key={e.eventId} className="card">
            <h2 className="small muted">{e.contestName}</h2>
            <p><strong>{e.eventName}</strong></p>
            <p className="small">
              {t("sessions")}{t("common:colon")}{e.sessions.map((s) => s.name).join(t("common:listSeparator")) || t("allSessions")}
            </p>
            <p className="small muted">
              {t("sheetsOpen", { count: e.sheets.open })} · {t("sheetsSubmitted", { count: e.sheets.submitted })} · {t("sheetsLocked", { count: e.sheets.locked })}
            </p>
            {e.drawn ? (
              <Link className="button" to={`/judging/${e.eventId}`} reloadDocument>{t("open")}</Link>
            ) : (
              <span className="badge badge-grey">{t("notDrawn")}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
