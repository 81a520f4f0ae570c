// Demo data of the 劳动竞赛 module (issue 14 item 9), idempotent (created once, found again by
// name), seeded through the module's services so every rule holds (L-1 … L-11, A-12):
//  - 杭州市交通投资集团有限公司工会 applies for the 杭德市域铁路 key-project competition
//    (6 标段, 12 工区, monthly, 七比一创) in a round of 杭州市总工会, which accepts it (L-2);
//  - the project is half-way through its year: the first five months scored by the three
//    committee members (labour_judge1..3), signed (L-11) and awarded (流动红旗, L-3/L-5), the
//    sixth scored and signed for the month-end meeting, the current month partly scored;
//  - a 通报批评 deduction (L-4) and a fatal accident in 四标段 in month three (L-7, A-12: safety
//    at 0 for the year, disqualified for the year);
//  - each 班组 scored too and its attendance recorded every month before the signatures; in month
//    two the best-placed 班组's attendance is under 95 %, so the month's 优秀班组 goes to the next
//    one (rule L-7: 出勤率低于 95% 一票否决);
//  - a 百日安全生产无事故 campaign that started 40 days ago, 二标段 reset by a minor injury.
// Dates follow today's date, so the demo always sits in the middle of its year.
import { db } from "~/utils/db.server";
import { loadUserForToken, type SessionUser } from "~/utils/auth.server";
import { addCalendarDays, beijingDate } from "~/modules/calendar/working-days";
import { createRound, reviewSubmission } from "~/modules/review-chain/review-chain.server";
import {
  applyProject, awardPeriod, getPeriod, recordLabourEvent, recordProjectAccident, recordSafetyReport, recordScores, recordTeamMonth, signPeriod,
} from "~/modules/labour/labour.server";
import { TEMPLATE_QIBI_YICHUANG } from "~/modules/labour/indicators";
import type { RosterEntryInput } from "~/modules/labour/schemas";
import { DEMO_PASSWORD } from "./seed-data";

export const LABOUR_APPLICANT_ORG = "ent-hz-jt";
export const LABOUR_PROJECT_NAME = "杭德市域铁路重点工程劳动竞赛";
export const LABOUR_CAMPAIGN_NAME = "杭德市域铁路冬季百日安全生产无事故竞赛";

const SECTIONS: { n: string; contractor: string; areas: [string, string]; team: string }[] = [
  { n: "一", contractor: "中铁十一局集团有限公司", areas: ["良渚工区", "仁和工区"], team: "盾构掘进班" },
  { n: "二", contractor: "中铁二十四局集团有限公司", areas: ["运河工区", "塘栖工区"], team: "钢筋加工班" },
  { n: "三", contractor: "中交第二航务工程局有限公司", areas: ["东苕溪特大桥工区", "博陆工区"], team: "桥梁架设班" },
  { n: "四", contractor: "浙江交工集团股份有限公司", areas: ["雷甸工区", "下渚湖工区"], team: "路基施工班" },
  { n: "五", contractor: "中建三局集团有限公司", areas: ["德清站房工区", "武康工区"], team: "混凝土班" },
  { n: "六", contractor: "中铁四局集团有限公司", areas: ["轨道铺设工区", "四电工区"], team: "铺轨班" },
];
const BUILDERS: [string, number, string][] = [
  // [name, section index, start on site: months before the project start (negative: after it)]
  ["王建军", 0, "24"], ["刘海涛", 0, "3"], ["陈志强", 1, "18"], ["赵永平", 2, "14"], ["孙立新", 3, "30"], ["周小勇", 4, "-2"], ["吴国华", 5, "13"],
];

/** Organisations of the applicant and of each 标段's project department (accidents are recorded at them). */
export async function seedLabourOrgs() {
  const hz = await db.organisation.findUnique({ where: { id: "org-hz" }, select: { path: true, depth: true } });
  if (!hz) return;
  const path = `${hz.path}${LABOUR_APPLICANT_ORG}/`;
  await db.organisation.upsert({
    where: { id: LABOUR_APPLICANT_ORG },
    create: { id: LABOUR_APPLICANT_ORG, name: "杭州市交通投资集团有限公司工会", type: "grassroots", parentId: "org-hz", path, depth: hz.depth + 1, ownership: "公有", industry: "建筑业", region: "杭州市" },
    update: {},
  });
  for (const [i, s] of SECTIONS.entries()) {
    const id = `${LABOUR_APPLICANT_ORG}-sg${i + 1}`;
    await db.organisation.upsert({
      where: { id },
      create: { id, name: `杭德市域铁路${s.n}标段项目部（${s.contractor.replace(/(集团)?(股份)?有限公司$/, "")}）`, type: "team", parentId: LABOUR_APPLICANT_ORG, path: `${path}${id}/`, depth: hz.depth + 2, ownership: "公有", industry: "建筑业", region: "杭州市" },
      update: {},
    });
  }
}

