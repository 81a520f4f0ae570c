import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { probeStorage, writeFailedSince } from "~/utils/db-faults.server";

// Liveness and readiness in one: answers 200 only when the database answers AND can write
// (issue 11, item 1): a full disk or a write lock that is never released is a server that
// cannot take marks, and a load balancer must hear it.
const TRANSACTION_WAIT_MS = 3_000;

const noStore = { "Cache-Control": "no-store" };

/** Resolves when a transaction can begin and end within the wait; rejects otherwise. */
function transactionBegins(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no transaction could begin within ${TRANSACTION_WAIT_MS} ms`)), TRANSACTION_WAIT_MS);
  });
  return Promise.race([db.$transaction(async (tx) => void (await tx.$queryRawUnsafe("SELECT 1"))), timeout]).finally(() => clearTimeout(timer));
}

export async function loader() {
  const started = Date.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
    await transactionBegins();
  } catch (error) {
    return Response.json(
      { status: "error", database: "unreachable", message: error instanceof Error ? error.message : String(error) },
      { status: 503, headers: noStore },
    );
  }
  const storage = probeStorage(getEnv().DATABASE_URL);
  const since = writeFailedSince();
  if (storage ? !storage.writable : since) {
    return Response.json(
      {
        status: "error", database: "cannot-write", writable: false,
        message: "数据库无法写入（存储空间已满）/ the database cannot write (storage full)",
        ...(storage?.error ? { error: storage.error } : {}), ...(since ? { since: since.toISOString() } : {}),
      },
      { status: 503, headers: { ...noStore, "Retry-After": "15" } },
    );
  }
  // SERVER_INSTANCE lets a test tell its own process from another one that answers on the
  // same port (two test runs on one machine can race for a free port).
  const instance = process.env.SERVER_INSTANCE ? { instance: process.env.SERVER_INSTANCE } : {};
  return Response.json({ status: "ok", database: "ok", writable: true, ms: Date.now() - started, ...instance }, { headers: noStore });
}
