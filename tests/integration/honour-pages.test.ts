import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { recordHonour } from "~/modules/honours/honours.server";
import { saveUpload } from "~/modules/files/files.server";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import * as honourPage from "~/routes/honours_.$honourId";
import * as reviewApi from "~/routes/api.v1.submissions.$submissionId.review";
import * as filesRoute from "~/routes/files.$fileId";
import * as barsPage from "~/routes/honours_.bars";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 13 item 7: a revocation reported from the honour's page, with grounds and documents, climbing
// the chain as the API does (rules N-40 … N-42); and who may download the files attached to a
// nomination or a revocation: the nominating unit, the reviewers, committee members and managers of
// the levels it has reached, the departments consulted on it (N-34), nobody else.

let p: Awaited<ReturnType<typeof createProvince>>;
const userIds: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function as(role: string, orgId: string, name: string) {
  const u = await createUser([{ role, orgId }]);
  userIds[name] = u.id;
  const session = (await loadUserForToken(u.id, "t"))!;
  tokens[name] = (await createApiToken(session, { name }, { userId: u.id, requestId: null })).token;
}

const pdf = (name = "判决书.pdf") => new File([new TextEncoder().encode(`%PDF-1.4\n% ${uid()}\n%%EOF\n`)], name, { type: "application/pdf" });

async function download(who: string, fileId: string) {
  try {
    const r = await filesRoute.loader({ request: makeRequest(`/files/${fileId}`, { cookie: await sessionCookieFor(userIds[who]) }), params: { fileId }, context: ctx } as never);
    return r.status;
  } catch (thrown) {
    return (thrown as Response).status;
  }
}

async function recommend(submissionId: string, level: number, who: string) {
  const r = await reviewApi.action({ request: makeRequest(`/api/v1/submissions/${submissionId}/review`, { token: tokens[who], json: { level, action: "recommend" } }), params: { submissionId }, context: ctx } as never) as Response;
  expect(r.status, await r.clone().text()).toBe(200);
}

async function pagePost(who: string, honourId: string, form: FormData) {
  const request = makeRequest(`/honours/${honourId}`, { method: "POST", cookie: await sessionCookieFor(userIds[who]), body: form });
  try {
    const r = (await honourPage.action({ request, params: { honourId }, context: ctx } as never)) as Response | Record<string, unknown>;
    return r instanceof Response ? { status: r.status, body: await r.json() } : { status: 200, body: r };
  } catch (thrown) {
    return { status: (thrown as Response).status, body: await (thrown as Response).text() };
  }
}

let cityBName: string;
let member: Awaited<ReturnType<typeof createMember>>;

beforeAll(async () => {
  p = await createProvince();
  cityBName = (await db.organisation.findUniqueOrThrow({ where: { id: p.cityB.id } })).name;
  member = await createMember(p.enterpriseB.id, { name: `孙立新${uid().slice(0, 3)}` });
  await as("grassroots_contact", p.enterpriseB.id, "contactB");
  await as("grassroots_contact", p.enterpriseA.id, "contactA");
  await as("reviewer", p.districtB.id, "districtB");
  await as("reviewer", p.cityB.id, "cityB");
  await as("reviewer", p.cityA.id, "cityA");
  await as("reviewer", p.province.id, "province");
  await as("committee", p.cityB.id, "committeeB");
  await as("worker", p.enterpriseB.id, "worker");
  const cityB = await db.organisation.findUniqueOrThrow({ where: { id: p.cityB.id } });
  const tax = await createOrg({ type: "department", parent: cityB, name: `乙市税务局${uid()}` });
  const market = await createOrg({ type: "department", parent: cityB, name: `乙市市场监管局${uid()}` });
  await as("department_consultant", tax.id, "tax");
  await as("department_consultant", market.id, "market");
  userIds.taxOrg = tax.id;
});

