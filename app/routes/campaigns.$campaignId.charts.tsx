import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { titled } from "~/utils/meta";
import { campaignBreakdown } from "~/modules/nominations/exports.server";
import BarChart from "~/components/charts/bar-chart.client";
import { useHydrated } from "~/components/charts/use-hydrated";
import { breakdownLabel } from "~/modules/nominations/domain";
import { useLocalise } from "~/utils/use-localise";

// The structure breakdown of a campaign's nominees as Chart.js charts (drawn after hydration),
// each with its numbers in a table for screen readers and print.

export const meta = titled<typeof loader>("campaignCharts", (d) => d.campaign.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return campaignBreakdown(user, params.campaignId!).catch((error: unknown) => asResponse(error, request));
}

function Chart({ id, title, bars: stored }: { id: string; title: string; bars: { label: string; value: number }[] }) {
  const { t } = useTranslation("nominations");
  const L = useLocalise();
  // the bars are counted under their Chinese names (the API and the 汇总表 keep them); shown in the reader's language
  const bars = stored.map((b) => ({ label: breakdownLabel(b.label, L.locale), value: b.value }));
  const hydrated = useHydrated();
  const total = bars.reduce((a, b) => a + b.value, 0);
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {total === 0 ? <p className="muted">{t("noData")}</p> : (
        <>
          <div style={{ position: "relative", height: Math.max(160, bars.length * 30) }}>
            {hydrated && BarChart ? <BarChart labels={bars.map((b) => b.label)} values={bars.map((b) => b.value)} label={title} horizontal /> : <p className="muted">{t("loading")}</p>}
          </div>
          <table className="small">
            <thead><tr><th scope="col">{title}</th><th scope="col">{t("people")}</th><th scope="col">%</th></tr></thead>
            <tbody>{bars.map((b) => <tr key={b.label}><th scope="row">{b.label}</th><td>{b.value}</td><td>{Math.round((b.value * 1000) / total) / 10}</td></tr>)}</tbody>
          </table>
        </>
      )}
    </section>
  );
}

export default function CampaignCharts() {
  const { t } = useTranslation("nominations");
  const L = useLocalise();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to={`/campaigns/${d.campaign.id}`}>← {d.campaign.title}</Link></p>
      <h1>{t("chartsTitle")}</h1>
      <p className="muted">{t("nominations")}{L.colon}{d.total}</p>
      <Chart id="by-award" title={t("byAward")} bars={d.byAward} />
      <Chart id="by-category" title={t("byCategory")} bars={d.byCategory} />
      <Chart id="by-ownership" title={t("byOwnership")} bars={d.byOwnership} />
      <Chart id="by-sex" title={t("bySex")} bars={d.bySex} />
      <Chart id="by-ethnicity" title={t("byEthnicity")} bars={d.byEthnicity} />
      <Chart id="by-age" title={t("byAge")} bars={d.byAge} />
      <Chart id="by-education" title={t("byEducation")} bars={d.byEducation} />
    </>
  );
}
