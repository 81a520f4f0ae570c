/**
 * 安康杯 benchmark (npm run bench:ankang), issue 15.
 *
 * 1. A provincial knowledge quiz through the API: the production server (server.mjs) on a free port
 *    against a fresh SQLite file; MEMBERS members (each an account with an API token) in 200 units.
 *    Two runs, each on a quiz of its own, each checked in the database (exactly one submitted attempt
 *    per member: none lost or doubled; a second submission refused with 409):
 *    (a) closed loop: every member starts the quiz (POST /api/v1/quizzes/{id}/start), then CLIENTS
 *        concurrent clients hand in every member's answers once (POST /api/v1/quizzes/{id}/answers),
 *        each client sending its next hand-in when the last is answered: the saturating rate, and its
 *        latency (which is mostly queueing behind the busy server).
 *    (b) open loop: every member starts the second quiz, then the hand-ins are sent on a schedule of
 *        RATE a second (default 2,000), whether or not earlier ones were answered, by a client in its
 *        own process (open-loop-client.mjs, raw keep-alive sockets, requests built before the clock
 *        starts); latency from each request's scheduled time, so a stall counts in every request it
 *        delays. The client's own CPU and lateness are printed beside the figures.
 *    Targets: ≥ 2,000 submissions/s, p99 ≤ 100 ms, one process.
 * 2. 10,000 units' sheets of 50 items to basic conditions, eligibility and ranking (the pure rules
 *    the standings use), in this process. Target ≤ 1 s.
 *
 * The server's CPU time per request (utime + stime of its process over a phase, divided by the
 * phase's requests) is printed beside the wall-clock figures: on this shared machine the rate and
 * the latency measure the load as much as the code, the CPU per request much less so.
 *
 *   node --import tsx scripts/bench/ankang.ts [--members 20000] [--clients 100] [--rate 2000] [--connections 256] [--rebuild] [--cpu-prof]
 *   (--cpu-prof writes a V8 profile of the server into tests/.tmp/ when it stops)
 */
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildIsFresh } from "./build.ts";
import { scoreSheet, type SheetDefinition, type SheetEntries } from "../../app/modules/ankang/sheet.ts";
import { basicConditions, rankUnits, titleEligibility } from "../../app/modules/ankang/eligibility.ts";
import { DEFAULT_ANKANG_SETTINGS } from "../../app/modules/ankang/settings.ts";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const MEMBERS = arg("members", 20_000);
const CLIENTS = arg("clients", 100);
/** the open-loop run's offered rate (hand-ins a second; 0: no open-loop run) and its client's connections */
const RATE = arg("rate", 2000);
const CONNECTIONS = arg("connections", 256);
const UNITS = 200;
const say = (m: string) => process.stdout.write(`${m}\n`);
const benchStarted = performance.now();

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

/** CPU seconds a process has used (Linux /proc; null elsewhere). */
function cpuSecondsOf(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return null;
  }
}

function ensureBuild() {
  if (buildIsFresh(root) && !process.argv.includes("--rebuild")) return say("build: reusing build/ (newer than app/; pass --rebuild to rebuild)");
  say("build: remix build …");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("remix build failed");
}

