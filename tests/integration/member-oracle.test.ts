import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { SHEET_COLUMNS } from "~/modules/members/member-fields";
import { hashIdNumber } from "~/modules/members/id-protection.server";
import { action as importAction } from "~/routes/members.import";
import { action as newMemberAction } from "~/routes/members.new";
import { loader as membersLoader } from "~/routes/members._index";
import * as duplicatesRoute from "~/routes/members.duplicates";
import * as apiMembers from "~/routes/api.v1.members";
import * as apiMember from "~/routes/api.v1.members.$memberId";
import * as apiDuplicates from "~/routes/api.v1.members.duplicates";
import * as apiMerge from "~/routes/api.v1.members.merge";
import * as registrationRoute from "~/routes/registrations.$registrationId";
import { action as linkAction } from "~/routes/account.member";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid, validIdNumber } from "../factories";

// Issue 10 item 5 (decision 009): no 身份证号 oracle. A member:write holder learns whether a
// number is registered only inside their own subtree; same-person records inside a subtree are
// found and merged; one person is approved at most once per event.

let p: Awaited<ReturnType<typeof createProvince>>;
let hz: { id: string; cookie: string; token: string }; // organiser of city A (杭州 in the story)
let nb: { id: string; cookie: string; token: string }; // organiser of city B (宁波)
let prov: { id: string; cookie: string; token: string }; // organiser over the province: both cities
let hzNumber: string;
let hzMember: { id: string; name: string };

async function account(role: string, orgId: string) {
  const user = await createUser([{ role, orgId }]);
  const loaded = (await loadUserForToken(user.id, "bootstrap"))!;
  const token = (await createApiToken(loaded, { name: "oracle test" }, { userId: user.id, requestId: null })).token;
  return { id: user.id, cookie: await sessionCookieFor(user.id), token };
}

