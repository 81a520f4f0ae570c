// Demo data of the 安康杯 (issue 15), idempotent (fixed ids, created once): the 2025–2026 cycle of
// 杭州市总工会 with the city's emergency-management and health authorities on the committee, the
// city sheet of rule A-10, 40 units enrolled (the 14 seeded Hangzhou enterprises and 26 more),
// self-assessments in progress and some reviewed, one unit vetoed by a serious injury, 30 hazard
// reports, a title round, and a knowledge quiz open now.
import { db } from "~/utils/db.server";
import { CITY_SHEET_A10 } from "~/modules/ankang/standard-sheets";
import { scoreSheet, type SheetEntries } from "~/modules/ankang/sheet";

const CYCLE_ID = "seed-ankang-hz-2025";
const EXTRA_UNITS: [string, string, string, string][] = [
  // [parent, name, industry, team]
  ["org-hz-sc", "杭州解百集团股份有限公司工会", "批发和零售业", "商场安全巡查组"],
  ["org-hz-sc", "杭州市公交集团第一分公司工会", "交通运输、仓储和邮政业", "保修车间一班"],
  ["org-hz-sc", "杭州市自来水有限公司清泰水厂工会", "电力、热力、燃气及水生产和供应业", "制水运行班"],
  ["org-hz-sc", "杭州天元建筑工程有限公司工会", "建筑业", "钢筋班组"],
  ["org-hz-sc", "杭州东方中医院工会", "卫生和社会工作", "后勤保障组"],
  ["org-hz-sc", "杭州湖滨物业服务有限公司工会", "房地产业", "工程维修班"],
  ["org-hz-xh", "杭州西湖龙井茶叶有限公司工会", "制造业", "炒制车间"],
  ["org-hz-xh", "杭州市燃气集团西湖分公司工会", "电力、热力、燃气及水生产和供应业", "管网巡检班"],
  ["org-hz-xh", "杭州中策橡胶有限公司西湖分厂工会", "制造业", "硫化班组"],
  ["org-hz-xh", "杭州西溪物流有限公司工会", "交通运输、仓储和邮政业", "仓储作业班"],
  ["org-hz-xh", "杭州之江酒店管理有限公司工会", "住宿和餐饮业", "厨房班组"],
  ["org-hz-xh", "浙江建工集团第三分公司工会", "建筑业", "架子工班组"],
  ["org-hz-xh", "杭州市环境集团西湖清运公司工会", "水利、环境和公共设施管理业", "清运一班"],
  ["org-hz-bj", "杭州华星光电材料有限公司工会", "制造业", "涂布班组"],
  ["org-hz-bj", "杭州滨江精密机械有限公司工会", "制造业", "数控班组"],
  ["org-hz-bj", "杭州滨江建设发展有限公司工会", "建筑业", "安全质量科"],
  ["org-hz-bj", "杭州华数网络工程有限公司工会", "信息传输、软件和信息技术服务业", "线路维护班"],
  ["org-hz-bj", "杭州东冠化工有限公司工会", "制造业", "反应釜操作班"],
  ["org-hz-bj", "杭州滨江电梯工程有限公司工会", "制造业", "安装维保一组"],
  ["org-hz-jx", "杭州重型机械有限公司工会", "制造业", "铸造车间"],
  ["org-hz-jx", "杭州制氧机集团有限公司工会", "制造业", "冷箱装配班"],
  ["org-hz-jx", "杭州叉车集团股份有限公司工会", "制造业", "焊接车间一班"],
  ["org-hz-jx", "杭州齿轮箱有限公司工会", "制造业", "热处理班组"],
  ["org-hz-jx", "杭州轴承试验研究中心工会", "制造业", "试验班"],
  ["org-hz-jx", "杭州电缆股份有限公司工会", "制造业", "挤塑班组"],
  ["org-hz-jx", "杭州金属结构件有限公司工会", "制造业", "铆焊班组"],
];

