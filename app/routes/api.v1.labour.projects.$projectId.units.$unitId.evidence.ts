import { apiLoader } from "~/utils/api.server";
import { getLabourUnitEvidenceOp } from "~/modules/labour/api";
import { unitEvidencePage } from "~/modules/labour/evidence.server";

// A unit's own evidence page as data (brief ux item 1): for the unit's own people only.
export const loader = apiLoader(getLabourUnitEvidenceOp, async ({ user, params, query }) => unitEvidencePage(user, params.projectId, params.unitId, query.period ?? null));
