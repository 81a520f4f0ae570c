import { apiLoader } from "~/utils/api.server";
import { benefitQueueOp } from "~/modules/proposals/api";
import { benefitQueue } from "~/modules/proposals/proposals.server";

export const loader = apiLoader(benefitQueueOp, async ({ user }) => ({ items: await benefitQueue(user) }));
