#!/usr/bin/env node
// The web server for the browser tests (started and stopped by Playwright's webServer):
// the same steps as `npm start` (migrate, seed the demo data, build, serve), but on the
// suite's OWN fresh SQLite database under tests/.tmp/ and with fixed test secrets, so a
// run never touches data/gongsai.db and never depends on an earlier run's leftovers.
// The production build is reused when its inputs have not changed since we last built it.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { bin, generateClients, migrate, root, run } from "../../scripts/lib.mjs";

const port = process.env.E2E_PORT ?? process.env.PORT ?? "3999";
const tmp = path.join(root, "tests", ".tmp");
const dbFile = path.join(tmp, `e2e-${port}.db`);
const log = (message) => process.stderr.write(`[e2e server] ${message}\n`);

mkdirSync(tmp, { recursive: true });
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });

Object.assign(process.env, {
  NODE_ENV: "production",
  DATABASE_URL: `file:${dbFile}`,
  PORT: port,
  HOST: "127.0.0.1",
  SESSION_SECRET: "e2e-test-session-secret-not-for-production",
  DATA_KEY: "5".repeat(64),
  SECURE_COOKIES: "0",
  STORAGE_DIR: path.join(tmp, `e2e-files-${port}`),
  LOG_LEVEL: "warn",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
});

if (!existsSync(path.join(root, "app", "generated", "sqlite"))) {
  log("generating Prisma clients");
  generateClients();
}
log(`fresh database ${path.relative(root, dbFile)}: migrate and seed`);
migrate(process.env.DATABASE_URL);
run(process.execPath, ["--import", "tsx", path.join(root, "prisma/seed.ts")], { stdio: ["ignore", "ignore", "inherit"] });

// ---------------------------------------------------------------- build, when stale
function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.isFile()) yield full;
  }
}

function inputsHash() {
  const hash = crypto.createHash("sha256");
  const inputs = [...files(path.join(root, "app")), ...["remix.config.js", "package-lock.json", "tsconfig.json"].map((f) => path.join(root, f))];
  for (const file of inputs.filter((f) => existsSync(f)).sort()) {
    hash.update(path.relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

const stampFile = path.join(tmp, "e2e-build-stamp.json");
const serverBuild = path.join(root, "build", "index.js");
const hash = inputsHash();
const builtAt = () => (existsSync(serverBuild) ? statSync(serverBuild).mtimeMs : 0);
let stamp = null;
try { stamp = JSON.parse(readFileSync(stampFile, "utf8")); } catch {}
const fresh = stamp && stamp.hash === hash && stamp.builtAt === builtAt() && existsSync(path.join(root, "public", "build"));
if (fresh) log("production build is up to date: reusing it");
else {
  const why = !stamp ? "no earlier e2e build" : stamp.hash !== hash ? "sources changed" : "build/ was rebuilt by something else";
  log(`building (remix build: ${why})`);
  const started = Date.now();
  run(bin("remix"), ["build"], { stdio: ["ignore", "ignore", "inherit"] });
  writeFileSync(stampFile, JSON.stringify({ hash, builtAt: builtAt() }));
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// ---------------------------------------------------------------- serve
const serverLog = path.join(tmp, `e2e-server-${port}.log`);
const out = openSync(serverLog, "w");
log(`serving http://127.0.0.1:${port} (request log: ${path.relative(root, serverLog)})`);
const server = spawn(process.execPath, [path.join(root, "server.mjs")], { cwd: root, stdio: ["ignore", out, "inherit"], env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
