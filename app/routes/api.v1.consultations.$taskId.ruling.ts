import { apiAction, handle } from "~/utils/api.server";
import { ruleConsultationOp } from "~/modules/consultations/api";
import { ruleOnConsultation } from "~/modules/consultations/consultations.server";

export const action = apiAction({
  post: handle(ruleConsultationOp, async ({ user, params, body, actor }) => {
    const r = await ruleOnConsultation(user, params.taskId, body, actor);
    return { id: r.id, ruling: r.ruling };
  }),
});
