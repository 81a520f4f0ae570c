import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/utils/auth.server";
import { asResponse } from "~/utils/http.server";
import { getTitle } from "~/modules/ankang/titles.server";
import { LEVEL_LABELS } from "~/modules/ankang/settings";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("ankangTitle", (d) => d.title.holderName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { title: await getTitle(user, params.titleId!).catch((e) => asResponse(e, request)) };
}

export default function TitlePage() {
  const { t } = useTranslation("ankang");
  const { title: x } = useLoaderData<typeof loader>();
  return (
    <>
      <p><Link to={`/ankang/${x.cycleId}`}>← {x.cycleName}</Link></p>
      <h1>{x.holderName} · {LEVEL_LABELS[x.level as keyof typeof LEVEL_LABELS]}{x.kindLabel}</h1>
      <p>{t("status")}：<strong>{t(`titleStatus_${x.status}` as "titleStatus_approved")}</strong> · {t("finalScore")} {x.finalScore ?? "—"} · {x.year}</p>
      {x.submissionId ? <p><Link to={`/reviews/${x.submissionId}`}>{t("chainLink")}</Link></p> : null}
      {x.enrolmentId ? <p><Link to={`/ankang/enrolments/${x.enrolmentId}`}>{t("conditions")} · {t("self")} / {t("review")}</Link></p> : null}
      <h2>{t("conditions")}</h2>
      <ul>{x.refusals.length ? x.refusals.map((r, i) => <li key={i}>{r}</li>) : <li>{t("eligible")}</li>}</ul>
    </>
  );
}
