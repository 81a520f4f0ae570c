import { createHash } from "node:crypto";

// 抽签 (draws), pure and reproducible (rules S-33, S-34, S-36).
//
// A draw is a function of (its input, its seed) and nothing else: the same seed and
// the same entrants give the same outcome whatever order the entrants arrive in,
// because every input is put in a canonical order first. The seed is generated with
// crypto randomness by the server (draws.server.ts) and recorded with who ran the draw
// and when, so anyone allowed to see the seed can recompute the draw and check it.
//
// Randomness: SHA-256 in counter mode over the seed (a deterministic random bit
// generator anyone can re-implement from this description), uniform integers by
// rejection sampling (no modulo bias), permutations by Fisher–Yates.
//
// Round 1 (S-33 "round 1 sets the draw order"): the approved entrants, sorted by
//   admission number, are shuffled; position k in the shuffle is the draw order k and
//   the 参赛号 (entry number) k.
// Round 2 (S-36, S-34): the entrants, sorted by entry number, are shuffled and spread
//   over the sessions as evenly as their station counts allow; within a session each
//   gets a 赛位号 (station number, drawn from 1..stationCount) and an order of
//   appearance; each also gets a 工位号/竞赛成果号 (station code): a random code of at
//   least three digits, unique in the event, that says nothing about the entry number,
//   the session or the station.

export const DRAW_ALGORITHM = "sha256-ctr/fisher-yates/v1";

export class DrawError extends Error {
  constructor(public code: "capacity" | "no_sessions" | "no_entrants" | "bad_seed" | "duplicate", message: string) {
    super(message);
    this.name = "DrawError";
  }
}

const SEED_PATTERN = /^[0-9a-f]{32,128}$/;

export function assertSeed(seed: string): string {
  if (!SEED_PATTERN.test(seed)) throw new DrawError("bad_seed", "随机种子必须是 32–128 位小写十六进制 / the seed must be 32–128 lowercase hex digits");
  return seed;
}

