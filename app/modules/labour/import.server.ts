import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import { AppError, conflict, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { newWorkbook, openWorksheet, type PlainSheet } from "~/utils/xlsx.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { publishLabourChange } from "./live.server";
import { LABOUR_MESSAGES, requireAccepted, requireProject, setOf, settingsOf, touchProject } from "./labour.server";
import {
  checkImport, describeProblem, EVENT_COLUMNS, EVENT_TYPES_SHEET, EVENTS_SHEET, IMPORT_MESSAGES, KIND_LABELS, scoreColumns, SCORES_SHEET,
  type EventLine, type ImportProblem, type ScoreLine,
} from "./import-rows";
import type { IndicatorSet } from "./indicators";
import type { RosterKind } from "./year-end";

// Excel import of a period's inspection scores and bonus/deduction events (issue 14 item 9):
// the template of one period (the roster's 标段/工区/班组 × the committee-scored and quantity
// indicators, and the event table), and the import itself, all or nothing. The file is read by
// the shared safe reader (zip limits on the central directory, parsing in a worker:
// utils/xlsx.server.ts); the rules are in import-rows.ts. The API takes the same lines as JSON.

export const LABOUR_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const UNREADABLE = "无法读取该文件，请上传由本系统下载的考评导入模板（.xlsx）/ upload the .xlsx import template of this period";

async function loadPeriod(user: SessionUser, projectId: string, periodId: string) {
  const loaded = await requireProject(user, projectId, "labour:score");
  const period = await db.labourPeriod.findUnique({ where: { id: periodId } });
  if (!period || period.projectId !== projectId) throw notFound(LABOUR_MESSAGES.periodNotFound);
  return { ...loaded, period };
}

/** The import template of one period, pre-filled with the caller's own scores and the quantities entered so far. */
export async function importTemplate(user: SessionUser, projectId: string, periodId: string) {
  const { project, period } = await loadPeriod(user, projectId, periodId);
  const set = setOf(project);
  const settings = settingsOf(project);
  const [roster, scores] = await Promise.all([
    db.labourRosterEntry.findMany({ where: { projectId, kind: { in: ["section", "area", "team"] } }, orderBy: [{ createdAt: "asc" }, { name: "asc" }] }),
    db.labourScore.findMany({ where: { periodId, OR: [{ byId: user.id }, { byId: "quantity" }] } }),
  ]);
  const wb = await newWorkbook();
  wb.creator = "工赛 Gongsai";
  const columns = scoreColumns(set);
  const ws = wb.addWorksheet(SCORES_SHEET, { views: [{ state: "frozen", ySplit: 1, xSplit: 2 }] });
  ws.columns = columns.map((c, i) => ({ header: c.header, key: `c${i}`, width: i === 0 ? 24 : i === 1 ? 8 : 16 }));
  ws.getRow(1).font = { bold: true };
  const kindOrder: Record<string, number> = { section: 0, area: 1, team: 2 };
  for (const unit of [...roster].sort((a, b) => kindOrder[a.kind] - kindOrder[b.kind])) {
    ws.addRow(columns.map((c) => {
      if (c.field === "unit") return unit.name;
      if (c.field === "kind") return KIND_LABELS[unit.kind as RosterKind];
      const s = scores.find((x) => x.unitId === unit.id && x.indicatorKey === c.key);
      if (!s) return null;
      if (c.field === "value") return s.value === null ? null : s.value / 100;
      return c.field === "plan" ? s.plan : s.actual;
    }));
  }
  const ev = wb.addWorksheet(EVENTS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  ev.columns = EVENT_COLUMNS.map((header, i) => ({ header, key: `e${i}`, width: [24, 8, 14, 24, 40][i], style: i === 2 ? { numFmt: "@" } : {} }));
  ev.getRow(1).font = { bold: true };
  const types = wb.addWorksheet(EVENT_TYPES_SHEET);
  types.columns = [{ header: "奖罚事项", width: 24 }, { header: "代码", width: 22 }, { header: "分值", width: 8 }, { header: "金额（元）", width: 12 }];
  types.getRow(1).font = { bold: true };
  for (const t of settings.eventTable) types.addRow([t.label, t.key, t.points / 100, t.amount ?? 0]);
  const help = wb.addWorksheet("填写说明");
  help.getColumn(1).width = 110;
  [
    `${project.name} · ${period.label}（${period.fromDate} 至 ${period.toDate}）`,
    `「${SCORES_SHEET}」：每个标段、工区、班组一行；分数为本人（考评委员）的评分，最多两位小数，不超过该项满分；计划量和完成量为整数，须同时填写。空格不导入。`,
    `「${EVENTS_SHEET}」：每个通报批评、表扬等事项一行；单位须在参赛名录中，日期须在本考评期内（YYYY-MM-DD），事项写「${EVENT_TYPES_SHEET}」中的名称或代码。`,
    "只要有一行有误，整个文件都不会导入，系统会列出出错的行和原因（L-4, L-11）。",
  ].forEach((line) => help.addRow([line]));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${project.name}-${period.label}-考评导入模板.xlsx` };
}

const cellText = (v: unknown) => (v === null || v === undefined ? "" : String(v).trim());

/** The scores sheet's header: each column to its field, by the template's header text (a rubric column by the indicator name too). */
function scoreHeader(sheet: PlainSheet, set: IndicatorSet, problems: ImportProblem[]) {
  const columns = scoreColumns(set);
  const map = new Map<number, (typeof columns)[number]>();
  for (let c = 1; c <= sheet.columnCount; c++) {
    const h = cellText(sheet.getRow(1).getCell(c).value);
    if (!h) continue;
    const col = columns.find((x) => x.header === h) ?? columns.find((x) => x.field === "value" && set.indicators.find((i) => i.key === x.key)?.name === h);
    if (!col) problems.push({ sheet: SCORES_SHEET, row: 1, message: IMPORT_MESSAGES.unknownIndicator(h) });
    else map.set(c, col);
  }
  if (![...map.values()].some((c) => c.field === "unit")) problems.push({ sheet: SCORES_SHEET, row: 1, message: IMPORT_MESSAGES.unknownIndicator("单位") });
  return map;
}

/** The two sheets of an uploaded template as lines (row numbers as Excel counts them). */
export async function readImportWorkbook(bytes: Uint8Array, set: IndicatorSet) {
  const problems: ImportProblem[] = [];
  const scoreSheet = await openWorksheet(bytes, SCORES_SHEET, UNREADABLE);
  const scoreLines: ScoreLine[] = [];
  const eventLines: EventLine[] = [];
  const isEvents = (s: PlainSheet) => EVENT_COLUMNS.every((h, i) => cellText(s.getRow(1).getCell(i + 1).value) === h);
  // the reader falls back to the first sheet when a name is missing: a file of events only is fine too
  if (!isEvents(scoreSheet)) {
    const header = scoreHeader(scoreSheet, set, problems);
    for (let r = 2; r <= scoreSheet.rowCount; r++) {
      const line: ScoreLine = { row: r, unit: null, kind: null, values: {}, plans: {}, actuals: {} };
      for (const [c, col] of header) {
        const v = scoreSheet.getRow(r).getCell(c).value;
        if (col.field === "unit") line.unit = v;
        else if (col.field === "kind") line.kind = v;
        else if (col.field === "value") line.values[col.key] = v;
        else if (col.field === "plan") line.plans[col.key] = v;
        else line.actuals[col.key] = v;
      }
      scoreLines.push(line);
    }
  }
  const eventSheet = await openWorksheet(bytes, EVENTS_SHEET, UNREADABLE);
  if (isEvents(eventSheet)) {
    for (let r = 2; r <= eventSheet.rowCount; r++) {
      const cell = (c: number) => eventSheet.getRow(r).getCell(c).value;
      eventLines.push({ row: r, unit: cell(1), kind: cell(2), date: cell(3), type: cell(4), note: cell(5) });
    }
  }
  return { problems, scoreLines, eventLines };
}

export type ImportOutcome = { scores: number; events: number; corrected: boolean };

function refuse(problems: ImportProblem[]): never {
  const lines = problems.map(describeProblem);
  throw new AppError(400, "invalid_rows", IMPORT_MESSAGES.summary(problems.length, lines[0]),
    problems.slice(0, 200).map((p) => ({ path: p.row > 0 ? `${p.sheet === SCORES_SHEET ? "scores" : "events"}.${p.row}` : "file", message: describeProblem(p) })),
    { problems: problems.slice(0, 200) });
}

/**
 * Imports the lines into the period, all or nothing (issue 14 item 9): rubric scores as the
 * caller's own committee scores (rule L-11), quantities, and bonus/deduction events with their
 * ledger lines (rule L-4). A signed period takes changes only with a correction reason; an
 * awarded one takes none.
 */
export async function importPeriodLines(
  user: SessionUser, projectId: string, periodId: string,
  input: { scoreLines: ScoreLine[]; eventLines: EventLine[]; correctionReason?: string; headerProblems?: ImportProblem[] },
  actor: Actor, source: "xlsx" | "api",
): Promise<ImportOutcome> {
  const { project, org, period } = await loadPeriod(user, projectId, periodId);
  await requireAccepted(project);
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
  const correcting = period.status === "signed";
  const set = setOf(project);
  const settings = settingsOf(project);
  const [roster, existingEvents] = await Promise.all([
    db.labourRosterEntry.findMany({ where: { projectId }, select: { id: true, name: true, kind: true, orgId: true } }),
    db.labourEvent.findMany({ where: { projectId, date: { gte: period.fromDate, lte: period.toDate } }, select: { unitId: true, date: true, typeKey: true } }),
  ]);
  const names = new Set([...input.scoreLines.map((l) => cellText(l.unit)), ...input.eventLines.map((l) => cellText(l.unit))].filter(Boolean));
  const orgs = names.size ? await db.organisation.findMany({ where: { name: { in: [...names] } }, select: { name: true } }) : [];
  const checked = checkImport(
    { set, eventTable: settings.eventTable, roster: roster.map((r) => ({ id: r.id, name: r.name, kind: r.kind as RosterKind })), period: { from: period.fromDate, to: period.toDate, label: period.label }, existingEvents, knownOrgNames: new Set(orgs.map((o) => o.name)) },
    input.scoreLines, input.eventLines,
  );
  const problems = [...(input.headerProblems ?? []), ...checked.problems.filter((p) => p.row > 0 || !input.headerProblems?.length)];
  if (problems.length) refuse(problems);
  if (checked.scores.length && correcting && !input.correctionReason) {
    throw new AppError(409, "correction_reason_required", LABOUR_MESSAGES.signedNeedsReason, [{ path: "correctionReason", message: LABOUR_MESSAGES.signedNeedsReason }]);
  }
  const outcome = await db.$transaction(async (tx) => {
    const fresh = await tx.labourPeriod.findUnique({ where: { id: periodId }, select: { status: true } });
    await touchProject(tx, projectId);
    if (fresh?.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
    const byIdOf = (s: { plan?: number }) => (s.plan !== undefined ? "quantity" : user.id);
    const old = await tx.labourScore.findMany({ where: { periodId, byId: { in: [user.id, "quantity"] } } });
    const oldByKey = new Map(old.map((o) => [`${o.unitId}|${o.indicatorKey}|${o.byId}`, o]));
    const before: unknown[] = [];
    const creates = [];
    for (const s of checked.scores) {
      const prior = oldByKey.get(`${s.unitId}|${s.indicatorKey}|${byIdOf(s)}`);
      const data = s.plan !== undefined ? { plan: s.plan, actual: s.actual! } : { value: s.value! };
      if (!prior) {
        creates.push({ periodId, unitId: s.unitId, indicatorKey: s.indicatorKey, byId: byIdOf(s), ...data });
        continue;
      }
      before.push({ unitId: s.unitId, indicatorKey: s.indicatorKey, value: prior.value, plan: prior.plan, actual: prior.actual });
      await tx.labourScore.update({ where: { id: prior.id }, data });
    }
    if (creates.length) await tx.labourScore.createMany({ data: creates });
    for (const e of checked.events) {
      await tx.labourEvent.create({ data: { projectId, unitId: e.unitId, date: e.date, typeKey: e.type.key, points: e.type.points, amount: e.type.amount ?? 0, note: e.note, byId: user.id } });
      if (e.type.amount) await tx.labourLedgerLine.create({ data: { projectId, periodId, unitId: e.unitId, kind: "event", amount: e.type.amount, note: `${e.date} ${e.type.label}` } });
    }
    await recordEvent(tx, actor, {
      action: "labour.import", entityType: "LabourPeriod", entityId: periodId, orgId: org.id,
      before: before.length ? before : undefined,
      after: { source, scores: checked.scores.length, events: checked.events.map((e) => ({ unitId: e.unitId, date: e.date, type: e.type.key })), correctionReason: correcting ? input.correctionReason ?? null : null },
    });
    return { scores: checked.scores.length, events: checked.events.length, corrected: correcting && checked.scores.length > 0 };
  });
  // only after the commit, as a single score does: every open board of the project reads again (decision 005)
  if (outcome.scores || outcome.events) publishLabourChange(projectId, outcome.scores ? "mark" : "board");
  return outcome;
}

/** The uploaded template of a period, imported all or nothing. */
export async function importPeriodWorkbook(user: SessionUser, projectId: string, periodId: string, bytes: Uint8Array, correctionReason: string | undefined, actor: Actor) {
  const { project } = await loadPeriod(user, projectId, periodId);
  const read = await readImportWorkbook(bytes, setOf(project));
  return importPeriodLines(user, projectId, periodId, { ...read, headerProblems: read.problems, correctionReason }, actor, "xlsx");
}

/** The import page: the period, and whether it still takes changes. */
export async function importPageData(user: SessionUser, projectId: string, periodId: string) {
  const { project, org, period } = await loadPeriod(user, projectId, periodId);
  return {
    project: { id: project.id, name: project.name, org: { id: org.id, name: org.name } },
    period: { id: period.id, label: period.label, from: period.fromDate, to: period.toDate, status: period.status },
    open: period.status !== "awarded",
  };
}
