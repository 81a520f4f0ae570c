import { apiAction, handle } from "~/utils/api.server";
import { decidePrizesOp } from "~/modules/ankang/api";
import { decidePrizes } from "~/modules/ankang/quiz.server";

export const action = apiAction({ post: handle(decidePrizesOp, async ({ user, params, actor }) => decidePrizes(user, params.quizId, actor)) });
