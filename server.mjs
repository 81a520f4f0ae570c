// The HTTP server: Express in front of the Remix request handler. It adds what every
// response needs (request id, structured log line, security headers) and shuts down
// gracefully. Started by scripts/start.mjs after migrations, seed and build.
import crypto from "node:crypto";
import http from "node:http";
import path from "node:path";
import express from "express";
import { createRequestHandler } from "@remix-run/express";
import {
  applySecurityDefaults, clientAddressOf, hostOf, lazyBodyStream, ownOrigin, protocolOf, readBodyLimited, refuseCrossSite, trustProxySetting,
} from "./server-security.mjs";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const buildPath = path.resolve("build/index.js");
const build = await import(buildPath);
/** The build's hooks (app/entry.server.tsx), wherever the build puts them. */
const entryHook = (name) => build[name] ?? build.entry?.module?.[name];
// Page routes answer a full disk with 503 and Retry-After, as the API does (issue 11 item 1;
// app/utils/page-actions.server.ts): their loaders and actions are wrapped once, here, and the
// load context below carries storageFault() to set the response's headers.
entryHook("guardRouteModules")?.(build);

// LOG_LEVEL (debug | info | warn | error, default info) drops the lines below it: at warn,
// the per-request lines are not written, only failures.
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 };
const minLevel = LEVELS[process.env.LOG_LEVEL ?? "info"] ?? LEVELS.info;
function log(level, msg, fields = {}) {
  if (LEVELS[level] < minLevel) return;
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + "\n");
}

const app = express();
app.disable("x-powered-by");
// Which proxy's X-Forwarded-* headers are believed: server-security.mjs (TRUST_PROXY).
app.set("trust proxy", trustProxySetting());
// The largest request body read (an upload plus its form fields); a larger one gets 413 unread.
const BODY_MAX_BYTES = Number(process.env.UPLOAD_MAX_BYTES ?? 10 * 1024 * 1024) + 1024 * 1024;

/** What every response gets: a request id (kept from X-Request-Id when well-formed), a CSP nonce, a log line. */
function beginRequest(req, res) {
  if (res.locals?.requestId) return res.locals.requestId; // begun by guardRequest
  const incoming = req.headers["x-request-id"];
  const requestId = typeof incoming === "string" && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  res.locals ??= {};
  res.locals.requestId = requestId;
  // Ours (a random UUID), not the client's: only such a response's document may be kept (below).
  res.locals.requestIdGenerated = requestId !== incoming;
  // A CSP nonce per response (128 random bits from the CSPRNG's pooled buffer: randomBytes
  // would make a system call on every request, API requests included).
  res.locals.nonce = Buffer.from(crypto.randomUUID().replaceAll("-", ""), "hex").toString("base64");
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  const url = req.url; // Express rewrites req.url inside mounted routers
  res.on("finish", () => {
    const pathname = url.split("?")[0];
    if (pathname === "/healthz" && res.statusCode === 200) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(res.statusCode >= 500 ? "error" : "info", "request", {
      requestId, method: req.method, path: pathname, status: res.statusCode, ms: Math.round(ms * 10) / 10,
    });
  });
  return requestId;
}

app.use((req, res, next) => {
  if (!res.locals.requestId) beginRequest(req, res);
  next();
});

// API requests skip Remix's request pipeline. /api/v1 routes are plain resource routes,
// and Remix flattens and ranks every route of the application on each request (about a
// fifth of an API request's CPU, measured with scripts/bench/marks.ts --cpu-prof). This
// table is compiled once from the build: the loader (GET/HEAD) or action (other methods)
// of the matching route gets the same Request, params and context Remix would give it.
// A route without the needed export falls through to Remix, which answers as before.
function compileRoutes(routes, include) {
  const fullPath = (route) => {
    const parts = [];
    for (let r = route; r && r.id !== "root"; r = routes[r.parentId]) if (r.path) parts.unshift(r.path);
    return parts.join("/");
  };
  const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const table = [];
  for (const route of Object.values(routes)) {
    if (route.index || !include(route)) continue;
    const names = [];
    let score = 0;
    const pattern = fullPath(route).split("/").map((segment) => {
      if (segment === "*") { names.push("*"); return "(.*)"; }
      if (segment.startsWith(":")) { names.push(segment.slice(1)); score += 2; return "([^/]+)"; }
      score += 10;
      return escape(segment);
    }).join("/");
    table.push({ regex: new RegExp(`^/${pattern}/?$`), names, score, module: route.module });
  }
  return table.sort((a, b) => b.score - a.score);
}

