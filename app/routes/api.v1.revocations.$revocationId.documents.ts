import { apiLoader } from "~/utils/api.server";
import { listRevocationDocumentsOp } from "~/modules/honours/api";
import { listRevocationDocuments } from "~/modules/honours/attachments.server";

export const loader = apiLoader(listRevocationDocumentsOp, async ({ user, params }) => listRevocationDocuments(user, params.revocationId));
