/**
 * 劳动竞赛 benchmark (npm run bench:labour), issue 14. On a fresh SQLite database:
 *   - one accepted project: 2,000 competing units (200 标段 × 9 工区 + the 标段 themselves), 26
 *     half-monthly periods, 10 indicators (6 scored by a committee of 3, 1 plan/actual quantity,
 *     1 safe-days, 2 bonus/deduction), about a million score rows and 5,000 events, inserted in bulk;
 *   - in this process: the full recompute of every period's board and the year-end roll-up from the
 *     loaded facts (target ≤ 1 s), and the time to load the facts;
 *   - the production server (server.mjs) on a free port: a period board of 2,000 units over HTTP
 *     (GET /api/v1/labour/projects/{id}/periods/{id}/board) against a static file of the same size
 *     served by the same server (target ≤ 1.5 ×), and one new inspection score (POST …/scores, one
 *     entry) followed by the updated board (target ≤ 10 ms on the server for the two together). The
 *     server's own time of each request (arrival in server.mjs → last byte handed to the socket) is
 *     read from its request log; the target counts as met only when that time for the pair AND the
 *     client's wall time (send of the POST → last byte of the GET) are both ≤ 10 ms at p50.
 * Prints the figures (docs/performance.md, "劳动竞赛 (issue 14)") with the load average.
 *
 *   node --import tsx scripts/bench/labour.ts [--keep]
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildIsFresh } from "./build.ts";

const SECTIONS = 200;
const AREAS_PER_SECTION = 9;
const PERIODS_FROM = "2026-01-01";
const PERIODS_TO = "2027-01-31"; // 26 half-months
const MEMBERS = ["bench-m1", "bench-m2", "bench-m3"];
const EVENTS = 5_000;
const ROUNDS = 200;

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const tmp = path.join(root, "tests", ".tmp");
mkdirSync(tmp, { recursive: true });
const dbFile = path.join(tmp, `bench-labour-${process.pid}.db`);
const url = `file:${dbFile}`;
Object.assign(process.env, { DATABASE_URL: url, NODE_ENV: "production", SESSION_SECRET: "bench-labour-session-secret", DATA_KEY: process.env.DATA_KEY ?? "6".repeat(64), LOG_LEVEL: "warn", PRISMA_HIDE_UPDATE_MESSAGE: "1" });

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
/** The CPU time (user + system) a child process has used so far, from /proc (Linux), in ms; null elsewhere. */
function serverCpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const tick = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
  } catch {
    return Number.NaN;
  }
}
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

const INDICATORS = [
  { key: "party", name: "比党建引领", weight: 1000, method: "rubric", max: 10000, role: "other" },
  { key: "quality", name: "比工程质量", weight: 1000, method: "rubric", max: 10000, role: "quality" },
  { key: "management", name: "比科学管理", weight: 1000, method: "rubric", max: 10000, role: "other" },
  { key: "innovation", name: "比技术创新", weight: 1000, method: "rubric", max: 10000, role: "other" },
  { key: "excellence", name: "创优质工程", weight: 1000, method: "rubric", max: 10000, role: "quality" },
  { key: "team", name: "比队伍建设", weight: 1000, method: "rubric", max: 10000, role: "other" },
  { key: "progress", name: "比工程进度", weight: 1000, method: "quantity", max: 10000, role: "progress" },
  { key: "safedays", name: "安全天数", weight: 1000, method: "safe-days", max: 10000, role: "other" },
  { key: "safety", name: "比安全生产", weight: 1000, method: "events", max: 10000, role: "safety" },
  { key: "civilised", name: "比文明施工", weight: 1000, method: "events", max: 10000, role: "civic" },
];
const RUBRIC = INDICATORS.filter((i) => i.method === "rubric").map((i) => i.key);

