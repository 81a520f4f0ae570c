import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "./server-process";

// Issue 11, item 7: `node scripts/backup.mjs --restore FILE` keeps a COMPLETE copy of the
// database it replaces. A server killed with kill -9 leaves committed marks in the -wal file;
// the kept copy must hold them (SQLite's backup API, not a rename that drops the WAL), and
// the restored database must be exactly the backup. SQLite only (PostgreSQL: pg_dump).

const onSqlite = process.env.TEST_DATABASE !== "postgres";
const dir = path.join(root, "tests", ".tmp", `restore-${crypto.randomBytes(3).toString("hex")}`);

describe.runIf(onSqlite)("restoring a backup (SQLite)", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps the replaced database with what was only in its write-ahead log, and restores the backup exactly", () => {
    mkdirSync(dir, { recursive: true });
    const live = path.join(dir, "gongsai.db");
    const backupFile = path.join(dir, "backup.db");
    // The backup: an earlier state, two marks.
    const earlier = new Database(backupFile);
    earlier.exec(`CREATE TABLE "Mark" ("id" TEXT PRIMARY KEY, "value" INTEGER NOT NULL); INSERT INTO "Mark" VALUES ('m1', 800), ('m2', 900);`);
    earlier.close();
    // The live database: a server process writes 50 marks in WAL mode and is killed (kill -9)
    // before any checkpoint: the marks are committed, and only in the -wal file.
    const writer = spawnSync(process.execPath, ["-e", `
      const Database = require("better-sqlite3");
      const db = new Database(${JSON.stringify(live)});
      db.pragma("journal_mode = WAL");
      db.pragma("wal_autocheckpoint = 0");
      db.exec('CREATE TABLE "Mark" ("id" TEXT PRIMARY KEY, "value" INTEGER NOT NULL)');
      const insert = db.prepare('INSERT INTO "Mark" VALUES (?, ?)');
      for (let i = 0; i < 50; i++) insert.run("live" + i, i * 100);
      process.kill(process.pid, "SIGKILL");
    `], { cwd: root });
    expect(writer.signal).toBe("SIGKILL");
    expect(existsSync(`${live}-wal`)).toBe(true);

    execFileSync(process.execPath, [path.join(root, "scripts", "backup.mjs"), "--restore", backupFile], {
      cwd: root, env: { ...process.env, DATABASE_URL: `file:${live}` }, stdio: "pipe",
    });

    const kept = readdirSync(dir).filter((name) => name.startsWith("gongsai.db.before-restore-") && !/-(wal|shm)$/.test(name));
    expect(kept).toHaveLength(1);
    const keptDb = new Database(path.join(dir, kept[0]), { readonly: true });
    try {
      expect(keptDb.prepare(`SELECT count(*) AS n, sum("value") AS total FROM "Mark"`).get()).toEqual({ n: 50, total: 122_500 });
      expect(keptDb.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      keptDb.close();
    }
    const restored = new Database(live, { readonly: true });
    try {
      expect(restored.prepare(`SELECT "id", "value" FROM "Mark" ORDER BY "id"`).all()).toEqual([{ id: "m1", value: 800 }, { id: "m2", value: 900 }]);
      expect(restored.pragma("integrity_check", { simple: true })).toBe("ok");
    } finally {
      restored.close();
    }
  });
});
