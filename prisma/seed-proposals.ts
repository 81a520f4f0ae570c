// Demo data of 合理化建议 and 技术创新成果 (issue 16): 120 proposals across 6 enterprises in every
// state, with co-authors and credit shares, committee sheets (rules I-1, I-2), confirmed benefits
// and the grades they drive, one open dispute (rule I-2), and messages for the demo worker.
// Idempotent: fixed ids ("seed-prop-NNN"), each proposal created once with all its rows.
import { db } from "~/utils/db.server";
import { aggregateCommittee, SHEETS } from "~/modules/proposals/sheets";
import { gradeProposal } from "~/modules/proposals/grade";
import { DEFAULT_PROPOSAL_SETTINGS, type Kind } from "~/modules/proposals/settings";
import { reviewSessionLabel, reviewSessionOf, STATE_LABELS, type State } from "~/modules/proposals/workflow";
import { beijingDate } from "~/modules/calendar/working-days";

const UNITS = ["ent-10", "ent-11", "ent-12", "ent-13", "ent-14", "ent-08"];

const TOPICS: { title: string; category: string; kind: Kind; problem: string; content: string }[] = [
  { title: "焊接工装快速定位夹具", category: "efficiency", kind: "proposal", problem: "每次换型需人工划线定位，耗时约 40 分钟。", content: "设计带定位销的快换夹具，换型只需插销锁紧。" },
  { title: "数控车床冷却液循环过滤改造", category: "cost", kind: "proposal", problem: "冷却液杂质多，两周即需整箱更换。", content: "加装磁性分离器和纸带过滤机，延长更换周期。" },
  { title: "行车吊钩防脱装置改进", category: "safety", kind: "proposal", problem: "吊钩防脱舌易变形失效。", content: "改用弹簧复位式不锈钢防脱舌，每班点检。" },
  { title: "空压机余热回收用于浴室供热", category: "environment", kind: "innovation", problem: "空压机运行热量直接排放。", content: "加装板式换热器回收余热，替代燃气锅炉供应浴室热水。" },
  { title: "来料检验抽样方案优化", category: "quality", kind: "proposal", problem: "来料检验全部按加严抽样，检验工时紧张。", content: "按供应商质量等级动态调整抽样水平。" },
  { title: "班组交接班电子看板", category: "management", kind: "proposal", problem: "纸质交接记录易遗漏、难追溯。", content: "在班组设电子看板，交接事项逐条确认。" },
  { title: "变压器油色谱在线监测装置", category: "safety", kind: "innovation", problem: "离线取样周期长，早期故障难发现。", content: "研制小型在线色谱监测装置，超限自动报警。" },
  { title: "包装线贴标纠偏机构", category: "quality", kind: "innovation", problem: "贴标偏斜导致返工率约 2%。", content: "增加光电检测与步进纠偏机构。" },
  { title: "配电房巡检二维码化", category: "management", kind: "proposal", problem: "巡检是否到位无法核实。", content: "每台设备贴二维码，扫码记录巡检结果。" },
  { title: "转炉氧枪喷头寿命提升", category: "cost", kind: "innovation", problem: "氧枪喷头平均寿命仅 150 炉。", content: "优化喷孔角度并改用铬锆铜材质，寿命提高到 260 炉。" },
];

/** Where each proposal of a unit stands: 20 per unit, every state represented. */
const STATE_PLAN: State[] = [
  "draft", "submitted", "submitted", "submitted", "merged", "in_review", "in_review", "in_review", "adopted", "adopted",
  "implemented", "implemented", "benefit_confirmed", "benefit_confirmed", "benefit_confirmed", "benefit_confirmed", "not_adopted", "not_adopted", "withdrawn", "benefit_confirmed",
];

