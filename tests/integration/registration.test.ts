import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import * as newRoute from "~/routes/registrations.new";
import * as indexRoute from "~/routes/registrations._index";
import * as detailRoute from "~/routes/registrations.$registrationId";
import * as unitRoute from "~/routes/registrations.unit";
import * as reviewRoute from "~/routes/registrations.review";
import * as photoRoute from "~/routes/registrations.$registrationId.photo";
import * as eventApi from "~/routes/api.v1.events.$eventId.registrations";
import * as approveApi from "~/routes/api.v1.registrations.$registrationId.approve";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid, validIdNumber } from "../factories";

// Issue 4 part B: registration and the S-7 approval chain, driven through the routes
// with real Requests against a real database (SQLite and PostgreSQL).

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const DAY = 86_400_000;

async function createContest(orgId: string, opts: { opensInDays?: number; closesInDays?: number; status?: string } = {}) {
  const now = Date.now();
  return db.contest.create({
    data: {
      orgId, name: `测试技能大赛${uid()}`, level: "city", contestClass: "一类", status: opts.status ?? "open",
      registrationOpensAt: new Date(now + (opts.opensInDays ?? -1) * DAY),
      registrationClosesAt: new Date(now + (opts.closesInDays ?? 30) * DAY),
      startsAt: new Date(now + 40 * DAY),
    },
  });
}

async function createEvent(contestId: string, opts: { unitQuota?: number | null; mode?: string; teamSize?: number; eligibility?: object } = {}) {
  return db.contestEvent.create({
    data: {
      contestId, name: `焊工（职工组）${uid()}`, trade: "焊工", groupName: "职工组", mode: opts.mode ?? "individual", teamSize: opts.teamSize ?? null,
      unitQuota: opts.unitQuota === undefined ? 30 : opts.unitQuota,
      eligibility: JSON.stringify(opts.eligibility ?? { employmentStatuses: ["职工"] }),
    },
  });
}

async function outcome(promise: unknown): Promise<{ status: number; body: any }> {
  try {
    const value = await promise;
    if (value instanceof Response) {
      const text = await value.text();
      let body: unknown = text;
      try { body = JSON.parse(text); } catch { /* not JSON */ }
      return { status: value.status, body };
    }
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    throw thrown;
  }
}

/** A fresh valid ID number: a random birth date too, so that dozens of members never collide. */
const freshIdNumber = () => {
  const n = Number.parseInt(uid().slice(0, 6), 16);
  return validIdNumber("330106", { y: 1970 + (n % 30), m: 1 + (Math.floor(n / 30) % 12), d: 1 + (Math.floor(n / 360) % 28) });
};

/** A worker account linked to a new member of `orgId`. */
async function workerAt(orgId: string, employmentStatus = "职工") {
  const member = await createMember(orgId, { employmentStatus, idNumber: freshIdNumber() });
  const user = await createUser([{ role: "worker", orgId }], { memberId: member.id });
  return { member, user, cookie: await sessionCookieFor(user.id) };
}

const registerSelf = (cookie: string, eventId: string, form: Record<string, string> = {}) =>
  outcome(newRoute.action({ request: makeRequest(`/registrations/new?eventId=${eventId}`, { cookie, form: { eventId, ...form } }), params: {}, context: ctx }));

const act = (cookie: string, id: string, form: Record<string, string>) =>
  outcome(detailRoute.action({ request: makeRequest(`/registrations/${id}`, { cookie, form }), params: { registrationId: id }, context: ctx }));

let contest: Awaited<ReturnType<typeof createContest>>;
let event: Awaited<ReturnType<typeof createEvent>>;
let contact: { id: string; cookie: string };
let organiser: { id: string; cookie: string };
let office: { id: string; cookie: string };

