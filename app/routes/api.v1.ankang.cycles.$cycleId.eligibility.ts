import { apiLoader, requestLocale } from "~/utils/api.server";
import { eligibilityOp } from "~/modules/ankang/api";
import { reasonHalf } from "~/modules/ankang/eligibility";
import { eligibilityFor } from "~/modules/ankang/titles.server";

// Reasons in the request's language (?lang, else Accept-Language): brief ux item 8.
export const loader = apiLoader(eligibilityOp, async ({ user, params, query, request }) => {
  const { lang, ...input } = query;
  const locale = lang ?? requestLocale(request);
  const answer = await eligibilityFor(user, params.cycleId, input);
  return { ...answer, refusals: answer.refusals.map((r) => ({ ...r, reason: reasonHalf(r.reason, locale) })) };
});