const QUESTIONS = Array.from({ length: 20 }, (_, i) => ({
  id: `bq${i}`, kind: i % 3 === 1 ? "multiple" : i % 3 === 2 ? "truefalse" : "single",
  options: i % 3 === 2 ? ["对", "错"] : ["甲", "乙", "丙", "丁"], answer: i % 3 === 1 ? ["A", "C"] : ["B"].map((x) => (i % 3 === 2 ? "A" : x)), points: 5,
}));

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
  await db.organisation.create({ data: { id: "bench-prov", name: "压测省总工会", type: "provincial", path: "/bench-prov/", depth: 0 } });
  await db.organisation.createMany({ data: Array.from({ length: UNITS }, (_, i) => ({ id: `bu${i}`, name: `压测企业${i}工会`, type: "grassroots", parentId: "bench-prov", path: `/bench-prov/bu${i}/`, depth: 1 })) });
  await db.ankangQuestion.createMany({ data: QUESTIONS.map((q) => ({ id: q.id, orgId: "bench-prov", kind: q.kind, stem: `题目 ${q.id}`, options: JSON.stringify(q.options), answer: JSON.stringify(q.answer), points: q.points })) });
  const now = Date.now();
  // two quizzes: the closed-loop run hands in to the first, the open-loop run to the second
  for (const [id, title] of [["bench-quiz", "压测知识竞赛"], ["bench-quiz-open", "压测知识竞赛（定速）"]]) {
    await db.ankangQuiz.create({ data: { id, orgId: "bench-prov", orgPath: "/bench-prov/", title, opensAt: new Date(now - 60_000), closesAt: new Date(now + 3_600_000), durationSeconds: 3600, questions: JSON.stringify(QUESTIONS), prizeMode: "draw" } });
  }
  const tokens: string[] = [];
  const BATCH = 1000;
  for (let start = 0; start < MEMBERS; start += BATCH) {
    const members = [];
    const users = [];
    const grants = [];
    const apiTokens = [];
    for (let i = start; i < Math.min(MEMBERS, start + BATCH); i++) {
      const idNumber = makeIdNumber("330106", { y: 1970 + (i % 30), m: 1 + (i % 12), d: 1 + (i % 28) }, i % 1000);
      const memberId = `bm${i}`;
      members.push({ id: memberId, name: `职工${i}`, sex: "男", ethnicity: "汉族", birthDate: new Date(1980, 0, 1), orgId: `bu${i % UNITS}`, ...protectIdNumber(idNumber) });
      users.push({ id: `bus${i}`, username: `bench_${i}`, displayName: `职工${i}`, passwordHash: "x", memberId });
      grants.push({ userId: `bus${i}`, roleKey: "worker", orgId: `bu${i % UNITS}` });
      const token = `gs_${crypto.randomBytes(30).toString("base64url")}`;
      apiTokens.push({ userId: `bus${i}`, name: "bench", prefix: token.slice(0, 10), tokenHash: hashToken(token) });
      tokens.push(token);
    }
    await db.member.createMany({ data: members });
    await db.user.createMany({ data: users });
    await db.roleGrant.createMany({ data: grants });
    await db.apiToken.createMany({ data: apiTokens });
  }
  await db.$disconnect();
  return { tokens };
}

