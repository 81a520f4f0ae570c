// Demo data of issue 13 (idempotent: fixed ids, created once): the holiday calendar as the
// State Council published it, and a 2026 五一劳动奖章 round of 杭州市总工会 in which three
// 基层工会 have submitted candidates that climb the review chain, with the city's 公示 open.
// The nomination forms themselves (section 5) come with the honours module; until then the
// submissions carry the candidate's name and unit, and the notice lists their public fields.
import { db } from "~/utils/db.server";
import { seedPublishedCalendar } from "~/modules/calendar/calendar.server";
import { addCalendarDays, beijingDate, windowEndDate } from "~/modules/calendar/working-days";
import { loadCalendar } from "~/modules/calendar/calendar.server";

const ROUND_ID = "seed-round-hz-2026-wuyi";
const NOTICE_CODE = "hz2026wuyi";

const UNITS = [
  { id: "ent-10", levels: ["org-hz-jx", "org-hz"], category: "产业工人", atCity: 2 },
  { id: "ent-07", levels: ["org-hz-bj", "org-hz"], category: "其他一线职工和专业技术人员", atCity: 2 },
  { id: "ent-05", levels: ["org-hz-xh", "org-hz"], category: "其他一线职工和专业技术人员", atCity: 1 },
];

const DEEDS: Record<string, string> = {
  "ent-10": "扎根生产一线二十年，主持汽轮机转子焊接工艺攻关，焊缝一次合格率由 96% 提升到 99.6%，带出技师徒弟 12 名。",
  "ent-07": "负责医用耗材生产线质量管理，牵头建立全流程追溯制度，连续五年产品抽检零不合格。",
  "ent-05": "从事养老护理工作十五年，总结失能老人照护“六步法”，在全区推广，所在护理组获评市级巾帼文明岗。",
};

export async function seedHonoursDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  const added = await seedPublishedCalendar();
  if (await db.reviewRound.findUnique({ where: { id: ROUND_ID } })) {
    log(`seed: honours demo present${added ? `, ${added} calendar days added` : ""}`);
    return;
  }
  const organiser = await db.user.findUnique({ where: { username: "organiser" } });
  const orgs = await db.organisation.findMany({ where: { id: { in: UNITS.map((u) => u.id) } }, select: { id: true, name: true, path: true } });
  if (orgs.length !== UNITS.length) return;
  await db.$transaction(async (tx) => {
    await tx.reviewRound.create({
      data: { id: ROUND_ID, subjectType: "honours.nomination", title: "2026年杭州市五一劳动奖章推荐", topOrgId: "org-hz", reviewingTypes: JSON.stringify(["county", "industry"]), createdById: organiser?.id ?? null },
    });
    await tx.reviewQuota.create({ data: { roundId: ROUND_ID, orgId: "org-hz-jx", category: "产业工人", limit: 2 } });
    await tx.reviewQuota.create({ data: { roundId: ROUND_ID, orgId: "org-hz", category: "", limit: 20 } });
    const atCity: { id: string; member: { name: string; sex: string; post: string | null }; unit: string; deeds: string }[] = [];
    for (const unit of UNITS) {
      const org = orgs.find((o) => o.id === unit.id)!;
      const members = await tx.member.findMany({ where: { org: { path: { startsWith: org.path } }, employmentStatus: "职工" }, orderBy: { idNumberHash: "asc" }, take: 3 });
      for (const [i, m] of members.entries()) {
        const toCity = i < unit.atCity;
        const s = await tx.reviewSubmission.create({
          data: {
            id: `seed-sub-${unit.id}-${i + 1}`, roundId: ROUND_ID, subjectType: "honours.nomination", subjectId: `seed-${m.id}`,
            title: `${m.name} · ${m.post ?? ""}`, category: unit.category, submitterOrgId: unit.id, levels: JSON.stringify(unit.levels),
            currentLevel: toCity ? 1 : 0, status: "pending",
          },
        });
        await tx.reviewDecision.create({ data: { submissionId: s.id, level: 0, orgId: unit.id, decision: "submitted", at: new Date("2026-03-02T02:00:00Z") } });
        if (toCity) {
          await tx.reviewDecision.create({ data: { submissionId: s.id, level: 0, orgId: unit.levels[0], decision: "recommended", reason: null, at: new Date("2026-03-16T06:00:00Z") } });
          atCity.push({ id: s.id, member: m, unit: org.name.replace(/工会(联合会)?$/, ""), deeds: DEEDS[unit.id] });
        }
      }
    }
    const startsOn = addCalendarDays(beijingDate(new Date()), -1);
    const endsOn = windowEndDate(startsOn, 7, "calendar", await loadCalendar(tx));
    const notice = await tx.publicNotice.create({
      data: {
        roundId: ROUND_ID, orgId: "org-hz", title: "2026年杭州市五一劳动奖章推荐对象公示", windowKind: "calendar", windowDays: 7, startsOn, endsOn,
        contact: "杭州市总工会劳动和经济工作部，电话 0571-85000000，地址：杭州市上城区解放东路 18 号", publicCode: NOTICE_CODE, createdById: organiser?.id ?? null,
      },
    });
    for (const [i, e] of atCity.entries()) {
      await tx.noticeEntry.create({ data: { noticeId: notice.id, submissionId: e.id, name: e.member.name, sex: e.member.sex, unit: e.unit, post: e.member.post ?? "", deeds: e.deeds, sortOrder: i } });
    }
  });
  log(`seed: honours demo round created, 公示 open at /notices/${NOTICE_CODE}`);
}
