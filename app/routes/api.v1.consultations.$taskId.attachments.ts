import { apiLoader } from "~/utils/api.server";
import { listConsultationAttachmentsOp } from "~/modules/consultations/api";
import { listConsultationAttachments } from "~/modules/consultations/consultations.server";

export const loader = apiLoader(listConsultationAttachmentsOp, async ({ user, params }) => listConsultationAttachments(user, params.taskId));
