#!/usr/bin/env node
// `npm start`: install what is missing, migrate, seed the demo data (idempotent),
// build, print the demo accounts and serve on PORT (default 3000).
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildApp, checkNode, ensureDependencies, ensureLocalSecrets, ensureSystemPackages, generateClients, loadDotEnv, migrate, root, run, step } from "./lib.mjs";

checkNode();
ensureDependencies();
loadDotEnv();
ensureLocalSecrets();
process.env.DATABASE_URL ??= "file:./data/gongsai.db";
process.env.NODE_ENV = "production";
mkdirSync(path.join(root, "data"), { recursive: true });

// A Chinese font for the PDFs (tickets, certificates, the results notice): installed when
// missing and we are root, otherwise named; everything else works without it.
if (process.env.SKIP_SYSTEM_PACKAGES !== "1") ensureSystemPackages();

step("数据库 / database: generate clients, migrate");
generateClients();
migrate(process.env.DATABASE_URL);

if (process.env.SEED !== "0") {
  step("演示数据 / demo data");
  run(process.execPath, ["--import", "tsx", path.join(root, "prisma/seed.ts")]);
}

step("构建 / building");
buildApp();

const port = process.env.PORT ?? "3000";
const demo = JSON.parse(readFileSync(path.join(root, "prisma/demo-accounts.json"), "utf8"));
const ACCOUNTS = process.env.SEED === "0" ? [] : demo.accounts;
const DEMO_PASSWORD = demo.password;
console.log(`\n工赛 Gongsai → http://localhost:${port}\n`);
if (ACCOUNTS.length) {
  console.log(`演示账号 / demo accounts (密码 / password: ${DEMO_PASSWORD})`);
  for (const a of [...ACCOUNTS, ...(demo.more ?? [])]) console.log(`  ${a.username.padEnd(14)} ${a.role.padEnd(20)} ${a.displayName}`);
  if (demo.judgePin) console.log(`  裁判签名 PIN / judges' signing PIN: ${demo.judgePin}`);
  console.log("");
}

const server = spawn(process.execPath, [path.join(root, "server.mjs")], { cwd: root, stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
