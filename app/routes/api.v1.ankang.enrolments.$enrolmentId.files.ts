import { apiLoader } from "~/utils/api.server";
import { listEnrolmentFilesOp } from "~/modules/ankang/api";
import { listEnrolmentFiles } from "~/modules/ankang/enrolment-files.server";

// An enrolment's agreement scan, evidence per item and activity photos (rules ).
export const loader = apiLoader(listEnrolmentFilesOp, async ({ user, params }) => listEnrolmentFiles(user, params.enrolmentId));
