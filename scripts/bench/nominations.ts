/**
 * Nominations benchmark (npm run bench:nominations). On a fresh SQLite database, a national-style
 * round (issue 13): 43 nominating bodies, 30,000 grass-roots candidates, and at each body a list of
 * 300 that reached it. Measured in this process, server-side (the service functions the routes call):
 *   - the ratio panel of a 300-name list after one change (a candidate held back / put back):
 *     p50 / p99 over 400 changes (target p99 ≤ 10 ms);
 *   - the whole round's list validation, every level's list against every rule (target ≤ 1 s);
 *   - the 3,000-name public notice over HTTP from one server in this process: getPublicNotice + render
 *     per request vs a static file of the same bytes, time to last byte (target ≤ 1.5×).
 * Every loop is bounded. Prints the figures (docs/performance.md, "Nominations"). --keep leaves the database.
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
const { getPublicNotice } = await import("../../app/modules/review-chain/notices.server.ts");
const { DEFAULT_RATIO_RULES, CATEGORIES } = await import("../../app/modules/nominations/domain.ts");
const React = await import("react");
const { renderToString } = await import("react-dom/server");

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
for (let i = 0; i < CHANGES; i++) {
  const id = listed[i % listed.length];
  const heldBack = Math.floor(i / listed.length) % 2 === 0;
  const start = performance.now();
  const panel = await setHeldBack(user, campaign.id, body.id, id, heldBack, actor);
  times.push(performance.now() - start);
  if (panel.results.length < DEFAULT_RATIO_RULES.length) throw new Error("panel incomplete");
}
const sorted = [...times].sort((a, b) => a - b);
console.log(`ratio panel after one change (${LIST}-name list, ${CHANGES} changes): p50 ${fmt(quantile(sorted, 0.5))}, p99 ${fmt(quantile(sorted, 0.99))}, max ${fmt(sorted.at(-1)!)} (target p99 ≤ 10 ms)`);

// ---------------------------------------------------------------- whole-round validation
const rounds: number[] = [];
let lists = 0;
for (let i = 0; i < 5; i++) {
  const start = performance.now();
  lists = (await validateRound(user, campaign.id)).length;
  rounds.push(performance.now() - start);
}
console.log(`whole-round validation (${lists} lists): median ${fmt([...rounds].sort((a, b) => a - b)[2])}, worst ${fmt(Math.max(...rounds))} (target ≤ 1 s)`);

// ---------------------------------------------------------------- 3,000-name public notice
const noticeSubs = submissions.slice(0, NOTICE_NAMES) as { id: string }[];
const notice = await db.publicNotice.create({ data: { roundId: round.id, orgId: top.id, title: "全国五一劳动奖推荐对象公示（bench）", windowKind: "calendar", windowDays: 5, startsOn: "2026-04-13", endsOn: "2099-04-17", publicCode: "benchnotice" } });
for (const part of chunk(noticeSubs.map((s, i) => ({ noticeId: notice.id, submissionId: s.id, name: `候选人${i}`, sex: "男", unit: "某某集团有限公司", post: "高级技师", deeds: "扎根一线，技术攻关成绩突出。".repeat(3), sortOrder: i })), 1000)) {
  await db.noticeEntry.createMany({ data: part });
}
const renderNotice = async () => {
  const data = await getPublicNotice("benchnotice");
  return "<!DOCTYPE html>" + renderToString(React.createElement("main", null,
    React.createElement("h1", null, data.title),
    React.createElement("table", null, React.createElement("tbody", null, data.entries.map((e) => React.createElement("tr", { key: e.id },
      React.createElement("td", null, e.name), React.createElement("td", null, e.sex), React.createElement("td", null, e.unit), React.createElement("td", null, e.post), React.createElement("td", null, e.deeds)))))));
};
const html = await renderNotice();
const staticFile = path.join(tmp, `bench-notice-${process.pid}.html`);
writeFileSync(staticFile, html);
// Both over HTTP from one server in this process: /notice queries and renders on each request,
// /static.html reads the file of the same bytes from disk on each request (as a static file
// server would, without a cache). Time to last byte at the client (wall), and the server-side
// time inside the handler, for each.
const http = await import("node:http");
const serverSide = { page: [] as number[], file: [] as number[] };
const server = http.createServer((req, res) => {
  const s = performance.now();
  if (req.url === "/notice") {
    void renderNotice().then((body) => {
      const bytes = Buffer.from(body);
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": bytes.length });
      res.end(bytes);
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
const ttlb = async (urlPath: string) => {
  const s = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`);
  const body = await res.arrayBuffer();
  if (res.status !== 200 || body.byteLength < html.length) throw new Error(`bad answer from ${urlPath}`);
  return performance.now() - s;
};
const page: number[] = [];
const file: number[] = [];
for (let i = 0; i < 3; i++) { await ttlb("/notice"); await ttlb("/static.html"); }
serverSide.page.length = 0; serverSide.file.length = 0;
for (let i = 0; i < 30; i++) {
  page.push(await ttlb("/notice"));
  file.push(await ttlb("/static.html"));
}
server.close();
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`3,000-name notice over HTTP (${(Buffer.byteLength(html) / 1024).toFixed(0)} KB): time to last byte median ${fmt(med(page))} (server-side ${fmt(med(serverSide.page))}); static file of the same bytes ${fmt(med(file))} (server-side ${fmt(med(serverSide.file))}); ratio ${(med(page) / med(file)).toFixed(2)}× (target ≤ 1.5×)`);

await db.$disconnect();
rmSync(staticFile, { force: true });
if (!process.argv.includes("--keep")) for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(dbFile + suffix, { force: true });
