import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import * as marksApi from "~/routes/api.v1.events.$eventId.marks";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createMember, createProvince, createUser, ctx, makeRequest, uid } from "../factories";

// Issue 11, items 5 and 6 in one process, on SQLite and PostgreSQL alike: one slot written by
// many concurrent requests keeps exact versions and history; a reused idempotency key with
// another value is a 409 that answers the stored mark. (Two processes on PostgreSQL:
// faults-two-processes.test.ts.)

let eventId: string;
let codeIds: string[];
let judge: { id: string; token: string };
let otherJudge: { id: string; token: string };

const putMark = async (token: string, body: unknown) => {
  const res: Response = await marksApi.action({ request: makeRequest(`/api/v1/events/${eventId}/marks`, { method: "PUT", token, json: body }), params: { eventId }, context: ctx });
  return { status: res.status, body: await res.json() };
};

beforeAll(async () => {
  const p = await createProvince();
  const tokenOf = async (userId: string) => (await createApiToken((await loadUserForToken(userId, "bootstrap"))!, { name: "faults" }, { userId, requestId: null })).token;
  const a = await createUser([{ role: "judge", orgId: p.cityA.id }]);
  const b = await createUser([{ role: "judge", orgId: p.cityA.id }]);
  judge = { id: a.id, token: await tokenOf(a.id) };
  otherJudge = { id: b.id, token: await tokenOf(b.id) };
  const scheme = { components: [{ id: "P", name: "实操", kind: "practical", weight: 1, modules: [{ id: "M", criteria: [{ id: "C", aspects: [{ id: "a1", name: "质量", max: 100, kind: "judgement" }, { id: "a2", name: "工艺", max: 100, kind: "judgement" }] }] }] }] };
  const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `故障测试${uid()}`, level: "city", contestClass: "二类" } });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "钳工", trade: "钳工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
  eventId = event.id;
  codeIds = [];
  for (let i = 0; i < 3; i++) {
    const member = await createMember(p.enterpriseA.id);
    const registration = await db.registration.create({ data: { eventId, memberId: member.id, unitId: p.enterpriseA.id, status: "approved" } });
    codeIds.push((await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: `E${i}`, orderNo: i, stationNo: i, stationCode: `F${i + 1}` } })).id);
  }
  await db.judgeAssignment.create({ data: { eventId, userId: a.id } });
  await db.judgeAssignment.create({ data: { eventId, userId: b.id } });
});

/** The mark's history in the event log: (version before, version after) of every entry and change. */
async function versionHistory(markId: string) {
  const events = await db.event.findMany({ where: { entityType: "Mark", entityId: markId, action: { in: ["mark.entered", "mark.changed"] } }, select: { before: true, after: true } });
  return events.map((e) => ({ before: e.before ? (JSON.parse(e.before) as { version: number }).version : 0, after: (JSON.parse(e.after!) as { version: number }).version })).sort((x, y) => x.after - y.after);
}

describe("one slot, many concurrent writes (issue 11, item 5)", () => {
  it("60 concurrent values for one slot: every one saved, versions 1–60 each once, the history a chain", async () => {
    const values = Array.from({ length: 60 }, (_, i) => String(i + 1));
    const results = await Promise.all(values.map((value) => putMark(judge.token, { blindCodeId: codeIds[0], aspectId: "a1", value, idempotencyKey: crypto.randomUUID() })));
    expect(results.map((r) => r.status)).toEqual(values.map(() => 200));
    expect(new Set(results.map((r) => r.body.version)).size).toBe(60);
    expect(await db.scoreSheet.count({ where: { eventId, judgeId: judge.id, blindCodeId: codeIds[0] } })).toBe(1);
    const mark = await db.mark.findFirstOrThrow({ where: { eventId, judgeId: judge.id, blindCodeId: codeIds[0], aspectId: "a1" } });
    expect(mark.version).toBe(60);
    // The last version answered is the value stored.
    expect(results.find((r) => r.body.version === 60)!.body.value).toBe(mark.value);
    const history = await versionHistory(mark.id);
    expect(history).toEqual(Array.from({ length: 60 }, (_, i) => ({ before: i, after: i + 1 })));
  });
});

describe("a reused idempotency key (issue 11, item 6)", () => {
  it("the same mark again is a replay (200); another value, aspect or entrant is 409 with the stored mark, and nothing changes", async () => {
    const key = crypto.randomUUID();
    const body = { blindCodeId: codeIds[1], aspectId: "a1", value: "70", idempotencyKey: key };
    const first = await putMark(judge.token, body);
    expect(first).toMatchObject({ status: 200, body: { value: 7000, replayed: false } });
    expect(await putMark(judge.token, body)).toMatchObject({ status: 200, body: { value: 7000, replayed: true, markId: first.body.markId } });

    for (const changed of [{ value: "75" }, { aspectId: "a2" }, { blindCodeId: codeIds[2] }]) {
      const res = await putMark(judge.token, { ...body, ...changed });
      expect(res.status, JSON.stringify(changed)).toBe(409);
      expect(res.body.error.code).toBe("idempotency_key_conflict");
      expect(res.body.error.message).toMatch(/^该幂等键已用于另一次录入/);
      expect(res.body.error.stored).toMatchObject({ markId: first.body.markId, blindCodeId: codeIds[1], aspectId: "a1", value: 7000, valueText: "70.00", version: 1 });
    }
    // In a batch: that mark is refused with the stored one, the others are saved.
    const batch = await putMark(judge.token, { marks: [{ ...body, value: "71" }, { blindCodeId: codeIds[2], aspectId: "a2", value: "50", idempotencyKey: crypto.randomUUID() }] });
    expect(batch.status).toBe(200);
    expect(batch.body.results[0]).toMatchObject({ status: "rejected", error: { status: 409, code: "idempotency_key_conflict", stored: { value: 7000 } } });
    expect(batch.body.results[1]).toMatchObject({ status: "saved", value: 5000 });

    const mark = await db.mark.findUniqueOrThrow({ where: { id: first.body.markId } });
    expect(mark).toMatchObject({ value: 7000, version: 1 });
    expect(await db.mark.count({ where: { eventId, judgeId: judge.id, blindCodeId: codeIds[1] } })).toBe(1);
    expect(await db.mark.count({ where: { eventId, judgeId: judge.id, blindCodeId: codeIds[2], aspectId: "a1" } })).toBe(0);
    expect(await db.markSubmission.count({ where: { key } })).toBe(1);
  });

  it("another judge's key is refused without showing their mark (rule S-21)", async () => {
    const key = crypto.randomUUID();
    expect((await putMark(judge.token, { blindCodeId: codeIds[2], aspectId: "a1", value: "60", idempotencyKey: key })).status).toBe(200);
    const res = await putMark(otherJudge.token, { blindCodeId: codeIds[2], aspectId: "a1", value: "60", idempotencyKey: key });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("idempotency_key_reused");
    expect(res.body.error.stored).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain("6000");
  });
});
