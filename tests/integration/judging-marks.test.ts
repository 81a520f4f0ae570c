import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as marksApi from "~/routes/api.v1.events.$eventId.marks";
import * as sheetApi from "~/routes/api.v1.events.$eventId.sheets.$blindCodeId";
import * as submitApi from "~/routes/api.v1.events.$eventId.sheets.$blindCodeId.submit";
import * as judgesApi from "~/routes/api.v1.events.$eventId.judges";
import * as conflictsApi from "~/routes/api.v1.judging.conflicts";
import * as myEventsApi from "~/routes/api.v1.judging.events";
import * as pageMarks from "~/routes/judging.$eventId.marks";
import * as boardPage from "~/routes/judging.$eventId";
import { db } from "~/utils/db.server";
import { hashPassword, loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { forgetEvent } from "~/modules/judging/judge-context.server";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 5 part A on a real database: assignment with recusal (S-30, S-31), marks with
// idempotency keys, validation by the scoring engine, blind sheets, locking, sign-off PIN.

const scheme = {
  components: [{
    id: "prac", name: "实操", kind: "practical", weight: 1,
    modules: [{ id: "m1", name: "焊接", criteria: [{ id: "c1", aspects: [
      { id: "a1", name: "焊缝外观", max: 10, kind: "judgement" },
      { id: "a2", name: "焊缝尺寸", max: 20, kind: "judgement" },
      { id: "a3", name: "安全文明", max: 5, kind: "judgement", markStep: 0.5 },
    ] }] }],
  }],
};

let p: Awaited<ReturnType<typeof createProvince>>;
let eventId: string;
let sessionId: string;
let codes: { id: string; stationCode: string; unitId: string }[];
let organiserToken: string;
let judgeA: { id: string; token: string };
let judgeB: { id: string; token: string };
let unitC: { id: string; name: string };
const PIN = "246810";

async function tokenFor(userId: string) {
  const sessionUser = (await loadUserForToken(userId, "bootstrap"))!;
  return (await createApiToken(sessionUser, { name: "judging test" }, { userId, requestId: null })).token;
}

const key = () => crypto.randomUUID();
const call = async (route: { action?: Function; loader?: Function }, kind: "action" | "loader", path: string, params: Record<string, string>, init: Parameters<typeof makeRequest>[1]) => {
  const res: Response = await (route as Record<string, Function>)[kind]({ request: makeRequest(path, init), params, context: ctx });
  return { status: res.status, body: await res.json() };
};
const putMark = (token: string, body: unknown, event = eventId) =>
  call(marksApi, "action", `/api/v1/events/${event}/marks`, { eventId: event }, { method: "PUT", token, json: body });
const assign = (token: string, body: unknown) => call(judgesApi, "action", `/api/v1/events/${eventId}/judges`, { eventId }, { token, json: body });

beforeAll(async () => {
  p = await createProvince();
  const c = await createOrg({ type: "grassroots", parent: p.districtA, name: `杭州汽轮动力集团${uid()}` });
  unitC = { id: c.id, name: c.name };
  const organiser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  organiserToken = await tokenFor(organiser.id);
  const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `焊工大赛${uid()}`, level: "city", contestClass: "二类" } });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "焊工（职工组）", trade: "焊工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
  eventId = event.id;
  const session = await db.contestSession.create({ data: { eventId, name: "第一场", stationCount: 10 } });
  sessionId = session.id;
  codes = [];
  // Entrants from enterprise A (twice) and from unit C; enterprise B has none.
  for (const [i, unitId] of [p.enterpriseA.id, p.enterpriseA.id, c.id].entries()) {
    const member = await createMember(unitId);
    const registration = await db.registration.create({ data: { eventId, memberId: member.id, unitId, status: "approved" } });
    const code = await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: `E${i + 1}`, orderNo: i + 1, sessionId, stationNo: i + 1, stationCode: `G${101 + i}` } });
    codes.push({ id: code.id, stationCode: code.stationCode, unitId });
  }
  const pinHash = await hashPassword(PIN);
  const a = await createUser([{ role: "judge", orgId: p.cityA.id }]);
  await db.judgeProfile.create({ data: { userId: a.id, unitId: p.enterpriseB.id, assessorCertNo: "KP-1", pinHash } });
  const b = await createUser([{ role: "judge", orgId: p.cityA.id }]);
  await db.judgeProfile.create({ data: { userId: b.id, unitId: p.cityB.id, skillLevel: "二级/技师", pinHash } });
  judgeA = { id: a.id, token: await tokenFor(a.id) };
  judgeB = { id: b.id, token: await tokenFor(b.id) };
  expect((await assign(organiserToken, { userId: a.id })).status).toBe(201);
  expect((await assign(organiserToken, { userId: b.id, sessionId })).status).toBe(201);
});

