// Tools of the blind-marking walk (blindness-walk.test.ts) for issue 10:
//  - the JOIN analysis (item 1, rule S-34): from everything a role was shown, the values shown
//    beside an admission number or a name, and those shown beside a station code; a value on
//    both sides that singles out some entrants on both sides joins people to codes;
//  - the SCOPE REPLAY (item 4): every route action and API write sent by a user of another
//    city against this city's data, with a dump of the whole database before and after.
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { db } from "~/utils/db.server";
import { ALL_OPERATIONS } from "~/modules/api/operations";

// ------------------------------------------------------------------ join analysis

export type Keys = {
  /** per entrant: the strings that name the person (admission number, name, registration id, member id) */
  identity: string[][];
  /** per entrant: the strings that name the code (station code, blind code id) */
  code: string[][];
};

type Side = Map<string, Set<number>>;

/** Values that say nothing about an entrant: flags, tiny numbers, empty strings. */
function informative(value: string) {
  if (value.length < 2) return false;
  if (/^(true|false|null|undefined)$/.test(value)) return false;
  if (/^-?\d{1,2}$/.test(value)) return false;
  return true;
}

/** The records of a shown text: every JSON object (with its nested non-list objects flattened), or the lines of plain text. */
function recordsOf(text: string): string[][] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.split(/\r?\n/).map((line) => line.split(/[\t,;|]+|\s{2,}/).map((s) => s.trim()).filter(Boolean));
  }
  const records: string[][] = [];
  const flatten = (value: unknown, into: string[]) => {
    if (value === null || value === undefined) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (typeof value === "object") {
      for (const v of Object.values(value as Record<string, unknown>)) flatten(v, into);
      return;
    }
    into.push(String(value));
  };
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (value === null || typeof value !== "object") return;
    const own: string[] = [];
    flatten(value, own);
    records.push(own);
  };
  visit(parsed);
  return records;
}

function indexOf(keys: string[][], fields: string[]): number[] {
  const found: number[] = [];
  keys.forEach((k, i) => {
    if (fields.some((f) => k.some((key) => f === key || (key.length >= 6 && f.includes(key))))) found.push(i);
  });
  return found;
}

/**
 * Which values join people to codes in what `texts` show one role. A value is a join when
 * the entrants it stands beside by identity and by code are both some but not all of them:
 * then each side narrows the other (a theory score, a check-in time, a session).
 */
export function joinsIn(texts: { route: string; text: string }[], keys: Keys, ignore: ReadonlySet<string>) {
  const n = keys.identity.length;
  const byIdentity: Side = new Map();
  const byCode: Side = new Map();
  const where = new Map<string, Set<string>>();
  const allKeys = new Set([...keys.identity.flat(), ...keys.code.flat()]);
  const add = (side: Side, value: string, entrants: number[], route: string) => {
    const set = side.get(value) ?? new Set<number>();
    for (const e of entrants) set.add(e);
    side.set(value, set);
    where.set(value, (where.get(value) ?? new Set()).add(route));
  };
  for (const { route, text } of texts) {
    for (const fields of recordsOf(text)) {
      const people = indexOf(keys.identity, fields);
      const codes = indexOf(keys.code, fields);
      // A record naming people AND codes is the mapping itself: the walk's name check covers it.
      if (people.length && codes.length) continue;
      for (const value of fields) {
        if (!informative(value) || allKeys.has(value) || ignore.has(value)) continue;
        if ([...allKeys].some((k) => k.length >= 6 && value.includes(k))) continue;
        if (people.length) add(byIdentity, value, people, route);
        if (codes.length) add(byCode, value, codes, route);
      }
    }
  }
  const joins: { value: string; people: number[]; codes: number[]; routes: string[] }[] = [];
  for (const [value, people] of byIdentity) {
    const codes = byCode.get(value);
    if (!codes) continue;
    if (people.size < n && codes.size < n) joins.push({ value, people: [...people], codes: [...codes], routes: [...(where.get(value) ?? [])] });
  }
  return joins;
}

// ------------------------------------------------------------------ database dump

/** Every row of every application table, as sorted JSON lines per table. */
export async function dumpDatabase(skip: ReadonlySet<string> = new Set()): Promise<Map<string, string[]>> {
  const postgres = (process.env.DATABASE_URL ?? "").startsWith("postgres");
  const tables = postgres
    ? (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = current_schema()`)).map((r) => r.name)
    : (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)).map((r) => r.name);
  const dump = new Map<string, string[]>();
  for (const table of tables.filter((t) => !t.startsWith("_prisma") && !skip.has(t)).sort()) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table}"`);
    // a token's last use is bookkeeping of authentication, not a change the request made
    for (const r of rows) delete r.lastUsedAt;
    dump.set(table, rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v))).sort());
  }
  return dump;
}

