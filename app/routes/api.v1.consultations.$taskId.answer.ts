import { apiAction, handle } from "~/utils/api.server";
import { answerConsultationOp } from "~/modules/consultations/api";
import { answerConsultation } from "~/modules/consultations/consultations.server";

export const action = apiAction({
  post: handle(answerConsultationOp, async ({ user, params, body, actor }) => {
    const r = await answerConsultation(user, params.taskId, body, actor);
    return { id: r.id, status: r.status };
  }),
});
