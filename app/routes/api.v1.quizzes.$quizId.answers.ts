import { apiAction, handle } from "~/utils/api.server";
import { submitQuizOp } from "~/modules/ankang/api";
import { submitQuiz } from "~/modules/ankang/quiz.server";

export const action = apiAction({ post: handle(submitQuizOp, async ({ user, params, body }) => submitQuiz(user, params.quizId, body.answers)) });
