// Shared by scripts/start.mjs and scripts/test.mjs: plain Node, no dependencies, so it
// runs on a fresh clone before `npm ci`.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

/**
 * The tools `npm start` and the tests run besides the server: the build (remix), the seed and
 * the TypeScript scripts (tsx) and migrations (prisma). They are devDependencies, which
 * `npm ci` leaves out when NODE_ENV=production: an install without them is broken for us.
 */
export const TOOLS = [
  { name: "@remix-run/dev", file: "node_modules/@remix-run/dev/package.json" },
  { name: "tsx", file: "node_modules/tsx/package.json" },
  { name: "prisma", file: "node_modules/prisma/package.json" },
];

/** Why node_modules needs (re)installing, or null when it is complete and current. */
export function dependencyProblem() {
  const marker = path.join(root, "node_modules", ".package-lock.json");
  const lock = path.join(root, "package-lock.json");
  if (!existsSync(marker)) return "node_modules 缺失 / node_modules is missing";
  if (statSync(marker).mtimeMs < statSync(lock).mtimeMs) return "package-lock.json 已更新 / package-lock.json is newer than node_modules";
  const missing = TOOLS.filter((t) => !existsSync(path.join(root, t.file))).map((t) => t.name);
  if (missing.length) return `缺少构建工具 / build tools missing: ${missing.join(", ")}`;
  return null;
}

/**
 * npm ci when node_modules is missing, older than the lockfile, or lacks the build tools (an
 * earlier `NODE_ENV=production npm ci` leaves them out). Always with the devDependencies:
 * the build and the seed need them whatever NODE_ENV says.
 */
export function ensureDependencies() {
  const problem = dependencyProblem();
  if (!problem) return;
  // A worktree that links node_modules to another checkout's (git worktrees share one install):
  // npm ci here would empty the linked directory for every checkout using it. A newer lockfile
  // (a fresh checkout's timestamp) is only reported; a missing install is refused with the fix.
  const modules = path.join(root, "node_modules");
  if (existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    if (problem.startsWith("package-lock.json")) {
      console.warn(`node_modules 是符号链接，跳过 npm ci / node_modules is a symbolic link: npm ci skipped (${problem})`);
      return;
    }
    throw new Error(`node_modules 是符号链接，不在此安装：请在链接目标处运行 npm ci / node_modules is a symbolic link: run npm ci where it points (${problem})`);
  }
  step(`安装依赖 / installing dependencies (${problem}; npm ci; the first time takes a few minutes: better-sqlite3 compiles)`);
  run("npm", ["ci", "--include=dev", "--no-audit", "--no-fund"]);
  const still = dependencyProblem();
  if (still) throw new Error(`安装后依赖仍不完整 / dependencies still incomplete after npm ci: ${still}`);
}

/**
 * `remix build`. esbuild's service sometimes dies with a Go runtime dump ("fatal error: all
 * goroutines are asleep") when the build process exits under it, after the build is written:
 * that noise is dropped when the build succeeded; everything is shown when it failed.
 */
