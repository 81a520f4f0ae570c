import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { getNominationOp, updateNominationOp } from "~/modules/nominations/api";
import { getNomination, saveNomination } from "~/modules/nominations/nominations.server";

export const loader = apiLoader(getNominationOp, async ({ user, params }) => getNomination(user, params.nominationId));

export const action = apiAction({
  put: handle(updateNominationOp, async ({ user, params, body, actor }) => {
    const n = await saveNomination(user, body, actor, params.nominationId);
    return { id: n.id, name: n.name, award: n.award, kind: n.kind, category: n.category, orgId: n.orgId, status: n.status, submissionId: n.submissionId };
  }),
});
