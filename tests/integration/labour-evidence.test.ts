import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken, type SessionUser } from "~/utils/auth.server";
import { createRound, reviewSubmission } from "~/modules/review-chain/review-chain.server";
import { applyProject, recordScores } from "~/modules/labour/labour.server";
import { attachEvidence } from "~/modules/labour/evidence.server";
import * as periodPage from "~/routes/labour.$projectId.periods.$periodId._index";
import * as evidenceRoute from "~/routes/labour.$projectId.periods.$periodId.evidence.$scoreId";
import * as unitPage from "~/routes/labour.$projectId.units.$unitId";
import * as labourIndex from "~/routes/labour._index";
import * as evidenceApi from "~/routes/api.v1.labour.projects.$projectId.periods.$periodId.evidence";
import * as unitEvidenceApi from "~/routes/api.v1.labour.projects.$projectId.units.$unitId.evidence";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 14 item 3: evidence photos and files per assessed item. A committee member attaches a photo
// to their own score of an item through the period page (a real multipart upload through the shared
// file checks); the unit's own people attach a document to a scored item of their unit; nobody
// attaches to an unscored item; the period sheet lists the evidence and the board is unchanged by
// it; the file is served to whoever may read the project and to the unit's people, and refused
// (403) to an outsider, who cannot attach either.

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 600 }, (_, i) => i % 251)]);
const PDF = new TextEncoder().encode(`%PDF-1.4\n%${"x".repeat(400)}\n%%EOF\n`);

const cookies: Record<string, string> = {};
const tokens: Record<string, string> = {};
const users: Record<string, SessionUser> = {};
let projectId: string;
let periodId: string;
let unit: Record<string, string> = {};
const actorOf = (name: string) => ({ userId: users[name].id, requestId: null });

beforeAll(async () => {
  const p = await createProvince();
  const dept = await createOrg({ type: "team", parent: p.enterpriseA, name: `一标段项目部${uid()}` });
  const who = async (name: string, role: string, orgId: string) => {
    const u = await createUser([{ role, orgId }]);
    cookies[name] = await sessionCookieFor(u.id);
    users[name] = (await loadUserForToken(u.id, "t"))!;
    tokens[name] = (await createApiToken(users[name], { name }, { userId: u.id, requestId: null })).token;
  };
  await who("applicant", "labour_organiser", p.enterpriseA.id);
  await who("city", "organiser", p.cityA.id);
  await who("judge", "labour_committee", p.enterpriseA.id);
  await who("judge2", "labour_committee", p.enterpriseA.id);
  await who("unitPerson", "labour_organiser", dept.id);
  await who("outsider", "labour_organiser", p.enterpriseB.id);
  const round = await createRound(users.city, { subjectType: "competition.project", title: `劳动竞赛项目申报${uid()}`, topOrgId: p.cityA.id, reviewingTypes: [] }, actorOf("city"));
  const project = await applyProject(users.applicant, {
    orgId: p.enterpriseA.id, name: `佐证材料测试竞赛${uid()}`, owner: "", kind: "project", startDate: "2026-01-01", endDate: "2026-12-31", frequency: "month", budget: 0,
    template: "qibi-yichuang", minSigners: 3, roundId: round.id,
    roster: [
      { kind: "unit", name: "中铁测试局" },
      { kind: "section", name: "一标段", parent: "中铁测试局", orgId: dept.id },
      { kind: "section", name: "二标段", parent: "中铁测试局" },
    ],
  }, actorOf("applicant"));
  await reviewSubmission(users.city, project.submissionId!, { level: 0, action: "recommend" }, actorOf("city"));
  projectId = project.id;
  periodId = (await db.labourPeriod.findFirstOrThrow({ where: { projectId }, orderBy: { seq: "asc" } })).id;
  unit = Object.fromEntries((await db.labourRosterEntry.findMany({ where: { projectId } })).map((r) => [r.name, r.id]));
});

