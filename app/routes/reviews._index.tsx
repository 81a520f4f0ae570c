import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasPermission, requireUser } from "~/utils/auth.server";
import { forbidden } from "~/utils/errors";
import { asResponse } from "~/utils/http.server";
import { listQueue, reviewsAnything } from "~/modules/review-chain/review-chain.server";
import { listNotices } from "~/modules/review-chain/notices.server";
import { Levels } from "~/modules/review-chain/components";
import { titled } from "~/utils/meta";

export const meta = titled("reviews");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!reviewsAnything(user) && !hasPermission(user, "award:manage")) throw asResponse(forbidden());
  const [queue, notices] = await Promise.all([listQueue(user), listNotices(user)]);
  return { ...queue, notices, canManage: hasPermission(user, "award:manage") };
}

export default function ReviewQueue() {
  const { t } = useTranslation("reviewChain");
  const { toReview, returned, notices, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("queueTitle")}</h1>
      <p className="muted">{t("queueHelp")}</p>
      {canManage ? <p className="toolbar"><Link className="button button-secondary" to="/review-rounds">{t("rounds")}</Link></p> : null}
      <section aria-labelledby="to-review">
        <h2 id="to-review">{t("toReview")}{t("common:inParens", { text: toReview.length })}</h2>
        {toReview.length === 0 ? <p className="muted">{t("nothing")}</p> : toReview.map((s) => (
          <article key={s.id} className="card" aria-labelledby={`s-${s.id}`} data-testid="review-item">
            <h3 id={`s-${s.id}`}><Link to={`/reviews/${s.id}`}>{s.title}</Link></h3>
            <p className="muted small">{s.roundTitle} · {s.submitter.name}{s.category ? ` · ${s.category}` : ""} · {t(`statuses.${s.status}`)}</p>
            <Levels levels={s.levels} current={s.currentLevel} status={s.status} />
          </article>
        ))}
      </section>
      <section aria-labelledby="returned">
        <h2 id="returned">{t("returnedToUs")}{t("common:inParens", { text: returned.length })}</h2>
        {returned.length === 0 ? <p className="muted">{t("nothing")}</p> : returned.map((s) => (
          <article key={s.id} className="card" aria-labelledby={`r-${s.id}`}>
            <h3 id={`r-${s.id}`}><Link to={`/reviews/${s.id}`}>{s.title}</Link></h3>
            <p className="muted small">{s.roundTitle} · {s.currentOrg?.name} · {t("reason")}{t("common:colon")}{s.returnReason}</p>
          </article>
        ))}
      </section>
      {notices.length ? (
        <section aria-labelledby="notices">
          <h2 id="notices">{t("notices")}</h2>
          <ul>
            {notices.map((n) => (
              <li key={n.id}><Link to={`/review-notices/${n.id}`}>{n.title}</Link> · {n.orgName} · {n.startsOn} – {n.endsOn} · {t("objections")} {n.objections}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
