import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as marksApi from "~/routes/api.v1.events.$eventId.marks";
import * as consoleApi from "~/routes/api.v1.events.$eventId.console";
import * as openapi from "~/routes/api.v1.openapi[.]json";
import * as pageMarks from "~/routes/judging.$eventId.marks";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 11 items 2 and 4, server side: a mark queued on a tablet carries the judge who
// typed it and the version it was typed over. A mark typed by another judge than the
// session's is refused (409 judge_mismatch) and nothing is written; a mark typed over an
// older version is refused (409 mark_conflict) with the current value, and nothing is
// overwritten. Both show in the chief judge's console and in the OpenAPI document.

const scheme = {
  components: [{
    id: "prac", name: "实操", kind: "practical", weight: 1,
    modules: [{ id: "m1", name: "焊接", criteria: [{ id: "c1", aspects: [
      { id: "a1", name: "焊缝外观", max: 10, kind: "judgement" },
      { id: "a2", name: "焊缝尺寸", max: 20, kind: "judgement" },
    ] }] }],
  }],
};

type U = { id: string; token: string; cookie: string };
let eventId: string;
let codes: { id: string; stationCode: string }[];
let judgeA: U;
let judgeB: U;
let chief: U;

async function account(role: string, orgId: string): Promise<U> {
  const user = await createUser([{ role, orgId }]);
  const session = (await loadUserForToken(user.id, "bootstrap"))!;
  const { token } = await createApiToken(session, { name: "device faults test" }, { userId: user.id, requestId: null });
  return { id: user.id, token, cookie: await sessionCookieFor(user.id) };
}

const key = () => crypto.randomUUID();
const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const putMark = (who: U, body: unknown) =>
  Promise.resolve(marksApi.action({ request: makeRequest(`/api/v1/events/${eventId}/marks`, { method: "PUT", token: who.token, json: body }), params: { eventId }, context: ctx })).then(json);
/** The tablet page's outbox endpoint, as the browser sends it (session cookie, same origin). */
const sendQueued = (who: U, marks: unknown[]) =>
  pageMarks.action({
    request: makeRequest(`/judging/${eventId}/marks`, { cookie: who.cookie, json: { marks }, headers: { Origin: "http://localhost", "Sec-Fetch-Site": "same-origin" } }),
    params: { eventId }, context: ctx,
  }).then(json);
const consoleOf = () => consoleApi.loader({ request: makeRequest(`/api/v1/events/${eventId}/console`, { token: chief.token }), params: { eventId }, context: ctx }).then(json);

beforeAll(async () => {
  const p = await createProvince();
  const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `焊工大赛${uid()}`, level: "city", contestClass: "二类" } });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "焊工（职工组）", trade: "焊工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
  eventId = event.id;
  codes = [];
  for (let i = 0; i < 3; i++) {
    const member = await createMember(p.enterpriseA.id);
    const registration = await db.registration.create({ data: { eventId, memberId: member.id, unitId: p.enterpriseA.id, status: "approved" } });
    const code = await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: `E${i + 1}`, orderNo: i + 1, stationNo: i + 1, stationCode: `T${301 + i}` } });
    codes.push({ id: code.id, stationCode: code.stationCode });
  }
  judgeA = await account("judge", p.cityA.id);
  judgeB = await account("judge", p.cityA.id);
  chief = await account("chief_judge", p.cityA.id);
  for (const [user, role] of [[judgeA, "judge"], [judgeB, "judge"], [chief, "chief"]] as const) {
    await db.judgeAssignment.create({ data: { eventId, userId: user.id, role } });
  }
});

describe("a shared tablet: the judge who typed a mark (issue 11.2)", () => {
  it("refuses with 409 judge_mismatch a queued mark typed by another judge, writes nothing, and the console shows it", async () => {
    const k = key();
    const res = await sendQueued(judgeB, [{ blindCodeId: codes[0].id, aspectId: "a1", value: "7", idempotencyKey: k, typedBy: judgeA.id, baseVersion: 0 }]);
    expect(res.status).toBe(409);
    expect(res.body.results[0]).toMatchObject({ key: k, status: "rejected", error: { status: 409, code: "judge_mismatch" } });
    expect(res.body.results[0].error.message).toContain("另一位裁判");
    expect(await db.mark.count({ where: { eventId } })).toBe(0);
    expect(await db.markSubmission.count({ where: { key: k } })).toBe(0);
    // The same mark, sent when its own judge is signed in, is written as theirs.
    const later = await sendQueued(judgeA, [{ blindCodeId: codes[0].id, aspectId: "a1", value: "7", idempotencyKey: k, typedBy: judgeA.id, baseVersion: 0 }]);
    expect(later.status).toBe(200);
    expect(later.body.results[0]).toMatchObject({ status: "saved", value: 700, version: 1 });
    expect(await db.mark.findMany({ where: { eventId }, select: { judgeId: true, value: true } })).toEqual([{ judgeId: judgeA.id, value: 700 }]);

    const view = await consoleOf();
    expect(view.status).toBe(200);
    expect(view.body.deviceRefusals).toContainEqual(expect.objectContaining({
      kind: "judge_mismatch", stationCode: codes[0].stationCode, aspectId: "a1", judgeId: judgeB.id, typedById: judgeA.id, valueText: "7.00",
    }));
  });

  it("the API answers 409 judge_mismatch for one mark too, in the error shape", async () => {
    const res = await putMark(judgeB, { blindCodeId: codes[1].id, aspectId: "a1", value: 5, idempotencyKey: key(), typedBy: judgeA.id });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("judge_mismatch");
    expect(await db.mark.count({ where: { eventId, blindCodeId: codes[1].id } })).toBe(0);
  });
});