/** The route of a table matching the URL's path, with its params; null when none does or an escape is malformed. */
function matchRoute(table, url) {
  const query = url.indexOf("?");
  const pathname = query < 0 ? url : url.slice(0, query);
  const route = table.find((r) => r.regex.test(pathname));
  if (!route) return null;
  const params = {};
  try {
    route.regex.exec(pathname).slice(1).forEach((value, i) => { params[route.names[i]] = decodeURIComponent(value); });
  } catch {
    return null; // a malformed escape: Remix answers it
  }
  return { route, params };
}


const apiRoutes = compileRoutes(build.routes, (route) => route.id.startsWith("routes/api.v1."));
// Resource routes outside /api/v1 that answer from bytes they keep (the printable 公示,
// app/routes/notices.$code_.print.ts) export `servedDirect = true`: served like the API, from
// Node's request, without Remix's per-request route ranking, so that a kept page costs about
// what a static file of its size costs (issue 13, scripts/bench/nominations.ts).
const directRoutes = compileRoutes(build.routes, (route) => !route.id.startsWith("routes/api.v1.") && route.module?.servedDirect === true);

const PREBUILT_BODY = Symbol.for("gongsai.prebuiltBody");

async function sendFetchResponse(res, response) {
  res.statusCode = response.status;
  for (const [key, value] of response.headers) if (key !== "set-cookie") res.setHeader(key, value);
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) res.setHeader("Set-Cookie", cookies);
  // Bytes kept by the route (app/utils/http.server.ts prebuiltResponse, and the API's JSON
  // answers, JsonResponse): written as they are, no body stream made or read.
  const prebuilt = response[PREBUILT_BODY];
  if (prebuilt) return res.end(prebuilt);
  if (!response.body) return res.end();
  if ((response.headers.get("content-type") ?? "").startsWith("text/event-stream")) {
    res.flushHeaders();
    for await (const chunk of response.body) res.write(chunk);
    return res.end();
  }
  res.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * The headers of Node's request as an API operation reads them (app/utils/api.server.ts
 * RequestHead): `get` by name, as Headers does (names in any case, repeated values joined).
 */
class NodeRequestHeaders {
  constructor(raw) {
    this.raw = raw;
  }
  get(name) {
    const value = this.raw[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
  }
  has(name) {
    return this.raw[name.toLowerCase()] !== undefined;
  }
}

/**
 * Serves an /api/v1 request from the route table, straight from Node's request (Express and
 * Remix's pipeline are not needed for a resource route). Answers false when no route's loader
 * or action takes it, or when it is a live feed (written to the socket by its eventStream
 * route below): Express and Remix then answer as before.
 */
function serveApi(req, res, table = apiRoutes) {
  const match = matchRoute(table, req.url);
  if (!match) return false;
  const { route, params } = match;
  if (req.method === "GET" && typeof route.module.eventStream === "function") return false;
  const handler = req.method === "GET" || req.method === "HEAD" ? route.module.loader : route.module.action;
  if (!handler) return false;
  const requestId = beginRequest(req, res);
  (async () => {
    // The body is read only when the operation asks for it, after authentication and the
    // permission check (app/utils/api.server.ts): an anonymous request's body is never read.
    // A JSON body is handed to runOperation as bytes (context.readJsonBody) rather than as the
    // Request's stream: a web stream per request, read back through several promise hops, was
    // about a tenth of a mark's CPU. Other bodies (forms, files) stay on the Request as a lazy
    // stream. API handlers finish their work whether or not the client waits, so no abort
    // signal is wired.
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const json = hasBody && /^application\/json\b/i.test(String(req.headers["content-type"] ?? ""));
    const url = `${protocolOf(req)}://${hostOf(req)}${req.url}`;
    // An operation reads the method, the URL and a few headers first (context.head); the web
    // Request (a URL parse, a Headers copy, an AbortSignal: with the Response, about a fifth of
    // a quiz hand-in's CPU, bench:ankang) is built only for a route that reads `request`.
    let request;
    const buildRequest = () => {
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(key, v);
        else if (value !== undefined) headers.set(key, value);
      }
      const body = hasBody && !json ? lazyBodyStream(req, BODY_MAX_BYTES) : undefined;
      return new Request(url, { method: req.method, headers, body, ...(body ? { duplex: "half" } : {}) });
    };
    const head = { method: req.method, url, headers: new NodeRequestHeaders(req.headers) };
    const readJsonBody = json ? () => readBodyLimited(req, BODY_MAX_BYTES) : undefined;
    const context = { requestId, nonce: res.locals.nonce, clientAddress: clientAddressOf(req), readJsonBody, head };
    try {
      const response = await handler({ params, context, get request() { return (request ??= buildRequest()); } });
      // A body left unread (a refusal before it was needed) is not drained: the connection closes.
      if (hasBody && !req.complete) res.setHeader("Connection", "close");
      await sendFetchResponse(res, response instanceof Response ? response : Response.json(response));
    } catch (error) {
      if (error instanceof Response) return sendFetchResponse(res, error);
      throw error;
    }
  })().catch((error) => {
    log("error", "api request failed", { requestId, error: String(error?.stack ?? error) });
    if (res.headersSent) return res.destroy();
    res.statusCode = 500;
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ error: { code: "internal_error", message: "服务器内部错误，请稍后重试 / internal error", issues: [], requestId } }));
  });
  return true;
}

