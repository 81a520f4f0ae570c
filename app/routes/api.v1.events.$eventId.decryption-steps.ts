import { apiAction, handle } from "~/utils/api.server";
import { decryptionStepOp } from "~/modules/judging/review/api";
import { openDecryptionLayer } from "~/modules/judging/review/decryption.server";

export const action = apiAction({
  post: handle(decryptionStepOp, async ({ user, params, body, actor }) => openDecryptionLayer(user, params.eventId, body, actor)),
});
