import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { loadResultsNotice } from "~/modules/results/publication.server";
import { TeamStandings } from "~/modules/results/team-standings";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 成绩公示: the published results of an event, as the latest publication states them, with
// its notice period. Public for contests whose results are public; only after publication.

export const meta = titled<typeof loader>("resultsNotice", (d) => `${d.contest.name} ${d.event.name}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return loadResultsNotice(params.eventId!, user).catch((error: unknown) => asResponse(error, request));
}

export default function ResultsNotice() {
  const L = useLocalise();
  const { t } = useTranslation("publication");
  const notice = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="notice-title">
      <p className="muted">{notice.contest.name}</p>
      <h1 id="notice-title">{t("notice.title")}{t("common:colon")}{notice.event.name}</h1>
      <p>
        {t("notice.period", { from: L.day(notice.publishedAt), until: L.day(notice.noticeEndsAt) })}
        {" · "}{t("notice.version", { version: notice.version })}
      </p>
      {notice.reason ? <p className="alert alert-warn">{t("notice.reason", { reason: notice.reason })}</p> : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th>{t("rank")}</th><th>{t("name")}</th><th>{t("unit")}</th>
              {notice.components.map((c) => <th key={c.id}>{c.name}</th>)}
              <th>{t("total")}</th><th>{t("prize")}</th><th>{t("outcomes")}</th>
            </tr>
          </thead>
          <tbody>
            {notice.rows.map((r) => (
              <tr key={`${r.stationCode}-${r.name}`}>
                <td>{r.rank ?? t("disqualified")}</td><td>{r.name}</td><td>{r.unitName}</td>
                {r.scores.map((s, i) => <td key={notice.components[i]?.id ?? i}>{s}</td>)}
                <td>{r.totalText}</td><td>{r.prizeLabel ? L.value(r.prizeLabel) : t("none")}</td><td>{r.outcomes.map(L.value).join(t("common:semicolon"))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TeamStandings teams={notice.teams} />
      <p className="muted">{t("notice.objection")}</p>
      <p className="muted small">{notice.contest.orgName}</p>
    </article>
  );
}
