import { beforeAll, describe, expect, it } from "vitest";
import { loadUserForToken, type SessionUser } from "~/utils/auth.server";
import { createRound, reviewSubmission } from "~/modules/review-chain/review-chain.server";
import { applyProject, recordProjectAccident } from "~/modules/labour/labour.server";
import { importPeriodLines } from "~/modules/labour/import.server";
import * as liveRoute from "~/routes/labour.$projectId.live";
import * as periodPage from "~/routes/labour.$projectId.periods.$periodId._index";
import * as safeDaysPage from "~/routes/labour.$projectId.safe-days";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 14, labour2 item 3 (decision 005): a period board and the 百日 safe-day board follow the
// project's live feed. A committee member's new score, entered through the page's own action,
// reaches an open feed of the project as a "change" within a second, and the board read after it
// carries the score; an accident in the register reaches the 百日 board the same way. On SQLite
// the bus is in-process; on PostgreSQL the same test goes through NOTIFY gongsai_results.

type Feed = { next: (event: string, withinMs: number) => Promise<string>; close: () => void };

async function openFeed(projectId: string, cookie: string): Promise<Feed> {
  const abort = new AbortController();
  const request = makeRequest(`/labour/${projectId}/live`, { cookie });
  const response = await (liveRoute.loader as (a: unknown) => Promise<Response>)({ request: new Request(request, { signal: abort.signal }), params: { projectId }, context: ctx });
  expect(response.headers.get("Content-Type")).toMatch(/text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  const seen: { event: string; data: string }[] = [];
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let at: number;
      while ((at = buffer.indexOf("\n\n")) >= 0) {
        const block = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1] ?? "";
        if (event) seen.push({ event, data });
      }
    }
  })().catch(() => {});
  return {
    async next(event, withinMs) {
      const until = Date.now() + withinMs;
      while (Date.now() < until) {
        const i = seen.findIndex((s) => s.event === event);
        if (i >= 0) return seen.splice(i, 1)[0].data;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no ${event} within ${withinMs} ms`);
    },
    close() {
      abort.abort();
      void reader.cancel().catch(() => {});
      void pump;
    },
  };
}

let cookies: Record<string, string> = {};
let users: Record<string, SessionUser> = {};
let projectId: string;
let campaignId: string;
let sectionOrg: { id: string };

beforeAll(async () => {
  const p = await createProvince();
  sectionOrg = await createOrg({ type: "team", parent: p.enterpriseA, name: `一标段项目部${uid()}` });
  const who = async (name: string, role: string, orgId: string) => {
    const u = await createUser([{ role, orgId }]);
    cookies[name] = await sessionCookieFor(u.id);
    users[name] = (await loadUserForToken(u.id, "t"))!;
  };
  await who("applicant", "labour_organiser", p.enterpriseA.id);
  await who("city", "organiser", p.cityA.id);
  await who("judge", "labour_committee", p.enterpriseA.id);
  await who("outsider", "labour_organiser", p.enterpriseB.id);
  const actor = { userId: null, requestId: null };
  const round = await createRound(users.city, { subjectType: "competition.project", title: `劳动竞赛项目申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: [] }, actor);
  const roster = [
    { kind: "unit" as const, name: "中铁测试局" },
    { kind: "section" as const, name: "一标段", parent: "中铁测试局", orgId: sectionOrg.id },
    { kind: "section" as const, name: "二标段", parent: "中铁测试局" },
  ];
  const project = await applyProject(users.applicant, { orgId: p.enterpriseA.id, name: `引水工程劳动竞赛${uid()}`, owner: "", kind: "project", startDate: "2026-01-01", endDate: "2026-12-31", frequency: "month", budget: 0, template: "qibi-yichuang", roster, minSigners: 3, roundId: round.id }, actor);
  await reviewSubmission(users.city, project.submissionId!, { level: 0, action: "recommend" }, actor);
  projectId = project.id;
  const start = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  const campaign = await applyProject(users.applicant, { orgId: p.enterpriseA.id, name: `百日安全竞赛${uid()}`, owner: "", kind: "campaign", startDate: start, endDate: start, frequency: "month", budget: 0, template: "bairi-anquan", roster: roster.slice(1).map(({ parent: _p, ...l }) => l), minSigners: 3, lengthDays: 100, onAccident: "reset", roundId: round.id }, actor);
  await reviewSubmission(users.city, campaign.submissionId!, { level: 0, action: "recommend" }, actor);
  campaignId = campaign.id;
});

const periodOf = async (id: string) => (await (periodPage.loader as (a: unknown) => Promise<{ period: { id: string }; units: { id: string; name: string }[]; board: { unitId: string; total: number }[] }>)({ request: makeRequest(`/labour/${projectId}/periods/${id}`, { cookie: cookies.judge }), params: { projectId, periodId: id }, context: ctx }));