async function waitHealthy(port: number, deadline = Date.now() + 240_000) {
  while (Date.now() < deadline) {
    const ok = await new Promise<boolean>((resolve) => {
      http.get({ host: "127.0.0.1", port, path: "/healthz" }, (res) => { res.resume(); resolve(res.statusCode === 200); }).on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy");
}

async function quizBench() {
  ensureBuild();
  const tmp = path.join(root, "tests", ".tmp");
  mkdirSync(tmp, { recursive: true });
  const file = path.join(tmp, `bench-ankang-${crypto.randomBytes(3).toString("hex")}.db`);
  const url = `file:${file}`;
  say(`database: ${path.relative(root, file)} (fresh); preparing ${MEMBERS} members with tokens …`);
  const { tokens } = await prepareDatabase(url);
  const port = await freePort();
  const profile = process.argv.includes("--cpu-prof") ? ["--cpu-prof", `--cpu-prof-dir=${tmp}`] : [];
  const server = spawn(process.execPath, [...profile, path.join(root, "server.mjs")], {
    cwd: root, stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", SECURE_COOKIES: "0" },
  });
  const stopped = new Promise((resolve) => server.once("exit", resolve));
  const cleanup = async () => {
    server.kill("SIGTERM");
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
  };
  try {
    await waitHealthy(port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
    const post = (p: string, token: string, body: string, via: http.Agent | false = agent) =>
      new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request({ host: "127.0.0.1", port, path: p, method: "POST", agent: via, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } }, (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c) => { text += c; });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const run = async (label: string, make: (i: number) => [string, string, string]) => {
      let next = 0;
      const ms: number[] = [];
      const statuses = new Map<number, number>();
      let retries = 0;
      const cpuBefore = cpuSecondsOf(server.pid);
      const started = performance.now();
      await Promise.all(Array.from({ length: CLIENTS }, async () => {
        while (next < MEMBERS) {
          const i = next++;
          const [p, token, body] = make(i);
          const t0 = performance.now();
          // a phone whose connection broke sends again (the server decides by the unique key: 200 or 409)
          let r = await post(p, token, body).catch(() => ({ status: -1, text: "" }));
          for (let retry = 0; r.status === -1 && retry < 3; retry++) {
            retries++;
            r = await post(p, token, body).catch(() => ({ status: -1, text: "" }));
          }
          ms.push(performance.now() - t0);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      }));
      const elapsed = (performance.now() - started) / 1000;
      const cpuAfter = cpuSecondsOf(server.pid);
      const cpuMs = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / (MEMBERS + retries) : null;
      ms.sort((a, b) => a - b);
      const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
      say(`${label}: ${(MEMBERS / elapsed).toFixed(0)} requests/s (${MEMBERS} in ${elapsed.toFixed(1)} s); p50 ${q(0.5).toFixed(1)} ms, p95 ${q(0.95).toFixed(1)} ms, p99 ${q(0.99).toFixed(1)} ms; statuses ${[...statuses].map(([k, v]) => `${k}×${v}`).join(", ")}; resent after a broken connection: ${retries}`);
      if (cpuMs !== null) say(`${" ".repeat(label.length)}  server CPU ${cpuMs.toFixed(2)} ms per request (${(cpuAfter! - cpuBefore!).toFixed(1)} s over ${elapsed.toFixed(1)} s) → about ${Math.floor(1000 / cpuMs)} requests/s on one free core; load ${os.loadavg()[0].toFixed(1)}`);
      return { rate: MEMBERS / elapsed, p99: q(0.99), ok: statuses.get(200) ?? 0, cpuMs };
    };
    say(`server: http://127.0.0.1:${port} (pid ${server.pid}); ${MEMBERS} members, one process`);
    const answers = (i: number) => JSON.stringify({ answers: Object.fromEntries(QUESTIONS.map((q, k) => [q.id, (i + k) % 4 === 0 ? ["D"] : q.answer])) });
    const { db } = await import("../../app/utils/db.server.ts");
    /** The database check of one quiz: exactly one submitted attempt per member, and a second hand-in refused. */
    const check = async (quizId: string, answered200: number) => {
      // on a new connection: the kept-alive ones may have been closed by the server while idle
      const again = await post(`/api/v1/quizzes/${quizId}/answers`, tokens[0]!, answers(0), false);
      const submitted = await db.ankangQuizAttempt.count({ where: { quizId, submittedAt: { not: null } } });
      const rows = await db.ankangQuizAttempt.count({ where: { quizId } });
      say(`database (${quizId}): ${submitted} submitted attempts, ${rows} attempt rows for ${MEMBERS} members (none lost: ${submitted === MEMBERS}; none doubled: ${rows === MEMBERS}); a second submission answers ${again.status}`);
      return { submitted, rows, again: again.status, exact: submitted === MEMBERS && rows === MEMBERS && again.status === 409 && answered200 === MEMBERS };
    };
    const verdict = (met: boolean) => (met ? "met" : "NOT MET");
    const machine = `${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}, Node ${process.version}, SQLite (embedded)`;

    // (a) closed loop: CLIENTS clients, each sends its next hand-in when the last is answered (the saturating rate)
    say(`(a) closed loop, ${CLIENTS} concurrent keep-alive clients in this process, quiz bench-quiz`);
    await run("start  ", (i) => ["/api/v1/quizzes/bench-quiz/start", tokens[i]!, "{}"]);
    const loadBefore = os.loadavg()[0];
    const submit = await run("answers", (i) => ["/api/v1/quizzes/bench-quiz/answers", tokens[i]!, answers(i)]);
    const closed = await check("bench-quiz", submit.ok);
    say(`machine:  ${machine}; load ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
    say(`target: ≥ 2,000 submissions/s      ${submit.rate.toFixed(0)}/s   ${verdict(submit.rate >= 2000)}`);
    say(`target: p99 ≤ 100 ms (closed loop) ${submit.p99.toFixed(1)} ms   ${verdict(submit.p99 <= 100)}`);
    say(`target: none lost or doubled       ${closed.submitted} submitted, ${closed.rows} rows, ${submit.ok} answered 200 of ${MEMBERS}; second hand-in ${closed.again}   ${verdict(closed.exact)}`);
    say(`target: one process                one server process (pid ${server.pid})   met`);
    if (submit.cpuMs !== null) say(`(load-insensitive figure: ${submit.cpuMs.toFixed(2)} ms of server CPU per hand-in, i.e. about ${Math.floor(1000 / submit.cpuMs)} hand-ins/s on one free core)`);

    // (b) open loop: hand-ins sent on a schedule of RATE a second whatever the replies, by a client in its own
    // process; each latency is measured from the request's scheduled time (coordinated omission counted)
    if (RATE > 0) {
      say(`(b) open loop at ${RATE} hand-ins/s, ${CONNECTIONS} keep-alive connections, client in its own process (scripts/bench/open-loop-client.mjs), quiz bench-quiz-open`);
      await run("start  ", (i) => ["/api/v1/quizzes/bench-quiz-open/start", tokens[i]!, "{}"]);
      const jobFile = path.join(tmp, `bench-ankang-open-${process.pid}.json`);
      writeFileSync(jobFile, JSON.stringify({ host: "127.0.0.1", port, rate: RATE, connections: CONNECTIONS, requests: tokens.map((token, i) => ({ path: "/api/v1/quizzes/bench-quiz-open/answers", token, body: answers(i) })) }));
      const openLoad = os.loadavg()[0];
      const cpuBefore = cpuSecondsOf(server.pid);
      const client = spawnSync(process.execPath, [path.join(root, "scripts", "bench", "open-loop-client.mjs"), jobFile], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 });
      const cpuAfter = cpuSecondsOf(server.pid);
      rmSync(jobFile, { force: true });
      if (client.status !== 0) throw new Error(`open-loop client failed (${client.status})`);
      const r = JSON.parse(client.stdout.trim().split("\n").pop()!) as {
        elapsedS: number; achievedRate: number; latencyMs: Record<string, number>; sendLagMs: Record<string, number>; timerLateMs: Record<string, number>; statuses: Record<string, number>; resent: number; clientCpuMs: number; clientCpuShare: number;
      };
      const serverCpuMs = cpuBefore !== null && cpuAfter !== null ? ((cpuAfter - cpuBefore) * 1000) / MEMBERS : null;
      say(`answers: offered ${RATE}/s, achieved ${r.achievedRate}/s (${MEMBERS} in ${r.elapsedS} s); from the scheduled time p50 ${r.latencyMs.p50} ms, p95 ${r.latencyMs.p95} ms, p99 ${r.latencyMs.p99} ms, max ${r.latencyMs.max} ms; statuses ${Object.entries(r.statuses).map(([k, v]) => `${k}×${v}`).join(", ")}; resent: ${r.resent}`);
      say(`         client: ${r.clientCpuMs} ms CPU over ${r.elapsedS} s (${Math.round(r.clientCpuShare * 100)} % of one core); its timer took requests up late by p50 ${r.timerLateMs.p50} ms, p99 ${r.timerLateMs.p99} ms, max ${r.timerLateMs.max} ms; written to a socket (after a wait for a free connection) late by p50 ${r.sendLagMs.p50} ms, p99 ${r.sendLagMs.p99} ms`);
      if (serverCpuMs !== null) say(`         server CPU ${serverCpuMs.toFixed(2)} ms per hand-in (${(cpuAfter! - cpuBefore!).toFixed(1)} s over ${r.elapsedS} s); load ${openLoad.toFixed(1)} → ${os.loadavg()[0].toFixed(1)}`);
      const open = await check("bench-quiz-open", r.statuses["200"] ?? 0);
      say(`target: ${RATE}/s offered, p99 ≤ 100 ms (open loop)   ${r.latencyMs.p99} ms at ${r.achievedRate}/s   ${verdict(r.latencyMs.p99 <= 100 && r.achievedRate >= RATE * 0.98)}`);
      say(`target: none lost or doubled (open loop)   ${open.submitted} submitted, ${open.rows} rows, ${r.statuses["200"] ?? 0} answered 200 of ${MEMBERS}; second hand-in ${open.again}   ${verdict(open.exact)}`);
    }
    agent.destroy();
    await db.$disconnect();
  } finally {
    await cleanup();
    say(`bench: ${((performance.now() - benchStarted) / 1000).toFixed(0)} s in all`);
  }
}

function sheetBench() {
  const sheet: SheetDefinition = {
    sections: Array.from({ length: 5 }, (_, s) => ({ code: `${s + 1}`, title: `部分${s + 1}`, items: Array.from({ length: 10 }, (_, i) => ({ code: `${s + 1}.${i + 1}`, title: `评分项${i + 1}`, maxPoints: 2, deduction: i === 0 ? { perMissing: 1, elements: ["甲", "乙"] } : null })) })),
    bonusItems: [{ code: "B1", title: "鼓励项", maxPoints: 2 }, { code: "B2", title: "鼓励项", maxPoints: 2 }],
    vetoItems: [{ code: "V1", title: "未组织开展竞赛活动" }],
  };
  const items = sheet.sections.flatMap((s) => s.items);
  let seed = 7;
  const rnd = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 4294967296);
  const units = Array.from({ length: 10_000 }, (_, u) => ({
    id: `u${String(u).padStart(5, "0")}`,
    entries: { items: items.map((i) => ({ itemCode: i.code, score: Math.round(i.maxPoints * (0.75 + rnd() * 0.25) * 2) / 2 })), bonus: rnd() < 0.3 ? [{ itemCode: "B1", score: 2 }] : [], vetoes: rnd() < 0.01 ? ["V1"] : [] } as SheetEntries,
  }));
  const started = performance.now();
  const scored = units.map((u) => {
    const r = scoreSheet(sheet, u.entries, DEFAULT_ANKANG_SETTINGS.bonusCap);
    const conditions = basicConditions({ hasCompetitionBody: true, hasPlan: true, seriousAccidents: [], selfAssessment: r }, DEFAULT_ANKANG_SETTINGS);
    const e = titleEligibility({ kind: "winnerUnit", level: "city", year: 2026, conditions, finalScore: r.total, fullMarks: 100, vetoes: r.vetoes, agreementSigned: true, history: [] }, DEFAULT_ANKANG_SETTINGS);
    return { unitId: u.id, score: r.total, eligible: e.eligible };
  });
  const ranked = rankUnits(scored);
  const ms = performance.now() - started;
  say(`sheets:  10,000 units × ${items.length} items → conditions, eligibility and ranking in ${ms.toFixed(0)} ms (${ranked.filter((r) => r.eligible).length} eligible)   target ≤ 1000 ms: ${ms <= 1000 ? "met" : "NOT MET"}`);
}

sheetBench();
quizBench().catch((error) => {
  console.error(error);
  process.exit(1);
});