// Browsers ask for /favicon.ico whatever the page declares; the icon is an SVG.
app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));

app.use(
  "/build",
  express.static("public/build", { immutable: true, maxAge: "1y" }),
);
app.use(express.static("public", { maxAge: "1h" }));

// Routes that hold a connection open (the live leaderboard feeds, text/event-stream) export
// `eventStream({ request, params, res, context })`: it runs the route's own permission checks
// and, when they pass, streams to the Node response itself, so an open page costs a socket,
// not a Remix request with a web stream and a pipe. It answers false to leave the request to
// Remix (refusals, HEAD), whose loader then answers exactly as it always did. Like /api/v1,
// these are served from Node's request handler, ahead of Express (when a venue's screens and
// phones reconnect at once, a thousand requests arrive together).
const streamRoutes = compileRoutes(build.routes, (route) => typeof route.module?.eventStream === "function");

function serveEventStream(req, res) {
  if (req.method !== "GET") return false;
  const match = matchRoute(streamRoutes, req.url);
  if (!match) return false;
  const requestId = beginRequest(req, res);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  const request = new Request(`${protocolOf(req)}://${hostOf(req)}${req.url}`, { method: req.method, headers });
  match.route.module.eventStream({ request, params: match.params, res, context: { requestId } }).then(
    (taken) => { if (!taken) app(req, res); },
    (error) => {
      if (res.headersSent) {
        log("error", "event stream failed", { requestId, error: String(error) });
        return res.destroy();
      }
      app(req, res);
    },
  );
  return true;
}

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req, res) => ({
      requestId: res.locals.requestId, nonce: res.locals.nonce, clientAddress: clientAddressOf(req),
      // The site's address (X-Forwarded-* only from a trusted proxy), for pages that print it (the 公示's QR code).
      origin: ownOrigin(req),
      // HTML a loader leaves for the document render, kept out of the page's data (app/utils/fragments.tsx);
      // none on a data request (a path ending in .data), whose loaders answer it in their data.
      fragments: req.path.endsWith(".data") ? undefined : new Map(),
      // Called by a page route that met a full disk (app/utils/page-actions.server.ts): its 503 says when to retry.
      storageFault: (retryAfterSeconds) => {
        res.setHeader("Retry-After", String(retryAfterSeconds));
        res.setHeader("Cache-Control", "no-store");
      },
    }),
  }),
);

// ---------------------------------------------------------------- kept public documents
// A page route may export `documentKey({ request, params })`: a string naming everything its
// document shows but the site's address (for the public 公示, app/routes/notices.$code.tsx: the
// notice's stamp, whether it takes objections today, the language), or null. The document of an
// anonymous reader (no cookie but the language one, no query string) is kept per path, site and
// language cookie, and served from its bytes while its key holds, with this response's own CSP nonce and request id
// written in: a 3,000-name notice with its objection form costs about what a static file of its
// size costs, where a Remix render takes 15-17 ms of CPU (issue 13, scripts/bench/nominations.ts).
// A signed-in reader, a data request or a miss go to Remix as always (a HEAD is answered from a kept
// page, never keeps one); a miss's document is kept when it is a whole 200 HTML page that sets no cookie.
const keptDocumentRoutes = compileRoutes(build.routes, (route) => typeof route.module?.documentKey === "function" && typeof route.module?.default === "function");
const keptDocuments = new Map(); // slot (path, site, language cookie) → { key, headers, parts }
const KEPT_DOCUMENTS_MAX = 32;
const KEPT_DOCUMENT_MAX_BYTES = 8 * 1024 * 1024;
const ONLY_LANGUAGE_COOKIE = /^\s*(?:gs_lng=[^;]*;?\s*)?$/;
const NONCE = 0;
const REQUEST_ID = 1;
const UNKEPT_HEADERS = new Set(["date", "x-request-id", "content-length", "transfer-encoding", "connection", "keep-alive", "set-cookie"]);

