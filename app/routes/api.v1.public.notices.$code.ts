import type { LoaderFunctionArgs } from "@remix-run/node";
import { toApiError } from "~/utils/api.server";
import { getPublicNotice } from "~/modules/review-chain/notices.server";

// 公示 are public: anyone may read one without a token (rule N-33); errors keep the API's shape.
export async function loader({ params, context }: LoaderFunctionArgs) {
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
  try {
    return Response.json(await getPublicNotice(params.code ?? ""), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return toApiError(error, requestId);
  }
}