async function uploadThroughPage(who: string, unitId: string, indicatorKey: string, bytes: Uint8Array<ArrayBuffer>, filename: string) {
  const form = new FormData();
  form.set("intent", "evidence");
  form.set("unitId", unitId);
  form.set("indicatorKey", indicatorKey);
  form.set("file", new File([bytes], filename));
  const res = await (periodPage.action as (a: unknown) => Promise<Response | Record<string, unknown>>)({
    request: makeRequest(`/labour/${projectId}/periods/${periodId}`, { method: "POST", cookie: cookies[who], body: form }), params: { projectId, periodId }, context: ctx,
  }).catch((thrown: unknown) => thrown as Response);
  if (res instanceof Response) {
    const text = await res.text();
    return { status: res.status, body: (text.startsWith("{") ? JSON.parse(text) : { message: text }) as Record<string, unknown> };
  }
  return { status: 200, body: res };
}

const download = async (who: string, scoreId: string) =>
  (evidenceRoute.loader as (a: unknown) => Promise<Response>)({ request: makeRequest(`/labour/${projectId}/periods/${periodId}/evidence/${scoreId}`, { cookie: cookies[who] }), params: { projectId, periodId, scoreId }, context: ctx })
    .catch((r: unknown) => r as Response);

const pageData = async (who: string) =>
  (periodPage.loader as (a: unknown) => Promise<{ evidence: { id: string; unitId: string; indicatorKey: string; by: string; filename: string }[]; board: { unitId: string; total: number }[] }>)({
    request: makeRequest(`/labour/${projectId}/periods/${periodId}`, { cookie: cookies[who] }), params: { projectId, periodId }, context: ctx,
  });

const stored = () => Promise.all([db.storedFile.count({ where: { purpose: "labour-evidence" } }), db.labourScore.count({ where: { periodId, evidenceId: { not: null } } })]);

