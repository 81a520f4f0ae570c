/**
 * Marks API benchmark (npm run bench:marks).
 *
 * The production server (server.mjs, the same build `npm start` serves) on a free port against a
 * fresh SQLite file: one event with ASPECTS aspects and ENTRANTS drawn blind codes, JUDGES judges each
 * with an API token and an assignment. Then JUDGES concurrent clients (one per judge, keep-alive, one
 * request in flight each, like a tablet) send `PUT /api/v1/events/{id}/marks` with a Bearer token and a
 * fresh idempotency key for DURATION seconds after a short warm-up. Every request goes the full way:
 * token → permission → zod → assignment and recusal → scoring-engine check → one transaction (mark,
 * idempotency key, event log). Prints the sustained rate, p50/p95/p99 latency and errors.
 * Targets: ≥ 1,000 marks/s and p99 < 100 ms.
 *
 *   node --import tsx scripts/bench/marks.ts [--duration 15] [--judges 100] [--rebuild]
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildIsFresh } from "./build.ts";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const JUDGES = arg("judges", 100);
const DURATION_S = arg("duration", 15);
const WARMUP_S = 3;
const ASPECTS = 20;
const ENTRANTS = 30;

const say = (m: string) => process.stdout.write(`${m}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

function ensureBuild() {
  // server.mjs and the build work together (e.g. the JSON body handed over in the load context): rebuild when app/ changed.
  if (buildIsFresh(root) && !process.argv.includes("--rebuild")) return say("build: reusing build/ (newer than app/; pass --rebuild to rebuild)");
  say("build: remix build …");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("remix build failed");
}

async function prepareDatabase(url: string) {
  const result = spawnSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root, env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" }, stdio: ["ignore", "ignore", "inherit"],
  });
  if (result.status !== 0) throw new Error("migrate failed");
  process.env.DATABASE_URL = url;
  process.env.SESSION_SECRET ??= "bench-session-secret";
  process.env.DATA_KEY ??= "6".repeat(64);
  const { db } = await import("../../app/utils/db.server.ts");
  const { seedRolesAndPermissions } = await import("../../prisma/seed.ts");
  const { hashToken } = await import("../../app/modules/users/api-tokens.server.ts");
  const { protectIdNumber } = await import("../../app/modules/members/id-protection.server.ts");
  const { makeIdNumber } = await import("../../app/modules/members/id-number.ts");
  await seedRolesAndPermissions();
  await db.organisation.create({ data: { id: "bench-city", name: "压测市总工会", type: "city", path: "/bench-city/", depth: 0 } });
  const units = Array.from({ length: ENTRANTS }, (_, i) => ({ id: `bench-u${i}`, name: `压测企业${i}工会`, type: "grassroots", parentId: "bench-city", path: `/bench-city/bench-u${i}/`, depth: 1 }));
  await db.organisation.createMany({ data: units });
  const aspects = Array.from({ length: ASPECTS }, (_, i) => ({ id: `a${i + 1}`, name: `评分点${i + 1}`, max: 10, kind: "judgement" }));
  const scheme = { components: [{ id: "prac", name: "实操", kind: "practical", weight: 1, modules: [{ id: "m", name: "模块", criteria: [{ id: "c", aspects }] }] }] };
  const contest = await db.contest.create({ data: { orgId: "bench-city", name: "压测竞赛", level: "city", contestClass: "二类" } });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "压测赛项", trade: "焊工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
  const session = await db.contestSession.create({ data: { eventId: event.id, name: "第一场", stationCount: ENTRANTS } });
  const codeIds: string[] = [];
  for (let i = 0; i < ENTRANTS; i++) {
    const idNumber = makeIdNumber("330106", { y: 1985, m: 1 + (i % 12), d: 1 + (i % 28) }, i);
    const member = await db.member.create({ data: { name: `选手${i}`, sex: "男", ethnicity: "汉族", birthDate: new Date(1985, 0, 1), orgId: units[i].id, ...protectIdNumber(idNumber) } });
    const registration = await db.registration.create({ data: { eventId: event.id, memberId: member.id, unitId: units[i].id, status: "approved" } });
    const code = await db.blindCode.create({ data: { eventId: event.id, registrationId: registration.id, entryNo: `E${i + 1}`, orderNo: i + 1, sessionId: session.id, stationNo: i + 1, stationCode: `B${String(i + 1).padStart(3, "0")}` } });
    codeIds.push(code.id);
  }
  const tokens: string[] = [];
  for (let j = 0; j < JUDGES; j++) {
    const user = await db.user.create({ data: { username: `bench_judge_${j}`, displayName: `压测裁判${j}`, passwordHash: "x" } });
    await db.roleGrant.create({ data: { userId: user.id, roleKey: "judge", orgId: "bench-city" } });
    const token = `gs_${crypto.randomBytes(30).toString("base64url")}`;
    await db.apiToken.create({ data: { userId: user.id, name: "bench", prefix: token.slice(0, 10), tokenHash: hashToken(token) } });
    await db.judgeAssignment.create({ data: { eventId: event.id, userId: user.id, sessionId: session.id } });
    tokens.push(token);
  }
  await db.$disconnect();
  return { eventId: event.id, codeIds, aspectIds: aspects.map((a) => a.id), tokens };
}

async function waitHealthy(port: number, deadline = Date.now() + 60_000) {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      http.get({ host: "127.0.0.1", port, path: "/healthz" }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy");
}

type Sample = { ms: number; status: number };

/** CPU seconds the server process has used (Linux /proc; null elsewhere). */
function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