beforeAll(async () => {
  p = await createProvince();
  contest = await createContest(p.cityA.id);
  event = await createEvent(contest.id);
  const c = await createUser([{ role: "unit_contact", orgId: p.enterpriseA.id }]);
  const o = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  const f = await createUser([{ role: "worker", orgId: p.cityA.id }]);
  await db.committeeMember.create({ data: { contestId: contest.id, group: "office", name: "组委会办公室 测试", userId: f.id } });
  contact = { id: c.id, cookie: await sessionCookieFor(c.id) };
  organiser = { id: o.id, cookie: await sessionCookieFor(o.id) };
  office = { id: f.id, cookie: await sessionCookieFor(f.id) };
});

describe("registering oneself", () => {
  it("rule S-2/S-63: a student is refused for a 职工组 event with the reason, and nothing is written", async () => {
    const student = await workerAt(p.teamA.id, "学生");
    const res = await registerSelf(student.cookie, event.id);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("该赛项仅限职工参加，您的人员身份为学生");
    expect(res.body.message).not.toMatch(/S-2|rule|open to/); // issue 12: no rule code, no other language
    expect(res.body.issues[0].path).toBe("eligibility");
    expect(await db.registration.count({ where: { memberId: student.member.id } })).toBe(0);
  });

  it("the window is enforced by server time: before it opens and after it closes are refused with the time", async () => {
    const w = await workerAt(p.enterpriseA.id);
    const early = await createEvent((await createContest(p.cityA.id, { opensInDays: 2, closesInDays: 10 })).id);
    const late = await createEvent((await createContest(p.cityA.id, { opensInDays: -10, closesInDays: -1 })).id);
    const draft = await createEvent((await createContest(p.cityA.id, { status: "draft" })).id);
    const a = await registerSelf(w.cookie, early.id);
    expect(a.status).toBe(400);
    expect(a.body.message).toContain("报名尚未开始");
    const b = await registerSelf(w.cookie, late.id);
    expect(b.status).toBe(400);
    expect(b.body.message).toContain("报名已截止");
    expect((await registerSelf(w.cookie, draft.id)).body.message).toContain("未开放报名");
    expect(await db.registration.count({ where: { memberId: w.member.id } })).toBe(0);
  });

  it("a photo (§5) is checked before anything is written, stored with the registration, and shown to the approvers", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(7)]);
    const send = (cookie: string, file: File) => {
      const form = new FormData();
      form.set("eventId", event.id);
      form.set("photo", file);
      return outcome(newRoute.action({ request: makeRequest(`/registrations/new?eventId=${event.id}`, { cookie, body: form }), params: {}, context: ctx }));
    };
    const w = await workerAt(p.enterpriseA.id);
    const bad = await send(w.cookie, new File(["not an image"], "photo.png", { type: "image/png" }));
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe("photo");
    expect(await db.registration.count({ where: { memberId: w.member.id } })).toBe(0);
    expect((await send(w.cookie, new File([png], "证件照.png", { type: "image/png" }))).status).toBe(302);
    const reg = await db.registration.findFirstOrThrow({ where: { memberId: w.member.id } });
    expect(reg.photoFileId).toBeTruthy();
    expect(await db.event.count({ where: { action: "registration.photo-attached", entityId: reg.id } })).toBe(1);
    const shown = await photoRoute.loader({ request: makeRequest(`/registrations/${reg.id}/photo`, { cookie: contact.cookie }), params: { registrationId: reg.id }, context: ctx });
    expect(shown.headers.get("Content-Type")).toBe("image/png");
    const stranger = await workerAt(p.enterpriseB.id);
    expect((await outcome(photoRoute.loader({ request: makeRequest(`/registrations/${reg.id}/photo`, { cookie: stranger.cookie }), params: { registrationId: reg.id }, context: ctx }))).status).toBe(404);
  });

  it("an account not linked to a member is told where to link it", async () => {
    const user = await createUser([{ role: "worker", orgId: p.enterpriseA.id }]);
    const res = await registerSelf(await sessionCookieFor(user.id), event.id);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain("/account/member");
  });

  it("an eligible worker registers (unit = the 基层工会 above their 班组), evented; a second time is refused as a duplicate", async () => {
    const w = await workerAt(p.teamA.id);
    const res = await registerSelf(w.cookie, event.id, { certificateNo: "HG-2026-001", yearsOfService: "6", declaredNoAccident: "on", coachName: "王师傅" });
    expect(res.status).toBe(302);
    const reg = await db.registration.findUniqueOrThrow({ where: { eventId_memberId: { eventId: event.id, memberId: w.member.id } }, include: { approvals: true } });
    expect(reg).toMatchObject({ status: "pending_unit", unitId: p.enterpriseA.id, certificateNo: "HG-2026-001", yearsOfService: 6, declaredNoAccident: true, coachName: "王师傅" });
    expect(reg.approvals).toMatchObject([{ step: "entrant", decision: "submitted", byId: w.user.id }]);
    expect(await db.event.count({ where: { action: "registration.submitted", entityId: reg.id, requestId: "test-request" } })).toBe(1);
    const again = await registerSelf(w.cookie, event.id);
    expect(again.status).toBe(400);
    expect(again.body.message).toContain("已报名该赛项，不能重复报名");
  });
});

