// Demo data of the nominations module (issue 13 items 2–4, 9; idempotent: fixed ids, created
// once). The 2026 五一 round of 杭州市总工会 seeded by seed-honours.ts becomes a campaign: its
// submissions get their nomination forms (DOMAIN-RULES §5) with the grass-roots step done, the
// campaign gets the default structure rules, a 控制数 and a deadline a month ahead, and the
// demo 基层工会 contact (`nominator`) has a 工人先锋号 draft to finish.
import { db } from "~/utils/db.server";
import { addCalendarDays, beijingDate } from "~/modules/calendar/working-days";
import { DEFAULT_RATIO_RULES, STEPS_TWO_REVIEWS_THREE_NOTICES, quotaCategoryOf } from "~/modules/nominations/domain";

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
