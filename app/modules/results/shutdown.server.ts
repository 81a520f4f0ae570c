import { logger } from "~/utils/logger.server";

// Long-lived things the results module opens (server-sent event streams, the PostgreSQL
// LISTEN connection, timers) register here; `shutdownResults()` closes them. server.mjs
// calls `build.shutdown()` (app/entry.server.tsx) on SIGTERM, which calls this.

type Hook = { name: string; run: () => void | Promise<void> };

const globalForHooks = globalThis as unknown as { __resultsShutdownHooks?: Set<Hook> };
const hooks: Set<Hook> = (globalForHooks.__resultsShutdownHooks ??= new Set());

/** Registers a closing step; returns a function that unregisters it. */
export function onShutdown(name: string, run: Hook["run"]): () => void {
  const hook = { name, run };
  hooks.add(hook);
  return () => hooks.delete(hook);
}

/** Runs every closing step once (errors are logged, never thrown). */
export async function shutdownResults(): Promise<void> {
  const all = [...hooks];
  hooks.clear();
  await Promise.all(
    all.map(async (hook) => {
      try {
        await hook.run();
      } catch (error) {
        logger.error("results shutdown step failed", { step: hook.name, error: String(error) });
      }
    }),
  );
}