describe("evidence per assessed item (issue 14 item 3)", () => {
  let photoScoreId: string;
  let unitScoreId: string;

  it("an item not yet scored takes no evidence, and nothing is kept", async () => {
    const before = await stored();
    const res = await uploadThroughPage("judge", unit["一标段"], "party", JPEG, "现场照片.jpg");
    expect(res.status).toBe(400);
    expect(String(res.body.message)).toMatch(/^该项尚未打分，请先打分再上传佐证材料/);
    const early = await attachEvidence(users.unitPerson, projectId, periodId, { unitId: unit["一标段"], indicatorKey: "party", file: new File([PDF], "整改报告.pdf") }, actorOf("unitPerson")).catch((e: unknown) => e);
    expect(early).toMatchObject({ status: 400, code: "not_scored" });
    expect(await stored()).toEqual(before);
  });

  it("a committee member attaches a photo to their own score through the period page (rule L-11)", async () => {
    await recordScores(users.judge, projectId, periodId, { entries: [{ unitId: unit["一标段"], indicatorKey: "party", value: 9000 }] }, actorOf("judge"));
    const boardBefore = (await pageData("judge")).board.find((r) => r.unitId === unit["一标段"])!.total;
    const res = await uploadThroughPage("judge", unit["一标段"], "party", JPEG, "现场照片.jpg");
    expect(res.body).toMatchObject({ ok: true, done: "evidence" });
    const row = await db.labourScore.findUniqueOrThrow({ where: { periodId_unitId_indicatorKey_byId: { periodId, unitId: unit["一标段"], indicatorKey: "party", byId: users.judge.id } } });
    expect(row.value).toBe(9000);
    expect(row.evidenceId).not.toBeNull();
    photoScoreId = row.id;
    expect(await db.event.findFirst({ where: { action: "labour.evidence.attached", entityId: periodId } })).not.toBeNull();
    const d = await pageData("judge");
    expect(d.evidence).toEqual([expect.objectContaining({ id: row.id, unitId: unit["一标段"], indicatorKey: "party", by: "committee", filename: "现场照片.jpg" })]);
    expect(d.board.find((r) => r.unitId === unit["一标段"])!.total).toBe(boardBefore);
  });

  it("a file that is not a photo or PDF is refused with its reason and changes nothing", async () => {
    const before = await stored();
    const res = await uploadThroughPage("judge", unit["一标段"], "party", new TextEncoder().encode("just some text"), "说明.jpg");
    expect(res.status).toBe(400);
    expect(String(res.body.message)).toMatch(/^文件类型不允许/);
    expect(await stored()).toEqual(before);
  });

  it("the unit's own people attach a document to their scored item; not to another unit's; the board ignores it", async () => {
    const boardBefore = (await pageData("judge")).board.find((r) => r.unitId === unit["一标段"])!.total;
    const added = await attachEvidence(users.unitPerson, projectId, periodId, { unitId: unit["一标段"], indicatorKey: "party", file: new File([PDF], "整改报告.pdf") }, actorOf("unitPerson"));
    expect(added).toMatchObject({ by: "unit", filename: "整改报告.pdf", mimeType: "application/pdf" });
    unitScoreId = added.id;
    const row = await db.labourScore.findUniqueOrThrow({ where: { id: unitScoreId } });
    expect(row).toMatchObject({ byId: "unit", value: null, plan: null });
    await recordScores(users.judge2, projectId, periodId, { entries: [{ unitId: unit["二标段"], indicatorKey: "party", value: 8000 }] }, actorOf("judge2"));
    const other = await attachEvidence(users.unitPerson, projectId, periodId, { unitId: unit["二标段"], indicatorKey: "party", file: new File([PDF], "x.pdf") }, actorOf("unitPerson")).catch((e: unknown) => e);
    expect(other).toMatchObject({ status: 403 });
    const d = await pageData("judge");
    expect(d.evidence.map((e) => e.by).sort()).toEqual(["committee", "unit"]);
    expect(d.board.find((r) => r.unitId === unit["一标段"])!.total).toBe(boardBefore);
  });

  it("serves the file to the project's readers and the unit's people, and refuses an outsider (403)", async () => {
    const mine = await download("judge", photoScoreId);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Content-Type")).toBe("image/jpeg");
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(JPEG);
    const byOrganiser = await download("applicant", unitScoreId);
    expect(byOrganiser.status).toBe(200);
    expect(byOrganiser.headers.get("Content-Type")).toBe("application/pdf");
    expect((await download("unitPerson", unitScoreId)).status).toBe(200);
    // the unit's people see all the evidence about their own unit
    const photoToUnit = await download("unitPerson", photoScoreId);
    expect(photoToUnit.status).toBe(200);
    for (const id of [photoScoreId, unitScoreId]) expect((await download("outsider", id)).status).toBe(403);
    const page = await (periodPage.loader as (a: unknown) => Promise<unknown>)({ request: makeRequest(`/labour/${projectId}/periods/${periodId}`, { cookie: cookies.outsider }), params: { projectId, periodId }, context: ctx }).catch((r: Response) => r);
    expect((page as Response).status).toBe(403);
  });

  it("an outsider cannot attach, and nothing is kept", async () => {
    const before = await stored();
    const res = await uploadThroughPage("outsider", unit["一标段"], "party", JPEG, "a.jpg");
    expect(res.status).toBe(403);
    expect(await stored()).toEqual(before);
  });
});

