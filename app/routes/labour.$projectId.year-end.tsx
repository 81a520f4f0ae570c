import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { getYearEnd } from "~/modules/labour/labour.server";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

// 年度总评 (rules L-6, L-8, L-9): the awards among the eligible, and why the others are not.

export const meta = titled<typeof loader>("labourYearEnd", (d) => d.project.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getYearEnd(user, params.projectId!).catch((error: unknown) => asResponse(error, request));
}

export default function YearEnd() {
  const { t } = useTranslation("labour");
  const { message } = useLocalise();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to={`/labour/${d.project.id}`}>← {d.project.name}</Link></p>
      <h1>{t("yearEnd")}</h1>
      <section aria-labelledby="awards">
        <h2 id="awards">{t("awards")}</h2>
        {d.awards.length === 0 ? <p className="muted">—</p> : <ul>{d.awards.map((a) => <li key={`${a.award}-${a.unitId}`}><strong>{a.award}</strong>：{a.name}（{a.basis}）</li>)}</ul>}
      </section>
      <section aria-labelledby="banners">
        <h2 id="banners">{t("chartBanners")}</h2>
        <ul>{d.banners.map((b) => <li key={b.unitId}>{b.name}：{b.banners}</li>)}</ul>
      </section>
      <section aria-labelledby="refused">
        <h2 id="refused">{t("refused")}</h2>
        <ul>{d.refused.map((r) => <li key={r.unitId}>{r.name}：{r.reasons.map((x) => message(x)).join("；")}</li>)}</ul>
      </section>
      <section aria-labelledby="builders">
        <h2 id="builders">{t("builders")}</h2>
        <table className="small">
          <thead><tr><th>{t("name")}</th><th>{t("startOnSite")}</th><th>{t("reasons")}</th></tr></thead>
          <tbody>{d.builders.map((b) => <tr key={b.id}><td>{b.name}</td><td>{b.startOnSite ?? "—"}</td><td>{b.reasons.length ? b.reasons.map((x) => message(x)).join("；") : t("eligible")}</td></tr>)}</tbody>
        </table>
      </section>
    </>
  );
}
