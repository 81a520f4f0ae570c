import crypto from "node:crypto";
import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createI18n } from "~/i18n/i18n";
import { getLocale } from "~/i18n/locale.server";
import { NonceProvider } from "~/utils/nonce";
import { FragmentsContext } from "~/utils/fragments";
import { securityHeaders } from "~/utils/security-headers";
import { logError } from "~/utils/logger.server";
import { getEnv } from "~/utils/env.server";
import { db, dbReady } from "~/utils/db.server";
import { shutdownResults } from "~/modules/results/shutdown.server";
import { flushTokenUse } from "~/modules/users/api-tokens.server";
import { withoutNulBytes } from "~/utils/nul-bytes";

export const streamTimeout = 5_000;

// Validate configuration and open the database when the server module loads, so a
// bad .env fails at start with a clear message rather than on the first request.
getEnv();
void dbReady();

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as { nonce?: string }).nonce ?? crypto.randomBytes(16).toString("base64");
  const i18n = createI18n(await getLocale(request));
  const callbackName = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <FragmentsContext.Provider value={fragmentsOf(loadContext)}>
            <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
          </FragmentsContext.Provider>
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [callbackName]: () => {
          shellRendered = true;
          // React 18 may leak NUL bytes at its 2 KB buffer edges: see app/utils/nul-bytes.ts.
          const body = new Transform({ transform: (chunk: Buffer, _encoding, done) => done(null, withoutNulBytes(chunk)) });
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          for (const [k, v] of Object.entries(securityHeaders(nonce))) responseHeaders.set(k, v);
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) logError(error, { where: "render", url: request.url });
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}

/** The HTML the loaders left for this document (app/utils/fragments.tsx), or none. */
const fragmentsOf = (loadContext: AppLoadContext) => {
  const map = (loadContext as { fragments?: unknown } | undefined)?.fragments;
  return map instanceof Map ? (map as ReadonlyMap<string, string>) : null;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  logError(error, { url: request.url, method: request.method });
}

// server.mjs wraps the build's page routes with this at start (issue 11 item 1).
export { guardRouteModules } from "~/utils/page-actions.server";

/** Called by server.mjs on SIGTERM at once: live feeds never end by themselves (issue 11, item 8). */
export async function closeLiveStreams() {
  await shutdownResults();
}

/** Called by server.mjs on SIGTERM once every request in flight has been answered. */
export async function shutdown() {
  await shutdownResults();
  await flushTokenUse(); // the tokens' last uses noted since the last batch (api-tokens.server.ts)
  await db.$disconnect();
}
