import { apiLoader } from "~/utils/api.server";
import { listMemberDuplicatesOp } from "~/modules/members/api";
import { listDuplicates } from "~/modules/members/member-identity.server";

export const loader = apiLoader(listMemberDuplicatesOp, async ({ user }) => ({ groups: await listDuplicates(user) }));
