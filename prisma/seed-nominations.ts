// Demo data of the nominations module (issue 13 items 2–4, 9; idempotent: fixed ids, created
// once). The 2026 五一 round of 杭州市总工会 seeded by seed-honours.ts becomes a campaign: its
// submissions get their nomination forms (DOMAIN-RULES §5) with the grass-roots step done, the
// campaign gets the default structure rules, a 控制数 and a deadline a month ahead, and the
// demo 基层工会 contact (`nominator`) has a 工人先锋号 draft to finish.
import { db } from "~/utils/db.server";
import { addCalendarDays, beijingDate } from "~/modules/calendar/working-days";
import { DEFAULT_RATIO_RULES, STEPS_MUNICIPAL_MODEL_WORKER, STEPS_TWO_REVIEWS_THREE_NOTICES, quotaCategoryOf } from "~/modules/nominations/domain";
import { recordHonour } from "~/modules/honours/honours.server";
import { revokeHonour } from "~/modules/honours/awards.server";
import { revocationReasonText } from "~/modules/honours/revocation-grounds";

const ROUND_ID = "seed-round-hz-2026-wuyi";
const CAMPAIGN_ID = "seed-campaign-hz-2026-wuyi";

const EDUCATION = ["大学本科", "大学专科", "中专/高中"];
const POLITICAL = ["中共党员", "群众", "中共党员"];

export async function seedNominationsDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  if (await db.campaign.findUnique({ where: { id: CAMPAIGN_ID } })) return log("seed: nominations demo present");
  if (!(await db.reviewRound.findUnique({ where: { id: ROUND_ID } }))) return;
  const today = beijingDate(new Date());
  const submissions = await db.reviewSubmission.findMany({ where: { roundId: ROUND_ID, subjectType: "honours.nomination" }, orderBy: { id: "asc" } });
  const memberIds = submissions.map((s) => s.subjectId.replace(/^seed-/, ""));
  const members = await db.member.findMany({ where: { id: { in: memberIds } }, include: { org: { select: { ownership: true, industry: true } } } });
  const nominator = await db.user.findUnique({ where: { username: "nominator" } });
  await db.$transaction(async (tx) => {
    await tx.campaign.create({
      data: {
        id: CAMPAIGN_ID, roundId: ROUND_ID, awards: JSON.stringify(["奖章", "先锋号"]), level: "city", year: 2026, listing: "regular",
        deadlines: JSON.stringify([{ scope: "grassroots", date: addCalendarDays(today, 30) }]), steps: JSON.stringify(STEPS_TWO_REVIEWS_THREE_NOTICES),
        ratioRules: JSON.stringify(DEFAULT_RATIO_RULES), controlCaps: JSON.stringify({ "org-hz-jx": { 企业负责人: 1 } }), competitivePct: 120,
      },
    });
    for (const [i, s] of submissions.entries()) {
      const m = members.find((x) => `seed-${x.id}` === s.subjectId);
      if (!m) continue;
      const data = {
        id: s.subjectId, campaignId: CAMPAIGN_ID, award: "奖章", kind: "individual", orgId: s.submitterOrgId, memberId: m.id, name: m.name, sex: m.sex,
        ethnicity: m.ethnicity, birthMonth: m.birthDate.toISOString().slice(0, 7), education: EDUCATION[i % 3], politicalStatus: POLITICAL[i % 3], post: m.post ?? "",
        unitType: "企业", ownership: m.org.ownership ?? "公有", industry: m.org.industry ?? "", category: s.category, isFrontline: true, isMigrantWorker: m.isMigrantWorker,
        priorHonours: JSON.stringify([{ year: 2024, level: "市级", title: "杭州市技术能手", issuer: "杭州市人力资源和社会保障局" }]),
        deedsShort: `${m.name}同志长期扎根生产一线，爱岗敬业，在技术攻关和传帮带方面成绩突出。`,
        congressDate: "2026-02-10", congressPresent: 86, congressFor: 80, congressAgainst: 2,
        localNoticeStart: "2026-02-11", localNoticeDays: 5, localNoticeEnd: "2026-02-24", localNoticeOutcome: "无异议",
        status: "submitted", submissionId: s.id, createdById: nominator?.id ?? null,
      };
      await tx.nomination.create({ data: { ...data, category: quotaCategoryOf(data) } });
    }
    // a 工人先锋号 draft of 杭汽轮's union for the nominator to finish and submit
    await tx.nomination.create({
      data: {
        id: "seed-nomination-hz-team", campaignId: CAMPAIGN_ID, award: "先锋号", kind: "collective", orgId: "ent-10", name: "汽轮机转子焊接班",
        parentUnit: "杭州汽轮动力集团", leaderName: "周国强", headcount: 24, unitType: "企业", ownership: "公有", industry: "装备制造", isKeyIndustry: true, isTeamOrOffice: true,
        deedsShort: "班组承担汽轮机转子焊接任务，连续六年零质量事故，自主研发焊接变形控制工装三项。", status: "draft", createdById: nominator?.id ?? null,
      },
    });
  });
  log(`seed: nominations demo: campaign ${CAMPAIGN_ID} with ${submissions.length} forms, /campaigns/${CAMPAIGN_ID}`);
}