/** What changed between two dumps: per table, rows added and removed (a changed row is both). */
export function diffDumps(before: Map<string, string[]>, after: Map<string, string[]>) {
  const changes: { table: string; added: string[]; removed: string[] }[] = [];
  for (const table of new Set([...before.keys(), ...after.keys()])) {
    const b = new Set(before.get(table) ?? []);
    const a = new Set(after.get(table) ?? []);
    const added = [...a].filter((r) => !b.has(r));
    const removed = [...b].filter((r) => !a.has(r));
    if (added.length || removed.length) changes.push({ table, added: added.map((r) => r.slice(0, 300)), removed: removed.map((r) => r.slice(0, 300)) });
  }
  return changes;
}

// ------------------------------------------------------------------ replayed requests

/** A plausible value for a field, by its name: the target city's ids where the name says so. */
export function fillerFor(name: string, targets: Record<string, string>, kind: "string" | "number" | "boolean" = "string"): string | number | boolean {
  const key = name.replace(/\[\]$/, "");
  if (key in targets) return targets[key];
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(targets)) if (lower.endsWith(k.toLowerCase())) return v;
  if (kind === "number") return 1;
  if (kind === "boolean") return true;
  if (/date|at$|from|to$|until/i.test(key)) return "2030-01-01";
  if (/pin/i.test(key)) return "123456";
  if (/value|score|mark|count|seconds|weight|max|min|quota|size|topn|layer|no$/i.test(key)) return "1";
  return "跨区写入测试";
}

/** Field names and intents a route's source mentions: the form it would be sent. */
export function formsOf(file: string, routesDir: string, targets: Record<string, string>): Record<string, string>[] {
  const source = readFileSync(path.join(routesDir, file), "utf8");
  const names = new Set<string>();
  for (const m of source.matchAll(/name="([\w.[\]]+)"/g)) names.add(m[1]);
  for (const m of source.matchAll(/form(?:Data)?\.get(?:All)?\("([\w.]+)"\)/g)) names.add(m[1]);
  for (const m of source.matchAll(/name=\{?["'`]([\w.]+)["'`]\}?/g)) names.add(m[1]);
  names.delete("intent");
  const intents = new Set<string>();
  for (const m of source.matchAll(/intent\W{1,8}"([\w-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/name="intent"\s+value="([\w-]+)"/g)) intents.add(m[1]);
  for (const m of source.matchAll(/case "([\w-]+)"/g)) intents.add(m[1]);
  const base: Record<string, string> = {};
  for (const n of names) base[n] = String(fillerFor(n, targets));
  return [base, ...[...intents].map((intent) => ({ ...base, intent }))];
}

/** A JSON body for an operation, from its body schema's property names. */
export function bodyFor(schema: z.ZodType | undefined, targets: Record<string, string>): unknown {
  if (!schema) return {};
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  const build = (s: Record<string, unknown>, name: string): unknown => {
    if (Array.isArray(s.anyOf)) return build(s.anyOf.find((x: Record<string, unknown>) => x.type !== "null") ?? {}, name);
    if (Array.isArray(s.oneOf)) return build(s.oneOf[0] as Record<string, unknown>, name);
    if (Array.isArray(s.enum)) return s.enum[0];
    if (s.const !== undefined) return s.const;
    if (s.type === "object" || s.properties) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Record<string, unknown>>)) out[k] = build(v, k);
      return out;
    }
    if (s.type === "array") return [build((s.items ?? {}) as Record<string, unknown>, name)];
    if (s.type === "integer" || s.type === "number") return fillerFor(name, targets, "number");
    if (s.type === "boolean") return fillerFor(name, targets, "boolean");
    return fillerFor(name, targets);
  };
  return build(json, "body");
}

/** The API's writes: operation, URL with the target's ids, and a body. */
export function apiWrites(targets: Record<string, string>) {
  return ALL_OPERATIONS.filter((op) => op.method !== "get").map((op) => ({
    op,
    path: "/api/v1" + op.path.replace(/\{(\w+)\}/g, (_, p: string) => targets[p] ?? `no-${p}`),
    params: Object.fromEntries([...op.path.matchAll(/\{(\w+)\}/g)].map(([, p]) => [p, targets[p] ?? `no-${p}`])),
    body: bodyFor(op.body, targets),
  }));
}
