/**
 * Leaderboard benchmark (npm run bench:leaderboard). On a fresh SQLite database:
 *   - an event of 10,000 entrants (blind codes, 2 judges × 4 practical aspects = 80,000 marks, theory
 *     scores), inserted in bulk;
 *   - the production server (server.mjs, production build) started as a child process;
 *   - GET leaderboard JSON vs GET of a static JSON file of the same byte size in public/, served by the
 *     same server in the same run: median time of each and the ratio (target ≤ 1.5);
 *   - 1,000 open SSE subscribers; a mark corrected through the API (the chief judge's correction, as in
 *     the browser) → the time until each subscriber has the change: p50 / p99 (target p99 ≤ 1 s);
 *   - the server's peak resident memory, VmHWM from /proc/<pid>/status (target ≤ 300 MB).
 * Loopback only; every loop is bounded. Prints the figures (docs/performance.md, "Leaderboards"), with the
 * server's memory after each stage. Options: --cpu-prof / --heap-prof (V8 profiles of the server into
 * tests/.tmp/), --keep (leave the database for experiments).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildIsFresh } from "./build.ts";

const ENTRANTS = 10_000;
const JUDGES = ["bench-judge-1", "bench-judge-2"];
const ASPECTS = [{ id: "P1", max: 3000 }, { id: "P2", max: 3000 }, { id: "P3", max: 2000 }, { id: "P4", max: 2000 }];
const SUBSCRIBERS = 1_000;
const TIMING_ROUNDS = 200;
const CHANGES = 5;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const tmp = path.join(root, "tests", ".tmp");
mkdirSync(tmp, { recursive: true });
const dbFile = path.join(tmp, `bench-leaderboard-${process.pid}.db`);
const url = `file:${dbFile}`;
Object.assign(process.env, { DATABASE_URL: url, NODE_ENV: "production", SESSION_SECRET: "bench-leaderboard-session-secret", DATA_KEY: process.env.DATA_KEY ?? "6".repeat(64), LOG_LEVEL: "warn", PRISMA_HIDE_UPDATE_MESSAGE: "1" });

const { migrate, bin } = (await import(path.join(root, "scripts", "lib.mjs"))) as { migrate: (url: string) => void; bin: (name: string) => string };

function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

// ---------------------------------------------------------------- data
async function seedData() {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  migrate(url);
  const { db } = await import("../../app/utils/db.server.ts");
  const { seedRolesAndPermissions } = await import("../../prisma/seed.ts");
  const { createApiToken } = await import("../../app/modules/users/api-tokens.server.ts");
  const { loadUserForToken, hashPassword } = await import("../../app/utils/auth.server.ts");
  await seedRolesAndPermissions();
  const org = await db.organisation.create({ data: { id: "bench-org", name: "基准测试市总工会", type: "city", path: "/bench-org/", depth: 0 } });
  const chief = await db.user.create({ data: { username: "bench-chief", displayName: "裁判长", passwordHash: await hashPassword("bench-password-2026") } });
  await db.roleGrant.create({ data: { userId: chief.id, roleKey: "chief_judge", orgId: org.id } });
  const token = (await createApiToken((await loadUserForToken(chief.id, "bench"))!, { name: "bench" }, { userId: chief.id, requestId: null })).token;
  const scheme = {
    components: [
      { id: "T", name: "理论", kind: "theory", weight: "0.3", modules: [{ id: "T1", criteria: [{ id: "T1c", aspects: [{ id: "paper", name: "理论", max: 100, kind: "measurement" }] }] }] },
      { id: "P", name: "实操", kind: "practical", weight: "0.7", modules: [{ id: "P1", criteria: [{ id: "P1c", aspects: ASPECTS.map((a) => ({ id: a.id, name: a.id, max: a.max / 100, kind: "judgement" })) }] }] },
    ],
  };
  const contest = await db.contest.create({ data: { id: "bench-contest", orgId: org.id, name: "万人大赛（基准测试）", level: "city", contestClass: "一类", status: "running", visibility: "public" } });
  const event = await db.contestEvent.create({ data: { id: "bench-event", contestId: contest.id, name: "万人赛项", trade: "车工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
  const rnd = random(20260601);
  const ids = Array.from({ length: ENTRANTS }, (_, i) => String(i).padStart(5, "0"));
  const marks = ids.flatMap((n) => {
    const level = 0.5 + rnd() * 0.45;
    return JUDGES.flatMap((j) => ASPECTS.map((a) => ({ id: `k${n}-${j}-${a.id}`, n, judgeId: j, aspectId: a.id, value: Math.min(a.max, Math.round((level + (rnd() - 0.5) * 0.1) * a.max)) })));
  });
  // Bulk insert in one transaction straight into SQLite (Prisma stores DateTime as ISO text).
  const { default: Database } = await import("better-sqlite3");
  const raw = new Database(dbFile);
  const now = new Date().toISOString().replace("Z", "+00:00");
  raw.transaction(() => {
    const member = raw.prepare(`INSERT INTO "Member" (id, name, sex, ethnicity, birthDate, idNumberCipher, idNumberHash, idNumberMasked, orgId, createdAt, updatedAt) VALUES (?, ?, '男', '汉族', '1990-01-01T00:00:00.000+00:00', 'bench', ?, 'bench', ?, ?, ?)`);
    const registration = raw.prepare(`INSERT INTO "Registration" (id, eventId, memberId, unitId, status, admissionNo, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'approved', ?, ?, ?)`);
    const code = raw.prepare(`INSERT INTO "BlindCode" (id, eventId, registrationId, entryNo, orderNo, stationNo, stationCode, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const sheet = raw.prepare(`INSERT INTO "ScoreSheet" (id, eventId, judgeId, blindCodeId, status, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'submitted', ?, ?)`);
    const mark = raw.prepare(`INSERT INTO "Mark" (id, sheetId, eventId, blindCodeId, judgeId, aspectId, value, enteredAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const theory = raw.prepare(`INSERT INTO "TheoryScore" (id, eventId, registrationId, value, source, createdAt, updatedAt) VALUES (?, ?, ?, ?, 'import', ?, ?)`);
    for (const [k, n] of ids.entries()) {
      member.run(`m${n}`, `选手${n}`, `bench-${n}`, org.id, now, now);
      registration.run(`r${n}`, event.id, `m${n}`, org.id, `Z${n}`, now, now);
      code.run(`c${n}`, event.id, `r${n}`, `E${n}`, k, k, `S${n}`, now);
      for (const j of JUDGES) sheet.run(`s${n}-${j}`, event.id, j, `c${n}`, now, now);
      theory.run(`t${n}`, event.id, `r${n}`, Math.round((0.6 + rnd() * 0.4) * 100) * 100, now, now);
    }
    // Marks entered over the last two hours, as during a contest.
    const started = Date.now() - 2 * 3_600_000;
    for (const [k, m] of marks.entries()) {
      const at = new Date(started + Math.floor((k / marks.length) * 2 * 3_600_000)).toISOString().replace("Z", "+00:00");
      mark.run(m.id, `s${m.n}-${m.judgeId}`, event.id, `c${m.n}`, m.judgeId, m.aspectId, m.value, at, at);
    }
  })();
  raw.close();
  await db.signOff.create({ data: { eventId: event.id, byId: chief.id, signatureName: "裁判长" } });
  await db.$disconnect();
  return { token, eventId: event.id, marks };
}

// ---------------------------------------------------------------- server
function ensureBuild() {
  if (buildIsFresh(root)) return;
  console.log("building (remix build) …");
  const result = spawnSync(bin("remix"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("remix build failed");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  // --cpu-prof / --heap-prof write V8 profiles of the server into tests/.tmp/ (for tuning).
  const profile = [
    ...(process.argv.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${tmp}`] : []),
    ...(process.argv.includes("--heap-prof") ? ["--heap-prof", `--heap-prof-dir=${tmp}`] : []),
  ];
  const child = spawn(process.execPath, [...profile, path.join(root, "server.mjs")], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" } });
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error("server exited");
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("server did not start");
}

const statusMb = (pid: number, field: "VmHWM" | "VmRSS") => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
};
const peakRssMb = (pid: number) => statusMb(pid, "VmHWM");
/** Resident and peak memory of the server after each stage (where the peak comes from). */
const memoryStages: string[] = [];
const noteMemory = (pid: number, stage: string) =>
  memoryStages.push(`${stage}: rss ${statusMb(pid, "VmRSS").toFixed(0)} MB, peak ${statusMb(pid, "VmHWM").toFixed(0)} MB`);

