import { apiAction, handle } from "~/utils/api.server";
import { createNominationOp } from "~/modules/nominations/api";
import { saveNomination } from "~/modules/nominations/nominations.server";

const summary = (n: { id: string; name: string; award: string; kind: string; category: string; orgId: string; status: string; submissionId: string | null }) =>
  ({ id: n.id, name: n.name, award: n.award, kind: n.kind, category: n.category, orgId: n.orgId, status: n.status, submissionId: n.submissionId });

export const action = apiAction({
  post: handle(createNominationOp, async ({ user, body, actor }) => summary(await saveNomination(user, body, actor))),
});
