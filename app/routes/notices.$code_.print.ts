import type { LoaderFunctionArgs } from "@remix-run/node";
import { asResponse, prebuiltResponse } from "~/utils/http.server";
import { pageLocale } from "~/i18n/locale.server";
import { matchesEtag, printableNotice } from "~/modules/review-chain/notice-cache.server";

// The printable 公示 (public, no sign-in; rules N-31, N-33): one HTML document served from bytes
// kept per notice, stamp and language, with an ETag, as a static file would be. A reader who
// holds this version gets 304; a withdrawn candidate moves the stamp, hence the ETag.
// Served by server.mjs from Node's request, ahead of Remix (a resource route: no page, no data request).
export const servedDirect = true;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = pageLocale(request);
  const page = await printableNotice(params.code ?? "", lang, new URL(request.url).origin).catch((error: unknown) => asResponse(error, request));
  const headers = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-cache", ETag: page.etag, Vary: "Cookie", "Content-Language": lang === "en" ? "en" : "zh-CN" };
  if (matchesEtag(request.headers.get("If-None-Match"), page.etag)) return new Response(null, { status: 304, headers });
  return prebuiltResponse(page.bytes, { headers: { ...headers, "Content-Length": String(page.bytes.byteLength) } });
}
