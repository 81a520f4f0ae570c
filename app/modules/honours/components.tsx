import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalise } from "~/utils/use-localise";
import type { HonourView, RecommendationView } from "./honours.server";

/** The register's table: one row per honour; a card per honour on a phone. */
export function HonoursTable({ honours, showHolder }: { honours: HonourView[]; showHolder: boolean }) {
  const { t } = useTranslation("honours");
  const L = useLocalise();
  return (
    <div className="table-wrap table-cards">
      <table className="cards-on-phone">
        <thead>
          <tr>
            <th>{t("year")}</th>{showHolder ? <><th>{t("holder")}</th><th>{t("unit")}</th></> : null}
            <th>{t("honourTitle")}</th><th>{t("level")}</th><th>{t("issuingBody")}</th><th>{t("source")}</th><th>{t("status")}</th><th>{t("certificate")}</th>
          </tr>
        </thead>
        <tbody>
          {honours.map((h) => (
            <tr key={h.id} data-testid="honour-row">
              <td className="card-title"><Link to={`/honours/${h.id}`} aria-label={`${h.title} ${h.year}`}>{h.year}</Link></td>
              {showHolder ? <><td data-label={t("holder")}>{h.holder.name}</td><td data-label={t("unit")}>{h.unit.name}</td></> : null}
              <td data-label={t("honourTitle")}>{h.title}</td>
              <td data-label={t("level")}>{h.levelLabel[L.locale]}</td>
              <td data-label={t("issuingBody")}>{h.issuingBody}</td>
              <td data-label={t("source")}>{h.sourceLabel[L.locale]}</td>
              <td data-label={t("status")}>
                {h.revokedAt ? <><strong>{t("revoked")}</strong> <span className="small muted">{L.date(h.revokedAt, false)}</span>{h.revocationReason ? <div className="small">{t("revokedBecause", { reason: L.message(h.revocationReason) })}</div> : null}</> : t("live")}
              </td>
              <td data-label={t("certificate")}>{h.certificate ? <Link to={`/verify/${h.certificate.verifyCode}`}>{t("verify")}</Link> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Recommendations from contest results (rules S-62 … S-68): status, evidence, certificate, nomination. */
export function RecommendationsTable({ recommendations, showHolder }: { recommendations: RecommendationView[]; showHolder: boolean }) {
  const { t } = useTranslation("honours");
  const statusText = { open: t("recOpen"), used: t("recUsed"), lapsed: t("recLapsed") } as const;
  return (
    <div className="table-wrap table-cards">
      <table className="cards-on-phone">
        <thead>
          <tr>
            <th>{t("year")}</th>{showHolder ? <><th>{t("holder")}</th><th>{t("unit")}</th></> : null}
            <th>{t("recommendedHonour")}</th><th>{t("evidence")}</th><th>{t("status")}</th><th>{t("certificate")}</th>
          </tr>
        </thead>
        <tbody>
          {recommendations.map((r) => (
            <tr key={r.id} data-testid="recommendation-row">
              <td className="card-title">{r.year}</td>
              {showHolder ? <><td data-label={t("holder")}>{r.holderName}</td><td data-label={t("unit")}>{r.unitName}</td></> : null}
              <td data-label={t("recommendedHonour")}>{r.honour}</td>
              <td data-label={t("evidence")}>{r.evidence ?? "—"}</td>
              <td data-label={t("status")}>
                {statusText[r.status] ?? r.status}
                {r.nomination ? <div className="small"><Link to={`/nominations/${r.nomination.id}`}>{t("viewNomination")}</Link> · {r.nomination.campaignTitle}</div> : null}
              </td>
              <td data-label={t("certificate")}>{r.certificate ? <Link to={`/verify/${r.certificate.verifyCode}`}>{r.certificate.number}</Link> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
