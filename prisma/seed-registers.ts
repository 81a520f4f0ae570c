// Demo data of the two shared registers (issue 13): a few accidents and incidents in the
// seeded enterprises (rules A-12, N-21), and honours held by the demo worker and by some
// teams and enterprises. Idempotent: fixed ids, each row created once.
import { db } from "~/utils/db.server";

const INCIDENTS = [
  { id: "seed-inc-1", orgId: "ent-18-t1", kind: "safety_accident", severity: "serious_injury", occurredOn: "2025-08-19", casualties: 1,
    title: "焊装车间夹具挤压致一人重伤", description: "夜班换型时工装夹具误动作，一名焊工右手挤压伤，经鉴定为重伤。已停产整改，完成夹具双手启动改造。" },
  { id: "seed-inc-2", orgId: "ent-12-t1", kind: "occupational_hazard", severity: null, occurredOn: "2024-11-05", casualties: null,
    title: "炼钢一班作业场所粉尘浓度严重超标", description: "职业卫生检测发现转炉平台呼吸性粉尘浓度超过限值 4 倍，卫生健康部门责令限期整改。" },
  { id: "seed-inc-3", orgId: "ent-04", kind: "mass_incident", severity: null, occurredOn: "2024-01-22", casualties: null,
    title: "物业外包人员欠薪聚集", description: "外包保洁、保安人员 40 余人因欠薪两个月到项目部聚集，经街道调解当日支付。" },
  { id: "seed-inc-4", orgId: "ent-13-t2", kind: "quality_accident", severity: "general", occurredOn: "2025-04-10", casualties: null,
    title: "一批次酸奶菌落总数超标", description: "出厂前抽检发现一批次产品菌落总数超标，已全部封存销毁，未流入市场。" },
  { id: "seed-inc-5", orgId: "ent-11-t1", kind: "safety_accident", severity: "minor_injury", occurredOn: "2025-06-03", casualties: 1,
    title: "焊工班打磨飞屑致轻伤", description: "打磨作业未佩戴面屏，飞屑划伤面部，轻伤。" },
] as const;

const ORG_HONOURS = [
  { id: "seed-hon-org-1", orgId: "ent-10-t1", title: "杭州市工人先锋号", level: "city", year: 2023, issuingBody: "杭州市总工会" },
  { id: "seed-hon-org-2", orgId: "ent-03-t1", title: "全国工人先锋号", level: "national", year: 2021, issuingBody: "中华全国总工会" },
  { id: "seed-hon-org-3", orgId: "ent-14", title: "浙江省五一劳动奖状", level: "provincial", year: 2024, issuingBody: "浙江省总工会" },
  { id: "seed-hon-org-4", orgId: "ent-14-t1", title: "全国“安康杯”竞赛优胜班组", level: "national", year: 2024, issuingBody: "中华全国总工会、应急管理部、国家卫生健康委" },
] as const;

// A past municipal 劳模 round: one title revoked (rule N-42, deeds seriously untrue); its
// certificate code still verifies at /verify/hzlmrevokeddemo2345abcdefg, as 已撤销.
const REVOKED_MODEL_WORKER = {
  id: "seed-hon-revoked-1", orgId: "ent-12", title: "杭州市劳动模范", level: "city", year: 2020,
  issuingBody: "杭州市人民政府", verifyCode: "hzlmrevokeddemo2345abcdefg", revokedAt: new Date("2024-06-18T02:00:00Z"),
  revocationReason: "主要模范事迹严重失实：经核查，申报材料中的技术革新成果系他人完成",
};

const WORKER_HONOURS = [
  { id: "seed-hon-worker-1", title: "杭州市技术能手", level: "city", year: 2022, issuingBody: "杭州市人力资源和社会保障局" },
  { id: "seed-hon-worker-2", title: "浙江省技术能手", level: "provincial", year: 2024, issuingBody: "浙江省人力资源和社会保障厅" },
] as const;

export async function seedRegistersDemo({ quiet = false } = {}) {
  const log = quiet ? () => {} : (m: string) => console.log(m);
  const orgIds = [...INCIDENTS.map((i) => i.orgId), ...ORG_HONOURS.map((h) => h.orgId)];
  const orgs = await db.organisation.findMany({ where: { id: { in: orgIds } }, select: { id: true, name: true, path: true } });
  const org = (id: string) => orgs.find((o) => o.id === id);
  let added = 0;
  for (const i of INCIDENTS) {
    const o = org(i.orgId);
    if (!o || (await db.incident.findUnique({ where: { id: i.id } }))) continue;
    await db.incident.create({ data: { ...i, orgPath: o.path, occurredOn: new Date(`${i.occurredOn}T00:00:00.000Z`) } });
    added += 1;
  }
  for (const h of ORG_HONOURS) {
    const o = org(h.orgId);
    if (!o || (await db.honour.findUnique({ where: { id: h.id } }))) continue;
    await db.honour.create({ data: { ...h, holderName: o.name, unitId: o.id, unitPath: o.path, unitName: o.name, source: "manual" } });
    added += 1;
  }
  const r = REVOKED_MODEL_WORKER;
  const holder = await db.member.findFirst({ where: { org: { path: { contains: `/${r.orgId}/` } }, employmentStatus: "职工" }, orderBy: { idNumberHash: "asc" }, select: { id: true, name: true, org: { select: { id: true, name: true, path: true } } } });
  if (holder && !(await db.honour.findUnique({ where: { id: r.id } }))) {
    await db.honour.create({
      data: {
        id: r.id, memberId: holder.id, holderName: holder.name, unitId: holder.org.id, unitPath: holder.org.path, unitName: holder.org.name, title: r.title, level: r.level,
        year: r.year, issuingBody: r.issuingBody, source: "manual", verifyCode: r.verifyCode, revokedAt: r.revokedAt, revocationReason: r.revocationReason,
      },
    });
    added += 1;
  }
  const worker = await db.user.findUnique({ where: { username: "worker" }, select: { member: { select: { id: true, name: true, org: { select: { id: true, name: true, path: true } } } } } });
  if (worker?.member) {
    const m = worker.member;
    for (const h of WORKER_HONOURS) {
      if (await db.honour.findUnique({ where: { id: h.id } })) continue;
      await db.honour.create({ data: { ...h, memberId: m.id, holderName: m.name, unitId: m.org.id, unitPath: m.org.path, unitName: m.org.name, source: "manual" } });
      added += 1;
    }
  }
  log(added ? `seed: ${added} incidents and honours added to the registers` : "seed: incident and honours registers present");
}
