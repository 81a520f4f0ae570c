// Demo data for live leaderboards (issue 6): a running public contest of 杭州市总工会 with
// an individual event and a team event, codes drawn (not decrypted), marks from the demo
// judges `judge` and `judge2`, theory scores, and the chief judge's sign-off, so that
// /leaderboard/<event> shows a board by station code and `chief_judge` can correct a mark
// (a correction needs the sign-off, rule S-24). Idempotent: fixed ids; once the contest
// exists nothing is added again. Called from prisma/seed.ts after the main seed.
import { db } from "~/utils/db.server";
import { demoDraw, pad2 } from "./seed-draw";
import { recordEvent } from "~/modules/events/event-log.server";

export const RESULTS_DEMO = {
  contestId: "demo-results-contest",
  contestName: "2026年杭州市职工职业技能大赛（成绩演示）",
  eventId: "demo-results-event",
  eventName: "数控车工（职工组）",
  teamEventId: "demo-results-team-event",
  teamEventName: "电工（团体赛）",
  /** station codes of the individual event, A01 … A12 */
  entrants: 12,
} as const;

const SCHEME = {
  components: [
    {
      id: "T", name: "理论知识", kind: "theory", weight: "0.3",
      modules: [{ id: "T1", name: "理论考试", criteria: [{ id: "T1.1", aspects: [{ id: "T1-1", name: "理论考试成绩（百分制）", kind: "measurement", max: "100", measurement: { mode: "agreed" } }] }] }],
    },
    {
      id: "P", name: "技能操作", kind: "practical", weight: "0.7",
      modules: [{
        id: "P1", name: "零件加工",
        criteria: [{
          id: "P1.1", name: "加工质量",
          aspects: [
            { id: "P1-1", name: "尺寸精度", kind: "judgement", max: "40" },
            { id: "P1-2", name: "表面粗糙度", kind: "judgement", max: "30" },
            { id: "P1-3", name: "安全文明生产", kind: "judgement", max: "30" },
          ],
        }],
      }],
    },
  ],
};
const PRACTICAL = [{ id: "P1-1", max: 4000 }, { id: "P1-2", max: 3000 }, { id: "P1-3", max: 3000 }];

/** A small deterministic PRNG (mulberry32): every run gives the same marks. */
function prng(seed: number) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo mark of one judge (by username) on one aspect of one blind code. */
export const markId = (blindCodeId: string, username: string, aspectId: string) => `${blindCodeId}-${username}-${aspectId}`;

type Entrant = { memberId: string; unitId: string };

async function entrantsFrom(orgPath: string, skip: number, take: number): Promise<Entrant[]> {
  const members = await db.member.findMany({
    where: { employmentStatus: "职工", org: { path: { startsWith: orgPath } } },
    orderBy: { idNumberHash: "asc" },
    skip,
    take,
    select: { id: true, org: { select: { id: true, type: true, parentId: true } } },
  });
  // The entrant's unit is the grassroots union (a team's parent).
  return members.map((m) => ({ memberId: m.id, unitId: m.org.type === "team" && m.org.parentId ? m.org.parentId : m.org.id }));
}

async function seedEvent(input: {
  eventId: string; prefix: string; entrants: Entrant[]; random: () => number; judges: { id: string; username: string }[]; chiefId: string;
  teams?: { id: string; name: string; members: number[] }[];
}) {
  const { eventId, prefix, random } = input;
  const teamOf = new Map<number, string>();
  for (const team of input.teams ?? []) {
    const unitId = input.entrants[team.members[0]].unitId;
    await db.team.create({ data: { id: team.id, eventId, unitId, name: team.name } });
    for (const i of team.members) teamOf.set(i, team.id);
  }
  for (const judge of input.judges) await db.judgeAssignment.create({ data: { eventId, userId: judge.id, role: "judge" } });
  await db.judgeAssignment.create({ data: { eventId, userId: input.chiefId, role: "chief" } });
  const enteredAt = new Date(Date.now() - 3_600_000);
  const places = demoDraw(eventId, input.entrants.length);
  for (const [i, entrant] of input.entrants.entries()) {
    const n = String(i + 1).padStart(2, "0");
    // The code's id follows its station (the browser tests find marks from the code).
    const { orderNo, stationNo } = places[i];
    const s = pad2(stationNo);
    const registration = await db.registration.create({
      data: {
        id: `${eventId}-r${n}`, eventId, memberId: entrant.memberId, unitId: entrant.unitId, teamId: teamOf.get(i) ?? null,
        status: "approved", admissionNo: `${prefix}2026${n}`, declaredNoAccident: true,
      },
    });
    const code = await db.blindCode.create({
      data: { id: `${eventId}-c${s}`, eventId, registrationId: registration.id, entryNo: `${prefix}E${pad2(orderNo)}`, orderNo, stationNo, stationCode: `${prefix}${s}` },
    });
    // Each entrant has a level; the judges mark around it.
    const level = 0.62 + random() * 0.33;
    for (const { id: judgeId, username } of input.judges) {
      const sheet = await db.scoreSheet.create({
        data: { eventId, judgeId, blindCodeId: code.id, status: "submitted", submittedAt: enteredAt, signatureName: "演示" },
      });
      for (const aspect of PRACTICAL) {
        const value = Math.min(aspect.max, Math.round((level + (random() - 0.5) * 0.08) * aspect.max / 50) * 50);
        // Fixed ids (`<code>-<judge>-<aspect>`): the browser tests open a mark by id.
        await db.mark.create({ data: { id: markId(code.id, username, aspect.id), sheetId: sheet.id, eventId, blindCodeId: code.id, judgeId, aspectId: aspect.id, value, enteredAt } });
      }
    }
    await db.theoryScore.create({
      data: { eventId, registrationId: registration.id, value: Math.round((0.6 + random() * 0.38) * 100) * 100, source: "import" },
    });
  }
  await db.signOff.create({ data: { eventId, byId: input.chiefId, signatureName: "裁判长 王国栋" } });
}