const REVIEWERS = [
  { id: "seed-committee-1", name: "评审委员 陈立新" },
  { id: "seed-committee-2", name: "评审委员 周慧琴" },
  { id: "seed-committee-3", name: "评审委员 吴国强" },
];

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function seedProposalsDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  if (await db.proposal.findUnique({ where: { id: "seed-prop-001" } })) return;
  const random = prng(20261206);
  const worker = await db.user.findUnique({ where: { username: "worker" }, select: { memberId: true } });
  const committeeAccount = await db.user.findUnique({ where: { username: "committee" }, select: { id: true, displayName: true } });
  const units = await db.organisation.findMany({ where: { id: { in: UNITS } }, select: { id: true, name: true, path: true } });
  const settings = DEFAULT_PROPOSAL_SETTINGS;
  const now = new Date();
  const year = Number(beijingDate(now).slice(0, 4));
  let n = 0;
  for (const unitId of UNITS) {
    const unit = units.find((u) => u.id === unitId);
    if (!unit) continue;
    const members = await db.member.findMany({ where: { org: { path: { startsWith: unit.path } } }, select: { id: true, name: true, orgId: true, isFrontline: true, org: { select: { type: true } } }, orderBy: { createdAt: "asc" } });
    if (members.length < 3) continue;
    const sessions = new Map<string, string>();
    let keptId: string | null = null;
    for (let i = 0; i < STATE_PLAN.length; i++) {
      n += 1;
      const id = `seed-prop-${String(n).padStart(3, "0")}`;
      const state = STATE_PLAN[i];
      const topic = TOPICS[(i + UNITS.indexOf(unitId)) % TOPICS.length];
      // the demo worker leads a few proposals of 杭汽轮, one of them with a co-author
      const lead = unitId === "ent-10" && worker?.memberId && i % 4 === 0 ? members.find((m) => m.id === worker.memberId) ?? members[0] : members[Math.floor(random() * members.length)];
      const others = members.filter((m) => m.id !== lead.id);
      const coCount = random() < 0.55 ? 1 + Math.floor(random() * 2) : 0;
      const co = Array.from({ length: coCount }, (_, k) => others[(Math.floor(random() * others.length) + k) % others.length]).filter((m, k, all) => all.findIndex((x) => x.id === m.id) === k);
      const shares = co.length === 0 ? [10000] : co.length === 1 ? [6000, 4000] : [5000, 3000, 2000];
      const authors = [lead, ...co].map((m, k) => ({ memberId: m.id, name: m.name, share: shares[k], position: k, unitId, teamId: m.org.type === "team" ? m.orgId : null, isFrontline: m.isFrontline }));
      // submitted over the last ten months
      const submittedAt = state === "draft" ? null : new Date(now.getTime() - (10 + Math.floor(random() * 290)) * 86_400_000);
      const reviewed = ["in_review", "adopted", "implemented", "benefit_confirmed", "not_adopted"].includes(state);
      const expected = [30_000, 80_000, 150_000, 420_000, 650_000, 1_200_000, 3_500_000][Math.floor(random() * 7)];
      const kind = topic.kind;
      const sheet = SHEETS[kind];
      const strength = state === "not_adopted" ? 0.45 : 0.7 + random() * 0.3;
      const sheets = reviewed
        ? REVIEWERS.map(() => Object.fromEntries(sheet.items.map((item) => [item.key, Math.round(item.max * Math.min(1, strength + (random() - 0.5) * 0.15) / 50) * 50])))
        : [];
      const committee = aggregateCommittee(sheet, sheets, settings);
      const confirmed = state === "benefit_confirmed" ? Math.round(expected * (0.6 + random() * 0.8) / 1000) * 1000 : null;
      const decided = ["adopted", "implemented", "benefit_confirmed"].includes(state);
      const outcome = committee && decided ? gradeProposal(sheet, committee, confirmed, settings) : null;
      let reviewSessionId: string | null = null;
      if (reviewed && submittedAt) {
        const key = reviewSessionOf(beijingDate(submittedAt), settings.reviewSessionsPerYear);
        if (!sessions.has(key)) {
          const s = await db.proposalReviewSession.upsert({
            where: { orgId_sessionKey: { orgId: unitId, sessionKey: key } },
            create: { orgId: unitId, orgPath: unit.path, sessionKey: key, name: `${unit.name} ${reviewSessionLabel(key, settings.reviewSessionsPerYear)}合理化建议与技术创新成果评审` },
            update: {},
          });
          sessions.set(key, s.id);
          // the demo committee member sits on every demo session's committee (rule I-2)
          if (committeeAccount) await db.proposalCommitteeMember.upsert({ where: { sessionId_userId: { sessionId: s.id, userId: committeeAccount.id } }, create: { sessionId: s.id, userId: committeeAccount.id, name: committeeAccount.displayName }, update: {} });
        }
        reviewSessionId = sessions.get(key)!;
      }
      const day = (d: Date | null, plus: number) => (d ? new Date(d.getTime() + plus * 86_400_000) : null);
      await db.$transaction(async (tx) => {
        await tx.proposal.create({
          data: {
            id, kind, category: topic.category, title: `${topic.title}${i >= TOPICS.length ? "（二）" : ""}`, problem: topic.problem, content: topic.content,
            expectedBenefit: `预计每年可节约 ${(expected / 10_000).toLocaleString("zh-CN")} 万元`, expectedBenefitYuan: expected,
            unitId, unitPath: unit.path, unitName: unit.name, teamId: authors[0].teamId, state,
            mergedIntoId: state === "merged" ? keptId : null, reviewSessionId,
            submittedAt, decidedAt: decided || state === "not_adopted" ? day(submittedAt, 30) : null,
            implementedAt: state === "implemented" || state === "benefit_confirmed" ? day(submittedAt, 60) : null,
            implementationNote: state === "implemented" || state === "benefit_confirmed" ? "已在本单位推广实施" : null,
            confirmedBenefitYuan: confirmed, financeConfirmedBy: confirmed !== null ? "财务部 孙会计" : null,
            financeReference: confirmed !== null ? `财效确〔${year}〕${n}号` : null, benefitConfirmedAt: confirmed !== null ? day(submittedAt, 9) : null,
            // the second implemented one of each unit: its measured benefit reported, awaiting 财务 (issue 16 item 3)
            ...(state === "implemented" && i === 11 ? { benefitClaimYuan: Math.round(expected * 0.9 / 1000) * 1000, benefitClaimNote: "按实施后 6 个月的节约额折算全年", benefitClaimedAt: day(submittedAt, 200) } : {}),
            committeeTotal: committee?.total ?? null, gradeTotal: outcome?.total ?? null, grade: outcome?.grade ?? null, rewardYuan: outcome?.rewardYuan ?? null,
            authors: { create: authors },
            scores: { create: sheets.map((items, k) => ({ reviewerId: REVIEWERS[k].id, reviewerName: REVIEWERS[k].name, items: JSON.stringify(items), total: Object.values(items).reduce((a, b) => a + b, 0) })) },
          },
        });
        if (i === 6) await tx.proposalDispute.create({ data: { proposalId: id, kind: "ip", description: "外协单位称该装置使用了其专利技术，待核实" } });
        if (authors.some((a) => a.memberId === worker?.memberId)) {
          await tx.proposalNotification.createMany({ data: authors.map((a) => ({ proposalId: id, memberId: a.memberId, message: `「${topic.title}」当前状态：${STATE_LABELS[state]} / now: ${state.replace(/_/g, " ")}` })) });
        }
      });
      if (state === "submitted" && keptId === null) keptId = id;
    }
  }
  log(`  合理化建议: ${n} proposals in ${UNITS.length} units`);
}
