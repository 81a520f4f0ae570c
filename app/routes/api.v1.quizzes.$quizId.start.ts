import { apiAction, handle } from "~/utils/api.server";
import { startQuizOp } from "~/modules/ankang/api";
import { startQuiz } from "~/modules/ankang/quiz.server";

export const action = apiAction({ post: handle(startQuizOp, async ({ user, params }) => startQuiz(user, params.quizId)) });
