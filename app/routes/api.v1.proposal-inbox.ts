import { apiLoader } from "~/utils/api.server";
import { proposalInboxOp } from "~/modules/proposals/api";
import { inbox } from "~/modules/proposals/proposals.server";

export const loader = apiLoader(proposalInboxOp, async ({ user, query }) => ({ items: await inbox(user, query) }));
