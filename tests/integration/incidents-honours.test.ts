import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { conflict } from "~/utils/errors";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { onIncidentRecorded } from "~/modules/incidents/hooks.server";
import { accidentsFor } from "~/modules/incidents/accidents.server";
import { honoursOf, recordHonour } from "~/modules/honours/honours.server";
import * as incidentsApi from "~/routes/api.v1.incidents";
import * as honoursApi from "~/routes/api.v1.honours";
import * as myHonoursApi from "~/routes/api.v1.me.honours";
import * as incidentsPage from "~/routes/incidents";
import * as honoursPage from "~/routes/honours";
import * as myHonoursPage from "~/routes/my-honours";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 13: the accident and incident register (rules A-12, N-21) and the honours register
// (item 7), through the API and the pages, on SQLite and on PostgreSQL.

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const tokens: Record<string, string> = {};
const userIds: Record<string, string> = {};

async function as(role: string, orgId: string, name: string, memberId?: string) {
  const u = await createUser([{ role, orgId }], { memberId });
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
  userIds[name] = u.id;
}

async function call(route: { action?: unknown; loader?: unknown }, method: "GET" | "POST", path: string, who?: string, json?: unknown) {
  const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
  const response = await fn({ request: makeRequest(path, { method, token: who ? tokens[who] : undefined, json }), params: {}, context: ctx });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

let worker: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  p = await createProvince();
  worker = await createMember(p.enterpriseA.id, { name: `李卫东${uid().slice(0, 3)}` });
  await as("organiser", p.cityA.id, "cityA");
  await as("organiser", p.cityB.id, "cityB");
  await as("reviewer", p.province.id, "provinceReader");
  await as("worker", p.enterpriseA.id, "worker", worker.id);
});