async function main() {
  ensureBuild();
  const tmp = path.join(root, "tests", ".tmp");
  mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `bench-marks-${crypto.randomBytes(3).toString("hex")}.db`);
  const url = `file:${file}`;
  say(`database: ${path.relative(root, file)} (fresh)`);
  const data = await prepareDatabase(url);
  const port = await freePort();
  // --cpu-prof writes a V8 profile of the server into tests/.tmp/ (for tuning).
  const profile = process.argv.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${tmp}`] : [];
  // --server FILE runs another server entry (for experiments with the request path).
  const serverFile = process.argv.includes("--server") ? path.resolve(process.argv[process.argv.indexOf("--server") + 1]) : path.join(root, "server.mjs");
  const server = spawn(process.execPath, [...profile, serverFile], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", SECURE_COOKIES: "0" },
  });
  const cleanup = () => {
    server.kill("SIGTERM");
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  };
  try {
    await waitHealthy(port);
    say(`server: http://127.0.0.1:${port} (pid ${server.pid}); ${JUDGES} judges, ${ENTRANTS} entrants × ${ASPECTS} aspects; warm-up ${WARMUP_S} s, then ${DURATION_S} s`);
    const agent = new http.Agent({ keepAlive: true, maxSockets: JUDGES });
    const path_ = `/api/v1/events/${data.eventId}/marks`;
    const send = (token: string, body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, path: path_, method: "PUT", agent, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } }, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end(body);
      });
    const samples: Sample[] = [];
    const errors = new Map<string, number>();
    let measuring = false;
    let stop = false;
    const client = async (j: number) => {
      let n = j * 7;
      while (!stop) {
        const code = data.codeIds[n % data.codeIds.length];
        const aspect = data.aspectIds[Math.floor(n / data.codeIds.length) % data.aspectIds.length];
        n += 1;
        const body = JSON.stringify({ blindCodeId: code, aspectId: aspect, value: String((n % 21) / 2), idempotencyKey: crypto.randomUUID() });
        const started = performance.now();
        let status: number;
        try {
          status = await send(data.tokens[j], body);
        } catch (error) {
          status = -1;
          errors.set(String((error as Error).message), (errors.get(String((error as Error).message)) ?? 0) + 1);
        }
        if (measuring) {
          samples.push({ ms: performance.now() - started, status });
          if (status !== 200 && status !== -1) errors.set(`HTTP ${status}`, (errors.get(`HTTP ${status}`) ?? 0) + 1);
        }
      }
    };
    const clients = Array.from({ length: JUDGES }, (_, j) => client(j));
    await new Promise((r) => setTimeout(r, WARMUP_S * 1000));
    measuring = true;
    const cpuBefore = cpuSecondsOf(server.pid);
    const loadBefore = os.loadavg()[0];
    const started = performance.now();
    await new Promise((r) => setTimeout(r, DURATION_S * 1000));
    measuring = false;
    const elapsed = (performance.now() - started) / 1000;
    const cpuAfter = cpuSecondsOf(server.pid);
    stop = true;
    await Promise.all(clients);
    agent.destroy();

    const ok = samples.filter((s) => s.status === 200).map((s) => s.ms).sort((a, b) => a - b);
    const q = (p: number) => ok[Math.min(ok.length - 1, Math.floor(p * ok.length))] ?? NaN;
    const rate = ok.length / elapsed;
    const { db } = await import("../../app/utils/db.server.ts");
    const [marks, submissions, events] = await Promise.all([
      db.mark.count(), db.markSubmission.count(), db.event.count({ where: { action: { in: ["mark.entered", "mark.changed"] } } }),
    ]);
    await db.$disconnect();
    say("");
    say(`machine: ${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, Node ${process.version}, SQLite (embedded), ${JUDGES} concurrent judges`);
    say(`sustained: ${rate.toFixed(0)} marks/s (${ok.length} accepted in ${elapsed.toFixed(1)} s)   target ≥ 1000`);
    say(`latency:   p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms, max ${ok.at(-1)?.toFixed(1)} ms   target p99 < 100 ms`);
    say(`errors:    ${errors.size === 0 ? "none" : [...errors].map(([k, v]) => `${k} × ${v}`).join(", ")}`);
    if (cpuBefore !== null && cpuAfter !== null && ok.length > 0) {
      const cpuMs = ((cpuAfter - cpuBefore) * 1000) / samples.length;
      say(`server CPU: ${cpuMs.toFixed(2)} ms per request (${(cpuAfter - cpuBefore).toFixed(1)} s over ${elapsed.toFixed(1)} s) → about ${Math.floor(1000 / cpuMs)} requests/s on one free core`);
    }
    say(`load:      ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} (1-min load average; above ${os.cpus().length} the machine was shared and the rate above is not this code's capacity)`);
    say(`database:  ${marks} marks (distinct judge × entrant × aspect), ${submissions} idempotency keys, ${events} mark events`);
    say(`result:    ${rate >= 1000 && q(0.99) < 100 ? "targets met" : "TARGETS NOT MET"}`);
  } finally {
    cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
