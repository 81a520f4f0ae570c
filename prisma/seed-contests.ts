// Demo contests, grown from the shared seed (杭州市总工会 = org-hz): last year's finished
// contest, usable as a template, and this year's, open for registration. Idempotent:
// fixed ids and upserts that never overwrite what a demo user changed.
import { db } from "~/utils/db.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { DEFAULT_SCORING_SETTINGS, parseMarkingScheme, type MarkingSchemeInput } from "~/modules/scoring";
import { EligibilitySchema, type Stage } from "~/modules/contests/event-rules";
import { applyScoringInput } from "~/modules/contests/event-settings";
import { chinaDay } from "~/modules/contests/dates";
import type { EventScoringInput } from "~/modules/contests/schemas";

const judgement = (id: string, name: string, max: string) => ({ id, name, kind: "judgement" as const, max });
const theory = (prefix: string, examName: string): MarkingSchemeInput["components"][number] => ({
  id: `${prefix}T`, name: "理论知识", kind: "theory", weight: "0.3",
  modules: [{
    id: `${prefix}T1`, name: "理论考试",
    criteria: [{ id: `${prefix}T1.1`, name: examName, aspects: [{ id: `${prefix}T1-1`, name: "理论考试成绩（百分制）", kind: "measurement", max: "100", measurement: { mode: "agreed" } }] }],
  }],
});

/** 焊工: theory 30% + practical 70% (rule S-11); measured weld dimensions with step deductions. */
const WELDING: MarkingSchemeInput = {
  components: [
    theory("W", "国家题库随机组卷（规则 S-13）"),
    {
      id: "WP", name: "技能操作", kind: "practical", weight: "0.7",
      modules: [
        {
          id: "WP1", name: "板对接焊（V 形坡口）",
          criteria: [
            {
              id: "WP1.1", name: "焊缝外形尺寸",
              aspects: [
                { id: "WP1-1", name: "焊缝宽度（比坡口每侧增宽 0.5–2.5 mm）", kind: "measurement", max: "10", measurement: { mode: "steps", tolerance: "0.5", step: "0.5", deductionPerStep: "2" } },
                { id: "WP1-2", name: "焊缝余高 0–3 mm", kind: "measurement", max: "10", measurement: { mode: "full-or-zero", tolerance: "1.5" } },
                { id: "WP1-3", name: "错边量 ≤ 1.2 mm", kind: "measurement", max: "5", measurement: { mode: "full-or-zero", tolerance: "1.2" } },
              ],
            },
            { id: "WP1.2", name: "焊缝外观", aspects: [judgement("WP1-4", "焊缝成形、咬边、表面气孔", "20")] },
          ],
        },
        {
          id: "WP2", name: "管板焊接（骑座式）",
          criteria: [
            { id: "WP2.1", name: "外观与成形", aspects: [judgement("WP2-1", "焊脚尺寸与成形", "15"), judgement("WP2-2", "根部熔透", "15")] },
            { id: "WP2.2", name: "通球检验", aspects: [{ id: "WP2-3", name: "通球试验", kind: "measurement", max: "10", measurement: { mode: "agreed" } }] },
          ],
        },
        { id: "WP3", name: "安全文明生产", criteria: [{ id: "WP3.1", name: "安全操作", aspects: [judgement("WP3-1", "劳保用品、设备使用与现场整理", "15")] }] },
      ],
    },
  ],
};

/** 养老护理员: theory 30% + practical 70% (rule S-11). */
const ELDERLY_CARE: MarkingSchemeInput = {
  components: [
    theory("E", "养老护理员国家职业技能标准理论"),
    {
      id: "EP", name: "技能操作", kind: "practical", weight: "0.7",
      modules: [
        { id: "EP1", name: "生活照料", criteria: [{ id: "EP1.1", name: "协助进食", aspects: [judgement("EP1-1", "操作流程规范", "20"), judgement("EP1-2", "沟通与人文关怀", "10")] }] },
        { id: "EP2", name: "基础照护", criteria: [{ id: "EP2.1", name: "体位转换", aspects: [judgement("EP2-1", "操作规范与省力原则", "25"), judgement("EP2-2", "压疮风险评估", "15")] }] },
        { id: "EP3", name: "康复服务", criteria: [{ id: "EP3.1", name: "助行器使用指导", aspects: [judgement("EP3-1", "指导正确、保护到位", "20")] }] },
        { id: "EP4", name: "安全与职业素养", criteria: [{ id: "EP4.1", name: "安全", aspects: [judgement("EP4-1", "安全防护与仪容仪表", "10")] }] },
      ],
    },
  ],
};

