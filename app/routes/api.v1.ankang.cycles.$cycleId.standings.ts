import { apiLoader, requestLocale } from "~/utils/api.server";
import { standingsOp } from "~/modules/ankang/api";
import { reasonHalf } from "~/modules/ankang/eligibility";
import { cycleStandings } from "~/modules/ankang/titles.server";

// Reasons in the request's language (?lang, else Accept-Language): brief ux item 8.
export const loader = apiLoader(standingsOp, async ({ user, params, query, request }) => {
  const locale = query.lang ?? requestLocale(request);
  const items = await cycleStandings(user, params.cycleId);
  return { items: items.map((i) => ({ ...i, refusals: i.refusals.map((r) => reasonHalf(r, locale)) })) };
});