async function xlsxOf(rows: Record<string, unknown>[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("会员");
  sheet.addRow(SHEET_COLUMNS.map((c) => c.header));
  for (const r of rows) sheet.addRow(SHEET_COLUMNS.map((c) => r[c.key] ?? null));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function importFile(cookie: string, rows: Record<string, unknown>[]) {
  const form = new FormData();
  form.append("file", new File([(await xlsxOf(rows)) as Uint8Array<ArrayBuffer>], "会员.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
  const result = await importAction({ request: makeRequest("/members/import", { cookie, method: "POST", body: form }), params: {}, context: ctx });
  return result instanceof Response ? { status: result.status, body: await result.json() } : { status: 200, body: result };
}

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: any; location?: string | null }> {
  try {
    const value = await promise;
    if (value instanceof Response) {
      const text = await value.text();
      let body: unknown = text;
      try { body = JSON.parse(text); } catch { /* not JSON */ }
      return { status: value.status, body, location: value.headers.get("Location") };
    }
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text(), location: thrown.headers.get("Location") };
    throw thrown;
  }
}

/** A response with the parts that must differ between two new records (ids, names, numbers) taken out. */
function shapeOf(value: unknown, strip: string[]): string {
  let text = JSON.stringify(value);
  for (const s of strip) text = text.split(s).join("<x>");
  return text.replace(/"(id|createdAt|updatedAt|birthDate|sex)":"[^"]*"/g, '"$1":"<x>"').replace(/\/members\/[a-z0-9]+/g, "/members/<id>");
}

beforeAll(async () => {
  p = await createProvince();
  hz = await account("organiser", p.cityA.id);
  nb = await account("organiser", p.cityB.id);
  prov = await account("organiser", p.province.id);
  hzNumber = validIdNumber();
  hzMember = await createMember(p.enterpriseA.id, { name: `杭州会员${uid().slice(0, 3)}`, idNumber: hzNumber });
});

describe("an organiser of city B learns nothing about numbers registered in city A", () => {
  it("importing a number registered in city A answers exactly as importing a number registered nowhere", async () => {
    const tag = uid().slice(0, 4);
    const fresh = validIdNumber();
    const taken = await importFile(nb.cookie, [{ name: `宁波甲${tag}`, ethnicity: "汉族", idNumber: hzNumber, unit: p.enterpriseB.name }]);
    const free = await importFile(nb.cookie, [{ name: `宁波乙${tag}`, ethnicity: "汉族", idNumber: fresh, unit: p.enterpriseB.name }]);
    expect(taken).toEqual({ status: 200, body: { ok: true, count: 1 } });
    expect(free).toEqual(taken);
    expect(JSON.stringify(taken)).not.toMatch(/已登记|already/);
    // both were written: city B has its own record of the person, city A's is untouched
    const records = await db.member.findMany({ where: { idNumberHash: hashIdNumber(hzNumber) }, select: { orgId: true } });
    expect(records.map((r) => r.orgId).sort()).toEqual([p.enterpriseA.id, p.enterpriseB.id].sort());
  });

  it("the form and the API create a member with a city A number as with a fresh one", async () => {
    // the form: the same redirect to the new record
    const other = validIdNumber();
    const viaForm = await outcome(newMemberAction({ request: makeRequest("/members/new", { cookie: nb.cookie, form: { name: "表单登记", ethnicity: "汉族", idNumber: other, orgId: p.enterpriseB.id } }), params: {}, context: ctx }));
    const ghostA = validIdNumber();
    await createMember(p.teamA.id, { idNumber: ghostA }); // city A holds this one
    const viaFormTaken = await outcome(newMemberAction({ request: makeRequest("/members/new", { cookie: nb.cookie, form: { name: "表单登记", ethnicity: "汉族", idNumber: ghostA, orgId: p.enterpriseB.id } }), params: {}, context: ctx }));
    expect(viaFormTaken.status).toBe(302);
    expect(shapeOf(viaFormTaken, [])).toBe(shapeOf(viaForm, []));

    // the API: 201 with the same fields
    const ghostB = validIdNumber();
    await createMember(p.enterpriseA.id, { idNumber: ghostB });
    const fresh = validIdNumber();
    const resTaken = await apiMembers.action({ request: makeRequest("/api/v1/members", { token: nb.token, json: { name: "接口登记", ethnicity: "汉族", idNumber: ghostB, orgId: p.enterpriseB.id } }), params: {}, context: ctx });
    const resFresh = await apiMembers.action({ request: makeRequest("/api/v1/members", { token: nb.token, json: { name: "接口登记", ethnicity: "汉族", idNumber: fresh, orgId: p.enterpriseB.id } }), params: {}, context: ctx });
    expect([resTaken.status, resFresh.status]).toEqual([201, 201]);
    const [bodyTaken, bodyFresh] = [await resTaken.json(), await resFresh.json()];
    expect(shapeOf(bodyTaken, [bodyTaken.idNumber])).toBe(shapeOf(bodyFresh, [bodyFresh.idNumber]));
  });

  it("changing a city B member's number to a city A number is accepted as any other change", async () => {
    const ghost = validIdNumber();
    await createMember(p.enterpriseA.id, { idNumber: ghost });
    const own = await createMember(p.enterpriseB.id, { idNumber: validIdNumber() });
    const res = await apiMember.action({ request: makeRequest(`/api/v1/members/${own.id}`, { token: nb.token, method: "PATCH", json: { idNumber: ghost } }), params: { memberId: own.id }, context: ctx });
    expect(res.status).toBe(200);
    expect((await db.member.findUniqueOrThrow({ where: { id: own.id } })).idNumberHash).toBe(hashIdNumber(ghost));
  });

  it("inside one's own subtree the duplicate is still refused, naming the record", async () => {
    const again = await importFile(hz.cookie, [{ name: "杭州重复", ethnicity: "汉族", idNumber: hzNumber, unit: p.enterpriseA.name }]);
    expect(again.status).toBe(400);
    expect(again.body.problems[0]).toMatchObject({ row: 2, field: "idNumber", message: expect.stringMatching(/已登记/) });
    const form = await outcome(newMemberAction({ request: makeRequest("/members/new", { cookie: hz.cookie, form: { name: "杭州重复", ethnicity: "汉族", idNumber: hzNumber, orgId: p.teamA.id } }), params: {}, context: ctx }));
    expect(form.status).toBe(409);
    expect(form.body.issues[0].message).toContain(hzMember.name);
    expect(await db.member.count({ where: { name: "杭州重复" } })).toBe(0);
  });

  it("the old way of linking (typing a name and a 身份证号) links nothing", async () => {
    const worker = await createUser([{ role: "worker", orgId: p.enterpriseB.id }]);
    const res = await outcome(linkAction({ request: makeRequest("/account/member", { cookie: await sessionCookieFor(worker.id), form: { name: hzMember.name, idNumber: hzNumber } }), params: {}, context: ctx }));
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe("code");
    expect((await db.user.findUniqueOrThrow({ where: { id: worker.id } })).memberId).toBeNull();
  });
});

describe("duplicates are found and merged inside one's own subtree", () => {
  let number: string;
  let first: { id: string }, second: { id: string }, outside: { id: string };
  let worker: { id: string };
  let event: { id: string; name: string };

  beforeAll(async () => {
    // a district of city A records the person twice (two enterprises); city B once more
    number = validIdNumber();
    const secondUnit = await createOrg({ type: "grassroots", parent: p.districtA });
    first = await createMember(p.enterpriseA.id, { name: "重复甲", idNumber: number });
    second = await createMember(secondUnit.id, { name: "重复甲", idNumber: number });
    outside = await createMember(p.enterpriseB.id, { name: "重复甲", idNumber: number });
    worker = await createUser([{ role: "worker", orgId: secondUnit.id }], { memberId: second.id });
    const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `去重测试赛${uid()}`, level: "city", contestClass: "一类", status: "open" } });
    event = await db.contestEvent.create({ data: { contestId: contest.id, name: `电工${uid()}`, trade: "电工", groupName: "职工组", mode: "individual", eligibility: "{}" } });
    await db.registration.create({ data: { eventId: event.id, memberId: second.id, unitId: secondUnit.id, status: "pending_unit" } });
  });

  it("city A's organiser sees the two city A records as one group; city B's record is not in it", async () => {
    const page = await duplicatesRoute.loader({ request: makeRequest("/members/duplicates", { cookie: hz.cookie }), params: {}, context: ctx });
    const group = page.groups.find((g) => g.members.some((m) => m.id === first.id));
    expect(group?.members.map((m) => m.id).sort()).toEqual([first.id, second.id].sort());
    const res = await apiDuplicates.loader({ request: makeRequest("/api/v1/members/duplicates", { token: hz.token }), params: {}, context: ctx });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(JSON.stringify(body)).not.toContain(outside.id);
    expect(JSON.stringify(body)).not.toContain(number); // masked numbers only
  });

  it("city B's organiser sees no group for the person: one record in their subtree is no duplicate", async () => {
    const page = await duplicatesRoute.loader({ request: makeRequest("/members/duplicates", { cookie: nb.cookie }), params: {}, context: ctx });
    expect(page.groups.some((g) => g.members.some((m) => m.id === outside.id))).toBe(false);
    expect(JSON.stringify(page)).not.toContain(first.id);
  });

  it("city B's organiser may not merge city A's records: 403 and nothing changes", async () => {
    const res = await apiMerge.action({ request: makeRequest("/api/v1/members/merge", { token: nb.token, json: { keepId: first.id, mergeId: second.id } }), params: {}, context: ctx });
    expect(res.status).toBe(403);
    expect((await db.member.findUniqueOrThrow({ where: { id: second.id } })).supersededById).toBeNull();
  });

  it("two different people are not merged", async () => {
    const stranger = await createMember(p.enterpriseA.id, { idNumber: validIdNumber() });
    const res = await outcome(duplicatesRoute.action({ request: makeRequest("/members/duplicates", { cookie: hz.cookie, form: { keepId: first.id, mergeId: stranger.id } }), params: {}, context: ctx }));
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/不是同一人/);
    expect((await db.member.findUniqueOrThrow({ where: { id: stranger.id } })).supersededById).toBeNull();
  });

  it("the merge moves the registration and the account link, records the event, and hides the merged record", async () => {
    const res = await outcome(duplicatesRoute.action({ request: makeRequest("/members/duplicates", { cookie: hz.cookie, form: { keepId: first.id, mergeId: second.id } }), params: {}, context: ctx }));
    expect(res).toMatchObject({ status: 200, body: { ok: true, movedRegistrations: 1 } });
    expect((await db.member.findUniqueOrThrow({ where: { id: second.id } })).supersededById).toBe(first.id);
    expect(await db.registration.findFirst({ where: { eventId: event.id }, select: { memberId: true } })).toEqual({ memberId: first.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: worker.id } })).memberId).toBe(first.id);
    const logged = await db.event.findFirstOrThrow({ where: { action: "member.merged", entityId: second.id } });
    expect(JSON.parse(logged.after!)).toMatchObject({ supersededById: first.id, movedRegistrations: 1, movedAccount: true });
    expect(logged.before! + logged.after!).not.toContain(number);
    const list = await membersLoader({ request: makeRequest(`/members?q=${encodeURIComponent("重复甲")}`, { cookie: hz.cookie }), params: {}, context: ctx });
    expect(list.items.map((m) => m.id)).toEqual([first.id]);
    const page = await duplicatesRoute.loader({ request: makeRequest("/members/duplicates", { cookie: hz.cookie }), params: {}, context: ctx });
    expect(page.groups.some((g) => g.members.some((m) => m.id === first.id))).toBe(false);
    // merging it again is refused: it is merged already
    const again = await apiMerge.action({ request: makeRequest("/api/v1/members/merge", { token: hz.token, json: { keepId: first.id, mergeId: second.id } }), params: {}, context: ctx });
    expect(again.status).toBe(409);
  });

  it("an organiser over both cities sees the cross-city pair, and only they do", async () => {
    // the province organiser sees both cities: first (city A) and outside (city B) form a group
    const res = await apiDuplicates.loader({ request: makeRequest("/api/v1/members/duplicates", { token: prov.token }), params: {}, context: ctx });
    const body = await res.json();
    const group = body.groups.find((g: { members: { id: string }[] }) => g.members.some((m) => m.id === first.id));
    expect(group.members.map((m: { id: string }) => m.id).sort()).toEqual([first.id, outside.id].sort());
  });
});

