// What server.mjs does for web security, kept apart from the rest of the server
// (decisions/006-web-security.md): which proxy to believe, the headers every response
// gets, refusing cross-site writes (CSRF), and reading /api/v1 bodies only after the
// caller is known, within a size limit.
import proxyaddr from "proxy-addr";

// ---------------------------------------------------------------- proxy trust

/**
 * TRUST_PROXY names the reverse proxy whose X-Forwarded-For/-Proto/-Host are believed:
 * unset or 0 (none: the headers are ignored), 1 (the directly connected peer, whoever it
 * is: a proxy on the same host), or a comma-separated list of addresses, subnets and the
 * names loopback, linklocal, uniquelocal (proxy-addr's, as Express reads them).
 */
export function trustProxySetting(value = process.env.TRUST_PROXY) {
  if (!value || value === "0" || value === "false") return false;
  if (value === "1" || value === "true") return 1; // one hop: the peer
  return value.split(",").map((s) => s.trim()).filter(Boolean);
}

const compiled = (() => {
  const setting = trustProxySetting();
  if (setting === false) return () => false;
  if (setting === 1) return (_addr, i) => i < 1;
  return proxyaddr.compile(setting);
})();

/** Whether the directly connected peer is a trusted proxy. */
const peerIsTrusted = (req) => compiled(req.socket.remoteAddress ?? "", 0);

const firstValue = (header) => String(header ?? "").split(",")[0].trim();

/** http or https, as the client used it (X-Forwarded-Proto only from a trusted proxy). */
export function protocolOf(req) {
  const forwarded = peerIsTrusted(req) ? firstValue(req.headers["x-forwarded-proto"]).toLowerCase() : "";
  if (forwarded === "https" || forwarded === "http") return forwarded;
  return req.socket.encrypted ? "https" : "http";
}

/** The host the client asked for (X-Forwarded-Host only from a trusted proxy). */
export function hostOf(req) {
  return (peerIsTrusted(req) && firstValue(req.headers["x-forwarded-host"])) || req.headers.host || "localhost";
}

export const ownOrigin = (req) => `${protocolOf(req)}://${hostOf(req)}`;

/** The client's address: the peer, or the address the trusted proxies report. */
export function clientAddressOf(req) {
  return proxyaddr(req, compiled);
}

// ---------------------------------------------------------------- response headers

const ONE_YEAR = 31_536_000;

/**
 * Headers every response gets unless its route set them: no sniffing, no framing, and
 * Cache-Control: no-store (pages, JSON, PDFs and exports all carry personal data; static
 * assets set their own caching). Behind HTTPS, Strict-Transport-Security. Applied as the
 * headers are written, so a route's own values win and Remix's header appending is not doubled.
 */
export function applySecurityDefaults(req, res) {
  const https = protocolOf(req) === "https";
  const writeHead = res.writeHead;
  res.writeHead = function writeHeadWithDefaults(...args) {
    if (!this.headersSent) {
      if (!this.hasHeader("x-content-type-options")) this.setHeader("X-Content-Type-Options", "nosniff");
      if (!this.hasHeader("x-frame-options")) this.setHeader("X-Frame-Options", "DENY");
      if (!this.hasHeader("cache-control")) this.setHeader("Cache-Control", "no-store");
      if (https && !this.hasHeader("strict-transport-security")) this.setHeader("Strict-Transport-Security", `max-age=${ONE_YEAR}; includeSubDomains`);
    }
    return writeHead.apply(this, args);
  };
}

// ---------------------------------------------------------------- cross-site writes (CSRF)

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function originOfUrl(value) {
  try {
    return new URL(value).origin;
  } catch {
    return "null";
  }
}

/**
 * Why a state-changing request is refused as cross-site, or null when it may proceed.
 * Every method but GET/HEAD/OPTIONS, on every path (Remix data requests `?_data=` and
 * resource routes included), must come from this origin:
 *   - Sec-Fetch-Site, when sent, must be same-origin (or none: typed by the user);
 *     same-site is refused too: a page on a sibling host is not this application;
 *   - Origin, when sent, must be exactly this origin (`null` is refused);
 *   - without Origin, a Referer, when sent, must be of this origin.
 * A request with none of the three is not from a browser (browsers send Origin on every
 * POST), so it cannot carry a victim's cookie unknowingly, and it passes.
 * /api/v1 is exempt: it accepts no cookie for writes (a Bearer token is needed).
 */
export function crossSiteRefusal(req) {
  if (SAFE_METHODS.has(req.method)) return null;
  if (req.url.startsWith("/api/v1/")) return null;
  const own = ownOrigin(req);
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return `Sec-Fetch-Site: ${site}`;
  const origin = req.headers.origin;
  if (origin !== undefined) return originOfUrl(origin) === own && origin !== "null" ? null : "Origin";
  const referer = req.headers.referer;
  if (referer !== undefined) return originOfUrl(referer) === own ? null : "Referer";
  return null;
}

/** Answers 403 to a cross-site write (JSON for data and API requests, text otherwise). Returns true when it did. */
export function refuseCrossSite(req, res, requestId) {
  const reason = crossSiteRefusal(req);
  if (!reason) return false;
  const message = "只接受本站页面提交的请求 / only requests from this site's own pages are accepted";
  res.statusCode = 403;
  // The body is not read: the connection closes after the answer.
  res.setHeader("Connection", "close");
  const wantsJson = req.url.includes("_data=") || String(req.headers.accept ?? "").includes("application/json");
  if (wantsJson) {
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ error: { code: "cross_site", message, issues: [], requestId } }));
  } else {
    res.setHeader("Content-Type", "text/plain; charset=utf-8");
    res.end(`${message}\n`);
  }
  return true;
}

// ---------------------------------------------------------------- request bodies

export class BodyTooLargeError extends Error {
  constructor(limit) {
    super(`body larger than ${limit} bytes`);
    this.name = "BodyTooLargeError";
    this.limit = limit;
  }
}

/** The request's body, at most `limit` bytes (413 material otherwise); read only when called. */
export function readBodyLimited(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > limit) return reject(new BodyTooLargeError(limit));
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.pause();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** A web ReadableStream of the request's body that starts reading only when consumed, at most `limit` bytes. */
export function lazyBodyStream(req, limit) {
  let started = false;
  let size = 0;
  return new ReadableStream({
    pull(controller) {
      if (!started) {
        started = true;
        if (Number(req.headers["content-length"] ?? 0) > limit) return controller.error(new BodyTooLargeError(limit));
        req.on("data", (chunk) => {
          size += chunk.length;
          if (size > limit) {
            req.removeAllListeners("data");
            req.pause();
            return controller.error(new BodyTooLargeError(limit));
          }
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) req.pause();
        });
        req.on("end", () => { try { controller.close(); } catch { /* already errored */ } });
        req.on("error", (error) => controller.error(error));
      }
      req.resume();
    },
    cancel() {
      req.pause();
    },
  });
}
