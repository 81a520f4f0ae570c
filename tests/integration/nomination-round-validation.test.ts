import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken, type SessionUser } from "~/utils/auth.server";
import { getLevelList, setHeldBack, validateRound, SUBJECT_TYPE } from "~/modules/nominations/nominations.server";
import { DEFAULT_RATIO_RULES, quotaRules, ratioEntryOf } from "~/modules/nominations/domain";
import { checkStructureRatios, competitiveResults, listVerdict } from "~/modules/nominations/ratios";
import { countsInList, levelMembership } from "~/modules/nominations/level-lists";
import { setQuota } from "~/modules/review-chain/review-chain.server";
import { createOrg, createUser, uid } from "../factories";

// Issue 13: the whole round's list validation answers from each level's tallies (the same lists
// and rules as each level's ratio panel, rules N-10 … N-20, N-13, N-16, N-30), and stays right
// after a hold made here, a change written by another process, and a new 名额. Both databases.

let manager: SessionUser;
let reviewer: SessionUser;
let campaignId: string;
let roundId: string;
let bodies: Awaited<ReturnType<typeof createOrg>>[];
let nominationsAtBody0: string[];
const actor = { userId: null, requestId: null };

beforeAll(async () => {
  const top = await createOrg({ type: "national", name: `全总${uid()}` });
  bodies = [await createOrg({ type: "provincial", parent: top }), await createOrg({ type: "provincial", parent: top }), await createOrg({ type: "provincial", parent: top })];
  const units = await Promise.all(bodies.map((b) => createOrg({ type: "grassroots", parent: b })));
  manager = (await loadUserForToken((await createUser([{ role: "organiser", orgId: top.id }])).id, "t"))!;
  reviewer = (await loadUserForToken((await createUser([{ role: "reviewer", orgId: bodies[0].id }])).id, "t"))!;
  const round = await db.reviewRound.create({ data: { subjectType: SUBJECT_TYPE, title: `五一推荐${uid()}`, topOrgId: top.id, reviewingTypes: JSON.stringify(["provincial"]) } });
  roundId = round.id;
  const campaign = await db.campaign.create({ data: { roundId, awards: JSON.stringify(["奖章", "先锋号"]), level: "national", year: 2026, ratioRules: JSON.stringify(DEFAULT_RATIO_RULES), competitivePct: 150 } });
  campaignId = campaign.id;
  for (const b of bodies) await db.reviewQuota.create({ data: { roundId, orgId: b.id, category: "", limit: 40 } });
  const categories = ["产业工人", "产业工人", "科教人员", "企业负责人", "其他一线职工和专业技术人员"];
  nominationsAtBody0 = [];
  let k = 0;
  for (const [i, b] of bodies.entries()) {
    for (let j = 0; j < 12; j++, k++) {
      const medal = j % 4 !== 3;
      const id = `rv-${uid()}`;
      const sid = `rvs-${uid()}`;
      // body 0's list: all waiting there; body 1: a third already sent up to the top; body 2: one returned
      const currentLevel = i === 1 && j % 3 === 0 ? 1 : 0;
      const status = i === 2 && j === 0 ? "returned" : "pending";
      await db.nomination.create({
        data: {
          id, campaignId, award: medal ? "奖章" : "先锋号", kind: medal ? "individual" : "collective", orgId: units[i].id, name: `候选人${k}`, category: medal ? categories[j % categories.length] : "",
          ownership: j % 2 ? "非公" : "公有", isTeamOrOffice: !medal && j % 8 !== 7, deedsShort: "事迹", status: "submitted", submissionId: sid,
        },
      });
      await db.reviewSubmission.create({
        data: { id: sid, roundId, subjectType: SUBJECT_TYPE, subjectId: id, title: `候选人${k}`, category: medal ? categories[j % categories.length] : "先锋号", submitterOrgId: units[i].id, levels: JSON.stringify([b.id, top.id]), currentLevel, status },
      });
      if (i === 0) nominationsAtBody0.push(id);
    }
  }
});

/** Each level's verdict recounted from the database with the pure rules (no cache). */
async function recount(orgId: string) {
  const subs = await db.reviewSubmission.findMany({ where: { roundId, status: { not: "withdrawn" } }, select: { id: true, subjectId: true, levels: true, currentLevel: true, status: true } });
  const members = levelMembership(subs, orgId);
  const noms = await db.nomination.findMany({ where: { id: { in: [...members.keys()] } } });
  const included = noms.filter((n) => countsInList({ state: members.get(n.id)!.state, heldBack: n.heldBack })).map(ratioEntryOf);
  // 差额 (rule N-16): every candidate that reached the level, held back or not
  const pool = noms.filter((n) => ["here", "sent"].includes(members.get(n.id)!.state)).map(ratioEntryOf);
  const quotas = quotaRules(await db.reviewQuota.findMany({ where: { roundId, orgId } }));
  const verdict = listVerdict([...checkStructureRatios(included, [...quotas, ...DEFAULT_RATIO_RULES]), ...competitiveResults(quotas, 150, pool, included)]);
  return { orgId, size: included.length, mayGoUp: verdict.mayGoUp, blocking: verdict.blocking.map((r) => r.id), advisory: verdict.advisory.map((r) => r.id) };
}