// ---------------------------------------------------------------- measurements
async function timeGet(target: string): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(target);
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${target}: ${res.status}`);
  return { ms: performance.now() - started, bytes: body.byteLength };
}

type Subscriber = { hello: boolean; received: Map<number, number>; close: () => void };

/**
 * One SSE subscriber on a plain node:http request (a 'data' listener and a string buffer): the
 * 1,000 subscribers share the machine with the server, so the client must cost far less than
 * what it measures (fetch with a web stream and an async iterator per subscriber did not).
 */
function subscribe(target: string, onHello: () => void): Subscriber {
  const sub: Subscriber = { hello: false, received: new Map(), close: () => request.destroy() };
  let closing = false;
  const request = http.get(target, { headers: { Accept: "text/event-stream" }, agent: false }, (res) => {
    if (res.statusCode !== 200) {
      feedErrors.push(`feed answered ${res.statusCode}`);
      res.resume();
      return;
    }
    res.setEncoding("utf8");
    let buffer = "";
    res.on("data", (chunk: string) => {
      const now = performance.now();
      buffer += chunk;
      let cut: number;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (block.startsWith("retry") || block.startsWith(":")) continue;
        const event = /^event: (\w+)/m.exec(block)?.[1];
        if (event === "hello") {
          sub.hello = true;
          onHello();
        } else if (event === "patch" || event === "reload" || event === "board") {
          const at = Number(/"at":(\d+)/.exec(block)?.[1] ?? 0);
          sub.received.set(sub.received.size, now);
          lastServerAt.set(sub, at);
        }
      }
    });
  });
  request.on("error", (error) => {
    if (!closing) feedErrors.push(String(error));
  });
  sub.close = () => {
    closing = true;
    request.destroy();
  };
  return sub;
}
const lastServerAt = new Map<Subscriber, number>();
const feedErrors: string[] = [];

async function main() {
  console.log(`Leaderboard benchmark: ${ENTRANTS.toLocaleString()} entrants, ${SUBSCRIBERS} subscribers (${os.cpus().length} cores, Node ${process.version})`);
  let started = performance.now();
  const { token, eventId, marks } = await seedData();
  console.log(`data: ${marks.length.toLocaleString()} marks inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  ensureBuild();
  const port = await freePort();
  const server = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const staticName = `bench-leaderboard-${process.pid}.json`;
  const staticPath = path.join(root, "public", staticName);
  try {
    noteMemory(server.pid!, "started");
    started = performance.now();
    const first = await timeGet(`${base}/api/v1/events/${eventId}/leaderboard`);
    console.log(`first request (loads and ranks the event, builds the board): ${fmt(performance.now() - started)}, ${(first.bytes / 1e6).toFixed(2)} MB`);
    // A static file of exactly the same size.
    const body = Buffer.from(await (await fetch(`${base}/api/v1/events/${eventId}/leaderboard`)).arrayBuffer());
    writeFileSync(staticPath, body);
    noteMemory(server.pid!, "board built");
    for (let i = 0; i < 30; i++) {
      await timeGet(`${base}/${staticName}`);
      await timeGet(`${base}/api/v1/events/${eventId}/leaderboard`);
    }
    const boardTimes: number[] = [];
    const staticTimes: number[] = [];
    for (let i = 0; i < TIMING_ROUNDS; i++) {
      const s = await timeGet(`${base}/${staticName}`);
      const b = await timeGet(`${base}/api/v1/events/${eventId}/leaderboard`);
      if (s.bytes !== b.bytes) throw new Error(`sizes differ: ${s.bytes} vs ${b.bytes}`);
      staticTimes.push(s.ms);
      boardTimes.push(b.ms);
    }
    const ratio = median(boardTimes) / median(staticTimes);
    noteMemory(server.pid!, `${TIMING_ROUNDS * 2 + 60} requests`);

    // 1,000 subscribers
    let hellos = 0;
    let allHello!: () => void;
    const ready = new Promise<void>((r) => (allHello = r));
    const subs: Subscriber[] = [];
    started = performance.now();
    for (let i = 0; i < SUBSCRIBERS; i++) {
      subs.push(subscribe(`${base}/api/v1/events/${eventId}/feed`, () => {
        if (++hellos === SUBSCRIBERS) allHello();
      }));
    }
    await Promise.race([ready, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${hellos} subscribers connected; errors: ${[...new Set(feedErrors)].slice(0, 3).join(" | ")}`)), 60_000))]);
    console.log(`${SUBSCRIBERS} subscribers connected in ${fmt(performance.now() - started)}`);
    noteMemory(server.pid!, `${SUBSCRIBERS} subscribers`);

    // Mark corrections through the API (middle of the field: moves the entrant a few places).
    const latencies: number[] = [];
    const fanOut: number[] = [];
    const perChange: string[] = [];
    for (let c = 0; c < CHANGES; c++) {
      const n = String(2_000 + c * 1_500).padStart(5, "0");
      const mark = marks.find((m) => m.id === `k${n}-${JUDGES[0]}-P1`)!;
      const value = ((mark.value + (mark.value + 150 <= 3000 ? 150 : -150)) / 100).toFixed(2);
      const before = subs.map((s) => s.received.size);
      const t0 = performance.now();
      const epoch0 = Date.now();
      const res = await fetch(`${base}/api/v1/marks/${mark.id}/corrections`, {
        method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body: JSON.stringify({ value, reason: "基准测试更正" }),
      });
      if (!res.ok) throw new Error(`correction: ${res.status} ${await res.text()}`);
      mark.value = Math.round(Number(value) * 100);
      const deadline = performance.now() + 10_000;
      while (subs.some((s, i) => s.received.size <= before[i]) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const these = subs.map((s, i) => (s.received.size > before[i] ? s.received.get(before[i])! - t0 : Number.POSITIVE_INFINITY));
      const missing = these.filter((v) => !Number.isFinite(v)).length;
      const serverAt = Math.min(...subs.map((s) => lastServerAt.get(s) ?? Number.POSITIVE_INFINITY));
      these.sort((a, b) => a - b);
      latencies.push(...these);
      const pushStart = serverAt - epoch0; // server: correction received → board re-ranked → first byte queued
      for (const v of these) fanOut.push(v - pushStart);
      perChange.push(`change ${c + 1}: p50 ${fmt(quantile(these, 0.5))}, p99 ${fmt(quantile(these, 0.99))}, max ${fmt(these[these.length - 1])}${missing ? ` (${missing} missed)` : ""}; board pushed ${fmt(pushStart)} after the request`);
      await new Promise((r) => setTimeout(r, 300));
    }
    latencies.sort((a, b) => a - b);
    fanOut.sort((a, b) => a - b);
    const rss = peakRssMb(server.pid!);
    noteMemory(server.pid!, `${CHANGES} changes pushed`);

    console.log("");
    console.log(`leaderboard JSON (${(first.bytes / 1e6).toFixed(2)} MB): median ${fmt(median(boardTimes))}; static file of the same size: median ${fmt(median(staticTimes))}; ratio ${ratio.toFixed(2)} (target ≤ 1.5) over ${TIMING_ROUNDS} requests each`);
    for (const line of perChange) console.log(line);
    console.log(`update to ${SUBSCRIBERS} subscribers (mark correction request → event received), ${CHANGES} changes: p50 ${fmt(quantile(latencies, 0.5))}, p99 ${fmt(quantile(latencies, 0.99))} (target ≤ 1 s)`);
    console.log(`  of which fan-out (server pushes → received by all): p50 ${fmt(quantile(fanOut, 0.5))}, p99 ${fmt(quantile(fanOut, 0.99))}`);
    console.log(`server peak memory (VmHWM): ${rss.toFixed(0)} MB (target ≤ 300 MB)`);
    console.log(`  by stage: ${memoryStages.join("; ")}`);
    console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(", ")}`);
    for (const s of subs) s.close();
  } finally {
    rmSync(staticPath, { force: true });
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    // --keep leaves the database for experiments (its path is printed).
    if (process.argv.includes("--keep")) console.log(`database kept: ${dbFile}`);
    else for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  }
}

await main();
process.exit(0);
