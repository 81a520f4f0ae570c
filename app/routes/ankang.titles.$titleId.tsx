import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { getTitle } from "~/modules/ankang/titles.server";
import type { Level } from "~/modules/ankang/settings";
import type { TitleKind } from "~/modules/ankang/eligibility";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("ankangTitle", (d) => d.title.holderName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { title: await getTitle(user, params.titleId!).catch((e) => asResponse(e, request)) };
}

export default function TitlePage() {
  const { t } = useTranslation("ankang");
  const { title: x } = useLoaderData<typeof loader>();
  const L = useLocalise();
  const kind = L.locale === "en" ? `${t(`level_${x.level as Level}`)} ${t(`titleKind_${x.kind as TitleKind}`)}` : `${t(`level_${x.level as Level}`)}${t(`titleKind_${x.kind as TitleKind}`)}`;
  return (
    <>
      <p><Link to={`/ankang/${x.cycleId}`}>← {x.cycleName}</Link></p>
      <h1>{x.holderName} · {kind}</h1>
      <p>{t("status")}{L.colon}<strong>{t(`titleStatus_${x.status}` as "titleStatus_approved")}</strong> · {t("finalScore")} {x.finalScore ?? "—"} · {x.year}</p>
      {/* rule A-7: a title withdrawn from a holder that stopped competing or failed, with the reason */}
      {x.withdrawnReason ? <p className="alert alert-error" role="status">{t("withdrawnBecause")}{L.colon}{L.message(x.withdrawnReason)}</p> : null}
      {x.submissionId ? <p><Link to={`/reviews/${x.submissionId}`}>{t("chainLink")}</Link></p> : null}
      {x.enrolmentId ? <p><Link to={`/ankang/enrolments/${x.enrolmentId}`}>{t("conditions")} · {t("self")} / {t("review")}</Link></p> : null}
      <h2>{t("conditions")}</h2>
      <ul>{x.refusals.length ? x.refusals.map((r, i) => <li key={i}>{L.message(r)}</li>) : <li>{t("eligible")}</li>}</ul>
    </>
  );
}
