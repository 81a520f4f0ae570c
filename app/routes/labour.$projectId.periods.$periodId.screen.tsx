import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { getPeriod } from "~/modules/labour/labour.server";
import { titled } from "~/utils/meta";

// The big screen for the month-end meeting (rule L-11): each group's ranking in large type, the
// banners marked; it refreshes itself.

export const meta = titled<typeof loader>("labourScreen", (d) => `${d.period.label} · ${d.project.name}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await getPeriod(user, params.projectId!, params.periodId!).catch((error: unknown) => asResponse(error, request));
  return { project: d.project, period: d.period, board: d.board.map((r) => ({ unitId: r.unitId, name: r.name, group: r.group, rank: r.rank, total: r.total })), banners: d.banners.map((b) => b.unitId) };
}

export default function Screen() {
  const { t } = useTranslation("labour");
  const d = useLoaderData<typeof loader>();
  const { revalidate } = useRevalidator();
  useEffect(() => {
    const timer = setInterval(() => revalidate(), 10_000);
    return () => clearInterval(timer);
  }, [revalidate]);
  return (
    <div style={{ fontSize: "1.4rem" }}>
      <p className="small"><Link to={`/labour/${d.project.id}/periods/${d.period.id}`}>← {d.period.label}</Link> · {t("live")}</p>
      <h1 style={{ fontSize: "2.4rem", textAlign: "center" }}>{d.project.name} · {d.period.label}</h1>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(22rem, 1fr))", gap: "1.5rem" }}>
        {(["section", "area"] as const).map((g) => (
          <section key={g} aria-labelledby={`screen-${g}`}>
            <h2 id={`screen-${g}`}>{t(`groups.${g}`)}</h2>
            <table>
              <tbody>{d.board.filter((r) => r.group === g).map((r) => (
                <tr key={r.unitId}>
                  <td>{r.rank ?? t("disqualified")}</td>
                  <td style={{ whiteSpace: "nowrap" }}>{d.banners.includes(r.unitId) ? "🚩 " : ""}{r.name}</td>
                  <td><strong>{(r.total / 100).toFixed(2)}</strong></td>
                </tr>
              ))}</tbody>
            </table>
          </section>
        ))}
      </div>
    </div>
  );
}
