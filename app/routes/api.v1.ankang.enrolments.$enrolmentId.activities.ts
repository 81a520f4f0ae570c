import { apiAction, handle } from "~/utils/api.server";
import { activityOp } from "~/modules/ankang/api";
import { logActivity } from "~/modules/ankang/ankang.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

export const action = apiAction({ post: handle(activityOp, async ({ user, params, body, actor }) => {
  const { photo, ...input } = body;
  return logActivity(user, params.enrolmentId, input, actor, photo ? fileFromBase64(photo.filename, photo.contentBase64, "photo.contentBase64") : null);
}) });
