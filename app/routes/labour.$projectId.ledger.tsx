import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { getProject } from "~/modules/labour/labour.server";
import { ledgerTotals } from "~/modules/labour/periods";
import BarChart from "~/components/charts/bar-chart.client";
import { useHydrated } from "~/components/charts/use-hydrated";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";
import { ledgerNote, periodLabel } from "~/modules/labour/labels";

// 奖罚台账 (rule L-5): 奖金 and 罚金 per unit, per period and for the year. The notes the system
// wrote (banners, places, events) read in the reader's language (labels.ledgerNote).

export const meta = titled<typeof loader>("labourLedger", (d) => d.project.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await getProject(user, params.projectId!).catch((error: unknown) => asResponse(error, request));
  const totals = ledgerTotals(d.ledger);
  const units = d.roster.filter((r) => totals.has(r.id)).map((r) => ({ id: r.id, name: r.name, ...totals.get(r.id)! }));
  return { project: d.project, ledger: d.ledger, units, periods: d.periods.map((p) => ({ id: p.id, label: p.label })) };
}

export default function Ledger() {
  const { t } = useTranslation("labour");
  const d = useLoaderData<typeof loader>();
  const hydrated = useHydrated();
  const { locale } = useLocalise();
  const label = (periodId: string | null) => {
    const found = d.periods.find((p) => p.id === periodId)?.label;
    return found ? periodLabel(found, locale, (k) => t(`templates.${k}`)) : "—";
  };
  return (
    <>
      <p><Link to={`/labour/${d.project.id}`}>← {d.project.name}</Link></p>
      <h1>{t("ledger")}</h1>
      <section aria-labelledby="totals">
        <h2 id="totals">{t("ledgerTotals")}</h2>
        <table>
          <thead><tr><th>{t("unit")}</th><th>{t("reward")}</th><th>{t("penalty")}</th><th>{t("net")}</th></tr></thead>
          <tbody>{d.units.map((u) => <tr key={u.id}><td>{u.name}</td><td>{u.reward}</td><td>{u.penalty}</td><td>{u.net}</td></tr>)}</tbody>
        </table>
        {d.units.length ? (
          <div style={{ position: "relative", height: Math.max(160, d.units.length * 28) }}>
            {hydrated && BarChart ? <BarChart label={t("chartLedger")} labels={d.units.map((u) => u.name)} values={d.units.map((u) => u.net)} horizontal /> : <p className="muted">{t("loading")}</p>}
          </div>
        ) : null}
      </section>
      <section aria-labelledby="lines">
        <h2 id="lines">{t("ledger")}</h2>
        <table className="small">
          <thead><tr><th>{t("period")}</th><th>{t("unit")}</th><th>{t("note")}</th><th>{t("amount")}</th></tr></thead>
          <tbody>{d.ledger.map((l) => <tr key={l.id}><td>{label(l.periodId)}</td><td>{l.name}</td><td>{ledgerNote(l, locale, (k) => t(`eventTypes.${k}`), (k) => t(`templates.${k}`))}</td><td>{l.amount}</td></tr>)}</tbody>
        </table>
      </section>
    </>
  );
}
