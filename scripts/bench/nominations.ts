/**
 * Nominations benchmark (npm run bench:nominations). On a fresh SQLite database, a national-style
 * round (issue 13): 43 nominating bodies, 30,000 grass-roots candidates, and at each body a list of
 * 300 that reached it. Measured in this process, server-side (the service functions the routes call):
 *   - the ratio panel of a 300-name list after one change (a candidate held back / put back):
 *     p50 / p99 over 400 changes (target p99 ≤ 10 ms);
 *   - the whole round's list validation, every level's list against every rule (target ≤ 1 s):
 *     answered from the lists' tallies, after a change made here, and after a change written by
 *     another process (the whole round reloaded);
 *   - the 3,000-name public notice over HTTP from one server in this process: the printable notice
 *     route (/notices/:code/print) vs a static file of the same bytes, time to last byte (target ≤ 1.5×).
 * Besides wall time, each measure gives the CPU time of this process (process.cpuUsage, user + system,
 * all threads: the database engine's too), which a loaded machine inflates less than wall time.
 * Every loop is bounded; the run takes a few minutes. Prints each target with its figure and met / not
 * met at the end (docs/performance.md, "Nominations"). --keep leaves the database.
 */
import { mkdirSync, rmSync, writeFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";

const BODIES = 43;
const CANDIDATES = 30_000;
const LIST = 300;
const CHANGES = 400;
const NOTICE_NAMES = 3_000;

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
const printPage = await import("../../app/routes/notices.$code_.print.ts");
const { PREBUILT_BODY } = await import("../../app/utils/http.server.ts");
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
// The printable notice route, called as the production server calls it: a Request in, and the
// route's bytes written straight to the socket (server.mjs writes a prebuilt body as it is).
const http = await import("node:http");
const callPrint = async (headers: Record<string, string> = {}) => (await printPage.loader({ request: new Request("http://127.0.0.1/notices/benchnotice/print", { headers }), params: { code: "benchnotice" }, context: {} } as never)) as Response;
const firstRender = await timed(async () => Buffer.from(await (await callPrint()).arrayBuffer()));
const html = firstRender.value;
const staticFile = path.join(tmp, `bench-notice-${process.pid}.html`);
writeFileSync(staticFile, html);
// Both over HTTP from one server in this process: /notice through the route (stamp query, then
// the kept bytes), /static.html read from disk on each request (as a static file server would,
// without a cache). Time to last byte at the client (wall), the time inside the handler, and the
// CPU time of the whole request (client and server share this process) for each.
const serverSide = { page: [] as number[], file: [] as number[] };
const server = http.createServer((req, res) => {
  const s = performance.now();
  if (req.url === "/notice") {
    void callPrint(req.headers["if-none-match"] ? { "If-None-Match": String(req.headers["if-none-match"]) } : {}).then(async (response) => {
      const prebuilt = (response as unknown as Record<symbol, Uint8Array | undefined>)[PREBUILT_BODY];
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(prebuilt ?? Buffer.from(await response.arrayBuffer()));
      serverSide.page.push(performance.now() - s);
    });
  } else {
    const bytes = readFileSync(staticFile);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": bytes.length });
    res.end(bytes);
    serverSide.file.push(performance.now() - s);
  }
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;
const ttlb = async (urlPath: string, headers: Record<string, string> = {}, status = 200) => {
  const s = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { headers });
  const body = await res.arrayBuffer();
  if (res.status !== status || (status === 200 && body.byteLength !== html.length)) throw new Error(`bad answer from ${urlPath}: ${res.status}`);
  return performance.now() - s;
};
const page: number[] = [];
const file: number[] = [];
const pageCpu: number[] = [];
const fileCpu: number[] = [];
const notModified: number[] = [];
for (let i = 0; i < 3; i++) { await ttlb("/notice"); await ttlb("/static.html"); }
serverSide.page.length = 0; serverSide.file.length = 0;
for (let i = 0; i < 30; i++) {
  let c = process.cpuUsage();
  page.push(await ttlb("/notice"));
  pageCpu.push(cpuMs(process.cpuUsage(c)));
  c = process.cpuUsage();
  file.push(await ttlb("/static.html"));
  fileCpu.push(cpuMs(process.cpuUsage(c)));
}
const etag = (await callPrint()).headers.get("ETag")!;
for (let i = 0; i < 10; i++) notModified.push(await ttlb("/notice", { "If-None-Match": etag }, 304));
server.close();
const ratio = med(page) / med(file);
console.log(`3,000-name notice over HTTP (${(html.length / 1024).toFixed(0)} KB; first render ${fmt(firstRender.wall)}, CPU ${fmt(firstRender.cpu)}): time to last byte median ${fmt(med(page))} (server-side ${fmt(med(serverSide.page))}, CPU ${fmt(med(pageCpu))}); static file of the same bytes ${fmt(med(file))} (server-side ${fmt(med(serverSide.file))}, CPU ${fmt(med(fileCpu))}); ratio ${ratio.toFixed(2)}× wall, ${(med(pageCpu) / med(fileCpu)).toFixed(2)}× CPU; 304 with the ETag ${fmt(med(notModified))} (target ≤ 1.5×; load ${load()})`);
summary.push({ target: "3,000-name public notice ≤ 1.5 × a static file of the same size", figure: `${ratio.toFixed(2)}× wall (${fmt(med(page))} vs ${fmt(med(file))}), ${(med(pageCpu) / med(fileCpu)).toFixed(2)}× CPU`, met: ratio <= 1.5 });

console.log(`\ntargets (load average now ${load()}; wall times on a loaded machine measure the machine too):`);
for (const t of summary) console.log(`  ${t.met ? "met    " : "NOT met"}  ${t.target}: ${t.figure}`);
console.log(`total ${((performance.now() - t0) / 1000).toFixed(0)} s`);

await db.$disconnect();
rmSync(staticFile, { force: true });
if (!process.argv.includes("--keep")) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
