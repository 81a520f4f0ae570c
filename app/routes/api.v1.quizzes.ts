import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createQuizOp, listQuizzesOp } from "~/modules/ankang/api";
import { createQuiz, listQuizzes } from "~/modules/ankang/quiz.server";

export const loader = apiLoader(listQuizzesOp, async ({ user }) => ({ items: await listQuizzes(user) }));
export const action = apiAction({ post: handle(createQuizOp, async ({ user, body, actor }) => {
  const q = await createQuiz(user, body, actor);
  return { id: q.id, title: q.title };
}) });