// Brief ux item 1: the unit's own page. The unit contact of 一标段 (a grant over the 标段's project
// department only) finds the unit on /labour, opens its page, and attaches a file per scored item
// of their own unit; type and size are refused with the reason; a signed period needs a correction
// reason (rule L-11, as scores do); an awarded period takes nothing; anyone else gets 403.
describe("the unit's own evidence page (brief ux item 1, rules L-9, L-11)", () => {
  type UnitView = { unit: { id: string }; period: { id: string; status: string } | null; items: { key: string; scored: boolean; evidence: { id: string; filename: string } | null }[] };
  const open = async (who: string, unitId = unit["一标段"], query = `?period=${periodId}`) =>
    (unitPage.loader as (a: unknown) => Promise<UnitView>)({ request: makeRequest(`/labour/${projectId}/units/${unitId}${query}`, { cookie: cookies[who] }), params: { projectId, unitId }, context: ctx })
      .catch((r: unknown) => r as Response);
  const post = async (who: string, fields: Record<string, string>, file?: File, unitId = unit["一标段"]) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    if (file) form.set("file", file);
    const res = await (unitPage.action as (a: unknown) => Promise<Response>)({
      request: makeRequest(`/labour/${projectId}/units/${unitId}`, { method: "POST", cookie: cookies[who], body: form }), params: { projectId, unitId }, context: ctx,
    }).catch((r: unknown) => r as Response);
    if (!(res instanceof Response)) return { status: 200, body: res as Record<string, unknown> };
    const text = await res.text();
    return { status: res.status, body: (text.startsWith("{") ? JSON.parse(text) : { message: text }) as Record<string, unknown> };
  };
  const unitRows = () => db.labourScore.count({ where: { periodId, byId: "unit" } });

  it("lists the unit on /labour for its own people only, and opens its page with each item's state", async () => {
    const index = await (labourIndex.loader as (a: unknown) => Promise<{ myUnits: { unitId: string; projectId: string }[] }>)({ request: makeRequest("/labour", { cookie: cookies.unitPerson }), params: {}, context: ctx });
    expect(index.myUnits).toEqual([expect.objectContaining({ unitId: unit["一标段"], projectId })]);
    const judgeIndex = await (labourIndex.loader as (a: unknown) => Promise<{ myUnits: unknown[] }>)({ request: makeRequest("/labour", { cookie: cookies.judge }), params: {}, context: ctx });
    expect(judgeIndex.myUnits).toEqual([]);
    // without a period asked for, the page opens at the current period (the latest not awarded)
    const current = (await open("unitPerson", unit["一标段"], "")) as UnitView;
    expect(current.period?.status).toBe("open");
    const view = (await open("unitPerson")) as UnitView;
    expect(view.period?.id).toBe(periodId);
    expect(view.items.find((i) => i.key === "party")).toMatchObject({ scored: true, evidence: { filename: "整改报告.pdf" } });
    expect(view.items.find((i) => i.key === "quality")).toMatchObject({ scored: false, evidence: null });
    // another unit's page, an outsider, and the committee (who use the period page) are refused
    expect(((await open("unitPerson", unit["二标段"])) as Response).status).toBe(403);
    expect(((await open("outsider")) as Response).status).toBe(403);
    expect(((await open("judge")) as Response).status).toBe(403);
  });

  it("attaches a photo to a scored item of its own unit through the page, replacing the unit's earlier file", async () => {
    const res = await post("unitPerson", { periodId, indicatorKey: "party" }, new File([JPEG], "宣传栏.jpg"));
    expect(res.body).toMatchObject({ ok: true, indicatorKey: "party" });
    const view = (await open("unitPerson")) as UnitView;
    expect(view.items.find((i) => i.key === "party")?.evidence?.filename).toBe("宣传栏.jpg");
    expect(await unitRows()).toBe(1);
  });

  it("refuses an unscored item, a wrong type and an oversized file inline with the reason (Chinese first), keeping nothing", async () => {
    const before = await stored();
    const unscored = await post("unitPerson", { periodId, indicatorKey: "quality" }, new File([PDF], "质量.pdf"));
    expect(unscored).toMatchObject({ status: 400, body: { ok: false, indicatorKey: "quality" } });
    expect(String(unscored.body.message)).toMatch(/^该项尚未打分/);
    const text = await post("unitPerson", { periodId, indicatorKey: "party" }, new File([new TextEncoder().encode("plain words")], "说明.pdf"));
    expect(text.status).toBe(400);
    expect(String(text.body.message)).toMatch(/^文件类型不允许，只接受/);
    const big = await post("unitPerson", { periodId, indicatorKey: "party" }, new File([new Uint8Array(10 * 1024 * 1024 + 10)], "大文件.pdf"));
    expect(big.status).toBe(413);
    expect(String(big.body.message)).toMatch(/^文件过大/);
    expect(await stored()).toEqual(before);
  });

  it("a signed period takes the unit's file only with a correction reason, recorded in the event; an awarded one takes nothing", async () => {
    await db.labourPeriod.update({ where: { id: periodId }, data: { status: "signed" } });
    const before = await stored();
    const refused = await post("unitPerson", { periodId, indicatorKey: "party" }, new File([PDF], "更正.pdf"));
    expect(refused).toMatchObject({ status: 409, body: { ok: false, indicatorKey: "party" } });
    expect(String(refused.body.message)).toMatch(/^该考评期已签字，修改分数须填写更正理由/);
    expect(await stored()).toEqual(before);
    const ok = await post("unitPerson", { periodId, indicatorKey: "party", correctionReason: "原照片拍错工点，更换为正确照片" }, new File([PDF], "更正.pdf"));
    expect(ok.body).toMatchObject({ ok: true });
    const event = await db.event.findFirstOrThrow({ where: { action: "labour.evidence.attached", entityId: periodId }, orderBy: { id: "desc" } });
    expect(JSON.parse(event.after!)).toMatchObject({ by: "unit", correctionReason: "原照片拍错工点，更换为正确照片", filename: "更正.pdf" });
    await db.labourPeriod.update({ where: { id: periodId }, data: { status: "awarded" } });
    const late = await post("unitPerson", { periodId, indicatorKey: "party", correctionReason: "再换" }, new File([PDF], "再换.pdf"));
    expect(late.status).toBe(409);
    expect(String(late.body.message)).toMatch(/颁/);
    await db.labourPeriod.update({ where: { id: periodId }, data: { status: "open" } });
  });

  it("the API: the unit's people attach through POST …/evidence (base64) and read their page; others are refused", async () => {
    const call = async (route: { action?: unknown; loader?: unknown }, method: string, path: string, who: string, params: Record<string, string>, json?: unknown, lang?: string) => {
      const fn = (method === "GET" ? route.loader : route.action) as (a: unknown) => Promise<Response>;
      const res = await fn({ request: makeRequest(path, { method, token: tokens[who], json, headers: lang ? { "Accept-Language": lang } : {} }), params, context: ctx });
      return { status: res.status, body: JSON.parse(await res.text()) as Record<string, any> };
    };
    const body = { unitId: unit["一标段"], indicatorKey: "party", filename: "api.pdf", contentBase64: Buffer.from(PDF).toString("base64") };
    const added = await call(evidenceApi, "POST", `/api/v1/labour/projects/${projectId}/periods/${periodId}/evidence`, "unitPerson", { projectId, periodId }, body);
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ by: "unit", filename: "api.pdf", mimeType: "application/pdf" });
    const other = await call(evidenceApi, "POST", `/api/v1/labour/projects/${projectId}/periods/${periodId}/evidence`, "unitPerson", { projectId, periodId }, { ...body, unitId: unit["二标段"] });
    expect(other.status).toBe(403);
    const badB64 = await call(evidenceApi, "POST", `/api/v1/labour/projects/${projectId}/periods/${periodId}/evidence`, "unitPerson", { projectId, periodId }, { ...body, contentBase64: "***" }, "en");
    expect(badB64.status).toBe(400);
    expect(badB64.body.error.message).toBe("contentBase64 is not valid base64");
    const unitId = unit["一标段"];
    const page = await call(unitEvidenceApi, "GET", `/api/v1/labour/projects/${projectId}/units/${unitId}/evidence?period=${periodId}`, "unitPerson", { projectId, unitId });
    expect(page.status).toBe(200);
    expect(page.body.items.find((i: { key: string }) => i.key === "party").evidence.filename).toBe("api.pdf");
    expect((await call(unitEvidenceApi, "GET", `/api/v1/labour/projects/${projectId}/units/${unitId}/evidence`, "outsider", { projectId, unitId })).status).toBe(403);
  });
});