export function buildApp() {
  const result = spawnSync(bin("remix"), ["build"], { cwd: root, env: process.env, stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const stderr = result.stderr ?? "";
  const built = result.status === 0 && existsSync(path.join(root, "build", "index.js"));
  if (!built) {
    process.stderr.write(stderr);
    throw new Error(`命令失败 / command failed (${result.status ?? result.signal}): remix build`);
  }
  process.stderr.write(withoutRuntimeDump(stderr));
}

/** The text before a Go runtime dump ("fatal error: …", "panic: …" and the goroutine traces after it). */
export function withoutRuntimeDump(text) {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^(fatal error|panic): /.test(l) || /^goroutine \d+ \[/.test(l));
  return (start < 0 ? lines : lines.slice(0, start)).join("\n");
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

// ---------------------------------------------------------------- test runs (scripts/test*.mjs)

/** A free TCP port on 127.0.0.1, trying `from` upwards. */
export async function freePort(from = 3999) {
  const net = await import("node:net");
  for (let port = from; port < from + 100; port++) {
    const ok = await new Promise((resolve) => {
      const server = net.createServer().once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`没有空闲端口 / no free port in ${from}-${from + 99}`);
}

/**
 * Runs vitest with its JSON report beside the usual output and counts tests per project
 * (unit: app/**, integration: tests/integration/**). A file that failed to load counts
 * as one failed test, so a broken suite can never read as "0 failed".
 */
export function runVitest(args, { env = process.env, report = path.join(root, "tests", ".tmp", `vitest-report-${process.pid}.json`) } = {}) {
  mkdirSync(path.dirname(report), { recursive: true });
  const started = Date.now();
  const result = spawnSync(bin("vitest"), ["run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`], {
    cwd: root, stdio: "inherit", env,
  });
  const seconds = (Date.now() - started) / 1000;
  const projects = {};
  let parsed = null;
  try { parsed = JSON.parse(readFileSync(report, "utf8")); } catch {}
  rmSync(report, { force: true });
  for (const file of parsed?.testResults ?? []) {
    const name = path.relative(root, file.name).startsWith(`tests${path.sep}integration`) ? "integration" : "unit";
    const counts = (projects[name] ??= { passed: 0, failed: 0, skipped: 0 });
    for (const test of file.assertionResults) {
      if (test.status === "passed") counts.passed++;
      else if (test.status === "failed") counts.failed++;
      else counts.skipped++;
    }
    if (file.status === "failed" && !file.assertionResults.some((t) => t.status === "failed")) counts.failed++;
  }
  const ok = result.status === 0 && parsed !== null;
  return { ok, reported: parsed !== null, seconds, projects };
}

/**
 * Prints the end-of-run table and the final line `N passed, M failed` that CI reads.
 * rows: { name, passed?, failed?, skipped?, seconds?, ok, note? }. A row without counts
 * (a check such as the type-check) counts as one failure when it fails.
 */
export function printSummary(rows) {
  let passed = 0;
  let failed = 0;
  console.log("\n──────── 测试汇总 / summary ────────");
  for (const row of rows) {
    const counted = row.passed !== undefined;
    if (counted) {
      passed += row.passed;
      failed += row.failed;
      if (!row.ok && row.failed === 0) failed++;
    } else if (!row.ok && !row.skippedOnPurpose) failed++;
    const status = row.skippedOnPurpose ? "SKIPPED" : row.ok ? "ok" : "FAILED";
    const counts = counted ? `${row.passed} passed, ${row.failed} failed${row.skipped ? `, ${row.skipped} skipped` : ""}` : "";
    const time = row.seconds !== undefined ? `${row.seconds.toFixed(1)} s` : "";
    console.log(`  ${status.padEnd(8)} ${row.name.padEnd(34)} ${counts.padEnd(34)} ${time}${row.note ? `  ${row.note}` : ""}`);
  }
  console.log(`${passed} passed, ${failed} failed`);
  return { passed, failed };
}

// ---------------------------------------------------------------- system packages

const CHINESE_FONTS = ["/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"];
export const hasChineseFont = () => Boolean(process.env.CJK_FONT_PATH && existsSync(process.env.CJK_FONT_PATH)) || CHINESE_FONTS.some((f) => existsSync(f));

/**
 * Debian packages the platform needs beyond Node: a Chinese font for the PDFs (tickets,
 * certificates, the results notice) and, for the browser tests, Chromium. Installs what is
 * missing with apt-get when we are root (as on CI); otherwise says what to install. Returns
 * whether Chromium is there (always true when it was not asked for).
 */
export function ensureSystemPackages({ chromium = false } = {}) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  const packages = [];
  if (!hasChineseFont()) packages.push("fonts-wqy-zenhei", "fonts-noto-cjk");
  if (chromium && !existsSync(chromiumPath)) packages.push("chromium");
  const apt = "/usr/bin/apt-get";
  if (packages.length && process.getuid?.() === 0 && existsSync(apt)) {
    console.log(`安装 / installing with apt-get: ${packages.join(" ")} (about a minute)`);
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    try {
      run(apt, ["update", "-q"], { env });
      run(apt, ["install", "-y", "-q", ...packages], { env });
    } catch (error) {
      console.error(error.message);
    }
  }
  if (!hasChineseFont()) {
    console.warn(`
! 未找到中文字体：准考证、证书和成绩公示 PDF 无法生成（页面会提示）。请安装（Debian/Ubuntu，需要 root）：
      sudo apt-get install -y fonts-wqy-zenhei
  或设置 CJK_FONT_PATH 与 CJK_FONT_FAMILY 指向已有的中文字体。
! No Chinese font: admission tickets, certificates and the results notice (PDF) cannot be made
  (the pages say so). Install one (Debian/Ubuntu, as root): sudo apt-get install -y fonts-wqy-zenhei,
  or set CJK_FONT_PATH and CJK_FONT_FAMILY to a font you have.
`);
  }
  if (!chromium || existsSync(chromiumPath)) return true;
  console.error(`
✗ 找不到 Chromium（${chromiumPath}），无法运行浏览器测试。
  请安装（Debian/Ubuntu，需要 root）：
      sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk fonts-wqy-zenhei
  或用 CHROMIUM_PATH=/path/to/chromium 指定已安装的浏览器；
  确需跳过时请显式设置 SKIP_E2E=1（不推荐）。注意：npx playwright install 在离线网络中无法使用。

✗ Chromium not found at ${chromiumPath}: the browser tests cannot run.
  Install it (Debian/Ubuntu, as root):
      sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk fonts-wqy-zenhei
  or point CHROMIUM_PATH at an installed Chromium; to skip on purpose set SKIP_E2E=1
  (not recommended). \`npx playwright install\` cannot download browsers on these networks.
`);
  return false;
}
