import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken, type SessionUser } from "~/utils/auth.server";
import { createRound, reviewSubmission } from "~/modules/review-chain/review-chain.server";
import { applyProject, recordScores } from "~/modules/labour/labour.server";
import { attachEvidence } from "~/modules/labour/evidence.server";
import * as periodPage from "~/routes/labour.$projectId.periods.$periodId._index";
import * as evidenceRoute from "~/routes/labour.$projectId.periods.$periodId.evidence.$scoreId";
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