describe("revocation from the honour's page (rules N-40 … N-42)", () => {
  let honourId: string;

  beforeAll(async () => {
    const h = await db.$transaction((tx) => recordHonour(tx, { memberId: member.id, title: "乙市五一劳动奖章", level: "city", year: 2023, issuingBody: cityBName, source: "manual" }, { userId: null, requestId: null }));
    honourId = h.id;
  });

  it("the nominating unit's contact sees the form with the issuing body as approver; others see no form or no page", async () => {
    const mine = await honourPage.loader({ request: makeRequest(`/honours/${honourId}`, { cookie: await sessionCookieFor(userIds.contactB) }), params: { honourId }, context: ctx } as never) as any;
    expect(mine.revocation).toMatchObject({ submitter: { id: p.enterpriseB.id }, defaultApproverId: p.cityB.id });
    expect(mine.revocation.approvers.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([p.districtB.id, p.cityB.id, p.province.id]));
    const reviewer = await honourPage.loader({ request: makeRequest(`/honours/${honourId}`, { cookie: await sessionCookieFor(userIds.cityB) }), params: { honourId }, context: ctx } as never) as any;
    expect(reviewer.revocation).toBeNull();
    await expect(honourPage.loader({ request: makeRequest(`/honours/${honourId}`, { cookie: await sessionCookieFor(userIds.contactA) }), params: { honourId }, context: ctx } as never)).rejects.toMatchObject({ status: 404 });
  });

  it("bad input gets a Chinese-first message and changes nothing; a good report climbs with its documents", async () => {
    const bad = new FormData();
    bad.set("details", "x");
    bad.set("approvingOrgId", p.cityB.id);
    bad.append("documents", pdf());
    const refused = await pagePost("contactB", honourId, bad);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^请至少选择一项撤销理由|^请选择撤销理由/);
    const sideways = new FormData();
    sideways.append("grounds", "criminal");
    sideways.set("details", "x");
    sideways.set("approvingOrgId", p.cityA.id);
    expect((await pagePost("contactB", honourId, sideways)).status).toBe(400);
    expect((await pagePost("contactA", honourId, sideways)).status).toBe(403);
    expect(await db.honourRevocation.count({ where: { honourId } })).toBe(0);
    expect(await db.storedFile.count({ where: { purpose: "revocation-document", uploadedById: userIds.contactB } })).toBe(0);

    const form = new FormData();
    form.append("grounds", "criminal");
    form.append("grounds", "other_serious");
    form.set("details", "2026年9月因受贿罪被判处有期徒刑，附判决书和撤销申报表。");
    form.set("approvingOrgId", p.cityB.id);
    form.set("submitterOrgId", p.enterpriseB.id);
    form.append("documents", pdf());
    form.append("documents", pdf("撤销劳动模范荣誉称号申报表.pdf"));
    const sent = await pagePost("contactB", honourId, form);
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    const revocation = await db.honourRevocation.findFirstOrThrow({ where: { honourId } });
    const documents = JSON.parse(revocation.documents) as { fileId: string; label: string }[];
    expect(documents).toHaveLength(2);
    expect(JSON.parse(revocation.grounds)).toEqual(["criminal", "other_serious"]);
    const submission = await db.reviewSubmission.findUniqueOrThrow({ where: { id: revocation.submissionId! } });
    expect(JSON.parse(submission.levels)).toEqual([p.districtB.id, p.cityB.id]);
    expect(await db.event.count({ where: { action: "honour.revocation-requested", entityId: revocation.id } })).toBe(1);
    // the form is gone while it is pending, and a second report is refused
    const again = await honourPage.loader({ request: makeRequest(`/honours/${honourId}`, { cookie: await sessionCookieFor(userIds.contactB) }), params: { honourId }, context: ctx } as never) as any;
    expect(again.revocation).toBeNull();
    expect(again.honour.revocations[0]).toMatchObject({ status: "pending", documents: [{ fileId: documents[0].fileId }, { fileId: documents[1].fileId }] });
    expect((await pagePost("contactB", honourId, form)).status).toBe(409);

    // the documents: the reporting unit and the district (where it waits) read them; not the city yet, not another city
    expect(await download("contactB", documents[0].fileId)).toBe(200);
    expect(await download("districtB", documents[0].fileId)).toBe(200);
    expect(await download("cityB", documents[0].fileId)).toBe(403);
    expect(await download("cityA", documents[0].fileId)).toBe(403);
    expect(await download("worker", documents[0].fileId)).toBe(403);

    // up the chain: the district recommends, the city (the naming body) approves, the honour is revoked
    await recommend(submission.id, 0, "districtB");
    expect(await download("cityB", documents[1].fileId)).toBe(200);
    await recommend(submission.id, 1, "cityB");
    expect((await db.honour.findUniqueOrThrow({ where: { id: honourId } })).revokedAt).not.toBeNull();
  });
});

