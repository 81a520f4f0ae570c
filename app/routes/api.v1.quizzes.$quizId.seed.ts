import { apiAction, handle } from "~/utils/api.server";
import { publishSeedOp } from "~/modules/ankang/api";
import { publishSeed } from "~/modules/ankang/quiz.server";

export const action = apiAction({ post: handle(publishSeedOp, async ({ user, params, body, actor }) => publishSeed(user, params.quizId, body.seed, actor)) });
