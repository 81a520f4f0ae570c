// The HTTP server: Express in front of the Remix request handler. It adds what every
// response needs (request id, structured log line, security headers) and shuts down
// gracefully. Started by scripts/start.mjs after migrations, seed and build.
import crypto from "node:crypto";
import path from "node:path";
import express from "express";
import { createRequestHandler } from "@remix-run/express";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
const buildPath = path.resolve("build/index.js");
const build = await import(buildPath);

function log(level, msg, fields = {}) {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields }) + "\n");
}

const app = express();
app.disable("x-powered-by");
app.set("trust proxy", process.env.TRUST_PROXY === "1");

app.use((req, res, next) => {
  const incoming = req.get("x-request-id");
  const requestId = incoming && /^[\w.-]{1,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  res.locals.requestId = requestId;
  res.locals.nonce = crypto.randomBytes(16).toString("base64");
  res.setHeader("X-Request-Id", requestId);
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    if (req.path === "/healthz" && res.statusCode === 200) return;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    log(res.statusCode >= 500 ? "error" : "info", "request", {
      requestId, method: req.method, path: req.originalUrl.split("?")[0], status: res.statusCode, ms: Math.round(ms * 10) / 10,
    });
  });
  next();
});

app.use(
  "/build",
  express.static("public/build", { immutable: true, maxAge: "1y" }),
);
app.use(express.static("public", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (_req, res) => ({ requestId: res.locals.requestId, nonce: res.locals.nonce }),
  }),
);

const server = app.listen(port, host, () => {
  log("info", "listening", { url: `http://localhost:${port}` });
});

let closing = false;
function shutdown(signal) {
  if (closing) return;
  closing = true;
  log("info", "shutting down", { signal });
  // Let in-flight requests finish; long-lived streams are told to close.
  server.close(async () => {
    try { await build.shutdown?.(); } catch (error) { log("error", "shutdown hook failed", { error: String(error) }); }
    log("info", "stopped");
    process.exit(0);
  });
  server.closeIdleConnections?.();
  setTimeout(() => { server.closeAllConnections?.(); }, 5_000).unref();
  setTimeout(() => process.exit(1), 10_000).unref();
}
process.on("SIGTERM", () => shutdown("SIGTERM"));
process.on("SIGINT", () => shutdown("SIGINT"));
