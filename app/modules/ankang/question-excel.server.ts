import { joined } from "./bilingual";
import { newWorkbook, openWorksheet } from "~/utils/xlsx.server";
import { badRequest } from "~/utils/errors";
import { QUESTION_COLUMNS, QUESTION_EXAMPLES, rowsToQuestions, type ParsedQuestion } from "./question-rows";

// The quiz question template and its import (.xlsx; exceljs stays on the server).
const SHEET = "题库";

export async function buildQuestionTemplate(): Promise<Buffer> {
  const wb = await newWorkbook();
  const ws = wb.addWorksheet(SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = QUESTION_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: i === 1 ? 50 : 12 }));
  ws.getRow(1).font = { bold: true };
  for (const r of QUESTION_EXAMPLES) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readQuestionWorkbook(bytes: Uint8Array): Promise<ParsedQuestion[]> {
  const ws = await openWorksheet(bytes, SHEET, "无法读取该文件，请使用题库模板（.xlsx）/ use the question template (.xlsx)");
  const rows = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const cells: (string | number | null)[] = [];
    for (let c = 1; c <= QUESTION_COLUMNS.length; c++) {
      const v = ws.getRow(r).getCell(c).value;
      cells.push(v == null ? null : typeof v === "number" ? v : String(v));
    }
    rows.push({ row: r, cells });
  }
  const { questions, problems } = rowsToQuestions(rows);
  if (problems.length) throw badRequest(joined("题目未导入", "nothing was imported", problems), problems.map((message) => ({ path: "file", message })));
  if (questions.length === 0) throw badRequest("文件中没有题目 / the file holds no questions");
  return questions;
}
