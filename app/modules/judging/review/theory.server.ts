import type ExcelJS from "exceljs";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { openWorksheet } from "~/utils/xlsx.server";
import { publishChange } from "~/modules/results/live.server";
import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import type { Actor } from "~/utils/actor";
import { AppError, badRequest } from "~/utils/errors";
import { recordEvent } from "~/modules/events/event-log.server";
import { formatHundredths } from "~/modules/scoring";
import { checkTheoryRows, parseCsv, tableToTheoryRows, type TheoryRowInput, type TheoryRowReport } from "./theory-import";
import { assertAnyEventPermission, loadReviewEvent } from "./review-event.server";

// 理论成绩 (theory scores), rules S-10/S-35: imported from the exam system's export
// (Excel or CSV, matched by 准考证号 admission number) all or nothing with a report
// for every row, or entered by hand. Listed by admission number only — never with a
// station code, so this page cannot join a person to a practical entry (rule S-34).

export const THEORY_PERMISSIONS = ["contest:manage", "judging:chief"] as const;

export class TheoryImportRefused extends AppError {
  constructor(public report: TheoryRowReport[]) {
    const bad = report.filter((r) => !r.ok);
    super(422, "theory_import_refused", `${bad.length} 行有误，未导入任何成绩 / ${bad.length} row(s) are wrong: nothing was imported`,
      bad.flatMap((r) => r.messages.map((message) => ({ path: `row ${r.row}`, message }))));
  }
}

async function admissionsOf(eventId: string) {
  const regs = await db.registration.findMany({ where: { eventId, admissionNo: { not: null } }, select: { id: true, admissionNo: true } });
  return new Map(regs.map((r) => [r.admissionNo!, r.id]));
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") {
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value) return String(value.text);
    if (value instanceof Date) return value.toISOString();
  }
  return String(value);
};

/** A file (xlsx or csv) as a table of text cells, header first. */
export async function readTheoryFile(file: { name: string; bytes: ArrayBuffer }): Promise<string[][]> {
  const lower = file.name.toLowerCase();
  if (lower.endsWith(".csv") || lower.endsWith(".txt")) return parseCsv(new TextDecoder("utf-8").decode(file.bytes));
  if (!lower.endsWith(".xlsx")) throw badRequest("请上传 .xlsx 或 .csv 文件 / upload an .xlsx or .csv file", [{ path: "file", message: "请上传 .xlsx 或 .csv 文件 / .xlsx or .csv" }]);
  // Read like every other import: limits checked before unpacking, parsed in a worker (xlsx.server.ts).
  const sheet = await openWorksheet(new Uint8Array(file.bytes), undefined, "无法读取该 Excel 文件 / the Excel file cannot be read");
  const table: string[][] = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) cells.push(cellText(row.getCell(c).value) ?? "");
    while (cells.length && cells[cells.length - 1] === "") cells.pop();
    table.push(cells);
  }
  return table;
}

export const THEORY_UPLOAD_MAX_BYTES = 5_000_000;

/** The multipart form of a theory import; too large or malformed: a 413/400 with a message, not a 500. */
export async function readTheoryUpload(request: Request): Promise<FormData> {
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: THEORY_UPLOAD_MAX_BYTES }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) {
      const message = "文件过大，理论成绩文件不超过 5 MB / the file is too large: at most 5 MB";
      throw new AppError(413, "file_too_large", message, [{ path: "file", message }]);
    }
    const message = "无法读取上传的文件，请重新选择后再试 / the upload could not be read: choose the file again";
    throw badRequest(message, [{ path: "file", message }], "invalid_upload");
  }
}

/** Imports rows all or nothing. Returns the per-row report; throws TheoryImportRefused (with the report) on any bad row. */
export async function importTheoryScores(user: SessionUser, eventId: string, rows: TheoryRowInput[], source: "import" | "manual", actor: Actor) {
  const event = await loadReviewEvent(eventId);
  assertAnyEventPermission(user, event, [...THEORY_PERMISSIONS]);
  if (rows.length === 0) throw badRequest("没有可导入的成绩行 / no rows to import", [{ path: "rows", message: "没有可导入的成绩行 / no rows" }]);
  const checked = checkTheoryRows(rows, await admissionsOf(event.id));
  if (!checked.ok) throw new TheoryImportRefused(checked.report);
  await db.$transaction(async (tx) => {
    for (const row of checked.rows) {
      await tx.theoryScore.upsert({
        where: { eventId_registrationId: { eventId: event.id, registrationId: row.registrationId } },
        create: { eventId: event.id, registrationId: row.registrationId, value: row.value, voided: row.voided, voidReason: row.voidReason, source, enteredById: user.id },
        update: { value: row.value, voided: row.voided, voidReason: row.voidReason, source, enteredById: user.id },
      });
    }
    await recordEvent(tx, actor, {
      action: source === "import" ? "theory.imported" : "theory.entered", entityType: "ContestEvent", entityId: event.id, orgId: event.contest.orgId,
      after: { rows: checked.rows.map((r) => ({ admissionNo: r.admissionNo, value: r.value, voided: r.voided, voidReason: r.voidReason })) },
    });
  });
  await publishChange(event.id, "theory");
  return { imported: checked.rows.length, report: checked.report };
}

export async function importTheoryFile(user: SessionUser, eventId: string, file: { name: string; bytes: ArrayBuffer }, actor: Actor) {
  const event = await loadReviewEvent(eventId);
  assertAnyEventPermission(user, event, [...THEORY_PERMISSIONS]);
  const table = await readTheoryFile(file);
  const parsed = tableToTheoryRows(table);
  if ("message" in parsed) throw badRequest(parsed.message, [{ path: "file", message: parsed.message }]);
  return importTheoryScores(user, eventId, parsed.rows, "import", actor);
}

/** Theory scores of the event by admission number (no names, no station codes). */
export async function listTheoryScores(user: SessionUser, eventId: string) {
  const event = await loadReviewEvent(eventId);
  assertAnyEventPermission(user, event, [...THEORY_PERMISSIONS]);
  const scores = await db.theoryScore.findMany({ where: { eventId: event.id }, select: { registrationId: true, value: true, voided: true, voidReason: true, source: true, updatedAt: true } });
  const regs = await db.registration.findMany({ where: { id: { in: scores.map((s) => s.registrationId) } }, select: { id: true, admissionNo: true } });
  const admission = new Map(regs.map((r) => [r.id, r.admissionNo ?? ""]));
  return {
    event: { id: event.id, name: event.name, contestName: event.contest.name },
    scores: scores
      .map((s) => ({ admissionNo: admission.get(s.registrationId) ?? "", valueText: formatHundredths(s.value), voided: s.voided, voidReason: s.voidReason, source: s.source, updatedAt: s.updatedAt.toISOString() }))
      .sort((a, b) => a.admissionNo.localeCompare(b.admissionNo)),
  };
}
