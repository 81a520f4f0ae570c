import { apiAction, handle } from "~/utils/api.server";
import { hazardActionOp } from "~/modules/ankang/api";
import { handleHazard } from "~/modules/ankang/hazards.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// assign, fix (with an optional photo of the fix), close (with the photo after the fix, rule A-8)
export const action = apiAction({ post: handle(hazardActionOp, async ({ user, params, body, actor }) => {
  const photo = body.action === "fix" ? body.fixPhoto : body.action === "close" ? body.closePhoto : undefined;
  const field = body.action === "fix" ? "fixPhoto.contentBase64" : "closePhoto.contentBase64";
  return handleHazard(user, params.hazardId, body, actor, new Date(), photo ? fileFromBase64(photo.filename, photo.contentBase64, field) : null);
}) });
