import { apiAction, handle } from "~/utils/api.server";
import { reportPioneerReviewOp } from "~/modules/honours/api";
import { getPioneerReview, reportPioneerReview } from "~/modules/honours/pioneer-reviews.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// The holder's report with the page's optional attachment (base64; issue 13, rule N-41).
export const action = apiAction({
  post: handle(reportPioneerReviewOp, async ({ user, params, body, actor }) => {
    const file = body.attachment ? fileFromBase64(body.attachment.filename, body.attachment.contentBase64, "attachment.contentBase64") : null;
    await reportPioneerReview(user, params.reviewId, { report: body.report }, file, actor);
    return getPioneerReview(user, params.reviewId);
  }),
});
