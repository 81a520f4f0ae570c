import { apiLoader } from "~/utils/api.server";
import { quizResultsOp } from "~/modules/ankang/api";
import { quizResults } from "~/modules/ankang/quiz.server";

export const loader = apiLoader(quizResultsOp, async ({ user, params }) => quizResults(user, params.quizId));
