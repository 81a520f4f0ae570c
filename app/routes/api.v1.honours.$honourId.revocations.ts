import { apiAction, handle } from "~/utils/api.server";
import { requestRevocationOp } from "~/modules/honours/api";
import { requestRevocation } from "~/modules/honours/awards.server";
import type { RevocationGround } from "~/modules/honours/revocation-grounds";

export const action = apiAction({
  post: handle(requestRevocationOp, async ({ user, params, body, actor }) => {
    const r = await requestRevocation(user, params.honourId, body, actor);
    return { id: r.id, honourId: r.honourId, submissionId: r.submissionId, grounds: JSON.parse(r.grounds) as RevocationGround[] };
  }),
});