describe("final approval refuses the same person twice in one event (same_person_twice)", () => {
  it("a second record of an approved entrant cannot be approved at the last step; the first stays", async () => {
    const number = validIdNumber();
    const inA = await createMember(p.enterpriseA.id, { idNumber: number });
    const inB = await createMember(p.enterpriseB.id, { idNumber: number });
    const contest = await db.contest.create({ data: { orgId: p.province.id, name: `全省技能赛${uid()}`, level: "provincial", contestClass: "一类", status: "open" } });
    const event = await db.contestEvent.create({ data: { contestId: contest.id, name: `钳工${uid()}`, trade: "钳工", groupName: "职工组", mode: "individual", eligibility: "{}" } });
    const office = await createUser([{ role: "worker", orgId: p.province.id }]);
    await db.committeeMember.create({ data: { contestId: contest.id, group: "office", name: "组委会办公室", userId: office.id } });
    const cookie = await sessionCookieFor(office.id);
    const regA = await db.registration.create({ data: { eventId: event.id, memberId: inA.id, unitId: p.enterpriseA.id, status: "pending_office" } });
    const regB = await db.registration.create({ data: { eventId: event.id, memberId: inB.id, unitId: p.enterpriseB.id, status: "pending_office" } });
    const approve = (id: string) => outcome(registrationRoute.action({ request: makeRequest(`/registrations/${id}`, { cookie, form: { intent: "approve" } }), params: { registrationId: id }, context: ctx }));

    expect((await approve(regA.id)).status).toBe(200);
    const refused = await approve(regB.id);
    expect(refused.status).toBe(409);
    expect(refused.body.message).toMatch(/同一人/);
    const after = await db.registration.findUniqueOrThrow({ where: { id: regB.id } });
    expect([after.status, after.admissionNo]).toEqual(["pending_office", null]);
    expect(await db.registrationApproval.count({ where: { registrationId: regB.id } })).toBe(0);
    // the API answers the stable code
    const approveApi = await import("~/routes/api.v1.registrations.$registrationId.approve");
    const loaded = (await loadUserForToken(office.id, "bootstrap"))!;
    const token = (await createApiToken(loaded, { name: "office" }, { userId: office.id, requestId: null })).token;
    const res = await approveApi.action({ request: makeRequest(`/api/v1/registrations/${regB.id}/approve`, { token, json: {} }), params: { registrationId: regB.id }, context: ctx });
    expect(res.status).toBe(409);
    expect((await res.json()).error.code).toBe("same_person_twice");
    // a different person in the same event is approved as before
    const third = await createMember(p.enterpriseB.id, { idNumber: validIdNumber() });
    const regC = await db.registration.create({ data: { eventId: event.id, memberId: third.id, unitId: p.enterpriseB.id, status: "pending_office" } });
    expect((await approve(regC.id)).status).toBe(200);
  });
});
