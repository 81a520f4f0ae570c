// Issue 12 item 1 (part): the third approval level (组委会办公室, rule S-7) is staffed with an
// account inside the contest's organisation, and approvers clear their queue in bulk.
import { beforeAll, describe, expect, it } from "vitest";
import * as contestPage from "~/routes/contests.$contestId._index";
import * as bulkApi from "~/routes/api.v1.registrations.bulk-approve";
import { db } from "~/utils/db.server";
import { createMember, createProvince, uid } from "../factories";
import { account, call, type Account } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, contact: Account, office: Account, outsider: Account;
const DAY = 86_400_000;

beforeAll(async () => {
  p = await createProvince();
  [organiser, contact, office, outsider] = await Promise.all([
    account("organiser", p.cityA.id), account("unit_contact", p.enterpriseA.id), account("reviewer", p.cityA.id), account("reviewer", p.cityB.id),
  ]);
});

async function openContest() {
  const contest = await db.contest.create({
    data: { orgId: p.cityA.id, name: `办公室大赛${uid()}`, level: "city", contestClass: "一类", status: "open", registrationOpensAt: new Date(Date.now() - DAY), registrationClosesAt: new Date(Date.now() + DAY) },
  });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: `焊工${uid()}`, trade: "焊工", groupName: "职工组" } });
  return { contest, event };
}
const addOffice = (contestId: string, userId: string) =>
  call(contestPage, `/contests/${contestId}`, { contestId }, { as: organiser, form: { intent: "add-committee", group: "office", name: "办公室 张敏", userId } });

describe("staffing the committee office (rule S-7)", () => {
  it("the form lists accounts inside the contest's organisation; one outside is refused and nothing is added", async () => {
    const { contest } = await openContest();
    const page = (await call(contestPage, `/contests/${contest.id}`, { contestId: contest.id }, { as: organiser, cookie: true })).body as { candidates: { id: string }[] };
    expect(page.candidates.map((c) => c.id)).toContain(office.id);
    expect(page.candidates.map((c) => c.id)).not.toContain(outsider.id);

    const refused = await addOffice(contest.id, outsider.id);
    expect(refused.body).toMatchObject({ ok: false });
    expect(await db.committeeMember.count({ where: { contestId: contest.id } })).toBe(0);
    expect((await addOffice(contest.id, office.id)).body).toMatchObject({ ok: true });
    expect(await db.committeeMember.findFirstOrThrow({ where: { contestId: contest.id } })).toMatchObject({ group: "office", userId: office.id });
  });
});

describe("bulk approval", () => {
  it("approves each selected registration at its step, reports the ones it cannot, writes a trail row each", async () => {
    const { contest, event } = await openContest();
    await addOffice(contest.id, office.id);
    const regs: { id: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const member = await createMember(p.enterpriseA.id, { name: `选手${uid()}` });
      regs.push(await db.registration.create({ data: { eventId: event.id, memberId: member.id, unitId: p.enterpriseA.id, status: i < 2 ? "pending_unit" : "pending_office" } }));
    }
    const res = await call(bulkApi, `/api/v1/registrations/bulk-approve`, {}, { as: contact, json: { registrationIds: regs.map((r) => r.id) } });
    expect(res.status).toBe(200);
    const results = (res.body as { results: { id: string; ok: boolean; status?: string }[] }).results;
    expect(results.filter((r) => r.ok).map((r) => r.id)).toEqual([regs[0].id, regs[1].id]);
    expect(results.find((r) => r.id === regs[2].id)).toMatchObject({ ok: false });
    expect(await db.registration.count({ where: { id: { in: [regs[0].id, regs[1].id] }, status: "pending_host" } })).toBe(2);
    expect(await db.registrationApproval.count({ where: { registrationId: { in: regs.map((r) => r.id) } } })).toBe(2);

    // the office account approves the third level
    const third = await call(bulkApi, `/api/v1/registrations/bulk-approve`, {}, { as: office, json: { registrationIds: [regs[2].id] } });
    expect((third.body as { results: { ok: boolean; status?: string }[] }).results[0]).toMatchObject({ ok: true, status: "approved" });
    expect((await call(bulkApi, `/api/v1/registrations/bulk-approve`, {}, { as: office, json: { registrationIds: [] } })).status).toBe(400);
  });
});
