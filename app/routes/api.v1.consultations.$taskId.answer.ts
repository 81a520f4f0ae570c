import { apiAction, handle } from "~/utils/api.server";
import { answerConsultationOp } from "~/modules/consultations/api";
import { answerConsultation } from "~/modules/consultations/consultations.server";
import { fileFromBase64 } from "~/modules/files/api-upload";

// The department's answer, with the page's optional attachment (base64; issue 13, rule N-34).
export const action = apiAction({
  post: handle(answerConsultationOp, async ({ user, params, body, actor }) => {
    const file = body.attachment ? fileFromBase64(body.attachment.filename, body.attachment.contentBase64, "attachment.contentBase64") : null;
    const r = await answerConsultation(user, params.taskId, { answer: body.answer, details: body.details }, actor, file);
    return { id: r.id, status: r.status };
  }),
});