function serveKeptDocument(req, res) {
  if ((req.method !== "GET" && req.method !== "HEAD") || req.url.includes("?") || req.url.endsWith(".data")) return false;
  if (!ONLY_LANGUAGE_COOKIE.test(req.headers.cookie ?? "")) return false;
  const match = matchRoute(keptDocumentRoutes, req.url);
  if (!match) return false;
  const origin = ownOrigin(req);
  (async () => {
    const request = new Request(`${origin}${req.url}`, { headers: req.headers.cookie ? { cookie: req.headers.cookie } : {} });
    const key = await match.route.module.documentKey({ request, params: match.params });
    if (typeof key !== "string") return app(req, res);
    const fullKey = `${origin}\n${key}`;
    // One slot per path, site and language cookie: a new stamp replaces its page, and a Chinese
    // and an English reader of one notice do not evict each other's.
    const slot = `${req.url}\n${origin}\n${req.headers.cookie ?? ""}`;
    const kept = keptDocuments.get(slot);
    if (kept && kept.key === fullKey) return sendKeptDocument(req, res, kept);
    if (req.method === "GET" && res.locals.requestIdGenerated) keepDocument(slot, fullKey, res);
    app(req, res);
  })().catch((error) => {
    log("error", "kept document failed", { requestId: res.locals.requestId, error: String(error?.stack ?? error) });
    if (res.headersSent) return res.destroy();
    app(req, res);
  });
  return true;
}

function sendKeptDocument(req, res, kept) {
  const { nonce, requestId } = res.locals;
  res.statusCode = 200;
  for (const [name, value] of kept.headers) res.setHeader(name, value.pieces ? value.pieces.join(nonce) : value.value);
  const nonceBytes = Buffer.from(nonce);
  const idBytes = Buffer.from(requestId);
  const body = Buffer.concat(kept.parts.map((part) => (part === NONCE ? nonceBytes : part === REQUEST_ID ? idBytes : part)));
  res.setHeader("Content-Length", body.length);
  res.setHeader("X-Cache", "hit");
  res.end(req.method === "HEAD" ? undefined : body);
}

/** Collects the document Remix writes for this response and keeps it if it is a whole page. */
function keepDocument(slot, key, res) {
  const chunks = [];
  let size = 0;
  const take = (chunk, encoding) => {
    if (chunk == null || typeof chunk === "function" || size > KEPT_DOCUMENT_MAX_BYTES) return;
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk);
    chunks.push(bytes);
    size += bytes.length;
  };
  const { write, end } = res;
  res.write = function keptWrite(chunk, encoding, callback) {
    take(chunk, encoding);
    return write.call(this, chunk, encoding, callback);
  };
  res.end = function keptEnd(chunk, encoding, callback) {
    take(chunk, encoding);
    try {
      const type = String(this.getHeader("content-type") ?? "");
      if (this.statusCode === 200 && type.startsWith("text/html") && !this.hasHeader("set-cookie") && size <= KEPT_DOCUMENT_MAX_BYTES) {
        const body = Buffer.concat(chunks, size);
        // Whole: the document and, with Single Fetch, the page's data stream closed after it.
        const tail = body.subarray(Math.max(0, body.length - 512)).toString("latin1");
        if (body.includes("</html>") && (!body.includes("window.__remixContext.streamController") || tail.includes("streamController.close()"))) {
          const { nonce, requestId } = this.locals;
          const headers = Object.entries(this.getHeaders()).filter(([name]) => !UNKEPT_HEADERS.has(name)).map(([name, value]) =>
            [name, typeof value === "string" && value.includes(nonce) ? { pieces: value.split(nonce) } : { value }]);
          if (keptDocuments.size >= KEPT_DOCUMENTS_MAX && !keptDocuments.has(slot)) keptDocuments.delete(keptDocuments.keys().next().value);
          keptDocuments.set(slot, { key, headers, parts: splitAt(body, [[Buffer.from(nonce), NONCE], [Buffer.from(requestId), REQUEST_ID]]) });
        }
      }
    } catch (error) {
      log("error", "keeping a document failed", { error: String(error?.stack ?? error) });
    }
    return end.call(this, chunk, encoding, callback);
  };
}