// ------------------------------------------------------------------ a past 劳模 round (issue 13 item 9)

const PAST_ROUND_ID = "seed-round-hz-2021-laomo";
const PAST_CAMPAIGN_ID = "seed-campaign-hz-2021-laomo";
/** The certificate code of the 2021 title revoked later: /verify/<code> says 已撤销 (rule N-42). */
export const PAST_REVOKED_VERIFY_CODE = "hzlmpastroundrevokedaaaaaa";
const PAST_UNITS = [
  { orgId: "ent-10", memberIndex: 3, deeds: "从事汽轮机叶片数控加工三十年，主持五轴加工工艺改进，叶片加工周期缩短 40%，获国家发明专利两项。", verifyCode: "hzlmpastroundvalidaaaaaaab" },
  { orgId: "ent-11", memberIndex: 0, deeds: "锅炉焊接高级技师，攻克超超临界锅炉 P92 钢焊接难题，培养焊接技师 20 余名。", verifyCode: "hzlmpastroundvalidaaaaaaac" },
  { orgId: "ent-14", memberIndex: 0, deeds: "配电运检班班长，带领班组实现辖区年户均停电时间下降 60%，抗击台风“烟花”期间连续奋战九昼夜。", verifyCode: PAST_REVOKED_VERIFY_CODE },
  { orgId: "ent-07", memberIndex: 0, deeds: "医用导管生产线质量负责人，建立全流程质量追溯体系，产品连续六年国家抽检合格。", verifyCode: "hzlmpastroundvalidaaaaaaad" },
] as const;

/**
 * One past round: the 2021 杭州市劳动模范 round (municipal 劳模 template, rule N-35), approved,
 * its titles in the honours register with their certificate codes, and one title revoked in 2024
 * after a criminal conviction, through a revocation approved by the city (rules N-40, N-42).
 */
