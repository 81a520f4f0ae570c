// Demo data for registration and the S-7 approval chain (issue 4 part B). Idempotent:
// fixed ids and look-ups, so a second run adds nothing. Called from prisma/seed.ts after
// the main seed (and the contests seed, when there is one).
//
// What it adds:
//  - an open demo contest of 杭州市总工会 with a 职工组 individual event and a team event,
//    its registration window open around the day the database was seeded;
//  - the existing demo account `reviewer` as a member of the 组委会办公室 (the third
//    approval level, rule S-7) of that contest and of the contests seed's open 2026
//    contest (prisma/seed-contests.ts), whose office members have no accounts;
//  - a demo account `student` (role worker over ent-10), linked to a member of
//    杭州汽轮动力集团有限公司工会 whose employment status is 学生, to show the S-63 refusal.
// The `student` account is not listed in prisma/demo-accounts.json (that file mirrors the
// main seed and the browser tests check it account by account); its password is the
// demo password.
import { db } from "~/utils/db.server";
import { hashPassword } from "~/utils/auth.server";
import { makeIdNumber, birthDateOf, sexOf } from "~/modules/members/id-number";
import { hashIdNumber, protectIdNumber } from "~/modules/members/id-protection.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { DEMO_PASSWORD } from "./seed-data";

export const REGISTRATION_DEMO = {
  contestId: "demo-reg-contest",
  /** the contests seed's open contest (prisma/seed-contests.ts), if present */
  seededOpenContestId: "contest-hz-2026",
  contestName: "2026年杭州市职工职业技能大赛（报名演示）",
  eventId: "demo-reg-event-welding",
  eventName: "焊工（职工组）",
  teamEventId: "demo-reg-event-team",
  teamEventName: "电工（团体赛）",
  studentUsername: "student",
  officeUsername: "reviewer",
  unitId: "ent-10",
} as const;

const DAY = 86_400_000;

export async function seedRegistrationDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  const unit = await db.organisation.findUnique({ where: { id: REGISTRATION_DEMO.unitId } });
  const host = await db.organisation.findUnique({ where: { id: "org-hz" } });
  if (!unit || !host) return log("seed-registrations: demo organisations missing, skipped");
  let added = 0;

  if (!(await db.contest.findUnique({ where: { id: REGISTRATION_DEMO.contestId } }))) {
    const now = Date.now();
    await db.contest.create({
      data: {
        id: REGISTRATION_DEMO.contestId, orgId: host.id, name: REGISTRATION_DEMO.contestName, level: "city", contestClass: "一类",
        hosts: JSON.stringify(["杭州市总工会"]), coHosts: JSON.stringify(["杭州市人力资源和社会保障局"]), status: "open",
        registrationOpensAt: new Date(now - DAY), registrationClosesAt: new Date(now + 60 * DAY),
        startsAt: new Date(now + 75 * DAY), endsAt: new Date(now + 76 * DAY),
        noticeText: "演示竞赛：职工组仅限职工身份参加（rule S-2/S-63），报名经所在单位、承办单位、组委会办公室三级审核（rule S-7）。",
        events: {
          create: [
            {
              id: REGISTRATION_DEMO.eventId, name: REGISTRATION_DEMO.eventName, trade: "焊工", groupName: "职工组", mode: "individual",
              unitQuota: 10, sortOrder: 0, eligibility: JSON.stringify({ employmentStatuses: ["职工"] }),
            },
            {
              id: REGISTRATION_DEMO.teamEventId, name: REGISTRATION_DEMO.teamEventName, trade: "电工", groupName: "职工组", mode: "team", teamSize: 3,
              unitQuota: 6, sortOrder: 1, eligibility: JSON.stringify({ employmentStatuses: ["职工"], minAge: 18, maxAge: 60 }),
            },
          ],
        },
      },
    });
    added++;
  }

  const reviewer = await db.user.findUnique({ where: { username: REGISTRATION_DEMO.officeUsername } });
  for (const contestId of [REGISTRATION_DEMO.contestId, REGISTRATION_DEMO.seededOpenContestId]) {
    if (!reviewer || !(await db.contest.findUnique({ where: { id: contestId }, select: { id: true } }))) continue;
    if (await db.committeeMember.findFirst({ where: { contestId, group: "office", userId: reviewer.id } })) continue;
    await db.committeeMember.create({
      data: { contestId, group: "office", name: reviewer.displayName, duty: "报名审核（组委会办公室）", userId: reviewer.id, sortOrder: 9 },
    });
    added++;
  }

  // A student of ent-10 with an account: the 职工组 refuses them (rules S-2, S-63).
  const idNumber = makeIdNumber("330105", { y: 2005, m: 9, d: 1 }, 887);
  const member = (await db.member.findFirst({ where: { idNumberHash: hashIdNumber(idNumber) }, select: { id: true } }))
    ?? await db.member.create({
      data: {
        name: "林小雨", sex: sexOf(idNumber), ethnicity: "汉族", birthDate: birthDateOf(idNumber)!, ...protectIdNumber(idNumber),
        orgId: unit.id, post: "焊工（实习）", skillLevel: "五级/初级工", employmentStatus: "学生", isFrontline: true,
      },
      select: { id: true },
    });
  if (!(await db.user.findUnique({ where: { username: REGISTRATION_DEMO.studentUsername } }))) {
    const user = await db.user.create({
      data: { username: REGISTRATION_DEMO.studentUsername, displayName: "林小雨（学生）", passwordHash: await hashPassword(DEMO_PASSWORD), memberId: member.id },
    });
    await db.roleGrant.create({ data: { userId: user.id, roleKey: "worker", orgId: unit.id } });
    added++;
  }

  if (added) {
    await recordEvent(db, { userId: null, requestId: null }, { action: "system.seeded", entityType: "System", after: { registrationDemo: added } });
  }
  log(`seed-registrations: ${added ? `${added} demo items added` : "nothing new"} (student account: ${REGISTRATION_DEMO.studentUsername})`);
}