describe("judge assignment and recusal (S-30, S-31)", () => {
  it("refuses a judge from an entrant's unit, saying why (S-31)", async () => {
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    await db.judgeProfile.create({ data: { userId: judge.id, unitId: unitC.id } });
    const res = await assign(organiserToken, { userId: judge.id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("recusal_required");
    expect(res.body.error.message).toContain(`裁判与参赛选手来自同一单位（${unitC.name}），按规定应回避`);
    expect(res.body.error.message).not.toContain("S-31"); // issue 12: no rule codes in what people read
    expect(res.body.error.issues[0].path).toBe("body.userId");
    expect(await db.judgeAssignment.count({ where: { eventId, userId: judge.id } })).toBe(0);
  });

  it("a judge from a team (班组) of an entrant's enterprise is refused too", async () => {
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    await db.judgeProfile.create({ data: { userId: judge.id, unitId: p.teamA.id } });
    const res = await assign(organiserToken, { userId: judge.id });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("按规定应回避");
  });

  it("refuses a second judge from the same unit (at most one per unit, S-31)", async () => {
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    await db.judgeProfile.create({ data: { userId: judge.id, unitId: p.enterpriseB.id } });
    const res = await assign(organiserToken, { userId: judge.id });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("每个单位至多一名裁判");
    expect(res.body.error.message).not.toMatch(/S-31|judge per unit/);
  });

  it("a judge's own declaration by station code refuses the assignment (S-30); the pool shows why", async () => {
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    const token = await tokenFor(judge.id);
    const declared = await call(conflictsApi, "action", "/api/v1/judging/conflicts", {}, { token, json: { eventId, stationCode: codes[2].stationCode, reason: "亲属关系" } });
    expect(declared.status).toBe(201);
    const res = await assign(organiserToken, { userId: judge.id });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain("亲属关系");
    const pool = await call(judgesApi, "loader", `/api/v1/events/${eventId}/judges`, { eventId }, { token: organiserToken });
    expect(pool.status).toBe(200);
    const row = pool.body.judges.find((j: { userId: string }) => j.userId === judge.id);
    expect(row.check.refusals[0].rule).toBe("S-30");
    // Qualification (S-20) is a warning only: this judge has none on record.
    expect(row.check.warnings[0].rule).toBe("S-20");
    // Judges cannot assign.
    expect((await assign(judgeA.token, { userId: judge.id })).status).toBe(403);
  });

  it("a judge declares a unit by its name (no list of units is shown, S-33); the assignment is refused (S-30)", async () => {
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    const token = await tokenFor(judge.id);
    const unknown = await call(conflictsApi, "action", "/api/v1/judging/conflicts", {}, { token, json: { unitName: "没有这个单位", reason: "曾在该单位任职" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues[0].path).toBe("body.unitName");
    const declared = await call(conflictsApi, "action", "/api/v1/judging/conflicts", {}, { token, json: { unitName: unitC.name, reason: "曾在该单位任职" } });
    expect(declared.status).toBe(201);
    const res = await assign(organiserToken, { userId: judge.id });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(`裁判已申报与单位（${unitC.name}）存在利害关系（曾在该单位任职）`);
  });

  it("lists a judge's own events", async () => {
    const res = await call(myEventsApi, "loader", "/api/v1/judging/events", {}, { token: judgeA.token });
    expect(res.body.items.map((e: { eventId: string }) => e.eventId)).toContain(eventId);
  });
});

describe("marks (idempotency, validation, blind sheets)", () => {
  it("an idempotent replay writes nothing twice", async () => {
    const k = key();
    const body = { blindCodeId: codes[0].id, aspectId: "a1", value: "8.5", idempotencyKey: k };
    const eventsBefore = await db.event.count({ where: { action: "mark.entered" } });
    const first = await putMark(judgeA.token, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: "saved", value: 850, valueText: "8.50", version: 1, replayed: false, stationCode: "G101" });
    const again = await putMark(judgeA.token, body);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ markId: first.body.markId, value: 850, replayed: true });
    // A replay after the value was changed with a new key still answers the first response.
    await putMark(judgeA.token, { ...body, value: "9", idempotencyKey: key() });
    expect((await putMark(judgeA.token, body)).body.value).toBe(850);
    expect(await db.mark.count({ where: { eventId, judgeId: judgeA.id, blindCodeId: codes[0].id, aspectId: "a1" } })).toBe(1);
    expect(await db.markSubmission.count({ where: { key: k } })).toBe(1);
    expect(await db.event.count({ where: { action: "mark.entered" } })).toBe(eventsBefore + 1);
    const mark = await db.mark.findFirstOrThrow({ where: { eventId, judgeId: judgeA.id, blindCodeId: codes[0].id, aspectId: "a1" } });
    expect(mark).toMatchObject({ value: 900, version: 2 });
    // Before submission the judge changes freely: no MarkChange history yet.
    expect(await db.markChange.count({ where: { markId: mark.id } })).toBe(0);
  });

  it("concurrent deliveries of one key store one mark", async () => {
    const body = { blindCodeId: codes[1].id, aspectId: "a2", value: 15, idempotencyKey: key() };
    const results = await Promise.all([putMark(judgeA.token, body), putMark(judgeA.token, body), putMark(judgeA.token, body)]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(results.map((r) => r.body.markId)).size).toBe(1);
    expect(await db.mark.count({ where: { eventId, judgeId: judgeA.id, blindCodeId: codes[1].id, aspectId: "a2" } })).toBe(1);
  });

  it("refuses a mark above the maximum, naming the field, and writes nothing", async () => {
    const k = key();
    const res = await putMark(judgeA.token, { blindCodeId: codes[1].id, aspectId: "a1", value: "10.5", idempotencyKey: k });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_mark");
    expect(res.body.error.issues[0].path).toBe("body.value");
    expect(res.body.error.issues[0].message).toContain("不能超过满分 10.00");
    expect(await db.markSubmission.count({ where: { key: k } })).toBe(0);
    const step = await putMark(judgeA.token, { blindCodeId: codes[1].id, aspectId: "a3", value: "4.2", idempotencyKey: key() });
    expect(step.status).toBe(400);
    expect(step.body.error.message).toContain("0.50 的整数倍");
  });

  it("a batch answers one result per mark", async () => {
    const res = await putMark(judgeB.token, { marks: [
      { blindCodeId: codes[0].id, aspectId: "a1", value: 7, idempotencyKey: key() },
      { blindCodeId: codes[0].id, aspectId: "a2", value: 25, idempotencyKey: key() },
    ] });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(["saved", "rejected"]);
    expect(res.body.results[1].error.issues[0].path).toBe("value");
  });

  it("a judge never reads another judge's marks", async () => {
    const a = await call(sheetApi, "loader", `/api/v1/events/${eventId}/sheets/${codes[0].id}`, { eventId, blindCodeId: codes[0].id }, { token: judgeA.token });
    const b = await call(sheetApi, "loader", `/api/v1/events/${eventId}/sheets/${codes[0].id}`, { eventId, blindCodeId: codes[0].id }, { token: judgeB.token });
    expect(a.status).toBe(200);
    expect(a.body.marks.map((m: { value: number }) => m.value)).toEqual([900]);
    expect(b.body.marks.map((m: { value: number }) => m.value)).toEqual([700]);
    expect(JSON.stringify(b.body)).not.toContain(a.body.marks[0].markId);
    // Station code only: nothing about the person or the unit.
    expect(a.body.stationCode).toBe("G101");
    expect(JSON.stringify(a.body)).not.toMatch(/memberId|unitId|registration/);
    // Another judge's sheet cannot be written through one's own key space either.
    const foreign = await putMark(judgeB.token, { blindCodeId: codes[0].id, aspectId: "a3", value: 1, idempotencyKey: (await db.markSubmission.findFirstOrThrow({ where: { judgeId: judgeA.id } })).key });
    expect(foreign.status).toBe(409);
    expect(foreign.body.error.code).toBe("idempotency_key_reused");
  });

  it("refuses a judge who is not assigned, and one who declared a conflict with the entrant", async () => {
    const stranger = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    const res = await putMark(await tokenFor(stranger.id), { blindCodeId: codes[0].id, aspectId: "a1", value: 5, idempotencyKey: key() });
    expect(res.status).toBe(403);
    const declared = await call(conflictsApi, "action", "/api/v1/judging/conflicts", {}, { token: judgeB.token, json: { eventId, stationCode: codes[2].stationCode, reason: "师徒关系" } });
    expect(declared.status).toBe(201);
    const refused = await putMark(judgeB.token, { blindCodeId: codes[2].id, aspectId: "a1", value: 5, idempotencyKey: key() });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("recused");
  });

  it("the page endpoint takes the session cookie only from the same origin", async () => {
    const cookie = await sessionCookieFor(judgeA.id);
    const marks = [{ blindCodeId: codes[1].id, aspectId: "a1", value: "6", idempotencyKey: key() }];
    const cross = await pageMarks.action({ request: makeRequest(`/judging/${eventId}/marks`, { cookie, json: { marks }, headers: { Origin: "https://evil.example" } }), params: { eventId }, context: ctx });
    expect(cross.status).toBe(403);
    const same = await pageMarks.action({ request: makeRequest(`/judging/${eventId}/marks`, { cookie, json: { marks }, headers: { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" } }), params: { eventId }, context: ctx });
    expect(same.status).toBe(200);
    expect((await same.json()).results[0]).toMatchObject({ status: "saved", value: 600 });
  });
});

describe("submitting and locking sheets", () => {
  it("submission needs every aspect and the right PIN; then the sheet is closed to changes", async () => {
    const submit = (body: unknown, code = codes[0].id, token = judgeA.token) =>
      call(submitApi, "action", `/api/v1/events/${eventId}/sheets/${code}/submit`, { eventId, blindCodeId: code }, { token, json: body });
    const incomplete = await submit({ signatureName: "李志强", pin: PIN });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.error.code).toBe("sheet_incomplete");
    expect(incomplete.body.error.message).toContain("焊缝尺寸");
    await putMark(judgeA.token, { marks: ["a2", "a3"].map((aspectId) => ({ blindCodeId: codes[0].id, aspectId, value: 4, idempotencyKey: key() })) });
    const wrong = await submit({ signatureName: "李志强", pin: "000000" });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues[0].path).toBe("body.pin");
    const ok = await submit({ signatureName: "李志强", pin: PIN });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: "submitted", signatureName: "李志强", stationCode: "G101" });
    const after = await putMark(judgeA.token, { blindCodeId: codes[0].id, aspectId: "a1", value: 1, idempotencyKey: key() });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe("sheet_submitted");
  });

  it("after 5 wrong PINs signing pauses for 15 minutes, even with the right PIN; it resumes after the window", async () => {
    const submit = (pin: string) =>
      call(submitApi, "action", `/api/v1/events/${eventId}/sheets/${codes[1].id}/submit`, { eventId, blindCodeId: codes[1].id }, { token: judgeA.token, json: { signatureName: "李志强", pin } });
    await putMark(judgeA.token, { marks: ["a1", "a2", "a3"].map((aspectId) => ({ blindCodeId: codes[1].id, aspectId, value: 5, idempotencyKey: key() })) });
    for (let i = 1; i <= 4; i++) expect((await submit("111111")).body.error.code).toBe("wrong_pin");
    const fifth = await submit("111111");
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe("pin_locked");
    expect(fifth.body.error.message).toContain("连续输错 5 次");
    const right = await submit(PIN);
    expect(right.status).toBe(429); // paused: not even the right PIN is tried
    expect(await db.scoreSheet.findFirst({ where: { eventId, blindCodeId: codes[1].id, judgeId: judgeA.id }, select: { status: true } })).toMatchObject({ status: "open" });
    // 16 minutes later (the failures are moved back in the event log)
    await db.event.updateMany({ where: { actorId: judgeA.id, action: "sheet.pin-failed" }, data: { at: new Date(Date.now() - 16 * 60_000) } });
    const later = await submit(PIN);
    expect(later.status).toBe(200);
    expect(later.body).toMatchObject({ status: "submitted" });
  });

  it("a locked sheet answers 409 sheet_locked, keeps the mark unchanged and tells the chief judge", async () => {
    const chief = await createUser([{ role: "chief_judge", orgId: p.cityA.id }]);
    await db.signOff.create({ data: { eventId, sessionId, byId: chief.id, signatureName: "王国栋" } });
    const before = await db.mark.findMany({ where: { eventId, judgeId: judgeB.id } });
    const k = key();
    const res = await putMark(judgeB.token, { blindCodeId: codes[0].id, aspectId: "a1", value: 3, idempotencyKey: k });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("sheet_locked");
    expect(res.body.error.message).toContain("本表已被裁判长锁定，未发送的分数已保留，请联系裁判长");
    expect(await db.mark.findMany({ where: { eventId, judgeId: judgeB.id } })).toEqual(before);
    expect(await db.markSubmission.count({ where: { key: k } })).toBe(0);
    const rejected = await db.event.findFirstOrThrow({ where: { action: "mark.rejected-locked" }, orderBy: { id: "desc" } });
    expect(JSON.parse(rejected.after!)).toMatchObject({ eventId, stationCode: "G101", aspectId: "a1", value: 300, key: k });
    // A replay of a key saved before the lock still answers its stored response.
    const saved = await db.markSubmission.findFirstOrThrow({ where: { judgeId: judgeB.id } });
    const replay = await putMark(judgeB.token, { blindCodeId: codes[0].id, aspectId: "a1", value: 7, idempotencyKey: saved.key });
    expect(replay.status).toBe(200);
    expect(replay.body.replayed).toBe(true);
    forgetEvent();
  });
});

describe("issue 12 item 5: the judges' board is never stale", () => {
  it("a code drawn by another process shows on the next board load (the marks cache does not answer for the page)", async () => {
    const cookie = await sessionCookieFor(judgeA.id);
    const load = async () => {
      const response = await boardPage.loader({ request: makeRequest(`/judging/${eventId}`, { cookie }), params: { eventId }, context: ctx });
      const data = (await (response as unknown as Response).json()) as { board: { sheets: { stationCode: string }[] } };
      return data.board.sheets.map((s) => s.stationCode);
    };
    // The marks API warms this process's cache for the event.
    await putMark(judgeA.token, { idempotencyKey: key(), blindCodeId: codes[1].id, aspectId: "a1", value: 5 });
    const before = await load();
    // Another process (or a re-draw on PostgreSQL) writes a new station code; this process is not told.
    const member = await createMember(unitC.id);
    const registration = await db.registration.create({ data: { eventId, memberId: member.id, unitId: unitC.id, status: "approved" } });
    await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: "E9", orderNo: 9, sessionId, stationNo: 9, stationCode: "G109" } });
    const after = await load();
    expect(before).not.toContain("G109");
    expect(after).toContain("G109");
    expect(after).toHaveLength(before.length + 1);
  });
});
