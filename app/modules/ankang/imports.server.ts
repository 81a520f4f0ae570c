import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { inspectUpload } from "~/modules/files/files.server";
import { addSheetVersion, canManageCycle, loadCycle } from "./ankang.server";
import { readSheetWorkbook, SHEET_UPLOAD_MAX_BYTES } from "./sheet-excel.server";
import { readQuestionWorkbook } from "./question-excel.server";
import { importQuestions } from "./quiz.server";

// The 安康杯 Excel imports (the cycle's score sheet, the quiz question bank) for the pages
// (multipart) and the API (base64 .xlsx, files/api-upload.ts) alike: the target and the
// permission first, then the file (an .xlsx by its bytes, at most 2 MB: 400 / 413), then the
// rows, all or nothing (a bad row imports nothing and is named with its row number). The
// workbook itself is not kept.

export const IMPORT_MAX_BYTES = SHEET_UPLOAD_MAX_BYTES;

const xlsxBytes = async (file: File | null, purpose: string) =>
  (await inspectUpload(file, { purpose, allowedTypes: ["xlsx"], maxBytes: IMPORT_MAX_BYTES, field: "file" })).bytes;

/** A new version of the cycle's score sheet from an .xlsx exported by the cycle page (rules A-9 … A-11). */
export async function importSheetFile(user: SessionUser, cycleId: string, file: File | null, title: string, actor: Actor) {
  const cycle = await loadCycle(db, cycleId);
  if (!canManageCycle(user, cycle)) throw forbidden();
  const definition = await readSheetWorkbook(await xlsxBytes(file, "ankang-sheet-import"));
  const sheet = await addSheetVersion(user, cycleId, { title: (title.trim() || file!.name).slice(0, 100), definition }, actor);
  return { id: sheet.id, version: sheet.version, title: sheet.title };
}

/** Quiz questions from the question template (.xlsx) into an organisation's bank (ankang:manage over it). */
export async function importQuestionFile(user: SessionUser, orgId: string, file: File | null, actor: Actor) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { path: true } });
  if (!org) throw notFound("找不到该组织 / organisation not found");
  if (!hasPermission(user, "ankang:manage", org.path)) throw forbidden();
  const questions = await readQuestionWorkbook(await xlsxBytes(file, "ankang-question-import"));
  return importQuestions(user, orgId, questions, actor);
}
