#!/usr/bin/env node
// Creates a migration NAME for both databases from the change in prisma/schema.prisma:
//   node scripts/db/new-migration.mjs add_contests [--postgres postgresql://postgres@localhost/postgres]
// The PostgreSQL diff needs a server for its shadow database (default: local server).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const prisma = path.join(root, "node_modules", ".bin", "prisma");
const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) { console.error("usage: new-migration.mjs NAME (lower-case, digits, _)"); process.exit(2); }
const pgIndex = process.argv.indexOf("--postgres");
const pgUrl = pgIndex > 0 ? process.argv[pgIndex + 1] : "postgresql://postgres@127.0.0.1:5432/postgres";
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

execFileSync(process.execPath, [path.join(root, "scripts/db/generate.mjs")], { stdio: "inherit" });
for (const [url, dir, schema] of [
  ["file:./data/.migration-check.db", "prisma/migrations", "prisma/schema.prisma"],
  [pgUrl, "prisma/postgresql/migrations", "prisma/postgresql/schema.prisma"],
]) {
  const sql = execFileSync(prisma, ["migrate", "diff", "--from-migrations", dir, "--to-schema-datamodel", schema, "--script"], {
    cwd: root, env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, encoding: "utf8",
  });
  if (!sql.trim() || /empty migration/i.test(sql)) { console.log(`${dir}: no change`); continue; }
  mkdirSync(path.join(root, dir, `${stamp}_${name}`), { recursive: true });
  writeFileSync(path.join(root, dir, `${stamp}_${name}`, "migration.sql"), sql);
  console.log(`${dir}/${stamp}_${name}/migration.sql written`);
}
