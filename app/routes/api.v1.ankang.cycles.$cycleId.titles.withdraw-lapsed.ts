import { apiAction, handle, requestLocale } from "~/utils/api.server";
import { withdrawLapsedOp } from "~/modules/ankang/api";
import { reasonHalf } from "~/modules/ankang/eligibility";
import { withdrawLapsedTitles } from "~/modules/ankang/titles.server";

// The register keeps each reason in both languages; the answer gives it in the request's (?lang,
// else Accept-Language): brief ux item 8.
export const action = apiAction({
  post: handle(withdrawLapsedOp, async ({ user, params, query, request, actor }) => {
    const locale = query.lang ?? requestLocale(request);
    const { withdrawn } = await withdrawLapsedTitles(user, params.cycleId, actor);
    return { withdrawn: withdrawn.map((w) => ({ ...w, reason: reasonHalf(w.reason, locale) })) };
  }),
});
