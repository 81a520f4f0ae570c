import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seed } from "../../prisma/seed";
import { verifyHonour } from "~/modules/honours/honours.server";
import { titleCheck } from "~/modules/ankang/titles.server";
import { loadUserForToken } from "~/utils/auth.server";
import { getPeriod, getProject, getSafeDays } from "~/modules/labour/labour.server";
import { LABOUR_CAMPAIGN_NAME, LABOUR_PROJECT_NAME } from "../../prisma/seed-labour";
import { roundStepTracker, stepRefusalFor } from "~/modules/nominations/steps.server";

// Issue 10, item 9: the demo seed draws like a real event (prisma/seed-draw.ts: the draw's
// seeded shuffles), so no station code can be read off an admission number, and every
// password and PIN hash has its own salt. The seed stays idempotent: a second run adds nothing.

describe("the demo seed", () => {
  it("draws codes unrelated to admission numbers, salts every hash apart, and runs twice without change", async () => {
    await seed({ quiet: true });
    const all = await db.blindCode.findMany({ select: { stationCode: true, entryNo: true, registration: { select: { admissionNo: true, eventId: true } } } });
    const demo = all.filter((c) => c.registration.admissionNo && /^(JD2026|A2026|B2026|HZ2025-WELD-)\d{2}$/.test(c.registration.admissionNo));
    expect(demo.length).toBeGreaterThanOrEqual(20);
    const suffix = (text: string) => text.slice(-2);
    const sameStation = demo.filter((c) => suffix(c.stationCode) === suffix(c.registration.admissionNo!)).length;
    const sameEntry = demo.filter((c) => suffix(c.entryNo) === suffix(c.registration.admissionNo!)).length;
    // A random draw leaves about one in n in place; the old seed left every one.
    expect(sameStation).toBeLessThan(demo.length / 4);
    expect(sameEntry).toBeLessThan(demo.length / 4);

    const judgeIds = (await db.user.findMany({ where: { username: { in: ["judge", "judge2", "chief_judge"] } }, select: { id: true } })).map((u) => u.id);
    const pins = (await db.judgeProfile.findMany({ where: { userId: { in: judgeIds } }, select: { pinHash: true } })).map((j) => j.pinHash);
    expect(pins.length).toBe(3);
    expect(new Set(pins).size).toBe(3);
    const passwords = (await db.user.findMany({ where: { username: { in: ["admin", "organiser", "judge", "encryptor"] } }, select: { passwordHash: true } })).map((u) => u.passwordHash);
    expect(new Set(passwords).size).toBe(4);

    // issue 13: the demo worker holds honours in the register; the incident register has entries
    const worker = await db.user.findUniqueOrThrow({ where: { username: "worker" }, select: { memberId: true } });
    expect(await db.honour.count({ where: { memberId: worker.memberId } })).toBeGreaterThanOrEqual(2);
    expect(await db.incident.count({ where: { id: { startsWith: "seed-inc-" } } })).toBeGreaterThanOrEqual(5);
    // the revoked 劳模 title of the past round verifies as revoked
    expect(await verifyHonour("hzlmrevokeddemo2345abcdefg")).toMatchObject({ title: "杭州市劳动模范", status: "revoked" });
    // the past 2021 劳模 round: approved, its titles in the register, one revoked through an approved revocation (rules N-35, N-40, N-42)
    const past = await db.campaign.findUniqueOrThrow({ where: { id: "seed-campaign-hz-2021-laomo" }, include: { round: true } });
    expect(past).toMatchObject({ year: 2021, awards: JSON.stringify(["劳模"]), round: { status: "closed" } });
    expect(await db.reviewSubmission.count({ where: { roundId: past.roundId, status: "approved" } })).toBe(4);
    const titles = await db.honour.findMany({ where: { source: "nomination", sourceId: { startsWith: "seed-nomination-2021-laomo-" } } });
    expect(titles).toHaveLength(4);
    expect(titles.every((h) => h.title === "杭州市劳动模范" && h.year === 2021 && h.memberId)).toBe(true);
    expect(titles.filter((h) => h.revokedAt).map((h) => h.verifyCode)).toEqual(["hzlmpastroundrevokedaaaaaa"]);
    expect(await verifyHonour("hzlmpastroundrevokedaaaaaa")).toMatchObject({ title: "杭州市劳动模范", year: 2021, status: "revoked" });
    expect(await verifyHonour("hzlmpastroundvalidaaaaaaab")).toMatchObject({ status: "valid" });
    expect(await db.honourRevocation.count({ where: { honourId: titles.find((h) => h.revokedAt)!.id, status: "approved" } })).toBe(1);
    // demo accounts of issue 13: the 基层工会 contact and the city's reviewer, each with the role where the brief puts them
    const grants = await db.roleGrant.findMany({ where: { user: { username: { in: ["nominator", "reviewer_hz"] } } }, select: { roleKey: true, orgId: true, user: { select: { username: true } } } });
    expect(grants.map((g) => [g.user.username, g.roleKey, g.orgId]).sort()).toEqual([["nominator", "grassroots_contact", "ent-10"], ["reviewer_hz", "reviewer", "org-hz"]]);
    const nominatorId = (await db.user.findUniqueOrThrow({ where: { username: "nominator" } })).id;
    expect((await db.nomination.findUniqueOrThrow({ where: { id: "seed-nomination-hz-team" } })).createdById).toBe(nominatorId);

    // issue 15: the 安康杯 cycle of 杭州市总工会 with 40 units, one vetoed by a serious injury, 30 hazards, a quiz open
    const cycleId = "seed-ankang-hz-2025";
    expect(await db.ankangEnrolment.count({ where: { cycleId } })).toBe(40);
    expect(await db.ankangAssessment.count({ where: { enrolment: { cycleId }, kind: "self", status: "draft" } })).toBeGreaterThan(0);
    expect(await db.ankangHazard.count({ where: { id: { startsWith: "seed-hazard-" } } })).toBe(30);
    const vetoed = await titleCheck(db, cycleId, { holderOrgId: "ent-08", kind: "winnerUnit" });
    expect(vetoed.result.refusals.map((r) => r.code)).toContain("condition.noSeriousAccident");
    // rule A-8: 杭汽轮 is 规模以上 and may be 优秀组织单位; a small car dealer may not; every demo 优秀组织单位 is a candidate
    expect((await titleCheck(db, cycleId, { holderOrgId: "ent-10", kind: "organisingUnit" })).result.refusals.map((r) => r.code)).not.toContain("candidacy");
    expect((await titleCheck(db, cycleId, { holderOrgId: "ent-01", kind: "organisingUnit" })).result.refusals.map((r) => r.code)).toContain("candidacy");
    for (const t of await db.ankangTitle.findMany({ where: { kind: "organisingUnit" } }))
      expect((await titleCheck(db, t.cycleId, { holderOrgId: t.holderOrgId, kind: "organisingUnit" })).result.refusals.map((r) => r.code), t.holderName).not.toContain("candidacy");
    expect((await db.organisation.findUniqueOrThrow({ where: { id: "dept-hz-emergency" } })).unitCategory).toBe("safetyRegulator");
    const quiz = await db.ankangQuiz.findUniqueOrThrow({ where: { id: "seed-quiz-hz-2026" } });
    expect(quiz.opensAt < new Date() && quiz.closesAt > new Date()).toBe(true);
    const ankangBefore = await db.ankangEnrolment.count();

    // issue 13 item 9: the 2026 五一 round of 杭州市总工会 as a campaign with its nomination forms and a 先锋号 draft
    const nominationsBefore = await db.nomination.count({ where: { campaignId: "seed-campaign-hz-2026-wuyi" } });
    expect(nominationsBefore).toBeGreaterThanOrEqual(4);
    expect(await db.nomination.count({ where: { campaignId: "seed-campaign-hz-2026-wuyi", status: "draft", kind: "collective" } })).toBe(1);
    // its steps (两审三公示, rule N-30) read consistently: the units' notices done, the counties still to send up
    // the rest, and the city's approval waiting for its own notice, still running (rule N-33)
    const wuyi = await db.campaign.findUniqueOrThrow({ where: { id: "seed-campaign-hz-2026-wuyi" } });
    const wuyiSteps = await roundStepTracker(wuyi);
    expect(wuyiSteps.map((s) => s.status)).toEqual(["done", "current", "pending", "pending", "done", "pending", "pending"]);
    const atCity = await db.reviewSubmission.findMany({ where: { roundId: wuyi.roundId, currentLevel: 1, status: "pending" }, select: { id: true, subjectId: true, levels: true, currentLevel: true, status: true } });
    expect(atCity.length).toBeGreaterThan(0);
    expect((await stepRefusalFor(db, wuyi, atCity, new Map()))!.message).toMatch(/^评选步骤「省级公示」尚未完成，不能批准：公示期至/);
    // the past 劳模 round, approved: every step done
    expect((await roundStepTracker(past)).every((s) => s.status === "done")).toBe(true);
    // issue 16: 120 proposals across 6 units in every state, the demo worker among the authors
    const proposalsBefore = await db.proposal.count({ where: { id: { startsWith: "seed-prop-" } } });
    expect(proposalsBefore).toBe(120);
    expect(new Set((await db.proposal.findMany({ where: { id: { startsWith: "seed-prop-" } }, select: { unitId: true } })).map((p) => p.unitId)).size).toBe(6);
    expect(new Set((await db.proposal.findMany({ where: { id: { startsWith: "seed-prop-" } }, select: { state: true } })).map((p) => p.state)).size).toBe(9);
    expect(await db.proposalAuthor.count({ where: { memberId: worker.memberId! } })).toBeGreaterThan(0);
    // issue 16 item 3: measured benefits awaiting the finance office (the demo account finance at 杭汽轮)
    expect(await db.proposal.count({ where: { id: { startsWith: "seed-prop-" }, state: "implemented", benefitClaimYuan: { not: null } } })).toBe(6);
    // issue 14 item 9: the key-project competition half-way through its year and the 百日 campaign running now
    const labourBefore = await labourDemoChecks();
    const before = { codes: all.length, users: await db.user.count(), honours: await db.honour.count(), incidents: await db.incident.count() };
    await seed({ quiet: true });
    expect(await db.blindCode.count()).toBe(before.codes);
    expect(await db.user.count()).toBe(before.users);
    expect(await db.honour.count()).toBe(before.honours);
    expect(await db.incident.count()).toBe(before.incidents);
    expect(await db.ankangEnrolment.count()).toBe(ankangBefore);
    expect(await db.proposal.count({ where: { id: { startsWith: "seed-prop-" } } })).toBe(proposalsBefore);
    expect(await db.nomination.count({ where: { campaignId: "seed-campaign-hz-2026-wuyi" } })).toBe(nominationsBefore);
    expect({ projects: await db.labourProject.count(), scores: await db.labourScore.count(), banners: await db.labourBanner.count() }).toEqual(labourBefore);
  }, 240_000);
});