/** The body cut at every occurrence of each needle, the needle's mark in its place. */
function splitAt(body, needles) {
  const found = [];
  for (const [needle, mark] of needles) {
    for (let at = body.indexOf(needle); at >= 0; at = body.indexOf(needle, at + needle.length)) found.push({ at, length: needle.length, mark });
  }
  found.sort((a, b) => a.at - b.at);
  const parts = [];
  let from = 0;
  for (const { at, length, mark } of found) {
    if (at < from) continue;
    parts.push(body.subarray(from, at), mark);
    from = at + length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/**
 * Web security ahead of every route (server-security.mjs): default headers on every
 * response, cross-site writes refused with 403, oversized bodies refused with 413 unread.
 * Answers true when it has answered the request itself.
 */
function guardRequest(req, res) {
  applySecurityDefaults(req, res);
  const requestId = beginRequest(req, res);
  if (refuseCrossSite(req, res, requestId)) return true;
  if (Number(req.headers["content-length"] ?? 0) > BODY_MAX_BYTES) {
    res.statusCode = 413;
    res.setHeader("Connection", "close");
    res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.end(JSON.stringify({ error: { code: "payload_too_large", message: `请求体超过 ${Math.floor(BODY_MAX_BYTES / 1024 / 1024)} MB / the request body is too large`, issues: [], requestId } }));
    return true;
  }
  return false;
}

const server = http.createServer((req, res) => {
  if (refuseWhileShuttingDown(req, res)) return;
  if (guardRequest(req, res)) return;
  if (req.url.startsWith("/api/v1/") && serveApi(req, res)) return;
  if (directRoutes.length && (req.method === "GET" || req.method === "HEAD") && serveApi(req, res, directRoutes)) return;
  if (serveEventStream(req, res)) return;
  if (keptDocumentRoutes.length && serveKeptDocument(req, res)) return;
  app(req, res);
});
server.listen(port, host, () => {
  log("info", "listening", { url: `http://localhost:${port}` });
});

// ------------------------------------------------------------------ graceful shutdown (issue 11, item 8)
// On SIGTERM/SIGINT (docs/operations.md): stop taking requests, let those in flight finish,
// then close the database and exit 0. Live feeds never end by themselves, so they are closed
// at once (pages reconnect to another process); a request arriving on a kept-alive
// connection meanwhile is refused with 503 and Connection: close; every connection is closed
// as soon as its last response is written. After SHUTDOWN_GRACE_MS what is still open is cut.
const SHUTDOWN_GRACE_MS = Number(process.env.SHUTDOWN_GRACE_MS ?? 10_000);
let shuttingDown = false;

/** While shutting down: answers a new request 503 (Retry-After, Connection: close). */
function refuseWhileShuttingDown(req, res) {
  if (!shuttingDown) return false;
  res.shouldKeepAlive = false;
  res.writeHead(503, { "Content-Type": "application/json; charset=utf-8", "Retry-After": "5", Connection: "close" });
  res.end(JSON.stringify({ error: { code: "shutting_down", message: "服务器正在重启，请稍后重试 / the server is restarting: retry shortly", issues: [] } }));
  return true;
}

async function gracefulShutdown(signal) {
  if (shuttingDown) return;
  shuttingDown = true;
  log("info", "shutting down", { signal });
  const forced = setTimeout(() => {
    log("warn", "shutdown grace period over: closing the remaining connections");
    server.closeAllConnections?.();
    setTimeout(() => process.exit(1), 1_000).unref();
  }, SHUTDOWN_GRACE_MS);
  forced.unref();
  // Stop listening; the callback runs once every connection has closed.
  const closed = new Promise((resolve) => server.close(resolve));
  server.closeIdleConnections?.();
  // A kept-alive connection closes once its response is written (it is idle then).
  server.on("request", (_req, res) => res.on("finish", () => setImmediate(() => server.closeIdleConnections?.())));
  for (const socket of activeSockets) if (socket._httpMessage) socket._httpMessage.once("finish", () => setImmediate(() => server.closeIdleConnections?.()));
  try {
    await entryHook("closeLiveStreams")?.();
  } catch (error) {
    log("error", "closing live streams failed", { error: String(error) });
  }
  await closed;
  try {
    await entryHook("shutdown")?.();
  } catch (error) {
    log("error", "shutdown hook failed", { error: String(error) });
  }
  log("info", "stopped");
  process.exit(0);
}

const activeSockets = new Set();
server.on("connection", (socket) => {
  activeSockets.add(socket);
  socket.on("close", () => activeSockets.delete(socket));
});
process.on("SIGTERM", () => void gracefulShutdown("SIGTERM"));
process.on("SIGINT", () => void gracefulShutdown("SIGINT"));
