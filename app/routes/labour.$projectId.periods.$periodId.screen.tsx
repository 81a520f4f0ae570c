import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { getPeriod } from "~/modules/labour/labour.server";
import { useLabourLive } from "~/modules/labour/use-live";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";
import { periodLabel } from "~/modules/labour/labels";

// The big screen for the month-end meeting (rule L-11): each group's ranking in large type, the
// banners marked. It covers the whole window (1920×1080 on the meeting-room screen, type sized to
// the viewport) and follows the project's live feed (decision 005): a new score shows at once.

export const meta = titled<typeof loader>("labourScreen", (d, locale) => `${periodLabel(d.period.label, locale)} · ${d.project.name}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await getPeriod(user, params.projectId!, params.periodId!).catch((error: unknown) => asResponse(error, request));
  return { project: d.project, period: d.period, board: d.board.map((r) => ({ unitId: r.unitId, name: r.name, group: r.group, rank: r.rank, total: r.total })), banners: d.banners.map((b) => b.unitId) };
}

export default function Screen() {
  const L = useLocalise();
  const { t } = useTranslation("labour");
  const d = useLoaderData<typeof loader>();
  const live = useLabourLive(d.project.id);
  const groups = (["section", "area"] as const).map((g) => ({ g, rows: d.board.filter((r) => r.group === g) }));
  const rows = Math.max(1, ...groups.map((x) => x.rows.length));
  // one row's height: what the window leaves under the title, shared by the longest group
  const rowFont = `min(3.2vw, calc((100vh - 16vh) / ${rows + 1} * 0.55))`;
  return (
    <div data-testid="labour-screen" style={{ position: "fixed", inset: 0, zIndex: 50, background: "#8b0000", color: "#fff", display: "flex", flexDirection: "column", padding: "2vh 2vw", boxSizing: "border-box", overflow: "hidden" }}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "baseline", fontSize: "1.6vh" }}>
        <Link to={`/labour/${d.project.id}/periods/${d.period.id}`} style={{ color: "#ffd700" }}>← {periodLabel(d.period.label, L.locale, (k) => t(`templates.${k}`))}</Link>
        <span data-live={live ? "on" : "off"}>{live ? t("live") : t("liveReconnecting")}</span>
      </div>
      <h1 style={{ fontSize: "min(4vw, 7vh)", textAlign: "center", margin: "1vh 0 2vh", color: "#ffd700" }}>{d.project.name} · {periodLabel(d.period.label, L.locale, (k) => t(`templates.${k}`))}</h1>
      <div style={{ flex: 1, display: "grid", gridTemplateColumns: "1fr 1fr", gap: "3vw", minHeight: 0 }}>
        {groups.map(({ g, rows: list }) => (
          <section key={g} aria-labelledby={`screen-${g}`} style={{ minHeight: 0 }}>
            <h2 id={`screen-${g}`} style={{ fontSize: rowFont, margin: "0 0 1vh", color: "#ffd700" }}>{t(`groups.${g}`)}</h2>
            <table style={{ width: "100%", fontSize: rowFont, color: "#fff", borderCollapse: "collapse" }}>
              <tbody>{list.map((r) => (
                <tr key={r.unitId} style={{ borderBottom: "1px solid rgba(255,255,255,0.25)" }}>
                  <td style={{ width: "12%" }}>{r.rank ?? t("disqualified")}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{d.banners.includes(r.unitId) ? "🚩 " : ""}{r.name}</td>
                  <td style={{ textAlign: "right" }}><strong>{(r.total / 100).toFixed(2)}</strong></td>
                </tr>
              ))}</tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}