async function labourDemoChecks() {
  const contactId = (await db.user.findUniqueOrThrow({ where: { username: "labour_contact" } })).id;
  const contact = (await loadUserForToken(contactId, "t"))!;
  const project = await db.labourProject.findFirstOrThrow({ where: { name: LABOUR_PROJECT_NAME } });
  const view = await getProject(contact, project.id);
  expect(view.project.status).toBe("accepted");
  expect(view.set.name).toBe("七比一创");
  expect(view.project.frequency).toBe("month");
  expect(view.roster.filter((r) => r.kind === "section")).toHaveLength(6);
  expect(view.roster.filter((r) => r.kind === "area")).toHaveLength(12);
  // half-way through its year: 12 monthly periods, today in the seventh
  expect(view.periods).toHaveLength(12);
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  expect(view.periods[6].from <= today && today <= view.periods[6].to).toBe(true);
  expect(view.periods.slice(0, 5).map((p) => p.status)).toEqual(Array(5).fill("awarded"));
  expect(view.periods[5]).toMatchObject({ status: "signed", signatures: 3, missing: 0 });
  // rule L-3: one 流动红旗 per group (标段, 工区) in each awarded month, to the top of the board;
  // rule L-7: each 班组's attendance is recorded every awarded month and the 月度优秀班组 goes to a team
  const attendanceVetoes: { period: string; team: { unitId: string; rank: number | null; attendance: number | null }; winners: string[] }[] = [];
  for (const p of view.periods.slice(0, 5)) {
    expect([...new Set(p.banners.map((b) => b.group))].sort()).toEqual(["area", "section", "team"]);
    const board = await getPeriod(contact, project.id, p.id);
    for (const b of p.banners.filter((x) => x.group !== "team")) expect(board.board.find((r) => r.unitId === b.unitId)?.rank).toBe(1);
    expect(board.teamAward).toHaveLength(6);
    expect(board.teamAward.every((r) => r.attendance !== null)).toBe(true);
    const winners = board.teamAward.filter((r) => r.won).map((r) => r.unitId);
    expect(winners.length).toBeGreaterThanOrEqual(1);
    for (const r of board.teamAward) if (r.reasons.some((x) => x.startsWith("出勤率"))) attendanceVetoes.push({ period: p.label, team: r, winners });
  }
  // the demo shows one attendance veto (under 95 %): the 班组 first on the board, and another team takes the award
  expect(attendanceVetoes).toHaveLength(1);
  const [veto] = attendanceVetoes;
  expect(veto.team.rank).toBe(1);
  expect(veto.team.attendance).toBeLessThan(9500);
  expect(veto.winners).not.toContain(veto.team.unitId);
  // rules L-7, A-12: the fatal accident zeroes 四标段's safety for the year and takes it out of the ranking
  expect(view.accidents.find((a) => a.severity === "fatal")?.unitName).toBe("四标段");
  const sixth = await getPeriod(contact, project.id, view.periods[5].id);
  const four = sixth.board.find((r) => r.name === "四标段")!;
  expect(four.rank).toBeNull();
  expect(four.scores.safety).toBe(0);
  // rule L-4: a 通报批评 deduction; rule L-5: banner money and rewards by place in the ledger
  expect(view.events.some((e) => e.label.includes("通报批评") && e.points < 0)).toBe(true);
  expect(view.ledger.filter((l) => l.kind === "banner").length).toBeGreaterThanOrEqual(10);
  expect(view.ledger.some((l) => l.kind === "place" && l.amount < 0)).toBe(true);
  // the 百日 campaign started 40 days ago; 二标段 starts again after its accident
  const campaign = await db.labourProject.findFirstOrThrow({ where: { name: LABOUR_CAMPAIGN_NAME } });
  const safe = await getSafeDays(contact, campaign.id, today);
  expect(safe.countdown.elapsed).toBe(40);
  const two = safe.board.find((b) => b.name === "二标段")!;
  expect(two.accidents).toBe(1);
  expect(two.safeDays).toBeLessThan(40);
  expect(safe.board.filter((b) => b.safeDays === 40)).toHaveLength(5);
  return { projects: await db.labourProject.count(), scores: await db.labourScore.count(), banners: await db.labourBanner.count() };
}
