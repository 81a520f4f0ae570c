import { apiAction, handle } from "~/utils/api.server";
import { submitNominationOp } from "~/modules/nominations/api";
import { submitNomination } from "~/modules/nominations/nominations.server";

export const action = apiAction({
  post: handle(submitNominationOp, async ({ user, params, actor }) => submitNomination(user, params.nominationId, actor)),
});
