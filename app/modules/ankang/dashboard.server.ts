import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import { forbidden } from "~/utils/errors";
import { newWorkbook } from "~/utils/xlsx.server";
import { canManageCycle, canReviewCycle, enrolmentFacts, loadCycle } from "./ankang.server";
import { isOverdue, type HazardStatus } from "./hazards";
import { dashboardText, NOT_GIVEN, type Table } from "./dashboard";
import type { Locale } from "~/i18n/resources";

// The 安康杯 dashboards (issue 15 §7): coverage by region and industry, score distribution,
// hazards reported and closed, quiz participation; each table also as Excel.

const BANDS = [
  { label: "< 80", test: (s: number) => s < 80 },
  { label: "80–89.5", test: (s: number) => s >= 80 && s < 90 },
  { label: "90–94.5", test: (s: number) => s >= 90 && s < 95 },
  { label: "95–97.5", test: (s: number) => s >= 95 && s < 98 },
  { label: "≥ 98", test: (s: number) => s >= 98 },
];

export async function cycleDashboard(user: SessionUser, cycleId: string, now = new Date()) {
  const cycle = await loadCycle(db, cycleId);
  if (!canManageCycle(user, cycle) && !canReviewCycle(user, cycle)) throw forbidden();
  const enrolments = await db.ankangEnrolment.findMany({ where: { cycleId } });
  const orgs = new Map((await db.organisation.findMany({ where: { id: { in: enrolments.map((e) => e.unitId) } }, select: { id: true, region: true, industry: true } })).map((o) => [o.id, o]));
  const byRegion = new Map<string, [number, number, number]>();
  const byIndustry = new Map<string, number>();
  const scores: number[] = [];
  for (const e of enrolments) {
    const o = orgs.get(e.unitId);
    const region = o?.region || NOT_GIVEN;
    const r = byRegion.get(region) ?? [0, 0, 0];
    r[0] += 1; r[1] += e.workerCount; r[2] += (JSON.parse(e.teamIds) as string[]).length;
    byRegion.set(region, r);
    const industry = o?.industry || NOT_GIVEN;
    byIndustry.set(industry, (byIndustry.get(industry) ?? 0) + 1);
    const f = await enrolmentFacts(db, e, cycle);
    const s = f.finalScore ?? f.self?.total ?? null;
    if (s != null && (f.selfRow?.status === "submitted" || f.finalScore != null)) scores.push(s);
  }
  const hazards = await db.ankangHazard.findMany({ where: { unitPath: { startsWith: cycle.orgPath } }, select: { unitId: true, status: true, dueAt: true } });
  const unitNames = new Map((await db.organisation.findMany({ where: { id: { in: [...new Set(hazards.map((h) => h.unitId))] } }, select: { id: true, name: true } })).map((o) => [o.id, o.name]));
  const hz = new Map<string, [number, number, number]>();
  for (const h of hazards) {
    const row = hz.get(h.unitId) ?? [0, 0, 0];
    row[0]++;
    if (h.status === "closed") row[1]++;
    if (isOverdue({ status: h.status as HazardStatus, dueAt: h.dueAt }, now)) row[2]++;
    hz.set(h.unitId, row);
  }
  const quizzes = await db.ankangQuiz.findMany({ where: { orgPath: { startsWith: cycle.orgPath } }, select: { id: true, title: true, _count: { select: { attempts: true } } } });
  const quizRows = await Promise.all(quizzes.map(async (q) => [q.title, await db.ankangQuizAttempt.count({ where: { quizId: q.id, submittedAt: { not: null } } }), await db.ankangQuizAttempt.count({ where: { quizId: q.id, allCorrect: true } })] as (string | number)[]));
  const tables: Table[] = [
    { key: "region", columns: ["region", "units", "workers", "teams"], rows: [...byRegion].map(([k, v]) => [k, ...v]) },
    { key: "industry", columns: ["industry", "units"], rows: [...byIndustry].map(([k, v]) => [k, v]) },
    { key: "scores", columns: ["band", "unitCount"], rows: BANDS.map((b) => [b.label, scores.filter(b.test).length]) },
    { key: "hazards", columns: ["unit", "reported", "closed", "overdue"], rows: [...hz].map(([k, v]) => [unitNames.get(k) ?? k, ...v]) },
    { key: "quiz", columns: ["quiz", "submitted", "allCorrect"], rows: quizRows },
  ];
  return { cycle: { id: cycle.id, name: cycle.name }, tables };
}

export async function dashboardWorkbook(tables: Table[], locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const wb = await newWorkbook();
  const words = dashboardText(locale);
  for (const t of tables) {
    const ws = wb.addWorksheet(words.title(t.key));
    ws.addRow(t.columns.map(words.column)).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map((c, k) => words.cell(t, c, k)));
    ws.columns.forEach((c) => { c.width = 18; });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