/** Each level's verdict: as a recount from the database gives it, and as its own panel does. */
async function panels() {
  const round = await validateRound(manager, campaignId);
  for (const r of round) {
    expect(r, `${r.orgId} recount`).toEqual(await recount(r.orgId));
    const { panel } = await getLevelList(manager, campaignId, r.orgId);
    expect(r, r.orgId).toEqual({ orgId: r.orgId, size: panel.counts.included, mayGoUp: panel.mayGoUp, blocking: panel.blocking, advisory: panel.advisory });
  }
  return new Map(round.map((r) => [r.orgId, r]));
}

describe("whole-round validation from the lists' tallies (issue 13)", () => {
  it("gives every level's list, equal to the level's own panel, and follows holds, outside writes and quotas", async () => {
    const first = await panels();
    expect([...first.keys()].sort()).toEqual([...bodies.map((b) => b.id), (await db.reviewRound.findUniqueOrThrow({ where: { id: roundId } })).topOrgId].sort());
    expect(first.get(bodies[0].id)!.size).toBe(12);
    // the returned candidate is not on body 2's list that goes up
    expect(first.get(bodies[2].id)!.size).toBe(11);
    // 差额 at 150 %: 12 chosen need 18 to have reached body 0 (rule N-16)
    expect(first.get(bodies[0].id)!.blocking).toContain("competitive-all");
    // a second call answers the same from the cache
    expect(await validateRound(manager, campaignId)).toEqual([...first.values()]);

    // a hold made through the service moves the round's figures too
    await setHeldBack(reviewer, campaignId, bodies[0].id, nominationsAtBody0[0], true, actor);
    await setHeldBack(reviewer, campaignId, bodies[0].id, nominationsAtBody0[1], true, actor);
    expect((await panels()).get(bodies[0].id)!.size).toBe(10);
    await setHeldBack(reviewer, campaignId, bodies[0].id, nominationsAtBody0[1], false, actor);
    expect((await panels()).get(bodies[0].id)!.size).toBe(11);
    // each hold is the row and its event, written together (on SQLite through the lists' own
    // connection, hold-writer.server.ts): Prisma reads both back, times included
    const events = await db.event.findMany({ where: { entityType: "Nomination", entityId: nominationsAtBody0[1], action: { startsWith: "nomination." } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["nomination.held-back", "nomination.put-back"]);
    expect(events.map((e) => JSON.parse(e.after ?? "null"))).toEqual([{ level: bodies[0].id, heldBack: true }, { level: bodies[0].id, heldBack: false }]);
    expect(Math.abs(events[1].at.getTime() - Date.now())).toBeLessThan(60_000);
    const held = await db.nomination.findUniqueOrThrow({ where: { id: nominationsAtBody0[1] }, select: { heldBack: true, updatedAt: true } });
    expect(held.heldBack).toBe(false);
    expect(held.updatedAt.getTime()).toBeGreaterThanOrEqual(events[1].at.getTime() - 1);

    // a write from another process (straight to the database) is seen on the next call
    await db.nomination.update({ where: { id: nominationsAtBody0[0] }, data: { heldBack: false } });
    expect((await panels()).get(bodies[0].id)!.size).toBe(12);

    // a 名额 below the list's size blocks that level only (rule N-16); written by the chain's
    // setQuota, which moves the round's updatedAt: the lists' stamp reads that, not the quotas
    expect((await getLevelList(manager, campaignId, bodies[1].id)).panel.blocking).not.toContain("quota-all");
    await setQuota(manager, roundId, { orgId: bodies[1].id, category: "", limit: 3 }, actor);
    expect((await getLevelList(manager, campaignId, bodies[1].id)).panel.blocking).toContain("quota-all");
    const after = await panels();
    expect(after.get(bodies[1].id)!.blocking).toContain("quota-all");
    expect(after.get(bodies[1].id)!.mayGoUp).toBe(false);
    expect(after.get(bodies[0].id)!.blocking).not.toContain("quota-all");
  });

  it("refuses a user who does not run the campaign", async () => {
    await expect(validateRound(reviewer, campaignId)).rejects.toMatchObject({ status: 403 });
  });
});
