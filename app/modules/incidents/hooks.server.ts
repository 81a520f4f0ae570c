import type { Tx } from "~/utils/db.server";
import type { Actor } from "~/utils/actor";

// What other domains do when an incident is recorded (劳动竞赛 resets, 安康杯 vetoes, withdrawn
// 工人先锋号 ...): each registers a function here; recordIncident calls every one inside the
// transaction that writes the incident, so the incident and its consequences land together
// (a hook that throws rolls the incident back with it).
// Register from a module file listed in ./hook-modules.server.ts, so that the hook is loaded
// wherever an incident can be recorded (page, API, seed). This file imports nothing of the
// other domains: they may import it without a cycle.

export type RecordedIncident = {
  id: string; orgId: string; orgPath: string; kind: string; severity: string | null;
  occurredOn: Date; title: string; description: string; casualties: number | null; recordedById: string | null; createdAt: Date;
};

export type IncidentHook = (tx: Tx, incident: RecordedIncident, actor: Actor) => Promise<void> | void;

const hooks = new Map<string, IncidentHook>();

/** Register (or replace, by name) a function run in the transaction of every recorded incident. */
export function onIncidentRecorded(fn: IncidentHook, name: string = fn.name || `hook-${hooks.size + 1}`) {
  hooks.set(name, fn);
  return () => { hooks.delete(name); };
}

export async function runIncidentRecordedHooks(tx: Tx, incident: RecordedIncident, actor: Actor) {
  for (const fn of hooks.values()) await fn(tx, incident, actor);
}