describe("incident register (rules A-12, N-21)", () => {
  it("records an accident in the organiser's subtree, with its event, and lists it", async () => {
    const r = await call(incidentsApi, "POST", "/api/v1/incidents", "cityA", {
      orgId: p.teamA.id, kind: "safety_accident", severity: "serious_injury", occurredOn: "2025-07-14", title: "冲压车间机械伤害事故", casualties: 1,
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ orgId: p.teamA.id, kind: "safety_accident", severity: "serious_injury", occurredOn: "2025-07-14" });
    const event = await db.event.findFirst({ where: { action: "incident.recorded", entityId: r.body.id } });
    expect(event?.orgId).toBe(p.teamA.id);
    const list = await call(incidentsApi, "GET", `/api/v1/incidents?year=2025&orgId=${p.enterpriseA.id}`, "cityA");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
    // another city's organiser sees none of it, and cannot record there
    const other = await call(incidentsApi, "GET", "/api/v1/incidents", "cityB");
    expect(other.body.items.map((i: { id: string }) => i.id)).not.toContain(r.body.id);
    expect((await call(incidentsApi, "POST", "/api/v1/incidents", "cityB", { orgId: p.enterpriseA.id, kind: "mass_incident", occurredOn: "2025-01-02", title: "欠薪聚集" })).status).toBe(403);
    // the province's reader sees it
    const province = await call(incidentsApi, "GET", "/api/v1/incidents", "provinceReader");
    expect(province.body.items.map((i: { id: string }) => i.id)).toContain(r.body.id);
  });

  it("refuses a severity that does not fit the kind, a future date, and writes nothing", async () => {
    const before = await db.incident.count();
    const bad = await call(incidentsApi, "POST", "/api/v1/incidents", "cityA", { orgId: p.enterpriseA.id, kind: "safety_accident", occurredOn: "2025-03-01", title: "无严重程度" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/严重程度/);
    const wrong = await call(incidentsApi, "POST", "/api/v1/incidents", "cityA", { orgId: p.enterpriseA.id, kind: "mass_incident", severity: "fatal", occurredOn: "2025-03-01", title: "错配" });
    expect(wrong.status).toBe(400);
    const future = await call(incidentsApi, "POST", "/api/v1/incidents", "cityA", { orgId: p.enterpriseA.id, kind: "mass_incident", occurredOn: "2999-01-01", title: "未来" });
    expect(future.status).toBe(400);
    expect(await db.incident.count()).toBe(before);
  });

  it("accidentsFor finds incidents in the organisations and under them, within the dates", async () => {
    const found = await accidentsFor([p.enterpriseA.id], new Date("2025-01-01"), new Date("2025-12-31"));
    expect(found.some((i) => i.orgId === p.teamA.id && i.severity === "serious_injury")).toBe(true);
    expect(await accidentsFor([p.enterpriseA.id], new Date("2022-01-01"), new Date("2024-12-31"))).toEqual([]);
    expect(await accidentsFor([p.enterpriseB.id], new Date("2025-01-01"), new Date("2025-12-31"))).toEqual([]);
  });

  it("runs registered hooks in the same transaction: a hook that throws rolls the incident back", async () => {
    const seen: string[] = [];
    const off = onIncidentRecorded(async (tx, incident) => {
      seen.push(incident.id);
      // a hook writes through the transaction it is given
      expect(await tx.incident.findUnique({ where: { id: incident.id } })).not.toBeNull();
      if (incident.title.includes("拒绝")) throw conflict("该单位本年度已被否决 / refused by a hook");
    }, "test-hook");
    try {
      const ok = await call(incidentsApi, "POST", "/api/v1/incidents", "cityA", { orgId: p.enterpriseA.id, kind: "occupational_hazard", occurredOn: "2024-05-20", title: "粉尘超标" });
      expect(ok.status).toBe(201);
      expect(seen).toContain(ok.body.id);
      const before = await db.incident.count();
      const refused = await call(incidentsApi, "POST", "/api/v1/incidents", "cityA", { orgId: p.enterpriseA.id, kind: "mass_incident", occurredOn: "2024-05-21", title: "拒绝" });
      expect(refused.status).toBe(409);
      expect(await db.incident.count()).toBe(before);
    } finally {
      off();
    }
  });

  it("the page lists and records, with a Chinese message for bad input", async () => {
    const cookie = await sessionCookieFor(userIds.cityA);
    const page = await incidentsPage.loader({ request: makeRequest("/incidents?year=2025", { cookie }), params: {}, context: ctx });
    expect((page as { incidents: unknown[] }).incidents.length).toBeGreaterThan(0);
    const bad = await incidentsPage.action({ request: makeRequest("/incidents", { cookie, form: { orgId: p.enterpriseA.id, kind: "quality_accident", severity: "", occurredOn: "2025-02-03", title: "批次不合格" } }), params: {}, context: ctx });
    expect((bad as Response).status).toBe(400);
    expect((await (bad as Response).json()).message).toMatch(/严重程度/);
    const good = await incidentsPage.action({ request: makeRequest("/incidents", { cookie, form: { orgId: p.enterpriseA.id, kind: "quality_accident", severity: "major", occurredOn: "2025-02-03", title: "批次不合格", description: "", casualties: "" } }), params: {}, context: ctx });
    expect((good as Response).status).toBe(302);
    // a worker has no access to the register
    const workerCookie = await sessionCookieFor(userIds.worker);
    await expect(incidentsPage.loader({ request: makeRequest("/incidents", { cookie: workerCookie }), params: {}, context: ctx })).rejects.toMatchObject({ status: 403 });
  });
});

describe("honours register (issue 13 item 7)", () => {
  it("recordHonour keeps the holder's name and unit, is idempotent per source, and honoursOf reads it", async () => {
    const actor = { userId: null, requestId: null };
    const input = { memberId: worker.id, title: "浙江省技术能手", level: "provincial" as const, year: 2024, issuingBody: "浙江省人力资源和社会保障厅", source: "contest" as const, sourceId: `contest-${uid()}` };
    const first = await db.$transaction((tx) => recordHonour(tx, input, actor));
    const again = await db.$transaction((tx) => recordHonour(tx, input, actor));
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ holderName: worker.name, unitId: p.enterpriseA.id, memberId: worker.id, orgId: null });
    expect((await honoursOf({ memberId: worker.id })).map((h) => h.id)).toEqual([first.id]);
    expect(await db.event.count({ where: { action: "honour.recorded", entityId: first.id } })).toBe(1);
  });

  it("an organiser enters a team's 工人先锋号 by hand; exactly one holder is required", async () => {
    const r = await call(honoursApi, "POST", "/api/v1/honours", "cityA", { orgId: p.teamA.id, title: "工人先锋号", level: "city", year: 2023, issuingBody: "甲市总工会" });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ holder: { kind: "org", id: p.teamA.id }, source: "manual", level: "city", revokedAt: null });
    const both = await call(honoursApi, "POST", "/api/v1/honours", "cityA", { orgId: p.teamA.id, memberId: worker.id, title: "工人先锋号", level: "city", year: 2023, issuingBody: "甲市总工会" });
    expect(both.status).toBe(400);
    expect(both.body.error.message).toMatch(/二选一/);
    const neither = await call(honoursApi, "POST", "/api/v1/honours", "cityA", { title: "工人先锋号", level: "city", year: 2023, issuingBody: "甲市总工会" });
    expect(neither.status).toBe(400);
    // outside the organiser's subtree
    expect((await call(honoursApi, "POST", "/api/v1/honours", "cityB", { orgId: p.teamA.id, title: "工人先锋号", level: "city", year: 2023, issuingBody: "乙市总工会" })).status).toBe(403);
    // a worker cannot write the register
    expect((await call(honoursApi, "POST", "/api/v1/honours", "worker", { memberId: worker.id, title: "自封", level: "national", year: 2023, issuingBody: "我" })).status).toBe(403);
  });

  it("searches by name, title and year within the reader's subtree; revoked honours only on request", async () => {
    const byName = await call(honoursApi, "GET", `/api/v1/honours?q=${encodeURIComponent(worker.name)}`, "cityA");
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((h: { title: string }) => h.title)).toEqual(["浙江省技术能手"]);
    const byTitle = await call(honoursApi, "GET", `/api/v1/honours?q=${encodeURIComponent("工人先锋号")}&year=2023&orgId=${p.enterpriseA.id}`, "provinceReader");
    expect(byTitle.body.items).toHaveLength(1);
    expect((await call(honoursApi, "GET", `/api/v1/honours?q=${encodeURIComponent(worker.name)}`, "cityB")).body.items).toEqual([]);
    await db.honour.updateMany({ where: { memberId: worker.id }, data: { revokedAt: new Date("2025-06-01"), revocationReason: "主要事迹严重失实" } });
    expect((await call(honoursApi, "GET", `/api/v1/honours?q=${encodeURIComponent(worker.name)}`, "cityA")).body.items).toEqual([]);
    const withRevoked = await call(honoursApi, "GET", `/api/v1/honours?q=${encodeURIComponent(worker.name)}&includeRevoked=1`, "cityA");
    expect(withRevoked.body.items[0]).toMatchObject({ revocationReason: "主要事迹严重失实" });
    await db.honour.updateMany({ where: { memberId: worker.id }, data: { revokedAt: null, revocationReason: null } });
  });

  it("the worker sees their own honours on /my-honours and /api/v1/me/honours, and not the register", async () => {
    const mine = await call(myHonoursApi, "GET", "/api/v1/me/honours", "worker");
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ linked: true });
    expect(mine.body.items.map((h: { title: string }) => h.title)).toEqual(["浙江省技术能手"]);
    const cookie = await sessionCookieFor(userIds.worker);
    const page = await myHonoursPage.loader({ request: makeRequest("/my-honours", { cookie }), params: {}, context: ctx });
    expect(page.honours).toHaveLength(1);
    await expect(honoursPage.loader({ request: makeRequest("/honours", { cookie }), params: {}, context: ctx })).rejects.toMatchObject({ status: 403 });
    expect((await call(honoursApi, "GET", "/api/v1/honours", "worker")).status).toBe(403);
  });

  it("the register page searches and records by form", async () => {
    const cookie = await sessionCookieFor(userIds.cityA);
    const page = await honoursPage.loader({ request: makeRequest(`/honours?q=${encodeURIComponent(worker.name)}`, { cookie }), params: {}, context: ctx }) as { honours: unknown[]; holders: { members: { id: string }[] } };
    expect(page.honours).toHaveLength(1);
    expect(page.holders.members.map((m) => m.id)).toContain(worker.id);
    const saved = await honoursPage.action({ request: makeRequest("/honours", { cookie, form: { memberId: worker.id, orgId: "", title: "甲市五一劳动奖章", level: "city", year: "2022", issuingBody: "甲市总工会" } }), params: {}, context: ctx });
    expect((saved as Response).status).toBe(302);
    const bad = await honoursPage.action({ request: makeRequest("/honours", { cookie, form: { memberId: worker.id, orgId: "", title: "甲市五一劳动奖章", level: "city", year: "二〇二二", issuingBody: "甲市总工会" } }), params: {}, context: ctx });
    expect((bad as Response).status).toBe(400);
    expect((await (bad as Response).json()).message).toMatch(/年度/);
  });
});
