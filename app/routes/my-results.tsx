import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePermission } from "~/utils/auth.server";
import { loadMyResults, type MyResult } from "~/modules/results/my-results.server";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

// 我的成绩: a worker's published results with certificates; a unit contact also sees their
// unit's entrants.

export const meta = titled("myResults");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  return loadMyResults(user);
}

function ResultsTable({ rows, showName }: { rows: MyResult[]; showName: boolean }) {
  const { t } = useTranslation("publication");
  const L = useLocalise();
  // On a phone each result is a card (labels beside the values, the certificate link in view).
  return (
    <div className="table-wrap table-cards">
      <table className="cards-on-phone">
        <thead>
          <tr>
            <th>{t("mine.event")}</th>{showName ? <><th>{t("name")}</th><th>{t("unit")}</th></> : null}
            <th>{t("mine.components")}</th><th>{t("total")}</th><th>{t("rank")}</th><th>{t("prize")}</th><th>{t("outcomes")}</th><th>{t("mine.certificate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.registrationId}>
              <td className="card-title"><Link to={`/results/${r.eventId}`}>{r.contestName} · {r.eventName}</Link></td>
              {showName ? <><td data-label={t("name")}>{r.name}</td><td data-label={t("unit")}>{r.unitName}</td></> : null}
              <td data-label={t("mine.components")}>{r.components.map((c) => `${c.name} ${c.score}`).join(L.locale === "en" ? "; " : "；")}</td>
              <td data-label={t("total")}>{r.totalText}</td>
              <td data-label={t("rank")}>{r.rank === null ? t("disqualified") : `${r.rank} / ${r.fieldSize}`}</td>
              <td data-label={t("prize")}>
                {r.prizeLabel ? L.value(r.prizeLabel) : t("none")}
                {r.team ? (
                  <div className="small">
                    {t("mine.team", { team: r.team.name, rank: r.team.rank, teams: r.team.teams })}
                    {r.team.award ? ` · ${L.value(r.team.award)}` : ""}
                    {r.team.counted ? "" : `${t("common:inParens", { text: t("teams.notCounted") })}`}
                    {r.teamCertificate ? (
                      <>
                        {" "}<a href={`/certificates/${r.teamCertificate.id}.pdf`} download>{t("mine.downloadTeam")}</a>{" "}
                        <Link to={`/verify/${r.teamCertificate.verifyCode}`}>{t("mine.verify")}</Link>
                      </>
                    ) : null}
                  </div>
                ) : null}
              </td>
              <td data-label={t("outcomes")}>{r.outcomes.map((o) => L.value(o)).join(L.locale === "en" ? "; " : "；") || t("none")}</td>
              <td data-label={t("mine.certificate")}>
                {r.certificate ? (
                  <>
                    <a href={`/certificates/${r.certificate.id}.pdf`} download>{t("mine.download")}</a>{" "}
                    <span className="muted small">{r.certificate.number}</span>{" "}
                    <Link to={`/verify/${r.certificate.verifyCode}`}>{t("mine.verify")}</Link>
                  </>
                ) : t("mine.noCertificate")}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function MyResults() {
  const { t } = useTranslation("publication");
  const { mine, unit } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("mine.title")}</h1>
      {mine.length ? <ResultsTable rows={mine} showName={false} /> : <p className="muted">{t("mine.empty")}</p>}
      {unit ? (
        <section aria-labelledby="unit-results">
          <h2 id="unit-results">{t("mine.unitTitle")}</h2>
          {unit.length ? <ResultsTable rows={unit} showName /> : <p className="muted">{t("mine.empty")}</p>}
        </section>
      ) : null}
    </>
  );
}