// ---------------------------------------------------------------- data
async function seedData() {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  migrate(url);
  const { db } = await import("../../app/utils/db.server.ts");
  const { seedRolesAndPermissions } = await import("../../prisma/seed.ts");
  const { createApiToken } = await import("../../app/modules/users/api-tokens.server.ts");
  const { loadUserForToken, hashPassword } = await import("../../app/utils/auth.server.ts");
  const { periodsBetween } = await import("../../app/modules/labour/periods.ts");
  const { defaultSettings } = await import("../../app/modules/labour/settings.ts");
  const { DEFAULT_EVENT_TABLE } = await import("../../app/modules/labour/event-table.ts");
  await seedRolesAndPermissions();
  const org = await db.organisation.create({ data: { id: "bench-org", name: "压测基层工会", type: "grassroots", path: "/bench-org/", depth: 0 } });
  const passwordHash = await hashPassword("bench-password-2026");
  for (const id of MEMBERS) {
    await db.user.create({ data: { id, username: id, displayName: `考评委员${id.slice(-1)}`, passwordHash } });
    await db.roleGrant.create({ data: { userId: id, roleKey: "labour_committee", orgId: org.id } });
  }
  await db.roleGrant.create({ data: { userId: MEMBERS[0], roleKey: "labour_organiser", orgId: org.id } });
  const token = (await createApiToken((await loadUserForToken(MEMBERS[0], "bench"))!, { name: "bench" }, { userId: MEMBERS[0], requestId: null })).token;
  const round = await db.reviewRound.create({ data: { subjectType: "competition.project", title: "压测轮次", topOrgId: org.id } });
  const spans = periodsBetween(PERIODS_FROM, PERIODS_TO, "half-month");
  if (spans.length !== 26) throw new Error(`expected 26 half-monthly periods, got ${spans.length}`);
  const project = await db.labourProject.create({
    data: {
      id: "bench-project", orgId: org.id, name: "压测重点工程劳动竞赛", owner: "压测业主", startDate: PERIODS_FROM, endDate: PERIODS_TO, frequency: "half-month",
      indicatorSet: JSON.stringify({ name: "十项指标", indicators: INDICATORS }), settings: JSON.stringify(defaultSettings("project")),
    },
  });
  const submission = await db.reviewSubmission.create({ data: { roundId: round.id, subjectType: "competition.project", subjectId: project.id, title: project.name, submitterOrgId: org.id, levels: JSON.stringify([org.id]), status: "approved" } });
  await db.labourProject.update({ where: { id: project.id }, data: { submissionId: submission.id } });
  await db.$disconnect();

  const { default: Database } = await import("better-sqlite3");
  const raw = new Database(dbFile);
  const now = new Date().toISOString().replace("Z", "+00:00");
  const rnd = random(20261207);
  const units: string[] = [];
  let rows = 0;
  raw.transaction(() => {
    const entry = raw.prepare(`INSERT INTO "LabourRosterEntry" (id, projectId, kind, name, parentId, createdAt) VALUES (?, ?, ?, ?, ?, ?)`);
    const period = raw.prepare(`INSERT INTO "LabourPeriod" (id, projectId, seq, label, fromDate, toDate, status) VALUES (?, ?, ?, ?, ?, ?, 'open')`);
    const score = raw.prepare(`INSERT INTO "LabourScore" (id, periodId, unitId, indicatorKey, byId, value, plan, actual, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const event = raw.prepare(`INSERT INTO "LabourEvent" (id, projectId, unitId, date, typeKey, points, amount, note, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?)`);
    entry.run("bench-unit", project.id, "unit", "压测参建单位", null, now);
    for (let s = 0; s < SECTIONS; s++) {
      const sid = `s${s}`;
      entry.run(sid, project.id, "section", `${s + 1}标段`, "bench-unit", now);
      units.push(sid);
      for (let a = 0; a < AREAS_PER_SECTION; a++) {
        const aid = `a${s}-${a}`;
        entry.run(aid, project.id, "area", `${s + 1}标段${a + 1}工区`, sid, now);
        units.push(aid);
      }
    }
    spans.forEach((span, p) => {
      const pid = `p${p + 1}`;
      period.run(pid, project.id, p + 1, span.label, span.from, span.to);
      for (const u of units) {
        const level = 0.7 + rnd() * 0.28;
        for (const m of MEMBERS) for (const k of RUBRIC) {
          score.run(`${pid}-${u}-${k}-${m}`, pid, u, k, m, Math.min(10000, Math.round((level + (rnd() - 0.5) * 0.04) * 100) * 100), null, null, now);
          rows++;
        }
        score.run(`${pid}-${u}-progress`, pid, u, "progress", "quantity", null, 100, 80 + Math.floor(rnd() * 40), now);
        rows++;
      }
    });
    const first = new Date(`${PERIODS_FROM}T00:00:00Z`).getTime();
    const days = (new Date(`${PERIODS_TO}T00:00:00Z`).getTime() - first) / 86_400_000;
    for (let e = 0; e < EVENTS; e++) {
      const type = DEFAULT_EVENT_TABLE[Math.floor(rnd() * DEFAULT_EVENT_TABLE.length)];
      const date = new Date(first + Math.floor(rnd() * days) * 86_400_000).toISOString().slice(0, 10);
      event.run(`e${e}`, project.id, units[Math.floor(rnd() * units.length)], date, type.key, type.points, type.amount ?? 0, now);
    }
  })();
  raw.close();
  return { token, projectId: project.id, units, rows, periods: spans.length };
}

// ---------------------------------------------------------------- server
function ensureBuild() {
  if (buildIsFresh(root) && !process.argv.includes("--rebuild")) return;
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

/**
 * The time on the server of each request the bench names (X-Request-Id bench-…), in ms: server.mjs
 * logs every request at level info with its time from the request's arrival in its handler to the
 * last byte handed to the socket (res.on("finish"), beginRequest), to 0.1 ms; the bench reads those
 * lines from the server's stdout. (The server otherwise runs at LOG_LEVEL=warn: one log line per
 * request costs it a JSON.stringify and a write, a few µs.)
 */
const serverMs = new Map<string, number>();

function readServerLog(child: ChildProcess) {
  let rest = "";
  child.stdout!.setEncoding("utf8");
  child.stdout!.on("data", (chunk: string) => {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop()!;
    for (const line of lines) {
      if (!line.includes('"requestId":"bench-')) {
        if (line.includes('"level":"error"')) process.stderr.write(line + "\n");
        continue;
      }
      const entry = JSON.parse(line) as { msg: string; requestId: string; ms: number };
      if (entry.msg === "request") serverMs.set(entry.requestId, entry.ms);
    }
  });
}

/** The server's times of the named requests (waiting up to 2 s for their log lines). */
async function serverTimes(ids: string[]): Promise<number[]> {
  for (let i = 0; i < 200 && ids.some((id) => !serverMs.has(id)); i++) await new Promise((r) => setTimeout(r, 10));
  const missing = ids.filter((id) => !serverMs.has(id));
  if (missing.length) throw new Error(`no server log line for ${missing.length} requests (${missing[0]} …)`);
  return ids.map((id) => serverMs.get(id)!);
}

async function startServer(port: number): Promise<ChildProcess> {
  const profile = process.argv.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${tmp}`] : [];
  const child = spawn(process.execPath, [...profile, path.join(root, "server.mjs")], { cwd: root, stdio: ["ignore", "pipe", "inherit"], env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "info" } });
  readServerLog(child);
  for (let i = 0; i < 600; i++) {
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

async function timeGet(target: string, headers: Record<string, string> = {}): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const res = await fetch(target, { headers });
  const body = await res.arrayBuffer();
  if (!res.ok) throw new Error(`${target}: ${res.status} ${Buffer.from(body).toString().slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: body.byteLength };
}

async function main() {
  console.log(`劳动竞赛 benchmark: ${SECTIONS * (AREAS_PER_SECTION + 1)} units × 26 half-monthly periods × ${INDICATORS.length} indicators, ${EVENTS} events (${os.cpus().length} cores, Node ${process.version})`);
  let started = performance.now();
  const { token, projectId, units, rows } = await seedData();
  console.log(`data: ${units.length} units, ${rows.toLocaleString()} score rows, ${EVENTS} events inserted in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  // ---- the full recompute, in this process
  const { loadProjectFacts, computeBoards, computeYearEnd } = await import("../../app/modules/labour/labour.server.ts");
  started = performance.now();
  const facts = await loadProjectFacts(projectId);
  const loadMs = performance.now() - started;
  const recompute: number[] = [];
  let ranked = 0;
  let awards = 0;
  const recomputeCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const boards = computeBoards(facts);
    const year = computeYearEnd(facts, boards);
    const c1 = process.cpuUsage(c0);
    recompute.push(performance.now() - t0);
    recomputeCpu.push((c1.user + c1.system) / 1000);
    ranked = boards.reduce((n, b) => n + b.ranked.length, 0);
    awards = year.awards.length;
  }
  const recomputeMs = median(recompute);
  const loadBefore = os.loadavg()[0];
  console.log(`load of the facts from SQLite: ${fmt(loadMs)}`);
  const recomputeCpuMs = median(recomputeCpu);
  console.log(`full recompute of 26 period boards (${ranked.toLocaleString()} ranked rows) and the year-end roll-up (${awards} awards): median of 5 ${fmt(recomputeMs)} wall (runs ${recompute.map((m) => m.toFixed(0)).join(", ")} ms), ${fmt(recomputeCpuMs)} CPU (runs ${recomputeCpu.map((m) => m.toFixed(0)).join(", ")} ms)   target ≤ 1000 ms: ${recomputeMs <= 1000 ? "met" : recomputeCpuMs <= 1000 ? "NOT MET on wall time, met on CPU time (the machine is loaded)" : "NOT MET"}`);
  const { db } = await import("../../app/utils/db.server.ts");
  await db.$disconnect();

  // ---- over HTTP
  ensureBuild();
  const port = await freePort();
  const server = await startServer(port);
  const base = `http://127.0.0.1:${port}`;
  const auth = { Authorization: `Bearer ${token}` };
  const staticName = `bench-labour-${process.pid}.json`;
  const staticPath = path.join(root, "public", staticName);
  const periodId = "p13";
  const boardUrl = `${base}/api/v1/labour/projects/${projectId}/periods/${periodId}/board`;
  try {
    started = performance.now();
    const first = await timeGet(boardUrl, auth);
    console.log(`first board request (loads the project's facts, computes the period): ${fmt(performance.now() - started)}, ${(first.bytes / 1e6).toFixed(2)} MB`);
    writeFileSync(staticPath, Buffer.from(await (await fetch(boardUrl, { headers: auth })).arrayBuffer()));
    for (let i = 0; i < 30; i++) {
      await timeGet(`${base}/${staticName}`);
      await timeGet(boardUrl, auth);
    }
    const boardTimes: number[] = [];
    const staticTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const s = await timeGet(`${base}/${staticName}`);
      const b = await timeGet(boardUrl, { ...auth, "X-Request-Id": `bench-board-${process.pid}-${i}` });
      if (s.bytes !== b.bytes) throw new Error(`sizes differ: ${s.bytes} vs ${b.bytes}`);
      staticTimes.push(s.ms);
      boardTimes.push(b.ms);
    }
    const ratio = median(boardTimes) / median(staticTimes);
    const cachedServer = await serverTimes(Array.from({ length: ROUNDS }, (_, i) => `bench-board-${process.pid}-${i}`));

    // one new inspection score → the updated board
    const updates: number[] = [];
    const posts: number[] = [];
    const gets: number[] = [];
    const parses: number[] = [];
    const postIds: string[] = [];
    const getIds: string[] = [];
    const cpuBefore = serverCpuMs(server.pid);
    for (let i = 0; i < 50; i++) {
      const unitId = units[(i * 37) % units.length];
      const value = (60 + (i % 40)).toFixed(2);
      const [postId, getId] = [`bench-post-${process.pid}-${i}`, `bench-get-${process.pid}-${i}`];
      postIds.push(postId);
      getIds.push(getId);
      const t0 = performance.now();
      const res = await fetch(`${base}/api/v1/labour/projects/${projectId}/periods/${periodId}/scores`, {
        method: "POST", headers: { ...auth, "Content-Type": "application/json", "X-Request-Id": postId }, body: JSON.stringify({ entries: [{ unitId, indicatorKey: "party", value }] }),
      });
      if (!res.ok) throw new Error(`score: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
      const t1 = performance.now();
      const board = await fetch(boardUrl, { headers: { ...auth, "X-Request-Id": getId } });
      const body = await board.arrayBuffer();
      const t2 = performance.now();
      // the client's parse of the 0.61 MB board is its own work, after the last byte: timed apart
      const json = JSON.parse(Buffer.from(body).toString()) as { rows: { unitId: string; scores: Record<string, number> }[] };
      parses.push(performance.now() - t2);
      const row = json.rows.find((r) => r.unitId === unitId)!;
      // the mean of three members' scores, one of them the new score: the board must show the change
      if (i > 0 && row === undefined) throw new Error("unit missing from the board");
      posts.push(t1 - t0);
      gets.push(t2 - t1);
      updates.push(t2 - t0);
    }
    const updateCpuMs = (serverCpuMs(server.pid) - cpuBefore) / 50;
    const postServer = await serverTimes(postIds);
    const getServer = await serverTimes(getIds);
    const pairServer = postServer.map((ms, i) => ms + getServer[i]).sort((a, b) => a - b);
    const check = await (await fetch(boardUrl, { headers: auth })).json() as { rows: { unitId: string; scores: Record<string, number> }[] };
    const { db: db2 } = await import("../../app/utils/db.server.ts");
    const lastUnit = units[(49 * 37) % units.length];
    const stored = await db2.labourScore.findMany({ where: { periodId, unitId: lastUnit, indicatorKey: "party" }, select: { value: true } });
    const mean = Math.round(stored.reduce((s, r) => s + r.value!, 0) / stored.length);
    const shown = check.rows.find((r) => r.unitId === lastUnit)!.scores.party;
    await db2.$disconnect();
    updates.sort((a, b) => a - b);

    console.log("");
    console.log(`period board JSON (${units.length} units, ${(first.bytes / 1e6).toFixed(2)} MB): median ${fmt(median(boardTimes))}; static file of the same size: median ${fmt(median(staticTimes))}; ratio ${ratio.toFixed(2)} over ${ROUNDS} requests each   target ≤ 1.5: ${ratio <= 1.5 ? "met" : "NOT MET"}; the unchanged board on the server: p50 ${fmt(median(cachedServer))}`);
    // the target (issue 14: ≤ 10 ms on the server) counts as met only when both the server's time of
    // the pair (arrival to last byte handed to the socket, POST + GET) and the client's wall time are ≤ 10 ms at p50
    const serverP50 = quantile(pairServer, 0.5);
    const wallP50 = quantile(updates, 0.5);
    const verdict = serverP50 <= 10 && wallP50 <= 10 ? "met" : serverP50 <= 10 ? "NOT MET (server time met, wall time not: the machine is loaded?)" : "NOT MET";
    console.log(`one new inspection score → updated period board (POST …/scores + GET …/board, loopback), 50 scores:`);
    console.log(`  on the server (arrival → last byte to the socket): POST + GET p50 ${fmt(serverP50)}, p95 ${fmt(quantile(pairServer, 0.95))}; POST p50 ${fmt(median(postServer))}, p95 ${fmt(quantile([...postServer].sort((a, b) => a - b), 0.95))}; GET p50 ${fmt(median(getServer))}, p95 ${fmt(quantile([...getServer].sort((a, b) => a - b), 0.95))}`);
    console.log(`  wall (client, send of the POST → last byte of the GET): p50 ${fmt(wallP50)}, p95 ${fmt(quantile(updates, 0.95))}; POST median ${fmt(median(posts))}, GET median ${fmt(median(gets))} (the client's JSON.parse of the board after it, not counted: median ${fmt(median(parses))})`);
    console.log(`  server CPU per score + board ${Number.isNaN(updateCpuMs) ? "n/a" : fmt(updateCpuMs)}`);
    console.log(`  target ≤ 10 ms: server time p50 ${fmt(serverP50)} / p95 ${fmt(quantile(pairServer, 0.95))}, wall p50 ${fmt(wallP50)}, server CPU ${Number.isNaN(updateCpuMs) ? "n/a" : fmt(updateCpuMs)}: ${verdict}`);
    console.log(`board after the last score shows the mean of the stored scores: ${shown === mean ? "yes" : `NO (${shown} vs ${mean})`}`);
    console.log(`load average: ${loadBefore.toFixed(2)} before the HTTP part, ${os.loadavg().map((l) => l.toFixed(2)).join(", ")} at the end`);
  } finally {
    rmSync(staticPath, { force: true });
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    if (process.argv.includes("--keep")) console.log(`database kept: ${dbFile}`);
    else for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
  }
}

await main();
process.exit(0);
