/**
 * Nominations benchmark (npm run bench:nominations). On a fresh SQLite database, a national-style
 * round (issue 13): 43 nominating bodies, 30,000 grass-roots candidates, and at each body a list of
 * 300 that reached it. Measured in this process, server-side (the service functions the routes call):
 *   - the ratio panel of a 300-name list after one change (a candidate held back / put back):
 *     p50 / p99 over 400 changes (target p99 ≤ 10 ms);
 *   - the whole round's list validation, every level's list against every rule (target ≤ 1 s):
 *     answered from the lists' tallies, after a change made here, and after a change written by
 *     another process (the whole round reloaded);
 *   - the 3,000-name public notice over HTTP from the production server (server.mjs, built first when
 *     app/ is newer than build/): the interactive page (/notices/:code, with the objection form) and the
 *     printable page (/notices/:code/print), each against a static file of its own bytes from the same
 *     server, interleaved, NOTICE_ROUNDS (500) requests each, median and p90 of the time to last byte
 *     and the server's CPU time per request (target ≤ 1.5×).
 * Besides wall time, each measure gives the CPU time of this process (process.cpuUsage, user + system,
 * all threads: the database engine's too), which a loaded machine inflates less than wall time.
 * Every loop is bounded; the run takes a few minutes. Prints each target with its figure and met / not
 * met at the end (docs/performance.md, "Nominations"). --keep leaves the database.
 */
import { mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { buildIsFresh } from "./build.ts";

const BODIES = 43;
const CANDIDATES = 30_000;
const LIST = 300;
const CHANGES = 400;
const NOTICE_NAMES = 3_000;
const NOTICE_ROUNDS = Number(process.env.NOTICE_ROUNDS ?? 500);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..", "..");
const tmp = path.join(root, "tests", ".tmp");
mkdirSync(tmp, { recursive: true });
const dbFile = path.join(tmp, `bench-nominations-${process.pid}.db`);
const url = `file:${dbFile}`;
Object.assign(process.env, { DATABASE_URL: url, NODE_ENV: "production", SESSION_SECRET: "bench-nominations-session-secret", DATA_KEY: process.env.DATA_KEY ?? "7".repeat(64), LOG_LEVEL: "warn", PRISMA_HIDE_UPDATE_MESSAGE: "1" });
for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
const { migrate } = (await import(path.join(root, "scripts", "lib.mjs"))) as { migrate: (url: string) => void };
migrate(url);

const { db } = await import("../../app/utils/db.server.ts");
const { seedRolesAndPermissions } = await import("../../prisma/seed.ts");
const { loadUserForToken } = await import("../../app/utils/auth.server.ts");
const { setHeldBack, getLevelList, validateRound, SUBJECT_TYPE } = await import("../../app/modules/nominations/nominations.server.ts");
const { writeHold } = await import("../../app/modules/nominations/hold-writer.server.ts");
const { DEFAULT_RATIO_RULES, CATEGORIES } = await import("../../app/modules/nominations/domain.ts");
const os = await import("node:os");

function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(13);
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
/** CPU time of this process (user + system, every thread) in ms. */
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const load = () => os.loadavg().map((x) => x.toFixed(1)).join(" ");
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary: { target: string; figure: string; met: boolean }[] = [];
console.log(`load average at start: ${load()} (${os.cpus().length} cores)`);
const chunk = <T,>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

// ---------------------------------------------------------------- the production server (for the notice pages)
function ensureBuild() {
  if (buildIsFresh(root) && !process.argv.includes("--rebuild")) return;
  console.log("building (remix build) …");
  const result = spawnSync(path.join(root, "node_modules", ".bin", "remix"), ["build"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
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
  const child = spawn(process.execPath, [path.join(root, "server.mjs")], { cwd: root, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, PORT: String(port), HOST: "127.0.0.1" } });
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

// ---------------------------------------------------------------- data
const t0 = performance.now();
await seedRolesAndPermissions();
const top = await db.organisation.create({ data: { id: "b-top", name: "中华全国总工会", type: "national", path: "/b-top/", depth: 0 } });
const bodies = Array.from({ length: BODIES }, (_, i) => ({ id: `b-body-${i}`, name: `推荐单位${i + 1}`, type: "provincial", parentId: top.id, path: `/b-top/b-body-${i}/`, depth: 1 }));
await db.organisation.createMany({ data: bodies });
const perBody = Math.ceil(CANDIDATES / BODIES);
const units = bodies.flatMap((b) => Array.from({ length: 10 }, (_, j) => ({ id: `${b.id}-u${j}`, name: `${b.name}基层工会${j + 1}`, type: "grassroots", parentId: b.id, path: `${b.path}${b.id}-u${j}/`, depth: 2, ownership: j % 3 === 0 ? "非公" : "公有" })));
for (const part of chunk(units, 500)) await db.organisation.createMany({ data: part });
const manager = await db.user.create({ data: { username: "bench-manager", displayName: "bench", passwordHash: "x" } });
await db.roleGrant.create({ data: { userId: manager.id, roleKey: "admin", orgId: top.id } });
// A grant at the top cannot act at a lower level of the chain (mayActAtLevel): the measured
// body's list is worked by its own reviewer.
await db.roleGrant.create({ data: { userId: manager.id, roleKey: "reviewer", orgId: bodies[7].id } });
const user = (await loadUserForToken(manager.id, "bench"))!;

const round = await db.reviewRound.create({ data: { id: "b-round", subjectType: SUBJECT_TYPE, title: "全国五一劳动奖推荐（bench）", topOrgId: top.id, reviewingTypes: JSON.stringify(["provincial"]) } });
const campaign = await db.campaign.create({ data: { id: "b-campaign", roundId: round.id, awards: JSON.stringify(["奖状", "奖章", "先锋号"]), level: "national", year: 2026, ratioRules: JSON.stringify(DEFAULT_RATIO_RULES) } });
for (const b of bodies) await db.reviewQuota.create({ data: { roundId: round.id, orgId: b.id, category: "", limit: 400 } });

const personCategories = CATEGORIES.filter((c) => c !== "县处级干部");
const nominations: Record<string, unknown>[] = [];
const submissions: Record<string, unknown>[] = [];
let count = 0;
for (const b of bodies) {
  for (let k = 0; k < perBody && count < CANDIDATES; k++, count++) {
    const unit = `${b.id}-u${k % 10}`;
    const award = rnd() < 0.7 ? "奖章" : rnd() < 0.5 ? "先锋号" : "奖状";
    const individual = award === "奖章";
    const id = `b-n-${count}`;
    const atBody = k < LIST;
    nominations.push({
      id, campaignId: campaign.id, award, kind: individual ? "individual" : "collective", orgId: unit, name: `候选人${count}`, sex: rnd() < 0.3 ? "女" : "男", ethnicity: rnd() < 0.1 ? "回族" : "汉族",
      birthMonth: `${1966 + Math.floor(rnd() * 35)}-0${1 + Math.floor(rnd() * 9)}`, education: pick(["大学本科", "大学专科", "中专/高中"]), unitType: pick(["企业", "企业", "企业", "事业", "机关"]),
      ownership: rnd() < 0.4 ? "非公" : "公有", category: individual ? pick(personCategories) : "", isMigrantWorker: individual && rnd() < 0.12, isTeamOrOffice: !individual && rnd() < 0.75,
      deedsShort: "扎根一线，技术攻关成绩突出。".repeat(3), status: atBody ? "submitted" : "draft", submissionId: atBody ? `b-s-${count}` : null,
    });
    if (atBody) {
      submissions.push({ id: `b-s-${count}`, roundId: round.id, subjectType: SUBJECT_TYPE, subjectId: id, title: `候选人${count}`, category: individual ? String(nominations.at(-1)!.category) : award, submitterOrgId: unit, levels: JSON.stringify([b.id, top.id]), currentLevel: 0, status: "pending" });
    }
  }
}
for (const part of chunk(nominations, 1000)) await db.nomination.createMany({ data: part as never });
for (const part of chunk(submissions, 1000)) await db.reviewSubmission.createMany({ data: part as never });
console.log(`data: ${BODIES} bodies, ${count} candidates, ${submissions.length} on the bodies' lists (${LIST} each), ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// ---------------------------------------------------------------- ratio panel after one change
const body = bodies[7];
const listed = (await getLevelList(user, campaign.id, body.id)).rows.map((r) => r.id);
if (listed.length !== LIST) throw new Error(`expected a list of ${LIST}, got ${listed.length}`);
const actor = { userId: manager.id, requestId: null };
const times: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < CHANGES; i++) {
  const id = listed[i % listed.length];
  const heldBack = Math.floor(i / listed.length) % 2 === 0;
  const c = process.cpuUsage();
  const start = performance.now();
  const panel = await setHeldBack(user, campaign.id, body.id, id, heldBack, actor);
  times.push(performance.now() - start);
  cpu.push(cpuMs(process.cpuUsage(c)));
  if (panel.results.length < DEFAULT_RATIO_RULES.length) throw new Error("panel incomplete");
}
const sorted = [...times].sort((a, b) => a - b);
const sortedCpu = [...cpu].sort((a, b) => a - b);
const panelP99 = quantile(sorted, 0.99);
console.log(`ratio panel after one change (${LIST}-name list, ${CHANGES} changes): p50 ${fmt(quantile(sorted, 0.5))}, p99 ${fmt(panelP99)}, max ${fmt(sorted.at(-1)!)}; CPU p50 ${fmt(quantile(sortedCpu, 0.5))}, p99 ${fmt(quantile(sortedCpu, 0.99))} (target p99 ≤ 10 ms; load ${load()})`);
summary.push({ target: "ratio panel of a 300-name list after one change, p99 ≤ 10 ms", figure: `p99 ${fmt(panelP99)} wall (CPU p99 ${fmt(quantile(sortedCpu, 0.99))})`, met: panelP99 <= 10 });
// What part of those figures is the synced commit (the hold's row and event, one transaction,
// synchronous = FULL): the same writes alone, without the stamp or the panel, each candidate held
// back and put back again (the list ends as it was; the cached list reloads on its next read).
{
  const commitWall: number[] = [];
  const commitCpu: number[] = [];
  for (let i = 0; i < 200; i++) {
    const c = process.cpuUsage();
    const start = performance.now();
    await writeHold(listed[Math.floor(i / 2)], i % 2 === 0, body.id, actor);
    commitWall.push(performance.now() - start);
    commitCpu.push(cpuMs(process.cpuUsage(c)));
  }
  commitWall.sort((a, b) => a - b);
  commitCpu.sort((a, b) => a - b);
  console.log(`  of which the synced commit alone (row + event, 200 writes): p50 ${fmt(quantile(commitWall, 0.5))}, p99 ${fmt(quantile(commitWall, 0.99))}, max ${fmt(commitWall.at(-1)!)}; CPU p50 ${fmt(quantile(commitCpu, 0.5))}, p99 ${fmt(quantile(commitCpu, 0.99))}`);
}

// ---------------------------------------------------------------- whole-round validation
// (1) the first call after the changes above (the round's lists are not loaded yet: cold, two
// queries for the whole round); (2) after one change made through the service (a hold: the round
// answers from the tallies the change moved); (3) after a change written straight to the database,
// as another process would (the stamp moves: the whole round is reloaded).
const timed = async <T,>(fn: () => Promise<T>) => {
  const c = process.cpuUsage();
  const start = performance.now();
  const value = await fn();
  return { value, wall: performance.now() - start, cpu: cpuMs(process.cpuUsage(c)) };
};
let lists = 0;
const cold = await timed(() => validateRound(user, campaign.id));
lists = cold.value.length;
const afterHold = { wall: [] as number[], cpu: [] as number[] };
const afterOutside = { wall: [] as number[], cpu: [] as number[] };
for (let i = 0; i < 10; i++) {
  await setHeldBack(user, campaign.id, body.id, listed[i], i % 2 === 0, actor);
  const r = await timed(() => validateRound(user, campaign.id));
  if (r.value.length !== lists) throw new Error("lists changed");
  afterHold.wall.push(r.wall); afterHold.cpu.push(r.cpu);
}
for (let i = 0; i < 5; i++) {
  await db.nomination.update({ where: { id: listed[100 + i] }, data: { heldBack: i % 2 === 0 } });
  const r = await timed(() => validateRound(user, campaign.id));
  afterOutside.wall.push(r.wall); afterOutside.cpu.push(r.cpu);
}
console.log(`whole-round validation (${lists} lists): first call ${fmt(cold.wall)} (CPU ${fmt(cold.cpu)}); after a change made here, median ${fmt(med(afterHold.wall))}, worst ${fmt(Math.max(...afterHold.wall))} (CPU median ${fmt(med(afterHold.cpu))}); after a change by another process (whole round reloaded), median ${fmt(med(afterOutside.wall))}, worst ${fmt(Math.max(...afterOutside.wall))} (CPU median ${fmt(med(afterOutside.cpu))}) (target ≤ 1 s; load ${load()})`);
const worstValidation = Math.max(cold.wall, ...afterHold.wall, ...afterOutside.wall);
summary.push({ target: "whole round's list validation (43 lists) ≤ 1 s", figure: `worst ${fmt(worstValidation)} (reload median ${fmt(med(afterOutside.wall))}, from tallies median ${fmt(med(afterHold.wall))})`, met: worstValidation <= 1000 });

// ---------------------------------------------------------------- 3,000-name public notice
const noticeSubs = submissions.slice(0, NOTICE_NAMES) as { id: string }[];
const notice = await db.publicNotice.create({ data: { roundId: round.id, orgId: top.id, title: "全国五一劳动奖推荐对象公示（bench）", windowKind: "calendar", windowDays: 5, startsOn: "2026-04-13", endsOn: "2099-04-17", publicCode: "benchnotice" } });
for (const part of chunk(noticeSubs.map((s, i) => ({ noticeId: notice.id, submissionId: s.id, name: `候选人${i}`, sex: "男", unit: "某某集团有限公司", post: "高级技师", deeds: "扎根一线，技术攻关成绩突出。".repeat(3), sortOrder: i })), 1000)) {
  await db.noticeEntry.createMany({ data: part });
}
// Both pages over HTTP from the production server (server.mjs, the remix build, on this database),
// each against a static file of its own bytes served by the same server from public/ (as any
// static file is): the interactive page (/notices/:code, with the objection form, through Remix and
// React) and the printable one (/notices/:code/print, kept bytes). The four are requested in turn,
// NOTICE_ROUNDS times each, time to last byte at the client; the server's CPU time (utime + stime
// from /proc, summed per kind of request) beside it.
ensureBuild();
const port = await freePort();
const server = await startServer(port);
const base = `http://127.0.0.1:${port}`;
const kinds = {
  page: { url: `${base}/notices/benchnotice`, file: `bench-notice-page-${process.pid}.html` },
  print: { url: `${base}/notices/benchnotice/print`, file: `bench-notice-print-${process.pid}.html` },
} as const;
type Kind = keyof typeof kinds;
const staticPaths = Object.values(kinds).map((k) => path.join(root, "public", k.file));
const noticeLines: string[] = [];
try {
  const firsts: Record<string, number> = {};
  const sizes: Record<string, number> = {};
  for (const [kind, k] of Object.entries(kinds)) {
    const s = performance.now();
    const bytes = Buffer.from(await (await fetch(k.url)).arrayBuffer());
    firsts[kind] = performance.now() - s;
    sizes[kind] = bytes.length;
    const text = bytes.toString("utf8");
    if (!text.includes("候选人2999") || (kind === "page" && !text.includes('name="entryId"'))) throw new Error(`${kind}: not the whole notice`);
    writeFileSync(path.join(root, "public", k.file), bytes);
  }
  const tick = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
  const serverCpu = () => {
    const stat = readFileSync(`/proc/${server.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / tick;
  };
  const get = async (url: string, expectBytes: number, headers: Record<string, string> = {}, status = 200) => {
    const s = performance.now();
    const res = await fetch(url, { headers });
    const body = await res.arrayBuffer();
    const ms = performance.now() - s;
    // the interactive page carries a nonce and a request id of fixed length: same size each time
    if (res.status !== status || (status === 200 && Math.abs(body.byteLength - expectBytes) > 64)) throw new Error(`bad answer from ${url}: ${res.status}, ${body.byteLength} bytes`);
    return ms;
  };
  const wall: Record<string, number[]> = { page: [], pageFile: [], print: [], printFile: [] };
  const cpu: Record<string, number> = { page: 0, pageFile: 0, print: 0, printFile: 0 };
  const order: [string, string, number][] = [
    ["pageFile", `${base}/${kinds.page.file}`, sizes.page], ["page", kinds.page.url, sizes.page],
    ["printFile", `${base}/${kinds.print.file}`, sizes.print], ["print", kinds.print.url, sizes.print],
  ];
  for (let i = 0; i < 20; i++) for (const [, url, size] of order) await get(url, size);
  for (let i = 0; i < NOTICE_ROUNDS; i++) {
    for (const [name, url, size] of order) {
      const c = serverCpu();
      wall[name].push(await get(url, size));
      cpu[name] += serverCpu() - c;
    }
  }
  const etag = (await fetch(kinds.print.url)).headers.get("ETag")!;
  const notModified: number[] = [];
  for (let i = 0; i < 20; i++) notModified.push(await get(kinds.print.url, 0, { "If-None-Match": etag }, 304));
  for (const kind of Object.keys(kinds) as Kind[]) {
    const w = [...wall[kind]].sort((a, b) => a - b);
    const f = [...wall[`${kind}File`]].sort((a, b) => a - b);
    const ratio = quantile(w, 0.5) / quantile(f, 0.5);
    const what = kind === "page" ? "interactive page /notices/:code (with the objection form)" : "printable page /notices/:code/print";
    noticeLines.push(`3,000-name ${what}, ${(sizes[kind] / 1024).toFixed(0)} KB (first request ${fmt(firsts[kind])}): median ${fmt(quantile(w, 0.5))}, p90 ${fmt(quantile(w, 0.9))}, server CPU ${fmt(cpu[kind] / NOTICE_ROUNDS)} per request; static file of the same bytes median ${fmt(quantile(f, 0.5))}, p90 ${fmt(quantile(f, 0.9))}, server CPU ${fmt(cpu[`${kind}File`] / NOTICE_ROUNDS)}; ratio ${ratio.toFixed(2)}× median, ${(quantile(w, 0.9) / quantile(f, 0.9)).toFixed(2)}× p90 (${NOTICE_ROUNDS} each, interleaved)`);
    summary.push({ target: `3,000-name ${kind === "page" ? "interactive" : "printable"} notice ≤ 1.5 × a static file of the same size`, figure: `${ratio.toFixed(2)}× median (${fmt(quantile(w, 0.5))} vs ${fmt(quantile(f, 0.5))}), ${(quantile(w, 0.9) / quantile(f, 0.9)).toFixed(2)}× p90`, met: ratio <= 1.5 });
  }
  noticeLines.push(`printable page with its ETag: 304 in ${fmt(med(notModified))} (load ${load()})`);
} finally {
  server.kill("SIGTERM");
  for (const file of staticPaths) rmSync(file, { force: true });
}
for (const line of noticeLines) console.log(line);

console.log(`\ntargets (load average now ${load()}; wall times on a loaded machine measure the machine too):`);
for (const t of summary) console.log(`  ${t.met ? "met    " : "NOT met"}  ${t.target}: ${t.figure}`);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);

await db.$disconnect();
if (!process.argv.includes("--keep")) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
