import { apiLoader } from "~/utils/api.server";
import { getHazardPhotoOp } from "~/modules/ankang/api";
import { readHazardPhoto } from "~/modules/ankang/hazards.server";
import { storedFileResponse } from "~/modules/files/files.server";

// One photo of a hazard report, with the headers of every stored file (sandbox CSP, nosniff).
export const loader = apiLoader(getHazardPhotoOp, async ({ user, params, request }) => {
  const { file, bytes } = await readHazardPhoto(user, params.hazardId, params.fileId);
  return storedFileResponse(request, file, bytes);
});
