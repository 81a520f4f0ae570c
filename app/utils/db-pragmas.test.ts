import { describe, expect, it } from "vitest";
import { pragma, prepareDb } from "./db-pragmas.server";

// Start-up under load: a request's transaction can hold the connection when the settings are applied.
describe("prepareDb", () => {
  it("retries PRAGMA synchronous while the connection is inside a transaction, then applies it", async () => {
    const ran: string[] = [];
    let refusals = 3;
    const db = {
      async $queryRawUnsafe(sql: string) {
        if (sql.startsWith("PRAGMA synchronous") && refusals-- > 0) throw new Error("Safety level may not be changed inside a transaction");
        ran.push(sql);
        return [];
      },
    };
    await prepareDb(db, "file:./x.db");
    expect(ran).toContain("PRAGMA synchronous = FULL");
    expect(ran).toHaveLength(5);
  });
  it("throws any other error at once", async () => {
    let calls = 0;
    const db = { async $queryRawUnsafe() { calls++; throw new Error("disk I/O error"); } };
    await expect(pragma(db, "PRAGMA foreign_keys = ON")).rejects.toThrow("disk I/O error");
    expect(calls).toBe(1);
  });
  it("gives up after its tries and throws the last error", async () => {
    let calls = 0;
    const db = { async $queryRawUnsafe() { calls++; throw new Error("cannot change into wal mode from within a transaction"); } };
    await expect(pragma(db, "PRAGMA journal_mode = WAL", { tries: 3, waitMs: 1 })).rejects.toThrow("within a transaction");
    expect(calls).toBe(3);
  });
  it("does nothing on PostgreSQL", async () => {
    const db = { async $queryRawUnsafe() { throw new Error("should not run"); } };
    await expect(prepareDb(db, "postgresql://postgres@127.0.0.1:5432/x")).resolves.toBeUndefined();
  });
});
