import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { createQuestionOp, listQuestionsOp } from "~/modules/ankang/api";
import { createQuestion, listQuestions } from "~/modules/ankang/quiz.server";

export const loader = apiLoader(listQuestionsOp, async ({ user, query }) => ({ items: await listQuestions(user, query.orgId) }));
export const action = apiAction({ post: handle(createQuestionOp, async ({ user, body, actor }) => createQuestion(user, body, actor)) });
