// Demo data for on-site marking (issue 5): judge profiles with signing PINs, and a drawn,
// not yet marked event of 杭州市总工会 to which the demo judges `judge` and `judge2` are
// assigned (and `chief_judge` as chief judge), with blind codes A01 … A08 for approved
// registrations. Open /judging as `judge` (password gongsai2026, signing PIN 123456).
// The judges come from Ningbo units, so no recusal rule (S-31) keeps them from the
// Hangzhou entrants. Idempotent: fixed ids, nothing is added twice.
import { db } from "~/utils/db.server";
import { demoDraw, pad2 } from "./seed-draw";
import { hashPassword } from "~/utils/auth.server";

export const JUDGING_DEMO = {
  contestId: "demo-judging-contest",
  contestName: "2026年杭州市职工职业技能大赛（现场评分演示）",
  eventId: "demo-judging-event",
  eventName: "焊工（职工组）现场评分",
  sessionId: "demo-judging-session-1",
  /** the demo judges' signing PIN */
  pin: "123456",
  /** station codes A01 … A08 */
  entrants: 8,
  aspects: ["JW-1", "JW-2", "JW-3", "JW-4", "JW-5"],
} as const;

const SCHEME = {
  components: [{
    id: "JP", name: "技能操作", kind: "practical", weight: "1",
    modules: [
      {
        id: "JM1", name: "板对接焊",
        criteria: [
          { id: "JC1", name: "焊缝质量", aspects: [
            { id: "JW-1", name: "工件尺寸精度", kind: "judgement", max: "30" },
            { id: "JW-2", name: "焊缝外观成形", kind: "judgement", max: "25" },
          ] },
          { id: "JC2", name: "操作过程", aspects: [{ id: "JW-3", name: "工艺规范", kind: "judgement", max: "20", markStep: "0.5" }] },
        ],
      },
      {
        id: "JM2", name: "安全文明生产",
        criteria: [{ id: "JC3", name: "安全", aspects: [
          { id: "JW-4", name: "劳保用品与设备使用", kind: "judgement", max: "15" },
          { id: "JW-5", name: "现场整理（5S）", kind: "judgement", max: "10" },
        ] }],
      },
    ],
  }],
};

const JUDGES = [
  { username: "judge", unitId: "ent-15", assessorCertNo: "KP-3302-0117", skillLevel: "二级/技师", title: "工程师" },
  { username: "judge2", unitId: "ent-22", assessorCertNo: "KP-3302-0208", skillLevel: "一级/高级技师", title: null },
  { username: "chief_judge", unitId: "ent-17", assessorCertNo: "KP-3302-0001", skillLevel: "一级/高级技师", title: "高级工程师" },
];

const ENTRANT_UNITS = ["ent-10", "ent-11", "ent-12", "ent-07", "ent-08", "ent-13", "ent-03", "ent-14"];

export async function seedJudgingDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  const users = await db.user.findMany({ where: { username: { in: JUDGES.map((j) => j.username) } }, select: { id: true, username: true } });
  if (users.length < JUDGES.length || !(await db.organisation.findUnique({ where: { id: "org-hz" } }))) return log("seed-judging: demo accounts or organisations missing, skipped");
  const idOf = (username: string) => users.find((u) => u.username === username)!.id;

  for (const judge of JUDGES) {
    const existing = await db.judgeProfile.findUnique({ where: { userId: idOf(judge.username) } });
    if (!existing) {
      // One hash per judge, each with its own salt (the same PIN must not give the same hash).
      const pinHash = await hashPassword(JUDGING_DEMO.pin);
      await db.judgeProfile.create({ data: { userId: idOf(judge.username), unitId: judge.unitId, assessorCertNo: judge.assessorCertNo, skillLevel: judge.skillLevel, title: judge.title, pinHash } });
    }
  }

  if (await db.contestEvent.findUnique({ where: { id: JUDGING_DEMO.eventId } })) return log("seed-judging: nothing new");
  const people: { memberId: string; unitId: string }[] = [];
  for (const unitId of ENTRANT_UNITS) {
    const unit = await db.organisation.findUnique({ where: { id: unitId }, select: { path: true } });
    const member = unit && await db.member.findFirst({ where: { org: { path: { startsWith: unit.path } }, employmentStatus: "职工" }, orderBy: { id: "desc" }, select: { id: true } });
    if (member) people.push({ memberId: member.id, unitId });
  }
  if (people.length < JUDGING_DEMO.entrants) return log("seed-judging: not enough demo members, skipped");

  const now = Date.now();
  await db.$transaction(async (tx) => {
    await tx.contest.upsert({
      where: { id: JUDGING_DEMO.contestId },
      create: {
        id: JUDGING_DEMO.contestId, orgId: "org-hz", name: JUDGING_DEMO.contestName, level: "city", contestClass: "二类",
        hosts: JSON.stringify(["杭州市总工会"]), status: "running", visibility: "members",
        startsAt: new Date(now - 3_600_000), endsAt: new Date(now + 8 * 3_600_000),
        noticeText: "演示：裁判用平板现场评分（只显示工位号，规则 S-33）。",
      },
      update: {},
    });
    await tx.contestEvent.create({
      data: {
        id: JUDGING_DEMO.eventId, contestId: JUDGING_DEMO.contestId, name: JUDGING_DEMO.eventName, trade: "焊工", groupName: "职工组",
        markingScheme: JSON.stringify(SCHEME), drawnAt: new Date(now - 2 * 3_600_000), minFieldSize: 8,
      },
    });
    await tx.contestSession.create({ data: { id: JUDGING_DEMO.sessionId, eventId: JUDGING_DEMO.eventId, name: "第一场（上午）", place: "杭州技师学院实训楼 2 层", stationCount: JUDGING_DEMO.entrants } });
    const places = demoDraw(JUDGING_DEMO.eventId, JUDGING_DEMO.entrants);
    for (const [i, person] of people.slice(0, JUDGING_DEMO.entrants).entries()) {
      const n = String(i + 1).padStart(2, "0");
      const { orderNo, stationNo } = places[i];
      const s = pad2(stationNo);
      const registration = await tx.registration.create({
        data: { id: `demo-judging-reg-${n}`, eventId: JUDGING_DEMO.eventId, memberId: person.memberId, unitId: person.unitId, status: "approved", admissionNo: `JD2026${n}` },
      });
      await tx.blindCode.create({
        data: { id: `demo-judging-code-${s}`, eventId: JUDGING_DEMO.eventId, registrationId: registration.id, entryNo: `H${pad2(orderNo)}`, orderNo, sessionId: JUDGING_DEMO.sessionId, stationNo, stationCode: `A${s}` },
      });
    }
    for (const judge of JUDGES) {
      await tx.judgeAssignment.create({
        data: { id: `demo-judging-assign-${judge.username}`, eventId: JUDGING_DEMO.eventId, userId: idOf(judge.username), role: judge.username === "chief_judge" ? "chief" : "judge" },
      });
    }
  });
  log(`seed-judging: event ${JUDGING_DEMO.eventName} with ${JUDGING_DEMO.entrants} drawn codes; judges judge, judge2 (PIN ${JUDGING_DEMO.pin})`);
}
