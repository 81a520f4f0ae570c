#!/usr/bin/env node
// Fails when the two migration histories drift from the data model:
//  1. prisma/postgresql/schema.prisma must be what prisma/schema.prisma generates;
//  2. replaying prisma/migrations must give exactly prisma/schema.prisma (SQLite);
//  3. with --postgres URL: replaying prisma/postgresql/migrations must give the
//     PostgreSQL schema (needs a server for the shadow database).
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const prisma = path.join(root, "node_modules", ".bin", "prisma");
const pgIndex = process.argv.indexOf("--postgres");
const pgUrl = pgIndex > 0 ? process.argv[pgIndex + 1] : null;

execFileSync(process.execPath, [path.join(root, "scripts/db/generate.mjs"), "--check"], { stdio: "inherit" });

function diff(label, url, migrations, schema) {
  try {
    execFileSync(prisma, ["migrate", "diff", "--from-migrations", migrations, "--to-schema-datamodel", schema, "--exit-code"], {
      cwd: root, env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, stdio: ["ignore", "pipe", "pipe"],
    });
    console.log(`${label}: migrations match the schema`);
  } catch (error) {
    console.error(`${label}: migrations differ from the schema (exit ${error.status}). Run scripts/db/new-migration.mjs NAME.`);
    console.error(String(error.stdout ?? ""), String(error.stderr ?? ""));
    process.exit(1);
  }
}

diff("SQLite", "file:./data/.migration-check.db", "prisma/migrations", "prisma/schema.prisma");
if (pgUrl) diff("PostgreSQL", pgUrl, "prisma/postgresql/migrations", "prisma/postgresql/schema.prisma");
