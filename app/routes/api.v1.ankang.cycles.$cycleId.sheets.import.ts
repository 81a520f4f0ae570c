import { apiAction, handle } from "~/utils/api.server";
import { importSheetOp } from "~/modules/ankang/api";
import { importSheetFile } from "~/modules/ankang/imports.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// The cycle page's score sheet import (.xlsx, all or nothing) for API clients.
export const action = apiAction({ post: handle(importSheetOp, async ({ user, params, body, actor }) =>
  importSheetFile(user, params.cycleId, fileFromBase64(body.filename, body.contentBase64), body.title ?? "", actor)) });
