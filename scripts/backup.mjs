#!/usr/bin/env node
// Online backup and restore of the embedded SQLite database (docs/operations.md).
//   node scripts/backup.mjs                      → backups/gongsai-YYYYMMDD-HHMMSS.db
//   node scripts/backup.mjs --out path/to.db
//   node scripts/backup.mjs --restore backups/gongsai-….db   (server stopped)
// The backup uses SQLite's online backup API: the server keeps running and writing.
// For PostgreSQL use pg_dump / pg_restore.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { loadDotEnv, root } from "./lib.mjs";

loadDotEnv();
const require = createRequire(import.meta.url);
const Database = require("better-sqlite3");
const url = process.env.DATABASE_URL ?? "file:./data/gongsai.db";
if (!url.startsWith("file:")) {
  console.error("备份脚本只用于 SQLite；PostgreSQL 请使用 pg_dump。/ This script backs up SQLite; use pg_dump for PostgreSQL.");
  process.exit(2);
}
const dbFile = path.resolve(root, url.slice("file:".length));
const arg = (name) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };

function check(file) {
  const db = new Database(file, { readonly: true });
  try {
    const result = db.pragma("integrity_check", { simple: true });
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get().n;
    if (result !== "ok") throw new Error(`integrity_check: ${result}`);
    return tables;
  } finally {
    db.close();
  }
}

const restoreFrom = arg("--restore");
if (restoreFrom) {
  const source = path.resolve(restoreFrom);
  if (!existsSync(source)) { console.error(`找不到备份文件 / backup not found: ${source}`); process.exit(1); }
  check(source);
  // Keep the current database beside the restored one, in case the wrong file was chosen: a
  // complete copy through SQLite's backup API, so what is still in the write-ahead log (a
  // server stopped by a crash or kill -9 leaves committed marks there) is in the copy too.
  if (existsSync(dbFile)) {
    const kept = `${dbFile}.before-restore-${Date.now()}`;
    const current = new Database(dbFile, { fileMustExist: true });
    try {
      await current.backup(kept);
    } finally {
      current.close();
    }
    check(kept);
    console.log(`原数据库已完整保留为 / previous database kept (complete) as ${path.relative(root, kept)}`);
  }
  // Restore through SQLite too: the backup API writes the backup's pages into the database as a
  // transaction, so the -wal and -shm files stay consistent with it (never deleted by hand).
  const backup = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(dbFile);
  } finally {
    backup.close();
  }
  const restored = new Database(dbFile, { fileMustExist: true });
  restored.pragma("wal_checkpoint(TRUNCATE)");
  restored.close();
  check(dbFile);
  console.log(`已恢复 / restored ${path.relative(root, dbFile)} from ${source}`);
  process.exit(0);
}

if (!existsSync(dbFile)) { console.error(`数据库不存在 / no database at ${dbFile}`); process.exit(1); }
const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const out = path.resolve(arg("--out") ?? path.join(root, "backups", `gongsai-${stamp}.db`));
mkdirSync(path.dirname(out), { recursive: true });
const db = new Database(dbFile, { fileMustExist: true });
const started = Date.now();
await db.backup(out);
db.close();
const tables = check(out);
console.log(`备份完成 / backup written: ${out} (${tables} tables, ${Date.now() - started} ms, integrity ok)`);
console.log("请同时备份 data/.secrets.json（DATA_KEY）和 data/files。/ Back up data/.secrets.json (DATA_KEY) and data/files too.");
