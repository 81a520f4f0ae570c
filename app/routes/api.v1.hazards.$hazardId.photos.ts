import { apiLoader } from "~/utils/api.server";
import { listHazardPhotosOp } from "~/modules/ankang/api";
import { listHazardPhotos } from "~/modules/ankang/hazards.server";

// A hazard report's photos (report, fix, close) for whoever may see the report (rules ).
export const loader = apiLoader(listHazardPhotosOp, async ({ user, params }) => listHazardPhotos(user, params.hazardId));