describe("nomination attachments: who may download them", () => {
  let fileId: string;
  let submissionId: string;

  beforeAll(async () => {
    const round = await db.reviewRound.create({ data: { subjectType: "honours.nomination", title: `乙市五一劳动奖章${uid()}`, topOrgId: p.province.id, reviewingTypes: JSON.stringify(["county", "city"]) } });
    const campaign = await db.campaign.create({ data: { roundId: round.id, awards: JSON.stringify(["奖章"]), level: "provincial", year: 2026 } });
    const contact = (await loadUserForToken(userIds.contactB, "t"))!;
    const stored = await saveUpload(pdf("职代会决议.pdf"), { purpose: "nomination-attachment", allowedTypes: ["pdf"], orgId: p.enterpriseB.id }, { userId: contact.id, requestId: null });
    fileId = stored.id;
    const nomination = await db.nomination.create({ data: { campaignId: campaign.id, award: "奖章", kind: "individual", orgId: p.enterpriseB.id, memberId: member.id, name: member.name, status: "submitted", attachments: JSON.stringify([{ fileId, label: "职代会决议" }]) } });
    const submission = await db.$transaction((tx) => submitForReview(tx, contact, { roundId: round.id, subjectType: "honours.nomination", subjectId: nomination.id, title: member.name, submitterOrgId: p.enterpriseB.id }, { userId: contact.id, requestId: null }));
    submissionId = submission.id;
    await db.nomination.update({ where: { id: nomination.id }, data: { submissionId } });
    const cityB = await db.organisation.findUniqueOrThrow({ where: { id: p.cityB.id } });
    await db.consultationTask.create({
      data: { subjectType: "honours.nomination", subjectId: nomination.id, submissionId, candidateName: member.name, candidateType: "frontline", department: "tax", departmentOrgId: userIds.taxOrg, askedByOrgId: cityB.id, askedByOrgPath: cityB.path, dueOn: new Date("2026-05-01") },
    });
  });

  it("allowed: the nominating unit, the level it waits at, a consulted department; refused: levels above, other cities, other departments, workers", async () => {
    expect(await download("contactB", fileId)).toBe(200);
    expect(await download("districtB", fileId)).toBe(200);
    expect(await download("tax", fileId)).toBe(200);
    for (const who of ["cityB", "committeeB", "province", "cityA", "contactA", "market", "worker"]) expect(await download(who, fileId), who).toBe(403);
  });

  it("once recommended to the city, the city's reviewers and committee read it; the province still does not", async () => {
    await recommend(submissionId, 0, "districtB");
    expect(await download("cityB", fileId)).toBe(200);
    expect(await download("committeeB", fileId)).toBe(200);
    expect(await download("province", fileId)).toBe(403);
    expect(await download("cityA", fileId)).toBe(403);
  });
});

describe("rule N-43: the reviewers' page of unit bars", () => {
  const load = async (who: string) => barsPage.loader({ request: makeRequest("/honours/bars", { cookie: await sessionCookieFor(userIds[who]) }), params: {}, context: ctx } as never) as Promise<any>;
  const post = async (who: string, form: Record<string, string>) => {
    try {
      const r = (await barsPage.action({ request: makeRequest("/honours/bars", { cookie: await sessionCookieFor(userIds[who]), form }), params: {}, context: ctx } as never)) as Response | Record<string, unknown>;
      return r instanceof Response ? { status: r.status, body: await r.json() } : { status: 200, body: r };
    } catch (thrown) {
      return { status: (thrown as Response).status, body: null };
    }
  };

  it("a reviewer bars a unit with the reason; no reason or a unit outside scope changes nothing; contacts have no page", async () => {
    const noReason = await post("cityB", { orgId: p.enterpriseB.id, award: "劳模", fromYear: "2025", untilYear: "2030", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/^请填写原因/);
    expect((await post("cityB", { orgId: p.enterpriseA.id, award: "", fromYear: "2025", untilYear: "2030", reason: "x" })).status).toBe(403);
    expect(await db.unitBar.count({ where: { orgId: { in: [p.enterpriseA.id, p.enterpriseB.id] } } })).toBe(0);
    const ok = await post("cityB", { orgId: p.enterpriseB.id, award: "劳模", fromYear: "2025", untilYear: "2030", reason: "推荐材料弄虚作假" });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const page = await load("cityB");
    expect(page.bars).toMatchObject([{ org: { id: p.enterpriseB.id }, award: "劳模", untilYear: 2030, reason: "推荐材料弄虚作假" }]);
    expect(page.orgs.map((o: { id: string }) => o.id)).toContain(p.enterpriseB.id);
    expect(await db.event.count({ where: { action: "unit.barred", orgId: p.enterpriseB.id } })).toBe(1);
    expect((await load("cityA")).bars).toEqual([]);
    await expect(load("contactB")).rejects.toMatchObject({ status: 403 });
  });
});
