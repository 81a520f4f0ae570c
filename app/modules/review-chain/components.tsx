import { useTranslation } from "react-i18next";

// Small pieces shared by the review-chain pages.

export const beijingDateTime = (iso: string) => new Date(iso).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

export function Trail({ trail }: { trail: { level: number; orgName: string; decision: string; decisionLabel: string; reason: string | null; by: string | null; at: string }[] }) {
  const { t } = useTranslation("reviewChain");
  return (
    <div className="table-wrap">
      <table>
        <caption className="muted small">{t("trail")}</caption>
        <thead><tr><th scope="col">{t("at")}</th><th scope="col">{t("levels")}</th><th scope="col">{t("action")}</th><th scope="col">{t("reason")}</th><th scope="col">{t("by")}</th></tr></thead>
        <tbody>
          {trail.map((d, i) => (
            <tr key={i}><td>{beijingDateTime(d.at)}</td><td>{d.orgName}</td><td>{t(`decisions.${d.decision}`, { defaultValue: d.decisionLabel })}</td><td>{d.reason ?? ""}</td><td>{d.by ?? ""}</td></tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Levels({ levels, current, status }: { levels: { id: string; name: string }[]; current: number; status: string }) {
  return (
    <ol className="chain-levels">
      {levels.map((l, i) => (
        <li key={l.id} aria-current={status === "pending" && i === current ? "step" : undefined}>
          {status === "pending" && i === current ? <strong>{l.name}</strong> : l.name}
        </li>
      ))}
    </ol>
  );
}
