import { apiAction, apiLoader, handle } from "~/utils/api.server";
import { barUnitOp, listBarsOp } from "~/modules/honours/api";
import { barNominatingUnit, listBars } from "~/modules/honours/eligibility.server";

export const loader = apiLoader(listBarsOp, async ({ user }) => ({ items: await listBars(user) }));

export const action = apiAction({
  post: handle(barUnitOp, async ({ user, body, actor }) => {
    const bar = await barNominatingUnit(user, body, actor);
    return { id: bar.id, orgId: bar.orgId, award: bar.award, fromYear: bar.fromYear, untilYear: bar.untilYear };
  }),
});
