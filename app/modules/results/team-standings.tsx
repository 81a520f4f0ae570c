import { useTranslation } from "react-i18next";

// 团体成绩 (rules S-2, S-55, S-56): the team standings of a published (or previewed) event.
// A member whose score does not count (S-56, each team's best k) is shown in brackets.

export type TeamStandingRow = {
  rank: number;
  name: string;
  unitName: string;
  totalText: string;
  award: string | null;
  members: { name: string; stationCode?: string; totalText: string; counted: boolean }[];
};

export function TeamStandings({ teams, id = "team-standings" }: { teams: readonly TeamStandingRow[]; id?: string }) {
  const { t } = useTranslation("publication");
  if (teams.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{t("teams.title")}</h2>
      <div className="table-wrap">
        <table aria-labelledby={id}>
          <thead>
            <tr><th>{t("rank")}</th><th>{t("teams.team")}</th><th>{t("unit")}</th><th>{t("teams.members")}</th><th>{t("teams.total")}</th><th>{t("teams.award")}</th></tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={`${team.rank}-${team.name}`}>
                <td>{team.rank}</td>
                <td>{team.name}</td>
                <td>{team.unitName}</td>
                <td>
                  {team.members
                    .map((m) => {
                      const who = `${m.name || m.stationCode || ""} ${m.totalText}`;
                      return m.counted ? who : `（${who}，${t("teams.notCounted")}）`;
                    })
                    .join("、")}
                </td>
                <td>{team.totalText}</td>
                <td>{team.award ?? t("none")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">{t("teams.rule")}</p>
    </section>
  );
}
