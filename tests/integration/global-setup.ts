// Each integration run gets its own database and removes it afterwards:
//  - SQLite (default): a new file under tests/.tmp/;
//  - PostgreSQL (TEST_DATABASE=postgres): a new database on the server named by
//    TEST_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres), dropped at the end.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const root = path.resolve(__dirname, "..", "..");
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");

export default async function setup({ provide }: { provide: (key: string, value: string) => void }) {
  const runId = crypto.randomBytes(4).toString("hex");
  let url: string;
  let teardown: () => Promise<void>;
  if (process.env.TEST_DATABASE === "postgres") {
    const admin = process.env.TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
    const name = `gongsai_test_${runId}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    teardown = async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = path.join(root, "tests", ".tmp");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `integration-${runId}.db`);
    url = `file:${file}`;
    teardown = async () => {
      for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
    };
  }
  execFileSync(prismaBin, ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  provide("databaseUrl", url);
  return teardown;
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}
