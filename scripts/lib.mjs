// Shared by scripts/start.mjs and scripts/test.mjs: plain Node, no dependencies, so it
// runs on a fresh clone before `npm ci`.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const bin = (name) => path.join(root, "node_modules", ".bin", name);

export function step(message) {
  process.stdout.write(`\n▶ ${message}\n`);
}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env, ...options });
  if (result.status !== 0) {
    const shown = [path.basename(command), ...args].join(" ");
    throw new Error(`命令失败 / command failed (${result.status ?? result.signal}): ${shown}`);
  }
  return result;
}

export function checkNode() {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 11)) {
    console.error(`需要 Node.js 20.11 或更高版本，当前为 ${process.versions.node} / Node.js >= 20.11 is required`);
    process.exit(1);
  }
}

/** npm ci when node_modules is missing or older than the lockfile. */
export function ensureDependencies() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  step("安装依赖 / installing dependencies (npm ci; the first time takes a few minutes: better-sqlite3 compiles)");
  run("npm", ["ci", "--no-audit", "--no-fund"]);
}

/** Loads .env (if any) without overriding variables already set. */
export function loadDotEnv() {
  const file = path.join(root, ".env");
  if (existsSync(file)) process.loadEnvFile(file);
}

/**
 * SESSION_SECRET and DATA_KEY for a local installation: created once, kept in
 * data/.secrets.json beside the database. DATA_KEY encrypts 身份证号; losing it loses them.
 */
export function ensureLocalSecrets() {
  if (process.env.SESSION_SECRET && process.env.DATA_KEY) return;
  const file = path.join(root, "data", ".secrets.json");
  mkdirSync(path.dirname(file), { recursive: true });
  let secrets;
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, "utf8"));
  else {
    secrets = { SESSION_SECRET: crypto.randomBytes(32).toString("hex"), DATA_KEY: crypto.randomBytes(32).toString("hex") };
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
    console.log(`已生成本机密钥 / created local secrets in ${path.relative(root, file)} (back it up with the database)`);
  }
  process.env.SESSION_SECRET ??= secrets.SESSION_SECRET;
  process.env.DATA_KEY ??= secrets.DATA_KEY;
}

export function generateClients() {
  run(process.execPath, [path.join(root, "scripts/db/generate.mjs")], { stdio: ["ignore", "ignore", "inherit"] });
}

export function migrate(url) {
  run(bin("prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