const HAZARDS: [string, string][] = [
  ["二号车间东侧配电柜", "配电柜门锁损坏，带电部位裸露"],
  ["仓库三号货架", "货架横梁变形，堆放超高"],
  ["食堂后厨", "燃气软管老化开裂"],
  ["地下车库出口", "应急照明灯不亮"],
  ["焊接工位", "焊接烟尘收集罩脱落"],
  ["楼梯间", "消防通道堆放纸箱杂物"],
  ["行车轨道", "行车限位器失灵"],
  ["喷漆房", "防爆灯具外壳破损"],
  ["办公楼四层", "灭火器压力不足"],
  ["污水处理站", "有限空间作业未设警示标识"],
];

const QUESTIONS: { kind: string; stem: string; options: string[]; answer: string[]; points: number }[] = [
  { kind: "single", stem: "全国“安全生产月”是每年的几月？", options: ["五月", "六月", "七月", "八月"], answer: ["B"], points: 1 },
  { kind: "multiple", stem: "“三违”是指哪些行为？", options: ["违章指挥", "违章作业", "违反劳动纪律", "违规停车"], answer: ["A", "B", "C"], points: 2 },
  { kind: "truefalse", stem: "从业人员发现事故隐患，应当立即向现场安全生产管理人员或者本单位负责人报告。", options: ["对", "错"], answer: ["A"], points: 1 },
  { kind: "single", stem: "火灾报警电话是？", options: ["110", "119", "120", "122"], answer: ["B"], points: 1 },
  { kind: "multiple", stem: "有限空间作业应当做到哪些？", options: ["先通风", "再检测", "后作业", "一人即可进入"], answer: ["A", "B", "C"], points: 2 },
  { kind: "truefalse", stem: "用人单位可以用发放现金的方式代替发放劳动防护用品。", options: ["对", "错"], answer: ["B"], points: 1 },
  { kind: "single", stem: "《安全生产法》规定，生产经营单位的主要负责人对本单位安全生产工作负有什么责任？", options: ["直接责任", "全面责任", "领导责任", "监督责任"], answer: ["B"], points: 1 },
  { kind: "truefalse", stem: "职业健康检查费用由劳动者本人承担。", options: ["对", "错"], answer: ["B"], points: 1 },
];

