import { apiLoader } from "~/utils/api.server";
import { verifyDrawOp } from "~/modules/ankang/api";
import { verifyDraw } from "~/modules/ankang/quiz.server";

export const loader = apiLoader(verifyDrawOp, async ({ params }) => verifyDraw(params.quizId));
