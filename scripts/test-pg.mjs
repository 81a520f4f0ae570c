#!/usr/bin/env node
// `npm run test:pg`: the PostgreSQL half of the suite, for CI and for anyone running the
// platform on PostgreSQL. Needs a server: TEST_PG_URL (default
// postgresql://postgres@127.0.0.1:5432/postgres) must allow CREATE DATABASE.
//   1. the PostgreSQL migration history matches the generated PostgreSQL schema;
//   2. the integration suite against a fresh database on that server (dropped after).
// Last line `N passed, M failed`; non-zero exit on any failure.
import path from "node:path";
import { checkNode, ensureDependencies, ensureSystemPackages, generateClients, printSummary, root, runVitest, step } from "./lib.mjs";
import { spawnSync } from "node:child_process";

checkNode();
const url = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
const rows = [];

try {
  ensureDependencies();
  step("Prisma 客户端 / generating Prisma clients");
  generateClients();
} catch (error) {
  console.error(`\n${error.message}`);
  rows.push({ name: "dependencies and Prisma clients", ok: false });
  printSummary(rows);
  process.exit(1);
}

step(`PostgreSQL 服务器 / checking the server at ${shown}`);
{
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    const { rows: [row] } = await client.query("SELECT current_setting('server_version') AS version");
    console.log(`PostgreSQL ${row.version}: reachable`);
  } catch (error) {
    console.error(`
✗ 无法连接 PostgreSQL（${shown}）：${error.message}
  请启动数据库服务器，或用 TEST_PG_URL 指定一个可以 CREATE DATABASE 的账号，例如：
      TEST_PG_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run test:pg
  （Debian：pg_ctlcluster <版本> main start）。默认的 npm test 不需要 PostgreSQL。

✗ Cannot reach PostgreSQL at ${shown}: ${error.message}
  Start the server, or set TEST_PG_URL to an account that may CREATE DATABASE.
  (Debian: pg_ctlcluster <version> main start.) The default \`npm test\` does not need PostgreSQL.
`);
    rows.push({ name: "PostgreSQL server reachable", ok: false });
    printSummary(rows);
    process.exit(1);
  } finally {
    await client.end().catch(() => {});
  }
}

step("迁移检查 / migrations match the schema (SQLite and PostgreSQL)");
{
  const since = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, "scripts/db/check-migrations.mjs"), "--postgres", url], { cwd: root, stdio: "inherit" });
  rows.push({ name: "migrations (PostgreSQL)", ok: result.status === 0, seconds: (Date.now() - since) / 1000 });
}

step("系统软件包 / system packages: Chinese font (PDF tests)");
ensureSystemPackages();

step("集成测试 / vitest integration on PostgreSQL");
{
  const vitest = runVitest(["--project", "integration"], {
    env: { ...process.env, TEST_DATABASE: "postgres", TEST_PG_URL: url },
  });
  const counts = vitest.projects.integration ?? { passed: 0, failed: 0, skipped: 0 };
  rows.push({ name: "vitest integration (PostgreSQL)", ...counts, ok: vitest.ok && counts.failed === 0, seconds: vitest.seconds });
  if (!vitest.ok && counts.failed === 0) rows.at(-1).note = "vitest failed outside the tests: see its output above";
}

const { failed } = printSummary(rows);
process.exit(failed > 0 || rows.some((r) => !r.ok) ? 1 : 0);
