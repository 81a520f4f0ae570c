import { apiAction, handle } from "~/utils/api.server";
import { importQuestionsOp } from "~/modules/ankang/api";
import { importQuestionFile } from "~/modules/ankang/imports.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// The quiz page's question import (.xlsx template, all or nothing) for API clients.
export const action = apiAction({ post: handle(importQuestionsOp, async ({ user, body, actor }) =>
  importQuestionFile(user, body.orgId, fileFromBase64(body.filename, body.contentBase64), actor)) });