describe("the approval chain (rule S-7)", () => {
  it("unit → host → office through three different people, to 已通过 with an admission number; each step evented", async () => {
    const w = await workerAt(p.enterpriseA.id);
    await registerSelf(w.cookie, event.id);
    const reg = await db.registration.findFirstOrThrow({ where: { memberId: w.member.id } });

    // Nobody may skip ahead: the host and the office cannot act while the unit has not.
    expect((await act(office.cookie, reg.id, { intent: "approve" })).status).toBe(403);

    expect((await act(contact.cookie, reg.id, { intent: "approve", step: "unit" })).body.ok).toBe(true);
    // The unit contact has no authority at the host step.
    expect((await act(contact.cookie, reg.id, { intent: "approve", step: "host" })).status).toBe(403);
    expect((await act(organiser.cookie, reg.id, { intent: "approve", step: "host" })).body.ok).toBe(true);
    // The organiser is no committee office member.
    expect((await act(organiser.cookie, reg.id, { intent: "approve", step: "office" })).status).toBe(403);
    // The office queue shows it.
    const queue = await reviewRoute.loader({ request: makeRequest("/registrations/review", { cookie: office.cookie }), params: {}, context: ctx });
    expect(queue.queue.map((r) => r.id)).toContain(reg.id);
    const done = await outcome(reviewRoute.action({ request: makeRequest("/registrations/review", { cookie: office.cookie, form: { intent: "approve", registrationId: reg.id, step: "office" } }), params: {}, context: ctx }));
    expect(done.body.ok).toBe(true);

    const after = await db.registration.findUniqueOrThrow({ where: { id: reg.id }, include: { approvals: { orderBy: { at: "asc" } } } });
    expect(after.status).toBe("approved");
    expect(after.admissionNo).toMatch(/^\d{4}01\d{4}$/);
    expect(after.checkInToken?.length).toBeGreaterThanOrEqual(32);
    expect(after.approvals.map((a) => `${a.step}:${a.decision}:${a.byId}`)).toEqual([
      `entrant:submitted:${w.user.id}`, `unit:approved:${contact.id}`, `host:approved:${organiser.id}`, `office:approved:${office.id}`,
    ]);
    expect(await db.event.count({ where: { action: "registration.approved", entityId: reg.id } })).toBe(3);

    // The worker sees 已通过 and the admission number.
    const mine = await indexRoute.loader({ request: makeRequest("/registrations", { cookie: w.cookie }), params: {}, context: ctx });
    const view = mine.registrations.find((r) => r.id === reg.id)!;
    expect(view.statusLabel).toBe("已通过");
    expect(view.admissionNo).toBe(after.admissionNo);
  });

  it("the same person may not approve two steps of one registration, and is told why", async () => {
    const both = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
    await db.committeeMember.create({ data: { contestId: contest.id, group: "office", name: "兼任办公室", userId: both.id } });
    const cookie = await sessionCookieFor(both.id);
    const w = await workerAt(p.enterpriseA.id);
    await registerSelf(w.cookie, event.id);
    const reg = await db.registration.findFirstOrThrow({ where: { memberId: w.member.id } });
    await act(contact.cookie, reg.id, { intent: "approve" });
    expect((await act(cookie, reg.id, { intent: "approve" })).body.ok).toBe(true);
    const twice = await act(cookie, reg.id, { intent: "approve", step: "office" });
    expect(twice.status).toBe(403);
    expect(twice.body).toContain("同一人不能审核同一报名的两个环节");
    expect((await db.registration.findUniqueOrThrow({ where: { id: reg.id } })).status).toBe("pending_office");
  });

  it("a return carries its step and reason to the worker; the corrected registration goes back to the unit", async () => {
    const w = await workerAt(p.enterpriseA.id);
    await registerSelf(w.cookie, event.id);
    const reg = await db.registration.findFirstOrThrow({ where: { memberId: w.member.id } });
    const noReason = await act(contact.cookie, reg.id, { intent: "return", step: "unit", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain("退回时请填写原因");
    expect((await act(contact.cookie, reg.id, { intent: "return", step: "unit", reason: "请补充证书编号" })).body.ok).toBe(true);

    const detail = await detailRoute.loader({ request: makeRequest(`/registrations/${reg.id}`, { cookie: w.cookie }), params: { registrationId: reg.id }, context: ctx });
    expect(detail.registration).toMatchObject({ status: "returned", statusLabel: "已退回", returnedStep: "unit", returnReason: "请补充证书编号" });
    expect(detail.can.resubmit).toBe(true);
    expect(await db.event.count({ where: { action: "registration.returned", entityId: reg.id } })).toBe(1);

    expect((await act(w.cookie, reg.id, { intent: "resubmit", certificateNo: "HG-9" })).body.ok).toBe(true);
    const after = await db.registration.findUniqueOrThrow({ where: { id: reg.id } });
    expect(after).toMatchObject({ status: "pending_unit", certificateNo: "HG-9", returnReason: null });
    expect(await db.event.count({ where: { action: "registration.resubmitted", entityId: reg.id } })).toBe(1);
  });

  it("withdrawal while the window is open, evented; refused once it has closed", async () => {
    const w = await workerAt(p.enterpriseA.id);
    const c = await createContest(p.cityA.id);
    const e = await createEvent(c.id);
    await registerSelf(w.cookie, e.id);
    const [r1] = await db.registration.findMany({ where: { memberId: w.member.id, eventId: e.id } });
    // Someone else's registration is not theirs to withdraw.
    const other = await workerAt(p.enterpriseA.id);
    expect((await act(other.cookie, r1.id, { intent: "withdraw" })).status).toBe(404);
    expect((await act(w.cookie, r1.id, { intent: "withdraw" })).body.ok).toBe(true);
    expect((await db.registration.findUniqueOrThrow({ where: { id: r1.id } })).status).toBe("withdrawn");
    expect(await db.event.count({ where: { action: "registration.withdrawn", entityId: r1.id } })).toBe(1);
    // Registering again reopens the same row.
    expect((await registerSelf(w.cookie, e.id)).status).toBe(302);
    expect((await db.registration.findUniqueOrThrow({ where: { id: r1.id } })).status).toBe("pending_unit");
    await db.contest.update({ where: { id: c.id }, data: { registrationClosesAt: new Date(Date.now() - 1000) } });
    const closed = await act(w.cookie, r1.id, { intent: "withdraw" });
    expect(closed.status).toBe(400);
    expect(closed.body.message).toContain("报名已截止");
    expect((await db.registration.findUniqueOrThrow({ where: { id: r1.id } })).status).toBe("pending_unit");
  });
});

// ------------------------------------------------------------------ unit contact, Excel

type Row = { name: string; idNumber: string; status?: string };

async function sheet(rows: Row[]): Promise<File> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet("报名");
  ws.addRow(["姓名", "身份证号", "手机号", "岗位/工种", "技能等级", "证书编号", "人员身份", "从业年限", "本年度无重大事故声明(是/否)", "团队名称", "领队", "指导教练"]);
  for (const r of rows) ws.addRow([r.name, r.idNumber, "13800000000", "焊工", "三级/高级工", `C-${r.idNumber.slice(-4)}`, r.status ?? "", 5, "是", "", "李领队", "张教练"]);
  ws.getColumn(2).numFmt = "@";
  const bytes = await workbook.xlsx.writeBuffer();
  return new File([bytes as ArrayBuffer], "报名.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
}

async function upload(cookie: string, eventId: string, unitId: string, file: File) {
  const form = new FormData();
  form.set("intent", "excel");
  form.set("eventId", eventId);
  form.set("unitId", unitId);
  form.set("file", file);
  return outcome(unitRoute.action({ request: makeRequest("/registrations/unit", { cookie, body: form }), params: {}, context: ctx }));
}

describe("a unit contact registers by Excel: all or nothing, with a row-by-row report", () => {
  it("30 entrants with 2 bad rows: nothing imported, both rows reported; fixed: 30 registered; a 31st over the quota is refused", async () => {
    const e = await createEvent(contest.id, { unitQuota: 30 });
    const people: Row[] = [];
    for (let i = 0; i < 31; i++) {
      const idNumber = freshIdNumber();
      const m = await createMember(i % 2 ? p.teamA.id : p.enterpriseA.id, { idNumber, name: `批量${i}号${uid().slice(0, 3)}` });
      people.push({ name: m.name, idNumber });
    }
    const studentId = freshIdNumber();
    const student = await createMember(p.enterpriseA.id, { idNumber: studentId, employmentStatus: "学生" });

    // Rows 2–31: 28 good, a student (row 5) and a wrong name (row 12).
    const bad = people.slice(0, 30).map((r) => ({ ...r }));
    bad[3] = { name: student.name, idNumber: studentId };
    bad[10] = { ...bad[10], name: "不是此人" };
    const first = await upload(contact.cookie, e.id, p.enterpriseA.id, await sheet(bad));
    expect(first.status).toBe(400);
    expect(first.body.badRows).toBe(2);
    const rows = [...new Set(first.body.problems.map((x: { row: number }) => x.row))];
    expect(rows).toEqual([5, 12]);
    expect(first.body.problems.find((x: { row: number }) => x.row === 5).message).toContain("该赛项仅限职工参加，您的人员身份为学生");
    expect(first.body.problems.find((x: { row: number }) => x.row === 12).message).toContain("姓名和身份证号都匹配");
    expect(await db.registration.count({ where: { eventId: e.id } })).toBe(0);

    const fixed = await upload(contact.cookie, e.id, p.enterpriseA.id, await sheet(people.slice(0, 30)));
    expect(fixed.body).toEqual({ ok: true, count: 30 });
    expect(await db.registration.count({ where: { eventId: e.id, unitId: p.enterpriseA.id, status: "pending_unit" } })).toBe(30);
    expect(await db.event.count({ where: { action: "registration.submitted", after: { contains: e.id } } })).toBe(30);

    // The 31st, by the form: over the quota, refused with the reason.
    const extra = await db.member.findFirstOrThrow({ where: { name: people[30].name } });
    const over = await outcome(unitRoute.action({
      request: makeRequest("/registrations/unit", { cookie: contact.cookie, form: { intent: "members", eventId: e.id, unitId: p.enterpriseA.id, memberIds: extra.id } }),
      params: {}, context: ctx,
    }));
    expect(over.status).toBe(400);
    expect(over.body.message).toContain("超出单位名额：每个单位最多报名 30 人，本单位已报 30 人");
    expect(await db.registration.count({ where: { eventId: e.id } })).toBe(30);

    // The same file again: every row is a duplicate, nothing changes.
    const dup = await upload(contact.cookie, e.id, p.enterpriseA.id, await sheet(people.slice(0, 2)));
    expect(dup.body.problems[0].message).toContain("已报名该赛项");
  });

  it("a contact cannot register members of another unit", async () => {
    const outsider = await createMember(p.enterpriseB.id, { idNumber: freshIdNumber() });
    const res = await outcome(unitRoute.action({
      request: makeRequest("/registrations/unit", { cookie: contact.cookie, form: { intent: "members", eventId: event.id, unitId: p.enterpriseB.id, memberIds: outsider.id } }),
      params: {}, context: ctx,
    }));
    expect(res.status).toBe(403);
    const sneaky = await outcome(unitRoute.action({
      request: makeRequest("/registrations/unit", { cookie: contact.cookie, form: { intent: "members", eventId: event.id, unitId: p.enterpriseA.id, memberIds: outsider.id } }),
      params: {}, context: ctx,
    }));
    expect(sneaky.status).toBe(400);
    expect(await db.registration.count({ where: { memberId: outsider.id } })).toBe(0);
  });

  it("team events: a team has a name, leader and coach, members of one unit, at most teamSize", async () => {
    const e = await createEvent(contest.id, { mode: "team", teamSize: 2, unitQuota: null });
    const ms = await Promise.all([0, 1, 2].map(() => createMember(p.enterpriseA.id, { idNumber: freshIdNumber() })));
    const register = (memberIds: string[], teamName?: string) => outcome(unitRoute.action({
      request: makeRequest("/registrations/unit", { cookie: contact.cookie, body: new URLSearchParams([
        ["intent", "members"], ["eventId", e.id], ["unitId", p.enterpriseA.id], ["leaderName", "赵领队"], ["coachName", "钱教练"],
        ...(teamName ? [["teamName", teamName]] : []), ...memberIds.map((id) => ["memberIds", id]),
      ]) }),
      params: {}, context: ctx,
    }));
    expect((await register([ms[0].id])).body.message).toContain("团体赛项请填写团队名称");
    expect((await register([ms[0].id, ms[1].id], "焊花队")).body.ok).toBe(true);
    const team = await db.team.findUniqueOrThrow({ where: { eventId_name: { eventId: e.id, name: "焊花队" } }, include: { members: true } });
    expect(team).toMatchObject({ unitId: p.enterpriseA.id, leaderName: "赵领队", coachName: "钱教练" });
    expect(team.members).toHaveLength(2);
    expect((await register([ms[2].id], "焊花队")).body.message).toContain("最多 2 人");
  });
});

describe("the API", () => {
  it("GET /events/{id}/registrations: the organiser sees all, a unit contact only their unit's", async () => {
    const outsider = await createMember(p.enterpriseB.id, { idNumber: freshIdNumber() });
    const contactB = await createUser([{ role: "unit_contact", orgId: p.enterpriseB.id }]);
    const cookieB = await sessionCookieFor(contactB.id);
    await outcome(unitRoute.action({
      request: makeRequest("/registrations/unit", { cookie: cookieB, form: { intent: "members", eventId: event.id, unitId: p.enterpriseB.id, memberIds: outsider.id } }),
      params: {}, context: ctx,
    }));
    const list = async (cookie: string) => (await outcome(eventApi.loader({ request: makeRequest(`/api/v1/events/${event.id}/registrations`, { cookie }), params: { eventId: event.id }, context: ctx }))).body;
    const all = await list(organiser.cookie);
    const units = new Set(all.items.map((r: { unit: { id: string } }) => r.unit.id));
    expect(units).toEqual(new Set([p.enterpriseA.id, p.enterpriseB.id]));
    const mine = await list(contact.cookie);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((r: { unit: { id: string } }) => r.unit.id === p.enterpriseA.id)).toBe(true);
  });

  it("POST register (self) and approve with a token; a student is refused with the reason", async () => {
    const w = await workerAt(p.enterpriseA.id);
    const session = (await loadUserForToken(w.user.id, "bootstrap"))!;
    const { token } = await createApiToken(session, { name: "报名测试" }, { userId: w.user.id, requestId: null });
    const created = await outcome(eventApi.action({ request: makeRequest(`/api/v1/events/${event.id}/registrations`, { token, json: { yearsOfService: 3 } }), params: { eventId: event.id }, context: ctx }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "pending_unit", statusLabel: "待单位审核", yearsOfService: 3 });

    const contactSession = (await loadUserForToken(contact.id, "bootstrap"))!;
    const contactToken = (await createApiToken(contactSession, { name: "审核" }, { userId: contact.id, requestId: null })).token;
    const approved = await outcome(approveApi.action({ request: makeRequest(`/api/v1/registrations/${created.body.id}/approve`, { token: contactToken, json: { step: "unit" } }), params: { registrationId: created.body.id }, context: ctx }));
    expect(approved.body).toMatchObject({ id: created.body.id, status: "pending_host" });

    const s = await workerAt(p.enterpriseA.id, "学生");
    const sSession = (await loadUserForToken(s.user.id, "bootstrap"))!;
    const sToken = (await createApiToken(sSession, { name: "x" }, { userId: s.user.id, requestId: null })).token;
    const refused = await outcome(eventApi.action({ request: makeRequest(`/api/v1/events/${event.id}/registrations`, { token: sToken, json: {} }), params: { eventId: event.id }, context: ctx }));
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("not_eligible");
    expect(refused.body.error.message).toContain("您的人员身份为学生");
  });
});

describe("rule S-7 / issue 12 item 11: a returned registration frees its quota place", () => {
  it("returned → another entrant takes the place; resubmitting then needs a free place; the unit page counts as the server does", async () => {
    const e = await createEvent(contest.id, { unitQuota: 2 });
    const a = await createMember(p.enterpriseA.id, { idNumber: freshIdNumber() });
    const b = await createMember(p.enterpriseA.id, { idNumber: freshIdNumber() });
    const c = await createMember(p.enterpriseA.id, { idNumber: freshIdNumber() });
    const registerMember = (memberId: string) => outcome(unitRoute.action({
      request: makeRequest("/registrations/unit", { cookie: contact.cookie, form: { intent: "members", eventId: e.id, unitId: p.enterpriseA.id, memberIds: memberId } }),
      params: {}, context: ctx,
    }));
    const unitPage = async () => (await outcome(unitRoute.loader({
      request: makeRequest(`/registrations/unit?eventId=${e.id}&unitId=${p.enterpriseA.id}`, { cookie: contact.cookie }), params: {}, context: ctx,
    }))).body as { quotaUsed: number; registrations: unknown[] };

    expect((await registerMember(a.id)).status).toBe(200);
    expect((await registerMember(b.id)).status).toBe(200);
    expect((await registerMember(c.id)).status).toBe(400); // full: 2 of 2
    expect((await unitPage()).quotaUsed).toBe(2);

    // The contact returns a's registration: its place is free at once.
    const regA = await db.registration.findFirstOrThrow({ where: { eventId: e.id, memberId: a.id } });
    const returned = await act(contact.cookie, regA.id, { intent: "return", reason: "照片不清晰" });
    expect(returned.status).toBe(200);
    expect((await db.registration.findUniqueOrThrow({ where: { id: regA.id } })).status).toBe("returned");
    expect((await unitPage()).quotaUsed).toBe(1);
    expect((await unitPage()).registrations).toHaveLength(2);

    // c takes the freed place.
    expect((await registerMember(c.id)).status).toBe(200);
    expect((await unitPage()).quotaUsed).toBe(2);

    // Resubmitting a's registration now finds no free place: refused with the quota reason, nothing changes.
    const again = await act(contact.cookie, regA.id, { intent: "resubmit" });
    expect(again.status).toBe(400);
    expect(again.body.message).toContain("超出单位名额");
    expect((await db.registration.findUniqueOrThrow({ where: { id: regA.id } })).status).toBe("returned");
    expect(await db.registration.count({ where: { eventId: e.id, unitId: p.enterpriseA.id, status: { notIn: ["withdrawn", "returned"] } } })).toBe((await unitPage()).quotaUsed);

    // c withdraws: a's resubmission fits again.
    const regC = await db.registration.findFirstOrThrow({ where: { eventId: e.id, memberId: c.id } });
    expect((await act(contact.cookie, regC.id, { intent: "withdraw" })).status).toBe(200);
    expect((await act(contact.cookie, regA.id, { intent: "resubmit" })).status).toBe(200);
    expect((await unitPage()).quotaUsed).toBe(2);
  });
});