/** A fixed pseudo-random sequence, so every installation gets the same demo. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
}

export async function seedAnkangDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  if (await db.ankangCycle.findUnique({ where: { id: CYCLE_ID } })) { log("seed: 安康杯 demo present"); return; }
  const hz = await db.organisation.findUnique({ where: { id: "org-hz" } });
  const zj = await db.organisation.findUnique({ where: { id: "org-zj" } });
  if (!hz || !zj) return;
  const random = prng(20250530);
  const organiser = await db.user.findUnique({ where: { username: "organiser" } });
  const safety = await db.user.findUnique({ where: { username: "safety" } });
  const now = new Date();
  await db.$transaction(async (tx) => {
    // the co-organisers (rule A-1): the city's emergency-management bureau and health commission
    const coOrgs = [
      { id: "org-hz-yjj", name: "杭州市应急管理局", role: "emergency", unitCategory: "safetyRegulator" },
      { id: "org-hz-wjw", name: "杭州市卫生健康委员会", role: "health", unitCategory: "industryRegulator" },
    ];
    for (const c of coOrgs) await tx.organisation.upsert({ where: { id: c.id }, create: { id: c.id, name: c.name, type: "city", parentId: zj.id, path: `${zj.path}${c.id}/`, depth: zj.depth + 1, region: "杭州市", unitCategory: c.unitCategory }, update: {} });
    // 26 more enterprises, each with one team
    const parents = new Map((await tx.organisation.findMany({ where: { id: { in: [...new Set(EXTRA_UNITS.map((u) => u[0]))] } } })).map((o) => [o.id, o]));
    for (const [i, [parentId, name, industry, team]] of EXTRA_UNITS.entries()) {
      const parent = parents.get(parentId)!;
      const id = `ak-ent-${String(i + 1).padStart(2, "0")}`;
      await tx.organisation.upsert({ where: { id }, create: { id, name, type: "grassroots", parentId, path: `${parent.path}${id}/`, depth: parent.depth + 1, ownership: random() < 0.5 ? "公有" : "非公", industry, region: parent.region }, update: {} });
      const tid = `${id}-t1`;
      await tx.organisation.upsert({ where: { id: tid }, create: { id: tid, name: `${name.replace(/工会$/, "")}${team}`, type: "team", parentId: id, path: `${parent.path}${id}/${tid}/`, depth: parent.depth + 2, industry, region: parent.region }, update: {} });
    }
    await tx.ankangCycle.create({
      data: {
        id: CYCLE_ID, name: "2025–2026年度", startYear: 2025, endYear: 2026, orgId: hz.id, orgPath: hz.path, level: "city",
        committee: { create: [{ orgId: hz.id, orgPath: hz.path, role: "union" }, ...coOrgs.map((c) => ({ orgId: c.id, orgPath: `${zj.path}${c.id}/`, role: c.role }))] },
      },
    });
    const sheet = await tx.ankangSheetVersion.create({ data: { id: `${CYCLE_ID}-sheet-1`, cycleId: CYCLE_ID, version: 1, title: "杭州市“安康杯”竞赛考核评分表", definition: JSON.stringify(CITY_SHEET_A10), createdById: organiser?.id ?? null } });
    const units = await tx.organisation.findMany({ where: { type: "grassroots", path: { startsWith: hz.path } }, orderBy: { id: "asc" }, take: 40 });
    const items = CITY_SHEET_A10.sections.flatMap((s) => s.items);
    for (const [k, u] of units.entries()) {
      const teams = await tx.organisation.findMany({ where: { parentId: u.id, type: "team" }, select: { id: true } });
      const enrolmentId = `${CYCLE_ID}-e-${u.id}`;
      await tx.ankangEnrolment.create({
        data: {
          id: enrolmentId, cycleId: CYCLE_ID, unitId: u.id, unitPath: u.path, unitName: u.name, sheetVersionId: sheet.id,
          hasCompetitionBody: k % 13 !== 5, hasPlan: true, agreementSignedOn: k % 10 === 9 ? null : new Date(`2025-06-${String(3 + (k % 20)).padStart(2, "0")}T00:00:00Z`),
          teamIds: JSON.stringify(teams.map((t) => t.id)), workerCount: 80 + Math.floor(random() * 1800),
        },
      });
      // about a third reviewed, a third self-assessment submitted, the rest drafts or not started
      const stage = k % 3 === 0 ? "reviewed" : k % 3 === 1 ? "submitted" : k % 6 === 2 ? "draft" : "none";
      if (stage === "none") continue;
      const level = 0.82 + random() * 0.18;
      const entries: SheetEntries = {
        items: items.filter((_, n) => stage !== "draft" || n < 9).map((i) => ({ itemCode: i.code, score: Math.min(i.maxPoints, Math.round(i.maxPoints * Math.min(1, level + (random() - 0.5) * 0.1) * 2) / 2) })),
        bonus: random() < 0.4 ? [{ itemCode: "B1", score: 2 }] : [], vetoes: [],
      };
      const self = scoreSheet(CITY_SHEET_A10, entries, 4);
      await tx.ankangAssessment.create({ data: { enrolmentId, kind: "self", status: stage === "draft" ? "draft" : "submitted", entries: JSON.stringify(entries), total: self.total, vetoed: false, submittedAt: stage === "draft" ? null : new Date("2026-01-15T02:00:00Z") } });
      if (stage === "reviewed") {
        const review: SheetEntries = { ...entries, items: entries.items.map((e) => ({ ...e, score: Math.max(0, (e.score ?? 0) - (random() < 0.3 ? 0.5 : 0)) })) };
        const r = scoreSheet(CITY_SHEET_A10, review, 4);
        await tx.ankangAssessment.create({ data: { enrolmentId, kind: "review", status: "submitted", entries: JSON.stringify(review), total: r.total, vetoed: false, reviewerIds: JSON.stringify([safety?.id, organiser?.id].filter(Boolean)), submittedAt: new Date("2026-03-10T02:00:00Z") } });
      }
      if (k % 4 === 0) await tx.ankangActivity.create({ data: { enrolmentId, action: "drill", title: "消防应急疏散演练", heldOn: new Date("2025-06-16T00:00:00Z"), participants: 60 + k * 5, itemCodes: JSON.stringify(["2.5"]) } });
      if (k % 4 === 1) await tx.ankangActivity.create({ data: { enrolmentId, action: "training", title: "新《安全生产法》全员培训", heldOn: new Date("2025-07-08T00:00:00Z"), participants: 120 + k * 3, itemCodes: JSON.stringify(["4.2"]) } });
    }
    // one unit vetoed by a serious injury in the cycle (rules)
    const vetoed = await tx.organisation.findUnique({ where: { id: "ent-08-t2" } });
    if (vetoed && !(await tx.incident.findUnique({ where: { id: "seed-inc-ankang-1" } }))) {
      await tx.incident.create({ data: { id: "seed-inc-ankang-1", orgId: vetoed.id, orgPath: vetoed.path, kind: "safety_accident", severity: "serious_injury", occurredOn: new Date("2026-01-12T00:00:00Z"), title: "总装一班叉车倒车致一人重伤", description: "叉车倒车未鸣笛，碰撞行人通道内职工，致腿部骨折，经鉴定为重伤。", casualties: 1 } });
    }
    // 30 hazard reports, some handled, some overdue
    const worker = await tx.user.findUnique({ where: { username: "worker" } });
    for (let h = 0; h < 30; h++) {
      const u = units[(h * 7) % units.length]!;
      const team = await tx.organisation.findFirst({ where: { parentId: u.id, type: "team" }, select: { id: true } });
      const [place, description] = HAZARDS[h % HAZARDS.length]!;
      const reportedAt = new Date(now.getTime() - (40 - h) * 86_400_000);
      const status = h % 5 === 0 ? "reported" : h % 5 === 1 ? "assigned" : h % 5 === 2 ? "fixed" : "closed";
      await tx.ankangHazard.create({
        data: {
          id: `seed-hazard-${h + 1}`, unitId: u.id, unitPath: u.path, teamId: team?.id ?? null, place, description, reporterUserId: h % 3 === 0 ? worker?.id ?? null : null, anonymous: h % 2 === 0,
          status, assignee: status === "reported" ? null : "设备科 值班工程师", dueAt: new Date(reportedAt.getTime() + 15 * 86_400_000),
          fixNote: status === "fixed" || status === "closed" ? "已更换损坏部件并复查" : null, closedAt: status === "closed" ? new Date(reportedAt.getTime() + 10 * 86_400_000) : null, reportedAt,
        },
      });
    }
    // the title round (rule A-15): 初审 at the district unions, approval at the city
    await tx.reviewRound.create({ data: { id: `${CYCLE_ID}-round`, subjectType: "ankang.title", title: "2025–2026年度杭州市“安康杯”竞赛优胜单位推荐", topOrgId: hz.id, reviewingTypes: JSON.stringify(["county", "industry"]), createdById: organiser?.id ?? null } });
    await tx.ankangQuota.create({ data: { cycleId: CYCLE_ID, orgId: hz.id, kind: "winnerUnit", allowed: 10 } });
    // the quiz, open now for a month (rule A-14)
    const qs = [];
    for (const [n, q] of QUESTIONS.entries()) qs.push(await tx.ankangQuestion.create({ data: { id: `seed-q-${n + 1}`, orgId: hz.id, kind: q.kind, stem: q.stem, options: JSON.stringify(q.options), answer: JSON.stringify(q.answer), points: q.points } }));
    await tx.ankangQuiz.create({
      data: {
        id: "seed-quiz-hz-2026", orgId: hz.id, orgPath: hz.path, title: "2026年杭州市“安康杯”安全生产知识竞赛", opensAt: new Date(now.getTime() - 86_400_000), closesAt: new Date(now.getTime() + 30 * 86_400_000),
        durationSeconds: 1200, prizeMode: "draw", questions: JSON.stringify(qs.map((q) => ({ id: q.id, kind: q.kind, options: JSON.parse(q.options), answer: JSON.parse(q.answer), points: q.points }))),
      },
    });
  }, { timeout: 120_000 });
  log("seed: 安康杯 2025–2026 cycle of 杭州市总工会, 40 units, 30 hazards, a quiz open");
}