/** 汽车维修工 (team of 3): theory 30% + practical 70%; team score = sum of members (rule S-55). */
const CAR_REPAIR: MarkingSchemeInput = {
  components: [
    theory("A", "汽车维修工理论"),
    {
      id: "AP", name: "技能操作", kind: "practical", weight: "0.7",
      modules: [
        {
          id: "AP1", name: "发动机故障诊断",
          criteria: [{
            id: "AP1.1", name: "诊断与测量",
            aspects: [
              { id: "AP1-1", name: "气缸压力测量（允差 0.05 MPa）", kind: "measurement", max: "10", measurement: { mode: "full-or-zero", tolerance: "0.05" } },
              judgement("AP1-2", "故障码读取与分析", "20"),
            ],
          }],
        },
        {
          id: "AP2", name: "底盘检修",
          criteria: [{
            id: "AP2.1", name: "制动系统",
            aspects: [
              { id: "AP2-1", name: "制动盘厚度测量（允差 0.1 mm）", kind: "measurement", max: "10", measurement: { mode: "steps", tolerance: "0.1", step: "0.05", deductionPerStep: "2" } },
              judgement("AP2-2", "轮毂轴承更换", "20"),
            ],
          }],
        },
        { id: "AP3", name: "电气系统", criteria: [{ id: "AP3.1", name: "线路排查", aspects: [judgement("AP3-1", "故障点定位与排除", "25")] }] },
        { id: "AP4", name: "安全文明生产", criteria: [{ id: "AP4.1", name: "安全", aspects: [judgement("AP4-1", "工具使用、5S 现场管理", "15")] }] },
      ],
    },
  ],
};

type SeedEvent = {
  id: string; name: string; trade: string; groupName: string; mode: "individual" | "team"; teamSize?: number;
  scheme: MarkingSchemeInput; scoring: EventScoringInput; minFieldSize: number; unitQuota: number | null;
  eligibility: Record<string, unknown>; stages: Stage[];
};

const WELDING_EVENT: Omit<SeedEvent, "id"> = {
  name: "焊工 职工组", trade: "焊工", groupName: "职工组", mode: "individual", scheme: WELDING,
  // rule S-21: five judges, drop the highest and lowest; rule S-50: equal totals → higher practical first.
  scoring: {
    judgeAggregation: "trimmed-mean", trimmedMeanMinimumJudges: 5,
    tieBreaks: [{ by: "total" }, { by: "component", component: "practical" }, { by: "component", component: "theory" }],
    ties: "shared", prizeMode: "shares", sharesPercent: { first: 10, second: 20, third: 30 },
    honourableMention: { mode: "top-share", percent: 50 }, outcomesPreset: "city-example",
  },
  minFieldSize: 20, unitQuota: 3,
  eligibility: { employmentStatuses: ["职工"], minAge: 18, maxAge: 55, minSkillLevel: "四级/中级工", minYearsOfService: 2, requireNoAccidentDeclaration: true, frontlineOnly: true },
  // rule S-14: the top 30 of the heats go through, with everyone tied with the 30th.
  stages: [{ key: "heats", name: "初赛", qualifyTopN: 30 }, { key: "final", name: "决赛" }],
};

const CARE_EVENT: Omit<SeedEvent, "id"> = {
  name: "养老护理员 职工组", trade: "养老护理员", groupName: "职工组", mode: "individual", scheme: ELDERLY_CARE,
  scoring: { judgeAggregation: "trimmed-mean", prizeMode: "fixed-counts", fixedCounts: { first: 1, second: 2, third: 5 }, outcomesPreset: "city-example" },
  minFieldSize: 15, unitQuota: 2,
  eligibility: { employmentStatuses: ["职工"], minAge: 18, maxAge: 60, minYearsOfService: 1 },
  stages: [{ key: "final", name: "决赛" }],
};

const CAR_EVENT: Omit<SeedEvent, "id"> = {
  name: "汽车维修工 职工组（团体）", trade: "汽车维修工", groupName: "职工组", mode: "team", teamSize: 3, scheme: CAR_REPAIR,
  // rule S-55: team score = sum of the three members; equal totals → shorter total time.
  scoring: {
    judgeAggregation: "mean", teamMode: "sum-of-members", tieBreaks: [{ by: "total" }, { by: "time" }], ties: "shared",
    prizeMode: "fixed-counts", fixedCounts: { first: 1, second: 2, third: 3 }, honourableMention: { mode: "none" }, outcomesPreset: "city-example",
  },
  minFieldSize: 8, unitQuota: 1,
  eligibility: { employmentStatuses: ["职工"], minAge: 18, minYearsOfService: 1, requireNoAccidentDeclaration: true },
  stages: [{ key: "final", name: "决赛" }],
};

