import crypto from "node:crypto";
import type pg from "pg";
import { getEnv, isPostgresUrl } from "~/utils/env.server";
import { logger } from "~/utils/logger.server";
import { onShutdown } from "./shutdown.server";

// Change notification for live results: ONE interface, two transports.
//
//   publishChange(eventId, kind)   after a change to an event's results has COMMITTED
//                                  (a mark, a correction, a sign-off, theory scores, a
//                                  performance record, the freeze, a publication)
//   subscribe(eventId, listener)   called in every process that holds that event's board
//
// SQLite serves one process: an in-process emitter. PostgreSQL may have several processes
// behind a load balancer: each process keeps one dedicated connection that LISTENs on
// `gongsai_results`, and publishChange sends `NOTIFY gongsai_results, '<eventId>:<kind>:<origin>'`,
// so every process refreshes its own maintained boards and pushes to its own open pages.
// The publishing process delivers to itself at once (it ignores its own echo). When the
// listening connection drops, it reconnects with back-off and tells every listener "reset"
// (a notification may have been missed): boards then re-check the database.
//
// Nothing here is state that breaks with more processes: boards are caches rebuilt from
// the database; the bus only says "look again".

export type ChangeKind = "mark" | "theory" | "performance" | "signoff" | "board" | "scheme" | "codes" | "reset";
export type Change = { eventId: string; kind: ChangeKind };
export type ChangeListener = (change: Change) => void;

export const CHANNEL = "gongsai_results";
const ORIGIN = crypto.randomBytes(6).toString("hex");
const KINDS = new Set<ChangeKind>(["mark", "theory", "performance", "signoff", "board", "scheme", "codes", "reset"]);

type Bus = {
  listeners: Map<string, Set<ChangeListener>>;
  /** listeners of every event (e.g. "reset" after a reconnect) */
  any: Set<ChangeListener>;
  pg: PgListener | null;
};

const globalForBus = globalThis as unknown as { __resultsBus?: Bus };
const bus: Bus = (globalForBus.__resultsBus ??= { listeners: new Map(), any: new Set(), pg: null });

function deliver(change: Change) {
  for (const listener of [...(bus.listeners.get(change.eventId) ?? [])]) {
    try {
      listener(change);
    } catch (error) {
      logger.error("results listener failed", { eventId: change.eventId, error: String(error) });
    }
  }
}

function deliverReset() {
  for (const [eventId, set] of bus.listeners) for (const listener of [...set]) listener({ eventId, kind: "reset" });
  for (const listener of [...bus.any]) listener({ eventId: "*", kind: "reset" });
}

/** Parses a NOTIFY payload `<eventId>:<kind>:<origin>`; null when it is not one of ours. */
export function parsePayload(payload: string | undefined): (Change & { origin: string }) | null {
  if (!payload) return null;
  const [eventId, kind, origin = ""] = payload.split(":");
  if (!eventId || !KINDS.has(kind as ChangeKind)) return null;
  return { eventId, kind: kind as ChangeKind, origin };
}

/** Tells every process (this one at once) that an event's results changed. Call after the commit. */
export async function publishChange(eventId: string, kind: ChangeKind): Promise<void> {
  deliver({ eventId, kind });
  if (!usesPostgres()) return;
  const listener = ensurePgListener();
  try {
    await listener.notify(`${eventId}:${kind}:${ORIGIN}`);
  } catch (error) {
    // The other processes will still see the change at their next database check.
    logger.warn("results NOTIFY failed", { eventId, kind, error: String(error) });
  }
}

/** Listens for changes to one event (in this process, from any process). Returns the unsubscribe function. */
export function subscribe(eventId: string, listener: ChangeListener): () => void {
  if (usesPostgres()) ensurePgListener();
  const set = bus.listeners.get(eventId) ?? new Set();
  set.add(listener);
  bus.listeners.set(eventId, set);
  return () => {
    set.delete(listener);
    if (set.size === 0 && bus.listeners.get(eventId) === set) bus.listeners.delete(eventId);
  };
}

/** Listens for "reset" (the PostgreSQL connection came back: anything may have changed). */
export function onReset(listener: ChangeListener): () => void {
  bus.any.add(listener);
  return () => bus.any.delete(listener);
}

const usesPostgres = () => isPostgresUrl(getEnv().DATABASE_URL);

/** Whether this process is currently LISTENing (PostgreSQL) — for health checks and tests. */
export function busStatus() {
  return { transport: usesPostgres() ? "postgres" : "in-process", listening: bus.pg?.connected ?? false, events: bus.listeners.size };
}

// ------------------------------------------------------------------ PostgreSQL LISTEN / NOTIFY

class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private retryMs = 250;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private everConnected = false;
  connected = false;

  constructor(private readonly url: string) {}

  start() {
    void this.connect().catch(() => {});
  }

  private connect(): Promise<pg.Client> {
    if (this.client && this.connected) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      // Loaded on first use: a process on SQLite never loads the PostgreSQL driver.
      const { default: driver } = await import("pg");
      const client = new driver.Client({ connectionString: this.url, connectionTimeoutMillis: 5_000, keepAlive: true });
      client.on("notification", (message) => {
        if (message.channel !== CHANNEL) return;
        const change = parsePayload(message.payload);
        if (change && change.origin !== ORIGIN) deliver({ eventId: change.eventId, kind: change.kind });
      });
      client.on("error", (error) => this.lost(client, error));
      client.on("end", () => this.lost(client, new Error("connection ended")));
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        client.removeAllListeners("end");
        await client.end().catch(() => {});
        this.connecting = null;
        this.scheduleReconnect(error);
        throw error;
      }
      const wasDown = this.everConnected; // a reconnect, not the first connection
      this.everConnected = true;
      this.client = client;
      this.connected = true;
      this.connecting = null;
      this.retryMs = 250;
      if (wasDown) {
        logger.info("results LISTEN reconnected");
        deliverReset();
      }
      return client;
    })();
    return this.connecting;
  }

  private lost(client: pg.Client, error: unknown) {
    if (client !== this.client || this.stopped) return;
    this.connected = false;
    logger.warn("results LISTEN connection lost", { error: String(error) });
    client.removeAllListeners("end");
    client.end().catch(() => {});
    this.scheduleReconnect(error);
  }

  private scheduleReconnect(error: unknown) {
    if (this.stopped || this.timer) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 10_000);
    if (!this.everConnected) logger.warn("results LISTEN cannot connect yet", { retryMs: wait, error: String(error) });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect().catch(() => {});
    }, wait);
    this.timer.unref();
  }

  async notify(payload: string) {
    const client = await this.connect();
    await client.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
  }

  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    this.connected = false;
    if (client) {
      client.removeAllListeners("end");
      await client.end().catch(() => {});
    }
  }
}

function ensurePgListener(): PgListener {
  if (!bus.pg) {
    bus.pg = new PgListener(getEnv().DATABASE_URL);
    bus.pg.start();
    const listener = bus.pg;
    onShutdown("results LISTEN connection", async () => {
      await listener.stop();
      if (bus.pg === listener) bus.pg = null;
    });
  }
  return bus.pg;
}

/** Ends the LISTEN connection (tests; shutdown goes through shutdown.server.ts). */
export async function stopLiveBus() {
  await bus.pg?.stop();
  bus.pg = null;
}
