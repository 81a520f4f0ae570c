import { useTranslation } from "react-i18next";
import type { Eligibility } from "~/modules/contests/event-rules";
import { useLocalise } from "~/utils/use-localise";

// Small pieces shared by the registration pages. Strings come from the
// "registration" namespace; nothing here talks to the server.

/** An ISO time in Beijing time (UTC+8), as entrants read the contest notice. */
export function beijingTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

const BADGE_CLASS: Record<string, string> = { approved: "badge", returned: "badge badge-grey", withdrawn: "badge badge-grey" };

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("registration");
  return <span className={BADGE_CLASS[status] ?? "badge"} data-testid="registration-status">{t(`statuses.${status}`)}</span>;
}

export type TrailRow = { step: string; decision: string; reason: string | null; by: string | null; at: string };

export function Trail({ trail, id }: { trail: TrailRow[]; id: string }) {
  const { t } = useTranslation("registration");
  return (
    <div className="table-wrap">
      <table aria-labelledby={id}>
        <thead>
          <tr>
            <th scope="col">{t("trailAt")}</th><th scope="col">{t("trailStep")}</th><th scope="col">{t("trailDecision")}</th>
            <th scope="col">{t("trailBy")}</th><th scope="col">{t("trailReason")}</th>
          </tr>
        </thead>
        <tbody>
          {trail.map((a, i) => (
            <tr key={i}>
              <td>{beijingTime(a.at)}</td>
              <td>{t(`steps.${a.step}`)}</td>
              <td>{t(`decisions.${a.decision}`)}</td>
              <td>{a.by ?? t("none")}</td>
              <td>{a.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The event's conditions in words (the form shows them before the entrant submits). */
export function EligibilityList({ eligibility }: { eligibility: Eligibility }) {
  const { t } = useTranslation("registration");
  const L = useLocalise();
  const items: string[] = [];
  if (eligibility.employmentStatuses.length) items.push(`${t("employmentStatus")}${L.colon}${L.list(eligibility.employmentStatuses.map(L.value))}`);
  if (eligibility.minAge !== undefined || eligibility.maxAge !== undefined) items.push(`${t("age")}${L.colon}${eligibility.minAge ?? ""}–${eligibility.maxAge ?? ""}`);
  if (eligibility.minSkillLevel) items.push(`${t("skillLevel")} ≥ ${L.value(eligibility.minSkillLevel)}`);
  if (eligibility.minYearsOfService !== undefined) items.push(`${t("yearsOfService")} ≥ ${eligibility.minYearsOfService}`);
  if (eligibility.requireNoAccidentDeclaration) items.push(t("declaredNoAccident"));
  if (eligibility.frontlineOnly) items.push(t("frontlineOnly"));
  if (eligibility.sex) items.push(`${t("sex")}${L.colon}${L.value(eligibility.sex)}`);
  return items.length ? <ul>{items.map((item) => <li key={item}>{item}</li>)}</ul> : <p className="muted">{t("eligibilityNone")}</p>;
}
