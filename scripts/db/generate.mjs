#!/usr/bin/env node
// Writes prisma/postgresql/schema.prisma from prisma/schema.prisma (the one source of
// the data model) and generates both Prisma clients. With --check it only verifies
// that the committed PostgreSQL schema is what the SQLite schema produces.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const source = path.join(root, "prisma", "schema.prisma");
const target = path.join(root, "prisma", "postgresql", "schema.prisma");

export function toPostgresSchema(text) {
  const replacements = [
    [/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'],
    [/output\s*=\s*"\.\.\/app\/generated\/sqlite"/, 'output       = "../../app/generated/postgresql"'],
    [/^\/\/ Source of truth[^\n]*\n(\/\/[^\n]*\n)*/, "// GENERATED from prisma/schema.prisma by scripts/db/generate.mjs: do not edit.\n"],
  ];
  let out = text;
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(out)) throw new Error(`schema pattern not found: ${pattern} — update scripts/db/generate.mjs`);
    out = out.replace(pattern, replacement);
  }
  return out;
}

const expected = toPostgresSchema(readFileSync(source, "utf8"));
if (process.argv.includes("--check")) {
  let actual = "";
  try { actual = readFileSync(target, "utf8"); } catch {}
  if (actual !== expected) {
    console.error("prisma/postgresql/schema.prisma is out of date: run `npm run db:generate`.");
    process.exit(1);
  }
  console.log("PostgreSQL schema is in step with prisma/schema.prisma");
  process.exit(0);
}
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, expected);
if (!process.argv.includes("--no-client")) {
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
  execFileSync(prisma, ["generate", "--schema", source], { stdio: "inherit", cwd: root, env: { ...env, DATABASE_URL: process.env.DATABASE_URL?.startsWith("file:") ? process.env.DATABASE_URL : "file:./data/gongsai.db" } });
  execFileSync(prisma, ["generate", "--schema", target], { stdio: "inherit", cwd: root, env: { ...env, DATABASE_URL: "postgresql://localhost/unused" } });
}
