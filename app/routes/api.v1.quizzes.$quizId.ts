import { apiLoader } from "~/utils/api.server";
import { getQuizOp } from "~/modules/ankang/api";
import { getQuizForTaker } from "~/modules/ankang/quiz.server";

export const loader = apiLoader(getQuizOp, async ({ user, params }) => getQuizForTaker(user, params.quizId));
