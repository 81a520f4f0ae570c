import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { requirePermission } from "~/utils/auth.server";
import { myHonours } from "~/modules/honours/honours.server";
import { HonoursTable, RecommendationsTable } from "~/modules/honours/components";

// 我的荣誉: the worker's own entries in the honours register, revoked ones marked.

export const meta = titled("myHonours");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  return myHonours(user);
}

export default function MyHonours() {
  const { t } = useTranslation("honours");
  const { linked, honours, recommendations } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("myTitle")}</h1>
      {!linked ? <p className="muted">{t("notLinked")}</p> : (
        <>
          <p className="muted">{t("myHelp")}</p>
          {honours.length === 0 ? <p className="muted">{t("none")}</p> : <HonoursTable honours={honours} showHolder={false} />}
          {recommendations.length ? (
            <section aria-labelledby="recommendations">
              <h2 id="recommendations">{t("recommendations")}</h2>
              <p className="muted small">{t("recommendationsHelp")}</p>
              <RecommendationsTable recommendations={recommendations} showHolder={false} />
            </section>
          ) : null}
        </>
      )}
    </>
  );
}