const monthStart = (date: string, back: number) => {
  const [y, m] = date.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 - back, 1));
  return d.toISOString().slice(0, 10);
};

async function sessionOf(username: string): Promise<SessionUser> {
  const u = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true } });
  return (await loadUserForToken(u.id, "seed"))!;
}

/** A unit's level (points) in a month by one committee member: the lead moves from month to month, so the banners do. */
const level = (unit: number, month: number, judge: number) => 82 + ((unit * 5 + month * 3) % 7) * 2 + ((unit + judge) % 3) * 0.5;

export async function seedLabourDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  if (await db.labourProject.findFirst({ where: { name: LABOUR_PROJECT_NAME } })) return log("seed: labour demo present");
  if (!(await db.organisation.findUnique({ where: { id: LABOUR_APPLICANT_ORG } }))) return;
  const contact = await sessionOf("labour_contact");
  const city = await sessionOf("organiser");
  const judges = await Promise.all(["labour_judge1", "labour_judge2", "labour_judge3"].map(sessionOf));
  const actor = (u: SessionUser) => ({ userId: u.id, requestId: null });
  const today = beijingDate(new Date());
  const start = monthStart(today, 6);
  const end = addCalendarDays(monthStart(today, -6), -1);

  const round = await createRound(city, { subjectType: "competition.project", title: `${today.slice(0, 4)}年杭州市重点工程劳动竞赛项目申报`, topOrgId: "org-hz", reviewingTypes: [] }, actor(city));
  const sectionName = (i: number) => `${SECTIONS[i].n}标段`;
  const roster: RosterEntryInput[] = SECTIONS.flatMap((s, i): RosterEntryInput[] => [
    { kind: "unit", name: s.contractor },
    { kind: "section", name: sectionName(i), parent: s.contractor, orgId: `${LABOUR_APPLICANT_ORG}-sg${i + 1}` },
    ...s.areas.map((a): RosterEntryInput => ({ kind: "area", name: `${sectionName(i)}${a}`, parent: sectionName(i) })),
    { kind: "team", name: `${sectionName(i)}${s.team}`, parent: `${sectionName(i)}${s.areas[0]}` },
  ]);
  for (const [name, i, months] of BUILDERS) roster.push({ kind: "builder", name, parent: `${sectionName(i)}${SECTIONS[i].team}`, startOnSite: monthStart(start, Number(months)) });

  // 百日安全生产无事故: first, so its accident is part of the key project's facts before any award
  const campaignStart = addCalendarDays(today, -39);
  const campaign = await applyProject(contact, {
    orgId: LABOUR_APPLICANT_ORG, name: LABOUR_CAMPAIGN_NAME, owner: "杭州市交通投资集团有限公司", kind: "campaign", template: "bairi-anquan",
    startDate: campaignStart, endDate: addCalendarDays(campaignStart, 99), frequency: "month", budget: 300_000, lengthDays: 100, onAccident: "reset", minSigners: 3,
    roster: SECTIONS.map((s, i) => ({ kind: "section" as const, name: sectionName(i), orgId: `${LABOUR_APPLICANT_ORG}-sg${i + 1}` })), roundId: round.id,
  }, actor(contact));
  await reviewSubmission(city, campaign.submissionId!, { level: 0, action: "recommend" }, actor(city));
  const campaignUnits = await db.labourRosterEntry.findMany({ where: { projectId: campaign.id }, orderBy: { name: "asc" } });
  const cu = (n: number) => campaignUnits.find((u) => u.name === sectionName(n))!.id;
  await recordProjectAccident(contact, campaign.id, {
    unitId: cu(1), kind: "safety_accident", severity: "minor_injury", occurredOn: addCalendarDays(today, -12),
    title: "二标段钢筋加工场手部划伤", description: "钢筋切断作业时一名工人左手划伤，现场包扎后送医，休工三天。",
  }, actor(contact));
  for (let n = 0; n < SECTIONS.length; n++) {
    await recordSafetyReport(contact, campaign.id, { unitId: cu(n), date: today, status: n === 4 ? "hazard" : "safe", note: n === 4 ? "武康工区临时用电箱门锁损坏，已整改" : "" }, actor(contact));
  }

  // the key project: apply, accept (纳入管理)
  const project = await applyProject(contact, {
    orgId: LABOUR_APPLICANT_ORG, name: LABOUR_PROJECT_NAME, owner: "杭州市交通投资集团有限公司", kind: "project", template: "qibi-yichuang",
    startDate: start, endDate: end, frequency: "month", budget: 2_400_000, minSigners: 3, roster, roundId: round.id,
  }, actor(contact));
  await reviewSubmission(city, project.submissionId!, { level: 0, action: "recommend" }, actor(city));
  const units = await db.labourRosterEntry.findMany({ where: { projectId: project.id } });
  const id = (name: string) => units.find((u) => u.name === name)!.id;
  const sectionsAndAreas = [...SECTIONS.map((_, i) => id(sectionName(i))), ...SECTIONS.flatMap((s, i) => s.areas.map((a) => id(`${sectionName(i)}${a}`)))];
  const teams = SECTIONS.map((s, i) => id(`${sectionName(i)}${s.team}`));
  // the teams after the 标段 and 工区, so their levels leave the 标段 and 工区 boards as they were
  const assessed = [...sectionsAndAreas, ...teams];
  const periods = await db.labourPeriod.findMany({ where: { projectId: project.id }, orderBy: { seq: "asc" } });
  const rubric = TEMPLATE_QIBI_YICHUANG.indicators.filter((i) => i.method === "rubric").map((i) => i.key);

  async function scoreMonth(m: number, who: SessionUser[]) {
    const period = periods[m];
    for (const [j, judge] of who.entries()) {
      const entries = assessed.flatMap((unitId, u) => rubric.map((k, r) => ({ unitId, indicatorKey: k, value: Math.round((level(u, m, j) - (r % 3) * 0.5) * 100) })));
      await recordScores(judge, project.id, period.id, { entries }, actor(judge));
    }
    const quantities = assessed.map((unitId, u) => ({ unitId, indicatorKey: "progress", plan: 1000, actual: 960 + ((u * 13 + m * 7) % 9) * 10 }));
    await recordScores(contact, project.id, period.id, { entries: quantities }, actor(contact));
  }
  /**
   * The committee records each 班组's attendance of the month (rule L-7), 96 … 99.5 %; in month
   * two the 班组 first on the board stays under 95 %, so the award goes to the next one.
   */
  async function recordAttendance(m: number) {
    const board = (await getPeriod(contact, project.id, periods[m].id)).board;
    const first = board.find((r) => r.group === "team" && r.rank === 1)?.unitId;
    for (const [t, unitId] of teams.entries()) {
      const attendance = m === 1 && unitId === first ? 9350 : 9600 + ((t * 3 + m * 5) % 8) * 50;
      await recordTeamMonth(judges[0], project.id, periods[m].id, { unitId, attendance, fightingOrTheft: false }, actor(judges[0]));
    }
  }
  const sign = async (m: number) => { for (const j of judges) await signPeriod(j, project.id, periods[m].id, { password: DEMO_PASSWORD }, actor(j)); };

  for (let m = 0; m < 6; m++) {
    if (m === 2) {
      // month three: the fatal accident in 四标段 (rule L-7: safety 0 for the year, out for the year)
      await recordProjectAccident(contact, project.id, {
        unitId: id("四标段"), kind: "safety_accident", severity: "fatal", occurredOn: addCalendarDays(periods[2].fromDate, 9),
        title: "四标段雷甸工区高处坠落事故", description: "路基边坡防护施工中一名作业人员未系安全带从脚手架坠落，经抢救无效死亡。",
      }, actor(contact));
    }
    if (m === 3) {
      // month four: 五标段 criticised by the higher authority (rule L-4), 一标段 praised by the client
      await recordLabourEvent(contact, project.id, { unitId: id("五标段"), typeKey: "authority-criticism", date: addCalendarDays(periods[3].fromDate, 13), note: "市建委安全检查发现德清站房工区高支模未按方案搭设，予以通报批评" }, actor(contact));
      await recordLabourEvent(contact, project.id, { unitId: id("一标段"), typeKey: "client-praise", date: addCalendarDays(periods[3].fromDate, 20), note: "盾构始发提前五天完成，业主通报表扬" }, actor(contact));
    }
    await scoreMonth(m, judges);
    await recordAttendance(m);
    await sign(m);
    if (m < 5) await awardPeriod(contact, project.id, periods[m].id, actor(contact));
  }
  // the current month: the first committee member has begun
  if (periods[6]) {
    const entries = sectionsAndAreas.slice(0, 6).flatMap((unitId, u) => rubric.map((k) => ({ unitId, indicatorKey: k, value: Math.round(level(u, 6, 0) * 100) })));
    await recordScores(judges[0], project.id, periods[6].id, { entries }, actor(judges[0]));
  }
  log(`seed: labour demo: /labour/${project.id} (${periods.length} monthly periods, 5 awarded) and the 百日 campaign /labour/${campaign.id}/safe-days`);
}