const COMMITTEE = [
  { group: "office", name: "周建华", duty: "办公室主任", sortOrder: 0 },
  { group: "office", name: "林晓燕", duty: "联络员", sortOrder: 1 },
  { group: "technical", name: "王国栋", duty: "技术工作组组长（裁判长）", sortOrder: 0 },
  { group: "technical", name: "陈立新", duty: "命题专家", sortOrder: 1 },
  { group: "supervision", name: "吴明", duty: "监督仲裁组组长", sortOrder: 0 },
];

type SeedContest = {
  id: string; name: string; status: string; templateId: string | null;
  dates: [string, string, string, string]; events: SeedEvent[]; noticeText: string;
};

const CONTESTS: SeedContest[] = [
  {
    id: "contest-hz-2025", name: "2025年杭州市职工职业技能大赛", status: "finished", templateId: null,
    dates: ["2025-04-01", "2025-05-15", "2025-06-10", "2025-06-12"],
    noticeText: "各区、县（市）总工会，各产业工会：为弘扬劳模精神、劳动精神、工匠精神，决定举办2025年杭州市职工职业技能大赛。决赛前5名且为职工身份的选手，按规定申报杭州市技术能手。",
    events: [{ id: "ev-hz-2025-weld", ...WELDING_EVENT }, { id: "ev-hz-2025-care", ...CARE_EVENT }],
  },
  {
    id: "contest-hz-2026", name: "2026年杭州市职工职业技能大赛", status: "open", templateId: "contest-hz-2025",
    dates: ["2026-11-01", "2026-12-10", "2026-12-18", "2026-12-20"],
    noticeText: "各区、县（市）总工会，各产业工会：2026年杭州市职工职业技能大赛设焊工、养老护理员、汽车维修工（团体）3个赛项。请各单位于12月10日前完成网上报名，经本单位、承办单位、组委会办公室三级审核（规则 S-7）。",
    events: [{ id: "ev-hz-2026-weld", ...WELDING_EVENT }, { id: "ev-hz-2026-care", ...CARE_EVENT }, { id: "ev-hz-2026-auto", ...CAR_EVENT }],
  },
];

export async function seedContests() {
  const organiser = await db.user.findUnique({ where: { username: "organiser" }, select: { id: true } });
  for (const c of CONTESTS) {
    const exists = await db.contest.findUnique({ where: { id: c.id }, select: { id: true } });
    if (exists) continue;
    await db.$transaction(async (tx) => {
      const [opens, closes, starts, ends] = c.dates;
      await tx.contest.create({
        data: {
          id: c.id, orgId: "org-hz", name: c.name, kind: "skills", level: "city", contestClass: "一类",
          hosts: JSON.stringify(["杭州市总工会", "杭州市人力资源和社会保障局"]),
          coHosts: JSON.stringify(["杭州市机械冶金工会", "杭州技师学院"]),
          status: c.status, templateId: c.templateId, noticeText: c.noticeText, appealWindowMinutes: 120,
          registrationOpensAt: chinaDay(opens, "start"), registrationClosesAt: chinaDay(closes, "end"),
          startsAt: chinaDay(starts, "start"), endsAt: chinaDay(ends, "end"), createdById: organiser?.id ?? null,
        },
      });
      for (const [i, m] of COMMITTEE.entries()) {
        await tx.committeeMember.create({ data: { id: `${c.id}-cm${i + 1}`, contestId: c.id, ...m } });
      }
      for (const [i, e] of c.events.entries()) {
        parseMarkingScheme(e.scheme); // the demo must only hold schemes the engine accepts
        const settings = applyScoringInput(DEFAULT_SCORING_SETTINGS, e.scoring, e.minFieldSize);
        await tx.contestEvent.create({
          data: {
            id: e.id, contestId: c.id, name: e.name, trade: e.trade, groupName: e.groupName, mode: e.mode, teamSize: e.teamSize ?? null,
            stages: JSON.stringify(e.stages), markingScheme: JSON.stringify(e.scheme), scoringSettings: JSON.stringify(settings),
            minFieldSize: e.minFieldSize, unitQuota: e.unitQuota, eligibility: JSON.stringify(EligibilitySchema.parse(e.eligibility)), sortOrder: i,
          },
        });
      }
      await recordEvent(tx, { userId: null, requestId: null }, {
        action: "contest.seeded", entityType: "Contest", entityId: c.id, orgId: "org-hz", after: { name: c.name, events: c.events.length },
      });
    });
  }
}
