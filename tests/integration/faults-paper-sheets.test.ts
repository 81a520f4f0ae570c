import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createMember, createProvince, createUser, uid } from "../factories";
import { ensureBuild, startServer, stopServer, type ServerProcess } from "./server-process";

// Issue 11 items 4 and 5 for paper sheets (rule S-41): keying a paper sheet in takes the same
// sheet lock and version discipline as a tablet's marks. For every station at once, three clerks
// key the same sheet (the first keying waits, the second applies it, the third is refused) while
// the judge's tablet changes one of its marks, through two server processes on PostgreSQL (one
// process on SQLite, which serves one). Nothing answers 500, each sheet is applied once, and every
// mark's versions are 1..n each once, the history (mark.entered, mark.changed, mark.paper-applied)
// a chain that ends at the stored value.

const onPostgres = process.env.TEST_DATABASE === "postgres";
const STATIONS = 6;

describe("paper sheets and tablet marks on the same sheets at once", () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let eventId: string;
  let codes: { id: string; stationCode: string }[];
  let judgeId: string;
  let judgeToken: string;
  let clerkTokens: string[];

  beforeAll(async () => {
    ensureBuild();
    const p = await createProvince();
    const tokenOf = async (userId: string) => (await createApiToken((await loadUserForToken(userId, "bootstrap"))!, { name: "paper" }, { userId, requestId: null })).token;
    const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `纸质并发${uid()}`, level: "city", contestClass: "二类", status: "running" } });
    const scheme = { components: [{ id: "P", name: "实操", kind: "practical", weight: 1, modules: [{ id: "M", criteria: [{ id: "C", aspects: [{ id: "a1", name: "质量", max: 100, kind: "judgement" }, { id: "a2", name: "工艺", max: 100, kind: "judgement" }] }] }] }] };
    const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "钳工", trade: "钳工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
    eventId = event.id;
    codes = [];
    for (let i = 0; i < STATIONS; i++) {
      const member = await createMember(p.enterpriseA.id);
      const registration = await db.registration.create({ data: { eventId, memberId: member.id, unitId: p.enterpriseA.id, status: "approved" } });
      const code = await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: `E${i}`, orderNo: i, stationNo: i, stationCode: `P${i + 1}` } });
      codes.push({ id: code.id, stationCode: code.stationCode });
    }
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    await db.judgeAssignment.create({ data: { eventId, userId: judge.id } });
    judgeId = judge.id;
    judgeToken = await tokenOf(judge.id);
    clerkTokens = [];
    for (let i = 0; i < 3; i++) clerkTokens.push(await tokenOf((await createUser([{ role: "chief_judge", orgId: p.cityA.id }])).id));
    if (onPostgres) [a, b] = await Promise.all([startServer({ RESULTS_WATCH_MS: "0" }), startServer({ RESULTS_WATCH_MS: "0" })]);
    else b = a = await startServer({ RESULTS_WATCH_MS: "0" });
  }, 300_000);

  afterAll(async () => {
    await Promise.all([stopServer(a), a === b ? undefined : stopServer(b)]);
  });

  const call = (server: ServerProcess, method: string, route: string, token: string, body: unknown) =>
    fetch(`${server.url}/api/v1/events/${eventId}${route}`, {
      method, signal: AbortSignal.timeout(30_000),
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify(body),
    }).then(async (res) => ({ status: res.status, body: await res.json() }));

  it("every sheet is applied once, nothing answers 500, versions and history stay exact", async () => {
    const tablet = (code: { id: string }, i: number, value: number) =>
      call(i % 2 ? a : b, "PUT", "/marks", judgeToken, { blindCodeId: code.id, aspectId: "a1", value: String(value), idempotencyKey: crypto.randomUUID() }).then((r) => ({ ...r, kind: "tablet" as const, code }));
    const paper = (code: { stationCode: string; id: string }, clerk: number) =>
      call(clerk % 2 ? b : a, "POST", "/paper-sheets", clerkTokens[clerk], { stationCode: code.stationCode, judgeId, values: { a1: "50", a2: "60" } }).then((r) => ({ ...r, kind: "paper" as const, code }));
    const requests = codes.flatMap((code) => [
      ...[11, 12, 13, 14].map((value, i) => tablet(code, i, value)),
      ...[0, 1, 2].map((clerk) => paper(code, clerk)),
    ]);
    const results = await Promise.all(requests);

    expect(results.filter((r) => r.status >= 500), JSON.stringify(results.filter((r) => r.status >= 500).map((r) => r.body))).toEqual([]);
    for (const code of codes) {
      const mine = results.filter((r) => r.code.id === code.id);
      const papers = mine.filter((r) => r.kind === "paper");
      // rule S-41 under concurrency: one first keying, one applying second keying, one refused
      expect(papers.map((r) => (r.status === 200 ? r.body.status : r.body.error.code)).sort()).toEqual(["already_applied", "applied", "awaiting_second"]);
      const tablets = mine.filter((r) => r.kind === "tablet");
      expect(tablets.every((r) => r.status === 200 || r.status === 409), JSON.stringify(tablets.map((r) => r.body))).toBe(true);

      const sheet = await db.scoreSheet.findUniqueOrThrow({ where: { eventId_judgeId_blindCodeId: { eventId, judgeId, blindCodeId: code.id } } });
      expect(sheet.status).toBe("submitted");
      const marks = await db.mark.findMany({ where: { sheetId: sheet.id }, orderBy: { aspectId: "asc" } });
      expect(marks.map((m) => m.aspectId)).toEqual(["a1", "a2"]);
      const [a1, a2] = marks;
      expect([a2.value, a2.version]).toEqual([6000, 1]);

      // a1's history: versions 1..n each once, each step from the one before, ending at the stored value
      const events = await db.event.findMany({ where: { entityType: "Mark", entityId: a1.id, action: { in: ["mark.entered", "mark.changed", "mark.paper-applied"] } }, select: { action: true, before: true, after: true } });
      const chain = events.map((e) => ({ action: e.action, before: e.before ? JSON.parse(e.before).version : 0, after: JSON.parse(e.after!).version as number, value: JSON.parse(e.after!).value as number }))
        .sort((x, y) => x.after - y.after);
      expect(chain.map((c) => [c.before, c.after])).toEqual(chain.map((_, i) => [i, i + 1]));
      expect(a1.version).toBe(chain.length);
      expect(chain.at(-1)!.value).toBe(a1.value);
      // what each writer was told matches the history: tablet answers and the paper step, one version each
      const told = [...tablets.filter((r) => r.status === 200).map((r) => r.body.version as number), ...chain.filter((c) => c.action === "mark.paper-applied").map((c) => c.after)].sort((x, y) => x - y);
      expect(told).toEqual(chain.map((c) => c.after));
      expect(chain.filter((c) => c.action === "mark.paper-applied")).toHaveLength(await db.markChange.count({ where: { markId: a1.id, kind: "paper" } }));
      const applied = await db.event.count({ where: { action: "paper-sheet.applied", AND: [{ after: { contains: eventId } }, { after: { contains: `"stationCode":"${code.stationCode}"` } }] } });
      expect(applied).toBe(1);
    }
  }, 120_000);
});