describe("the live period board (decision 005)", () => {
  it("refuses the feed to someone who may not read the project", async () => {
    const refused = await (liveRoute.loader as (a: unknown) => Promise<Response>)({ request: makeRequest(`/labour/${projectId}/live`, { cookie: cookies.outsider }), params: { projectId }, context: ctx }).catch((r: Response) => r);
    expect(refused.status).toBe(403);
  });

  it("a committee member's new score reaches an open feed within a second, and the board read then shows it", async () => {
    const { db } = await import("~/utils/db.server");
    const first = await db.labourPeriod.findFirstOrThrow({ where: { projectId }, orderBy: { seq: "asc" } });
    const before = await periodOf(first.id);
    const one = before.units.find((u) => u.name === "一标段")!;
    const feed = await openFeed(projectId, cookies.judge);
    try {
      await feed.next("hello", 2000);
      const form = { intent: "scores", [`s:${one.id}:party`]: "96" };
      const started = Date.now();
      const res = await (periodPage.action as (a: unknown) => Promise<unknown>)({ request: makeRequest(`/labour/${projectId}/periods/${first.id}`, { method: "POST", cookie: cookies.judge, form }), params: { projectId, periodId: first.id }, context: ctx });
      expect(res).toMatchObject({ ok: true });
      expect(JSON.parse(await feed.next("change", 1000))).toMatchObject({ kind: "mark" });
      expect(Date.now() - started).toBeLessThan(1000);
      const after = await periodOf(first.id);
      const row = (b: typeof after) => b.board.find((r) => r.unitId === one.id)!.total;
      expect(row(after)).toBeGreaterThan(row(before));
    } finally {
      feed.close();
    }
  });

  it("an Excel import publishes one change after its all-or-nothing commit, and a refused import publishes none (issue 14 item 9)", async () => {
    const { db } = await import("~/utils/db.server");
    const second = await db.labourPeriod.findFirstOrThrow({ where: { projectId }, orderBy: { seq: "asc" }, skip: 1 });
    const day = second.fromDate.slice(0, 8) + "10";
    const feed = await openFeed(projectId, cookies.judge);
    const actor = { userId: users.judge.id, requestId: null };
    try {
      await feed.next("hello", 2000);
      const bad = await importPeriodLines(users.judge, projectId, second.id, {
        scoreLines: [{ row: 2, unit: "二标段", values: { party: 91 }, plans: {}, actuals: {} }],
        eventLines: [{ row: 2, unit: "三标段", date: day, type: "监理通报批评" }],
      }, actor, "api").catch((e: unknown) => e);
      expect(bad).toMatchObject({ status: 400, code: "invalid_rows" });
      await expect(feed.next("change", 400)).rejects.toThrow(/no change/);
      const before = await periodOf(second.id);
      const two = before.units.find((u) => u.name === "二标段")!;
      const done = await importPeriodLines(users.judge, projectId, second.id, {
        scoreLines: [{ row: 2, unit: "二标段", values: { party: 91 }, plans: {}, actuals: {} }],
        eventLines: [{ row: 2, unit: "一标段", date: day, type: "监理通报批评" }],
      }, actor, "api");
      expect(done).toMatchObject({ scores: 1, events: 1 });
      expect(JSON.parse(await feed.next("change", 1000))).toMatchObject({ kind: "mark" });
      const after = await periodOf(second.id);
      const row = (b: typeof after) => b.board.find((r) => r.unitId === two.id)!.total;
      expect(row(after)).toBeGreaterThan(row(before));
    } finally {
      feed.close();
    }
  });

  it("an accident recorded for a unit reaches the 百日 board's feed and resets its count", async () => {
    const feed = await openFeed(campaignId, cookies.applicant);
    const board = async () => (await (safeDaysPage.loader as (a: unknown) => Promise<{ board: { name: string; safeDays: number; accidents: number }[] }>)({ request: makeRequest(`/labour/${campaignId}/safe-days`, { cookie: cookies.applicant }), params: { projectId: campaignId }, context: ctx })).board;
    try {
      await feed.next("hello", 2000);
      expect((await board()).find((b) => b.name === "一标段")!.accidents).toBe(0);
      const units = await (await import("~/utils/db.server")).db.labourRosterEntry.findMany({ where: { projectId: campaignId } });
      const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
      await recordProjectAccident(users.applicant, campaignId, { unitId: units.find((u) => u.name === "一标段")!.id, kind: "safety_accident", severity: "minor_injury", occurredOn: yesterday, title: "手部划伤", description: "" }, { userId: users.applicant.id, requestId: null });
      await feed.next("change", 1000);
      const one = (await board()).find((b) => b.name === "一标段")!;
      expect(one.accidents).toBe(1);
      expect(one.safeDays).toBeLessThan(20);
    } finally {
      feed.close();
    }
  });
});