/** A deterministic stream of random integers from a hex seed and a label (one stream per use). */
export function seededRandom(seed: string, label: string) {
  assertSeed(seed);
  const key = Buffer.from(seed, "hex");
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;

  function nextUint32(): number {
    if (offset + 4 > block.length) {
      const c = Buffer.alloc(8);
      c.writeBigUInt64BE(BigInt(counter++));
      block = createHash("sha256").update(key).update(label, "utf8").update(c).digest();
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  }

  /** A uniform integer in [0, n), by rejection sampling. */
  function int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) throw new RangeError(`bad range ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = nextUint32();
      if (v < limit) return v % n;
    }
  }

  return { int, nextUint32 };
}

/** Fisher–Yates with the seeded stream: a new array, the input untouched. */
export function shuffle<T>(items: readonly T[], random: { int(n: number): number }): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function assertUnique(values: string[], what: string) {
  if (new Set(values).size !== values.length) throw new DrawError("duplicate", `${what}重复 / duplicate ${what}`);
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");

// ---------------------------------------------------------------- round 1

export type DrawEntrant = { registrationId: string; admissionNo: string };
export type EntryNumber = { registrationId: string; admissionNo: string; drawOrder: number; entryNo: string };

/** Round 1 (rule S-33): draw order and 参赛号 for every entrant. */
export function drawEntryNumbers(entrants: readonly DrawEntrant[], seed: string): EntryNumber[] {
  if (entrants.length === 0) throw new DrawError("no_entrants", "没有可抽签的已审核报名 / no approved entrants to draw");
  assertUnique(entrants.map((e) => e.registrationId), "报名");
  assertUnique(entrants.map((e) => e.admissionNo), "准考证号");
  const canonical = [...entrants].sort((a, b) => compareText(a.admissionNo, b.admissionNo));
  const shuffled = shuffle(canonical, seededRandom(seed, "round1:entry-numbers"));
  const width = Math.max(3, String(shuffled.length).length);
  return shuffled.map((e, i) => ({ registrationId: e.registrationId, admissionNo: e.admissionNo, drawOrder: i + 1, entryNo: pad(i + 1, width) }));
}

// ---------------------------------------------------------------- round 2

export type DrawSession = { id: string; name: string; stationCount: number; sortOrder: number };
export type StationAssignment = {
  registrationId: string;
  entryNo: string;
  sessionId: string;
  /** 赛位号 within the session */
  stationNo: number;
  /** order of appearance within the session, from 1 */
  orderNo: number;
  /** 工位号 / 竞赛成果号 */
  stationCode: string;
};

/**
 * How many entrants each session takes: as even as the station counts allow (water
 * filling), earlier sessions taking the remainder. Sessions in canonical order.
 */
export function sessionQuotas(total: number, capacities: readonly number[]): number[] {
  const capacity = capacities.reduce((s, c) => s + c, 0);
  if (total > capacity) throw new DrawError("capacity", `赛位不足：${total} 名选手，只有 ${capacity} 个赛位 / not enough stations: ${total} entrants, ${capacity} stations`);
  const quotas = capacities.map(() => 0);
  let left = total;
  while (left > 0) {
    const open = capacities.map((c, i) => i).filter((i) => quotas[i] < capacities[i]);
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      if (left === 0) break;
      const take = Math.min(share, capacities[i] - quotas[i], left);
      quotas[i] += take;
      left -= take;
    }
  }
  return quotas;
}

/** Digits of the station codes: at least 3, and a space at least ten times the field, so codes are sparse. */
export const stationCodeWidth = (entrants: number) => Math.max(3, String(entrants * 10).length);

/** Round 2 (rules S-34, S-36): session, 赛位号, order within the session and 工位号 for every entrant. */
export function drawSessionsAndStations(entries: readonly { registrationId: string; entryNo: string }[], sessions: readonly DrawSession[], seed: string): StationAssignment[] {
  if (entries.length === 0) throw new DrawError("no_entrants", "没有可抽签的选手 / no entrants to draw");
  if (sessions.length === 0) throw new DrawError("no_sessions", "请先设置场次和赛位数 / set up the sessions and their stations first");
  assertUnique(entries.map((e) => e.registrationId), "报名");
  assertUnique(entries.map((e) => e.entryNo), "参赛号");
  assertUnique(sessions.map((s) => s.id), "场次");
  const canonicalEntries = [...entries].sort((a, b) => compareText(a.entryNo, b.entryNo));
  const canonicalSessions = [...sessions].sort((a, b) => a.sortOrder - b.sortOrder || compareText(a.id, b.id));
  const quotas = sessionQuotas(canonicalEntries.length, canonicalSessions.map((s) => Math.max(0, s.stationCount)));

  const random = seededRandom(seed, "round2:sessions-stations");
  const shuffled = shuffle(canonicalEntries, random);
  const placed: Omit<StationAssignment, "stationCode">[] = [];
  let next = 0;
  canonicalSessions.forEach((session, s) => {
    const group = shuffled.slice(next, next + quotas[s]);
    next += quotas[s];
    const stations = shuffle(Array.from({ length: session.stationCount }, (_, i) => i + 1), random).slice(0, group.length);
    group.forEach((e, i) => placed.push({ registrationId: e.registrationId, entryNo: e.entryNo, sessionId: session.id, stationNo: stations[i], orderNo: i + 1 }));
  });

  // Codes in the order of the canonical entries, so a code depends on the seed only.
  const width = stationCodeWidth(canonicalEntries.length);
  const low = 10 ** (width - 1);
  const span = 9 * low;
  const codeRandom = seededRandom(seed, "round2:station-codes");
  const used = new Set<number>();
  const codeOf = new Map<string, string>();
  for (const e of canonicalEntries) {
    let n: number;
    do n = low + codeRandom.int(span);
    while (used.has(n));
    used.add(n);
    codeOf.set(e.registrationId, String(n));
  }
  return placed
    .map((p) => ({ ...p, stationCode: codeOf.get(p.registrationId)! }))
    .sort((a, b) => compareText(a.entryNo, b.entryNo));
}

/** Both rounds as one outcome, keyed by registration. */
export type DrawOutcome = { round1: EntryNumber[]; round2: StationAssignment[] };

export function runDraw(entrants: readonly DrawEntrant[], sessions: readonly DrawSession[], seeds: { round1: string; round2: string }): DrawOutcome {
  const round1 = drawEntryNumbers(entrants, seeds.round1);
  const round2 = drawSessionsAndStations(round1, sessions, seeds.round2);
  return { round1, round2 };
}