describe("two tablets for one judge: the version a mark was typed over (issue 11.4)", () => {
  it("a stale entry becomes a 409 mark_conflict with the current value; the newer value stays; the console shows it until the judge chooses", async () => {
    const slot = { blindCodeId: codes[2].id, aspectId: "a2" };
    // Tablet 1 enters 10 (version 1); both tablets know version 1.
    expect((await sendQueued(judgeA, [{ ...slot, value: "10", idempotencyKey: key(), typedBy: judgeA.id, baseVersion: 0 }])).body.results[0]).toMatchObject({ status: "saved", version: 1 });
    // Tablet 2 (online) changes it to 15: version 2.
    expect((await sendQueued(judgeA, [{ ...slot, value: "15", idempotencyKey: key(), typedBy: judgeA.id, baseVersion: 1 }])).body.results[0]).toMatchObject({ status: "saved", value: 1500, version: 2 });
    // Tablet 1 was offline and typed 12 over version 1: refused, with what the server holds.
    const stale = key();
    const res = await sendQueued(judgeA, [{ ...slot, value: "12", idempotencyKey: stale, typedBy: judgeA.id, baseVersion: 1 }]);
    expect(res.status).toBe(409);
    expect(res.body.results[0]).toMatchObject({ key: stale, status: "rejected", error: { status: 409, code: "mark_conflict", current: { value: 1500, valueText: "15.00", version: 2 } } });
    const mark = await db.mark.findFirstOrThrow({ where: { eventId, blindCodeId: slot.blindCodeId, aspectId: "a2" } });
    expect(mark).toMatchObject({ value: 1500, version: 2 });
    expect(await db.markSubmission.count({ where: { key: stale } })).toBe(0);

    const open = (await consoleOf()).body.deviceRefusals.find((r: { key: string }) => r.key === stale);
    expect(open).toMatchObject({ kind: "mark_conflict", stationCode: codes[2].stationCode, aspectId: "a2", judgeId: judgeA.id, valueText: "12.00", currentText: "15.00", settled: false });

    // The judge chooses their offline 12, now typed over version 2: it goes through.
    const chosen = await sendQueued(judgeA, [{ ...slot, value: "12", idempotencyKey: key(), typedBy: judgeA.id, baseVersion: 2 }]);
    expect(chosen.body.results[0]).toMatchObject({ status: "saved", value: 1200, version: 3 });
    const settled = (await consoleOf()).body.deviceRefusals.find((r: { key: string }) => r.key === stale);
    expect(settled.settled).toBe(true);
  });

  it("the API refuses a single stale mark with 409 and the current value; without a base version it writes as before", async () => {
    const slot = { blindCodeId: codes[1].id, aspectId: "a2" };
    expect((await putMark(judgeB, { ...slot, value: 8, idempotencyKey: key(), baseVersion: 0 })).status).toBe(200);
    expect((await putMark(judgeB, { ...slot, value: 9, idempotencyKey: key(), baseVersion: 1 })).body).toMatchObject({ version: 2 });
    const stale = await putMark(judgeB, { ...slot, value: 3, idempotencyKey: key(), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "mark_conflict", current: { value: 900, version: 2 } });
    expect(stale.body.error.message).toContain("9.00");
    const blind = await putMark(judgeB, { ...slot, value: 4, idempotencyKey: key() });
    expect(blind.body).toMatchObject({ status: "saved", value: 400, version: 3 });
  });

  it("a re-mark on a submitted sheet (the one-mark path) refuses a stale entry the same way (rule S-24)", async () => {
    const slot = { blindCodeId: codes[0].id, aspectId: "a2" };
    expect((await putMark(judgeB, { ...slot, value: 11, idempotencyKey: key(), baseVersion: 0 })).body).toMatchObject({ version: 1 });
    await db.scoreSheet.updateMany({ where: { eventId, judgeId: judgeB.id, blindCodeId: slot.blindCodeId }, data: { status: "submitted", submittedAt: new Date(), signatureName: "测试" } });
    await db.remarkRequest.create({ data: { eventId, ...slot, judgeId: judgeB.id, reason: "请复核", requestedById: chief.id } });
    // A correction by the chief judge moved the mark on to version 2 in the meantime.
    await db.mark.updateMany({ where: { eventId, judgeId: judgeB.id, ...slot }, data: { value: 1300, version: 2 } });
    const stale = await putMark(judgeB, { ...slot, value: 12, idempotencyKey: key(), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatchObject({ code: "mark_conflict", current: { value: 1300, version: 2 } });
    expect(await db.remarkRequest.count({ where: { eventId, ...slot, judgeId: judgeB.id, resolvedAt: null } })).toBe(1);
    const chosen = await putMark(judgeB, { ...slot, value: 12, idempotencyKey: key(), baseVersion: 2 });
    expect(chosen.body).toMatchObject({ status: "saved", value: 1200, version: 3 });
  });

  it("the OpenAPI document describes typedBy, baseVersion and the current value of a conflict", async () => {
    const doc = await openapi.loader().json();
    const text = JSON.stringify(doc.paths["/events/{eventId}/marks"]);
    for (const word of ["typedBy", "baseVersion", "mark_conflict", "judge_mismatch", "current"]) expect(text).toContain(word);
    expect(JSON.stringify(doc.paths["/events/{eventId}/console"])).toContain("deviceRefusals");
  });
});