export async function seedResultsDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  if (await db.contest.findUnique({ where: { id: RESULTS_DEMO.contestId } })) return log("seed-results: nothing new");
  const host = await db.organisation.findUnique({ where: { id: "org-hz" } });
  const users = await db.user.findMany({ where: { username: { in: ["judge", "judge2", "chief_judge"] } }, select: { id: true, username: true } });
  const id = (username: string) => users.find((u) => u.username === username)?.id;
  const [judge, judge2, chief] = [id("judge"), id("judge2"), id("chief_judge")];
  if (!host || !judge || !judge2 || !chief) return log("seed-results: demo organisations or judges missing, skipped");
  const people = await entrantsFrom(host.path, 0, RESULTS_DEMO.entrants + 9);
  if (people.length < RESULTS_DEMO.entrants + 9) return log("seed-results: not enough demo members, skipped");

  const now = Date.now();
  await db.contest.create({
    data: {
      id: RESULTS_DEMO.contestId, orgId: host.id, name: RESULTS_DEMO.contestName, level: "city", contestClass: "一类",
      hosts: JSON.stringify(["杭州市总工会"]), status: "running", visibility: "public",
      startsAt: new Date(now - 2 * 3_600_000), endsAt: new Date(now + 6 * 3_600_000),
      noticeText: "演示：实时排行榜。公示前只显示工位号（规则 S-33、S-34）。",
      events: {
        create: [
          { id: RESULTS_DEMO.eventId, name: RESULTS_DEMO.eventName, trade: "数控车工", groupName: "职工组", mode: "individual", markingScheme: JSON.stringify(SCHEME), drawnAt: new Date(now - 3 * 3_600_000), minFieldSize: 10 },
          { id: RESULTS_DEMO.teamEventId, name: RESULTS_DEMO.teamEventName, trade: "电工", groupName: "职工组", mode: "team", teamSize: 3, markingScheme: JSON.stringify(SCHEME), drawnAt: new Date(now - 3 * 3_600_000), sortOrder: 1, minFieldSize: 9 },
        ],
      },
    },
  });
  const random = prng(20260601);
  await seedEvent({ eventId: RESULTS_DEMO.eventId, prefix: "A", entrants: people.slice(0, RESULTS_DEMO.entrants), random, judges: [{ id: judge, username: "judge" }, { id: judge2, username: "judge2" }], chiefId: chief });
  await seedEvent({
    eventId: RESULTS_DEMO.teamEventId, prefix: "B", entrants: people.slice(RESULTS_DEMO.entrants), random, judges: [{ id: judge, username: "judge" }, { id: judge2, username: "judge2" }], chiefId: chief,
    teams: [
      { id: `${RESULTS_DEMO.teamEventId}-t1`, name: "电工一队", members: [0, 1, 2] },
      { id: `${RESULTS_DEMO.teamEventId}-t2`, name: "电工二队", members: [3, 4, 5] },
      { id: `${RESULTS_DEMO.teamEventId}-t3`, name: "电工三队", members: [6, 7, 8] },
    ],
  });
  await recordEvent(db, { userId: null, requestId: null }, { action: "system.seeded", entityType: "System", after: { resultsDemo: RESULTS_DEMO.contestId } });
  log(`seed-results: demo contest with live boards (/leaderboard/${RESULTS_DEMO.eventId})`);
}
