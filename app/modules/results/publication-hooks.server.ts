import type { Tx } from "~/utils/db.server";
import type { Actor } from "~/utils/actor";
import type { OutcomeRule } from "~/modules/scoring";
import type { PublishedRow } from "./publication-rules";

// Hooks other domains hang on a results publication, without the results module knowing them
// (the same shape as the review chain's hooks, decision 011): after a publication (or a
// re-publication) is written and its certificates reconciled, in the same transaction, each
// registered function follows it, e.g. the honours register records 技术能手 titles and queues
// 五一劳动奖章 recommendations (rules S-62 … S-68, L-10). A hook that throws rolls the
// publication back. This file imports nothing of those domains; register from a module listed
// in ./publication-hook-modules.server.ts.

export type PublishedCertificate = { id: string; number: string; verifyCode: string; prize: string };

export type PublishedResults = {
  eventId: string;
  eventName: string;
  contest: { id: string; name: string; level: string; orgId: string; orgName: string };
  /** the year the results count for: the contest's first day in China time */
  year: number;
  version: number;
  publicationId: string;
  /** every row of the publication, with its outcomes (rule ids into `outcomes`) */
  rows: readonly PublishedRow[];
  /** the event's outcome rules as published (titles, promotions, nominations) */
  outcomes: readonly OutcomeRule[];
  /** the live individual certificate of each registration after this publication */
  certificates: ReadonlyMap<string, PublishedCertificate>;
};

export type PublicationHook = (tx: Tx, published: PublishedResults, actor: Actor) => Promise<void> | void;

const hooks = new Map<string, PublicationHook>();

/** Register (or replace, by name) a function run after each publication of results. */
export function onResultsPublished(name: string, fn: PublicationHook) {
  hooks.set(name, fn);
  return () => { hooks.delete(name); };
}

export async function runPublicationHooks(tx: Tx, published: PublishedResults, actor: Actor) {
  for (const fn of hooks.values()) await fn(tx, published, actor);
}
