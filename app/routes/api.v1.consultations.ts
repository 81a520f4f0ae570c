import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { listConsultationsOp, openConsultationsOp } from "~/modules/consultations/api";
import { listConsultations, openConsultations } from "~/modules/consultations/consultations.server";

export const loader = apiLoader(listConsultationsOp, async ({ user }) => listConsultations(user));

export const action = apiAction({
  post: handle(openConsultationsOp, async ({ user, body, actor }) => openConsultations(user, body, actor)),
});
