import { apiAction, handle } from "~/utils/api.server";
import { requestRevocationOp } from "~/modules/honours/api";
import { requestRevocation } from "~/modules/honours/awards.server";
import type { RevocationGround } from "~/modules/honours/revocation-grounds";
import { fileFromBase64 } from "~/modules/files/api-upload";

// A revocation report with the page's documents (base64; issue 13, rules N-40, N-42).
export const action = apiAction({
  post: handle(requestRevocationOp, async ({ user, params, body, actor }) => {
    const { documents = [], ...input } = body;
    const files = documents.map((d, i) => fileFromBase64(d.filename, d.contentBase64, `documents.${i}.contentBase64`));
    const r = await requestRevocation(user, params.honourId, input, actor, files);
    return { id: r.id, honourId: r.honourId, submissionId: r.submissionId, grounds: JSON.parse(r.grounds) as RevocationGround[] };
  }),
});