export async function seedPastModelWorkerRound({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  if (await db.reviewRound.findUnique({ where: { id: PAST_ROUND_ID } })) return log("seed: past 劳模 round present");
  const organiser = await db.user.findUnique({ where: { username: "organiser" } });
  const actor = { userId: organiser?.id ?? null, requestId: null };
  const orgs = await db.organisation.findMany({ where: { id: { in: PAST_UNITS.map((u) => u.orgId) } }, select: { id: true, path: true, ownership: true, industry: true } });
  if (orgs.length !== PAST_UNITS.length) return;
  await db.$transaction(async (tx) => {
    await tx.reviewRound.create({
      data: { id: PAST_ROUND_ID, subjectType: "honours.nomination", title: "2021年杭州市劳动模范评选", topOrgId: "org-hz", reviewingTypes: JSON.stringify(["county", "industry"]), status: "closed", createdById: organiser?.id ?? null },
    });
    await tx.campaign.create({
      data: {
        id: PAST_CAMPAIGN_ID, roundId: PAST_ROUND_ID, awards: JSON.stringify(["劳模"]), level: "city", year: 2021, listing: "regular",
        deadlines: JSON.stringify([{ scope: "grassroots", date: "2021-03-15" }]), steps: JSON.stringify(STEPS_MUNICIPAL_MODEL_WORKER),
        ratioRules: JSON.stringify(DEFAULT_RATIO_RULES), controlCaps: "{}", competitivePct: 100,
      },
    });
    for (const [i, u] of PAST_UNITS.entries()) {
      const org = orgs.find((o) => o.id === u.orgId)!;
      const members = await tx.member.findMany({ where: { org: { path: { startsWith: org.path } }, employmentStatus: "职工" }, orderBy: { idNumberHash: "asc" }, take: u.memberIndex + 1 });
      const m = members[u.memberIndex];
      if (!m) continue;
      // the unit's reviewing levels: the district (or industry) union above it, then the city
      const ids = org.path.split("/").filter(Boolean);
      const above = ids.slice(ids.indexOf("org-hz") + 1, -1).filter((id) => /^org-hz-[a-z]+$/.test(id));
      const levels = [...above.slice(0, 1), "org-hz"];
      const submissionId = `seed-sub-2021-laomo-${i + 1}`;
      const nominationId = `seed-nomination-2021-laomo-${i + 1}`;
      await tx.reviewSubmission.create({
        data: { id: submissionId, roundId: PAST_ROUND_ID, subjectType: "honours.nomination", subjectId: nominationId, title: `${m.name} · ${m.post ?? ""}`, category: "产业工人", submitterOrgId: org.id, levels: JSON.stringify(levels), currentLevel: levels.length - 1, status: "approved" },
      });
      await tx.reviewDecision.create({ data: { submissionId, level: 0, orgId: org.id, decision: "submitted", at: new Date("2021-03-10T02:00:00Z") } });
      for (const [l, levelOrg] of levels.entries()) {
        await tx.reviewDecision.create({ data: { submissionId, level: l, orgId: levelOrg, decision: l === levels.length - 1 ? "approved" : "recommended", at: new Date(`2021-04-${String(10 + l * 10).padStart(2, "0")}T06:00:00Z`) } });
      }
      await tx.nomination.create({
        data: {
          id: nominationId, campaignId: PAST_CAMPAIGN_ID, award: "劳模", kind: "individual", orgId: org.id, memberId: m.id, name: m.name, sex: m.sex, ethnicity: m.ethnicity,
          birthMonth: m.birthDate.toISOString().slice(0, 7), education: EDUCATION[i % 3], politicalStatus: POLITICAL[i % 3], post: m.post ?? "", unitType: "企业",
          ownership: org.ownership ?? "公有", industry: org.industry ?? "", category: "产业工人", isFrontline: true, deedsShort: u.deeds,
          congressDate: "2021-02-26", congressPresent: 120, congressFor: 112, congressAgainst: 1, localNoticeStart: "2021-03-01", localNoticeDays: 5, localNoticeEnd: "2021-03-05", localNoticeOutcome: "无异议",
          status: "submitted", submissionId, createdById: null,
        },
      });
      const honour = await recordHonour(tx, { memberId: m.id, title: "杭州市劳动模范", level: "city", year: 2021, issuingBody: "杭州市总工会", source: "nomination", sourceId: nominationId }, actor, { verifyCode: u.verifyCode });
      if (u.verifyCode === PAST_REVOKED_VERIFY_CODE) {
        const grounds = ["criminal"];
        const details = "2024年因重大责任事故罪被判处有期徒刑一年、缓刑一年，原推荐单位书面报告，经杭州市总工会审核批准撤销";
        await tx.honourRevocation.create({ data: { honourId: honour.id, grounds: JSON.stringify(grounds), details, orgId: org.id, status: "approved", createdById: organiser?.id ?? null, createdAt: new Date("2024-09-02T02:00:00Z"), decidedAt: new Date("2024-09-20T02:00:00Z") } });
        await revokeHonour(tx, honour.id, revocationReasonText(grounds, details), actor, new Date("2024-09-20T02:00:00Z"));
      }
    }
  }, { timeout: 60_000 });
  log(`seed: past round 2021 杭州市劳动模范 with its titles in the register, one revoked (/verify/${PAST_REVOKED_VERIFY_CODE})`);
}
