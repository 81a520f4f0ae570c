// 理论成绩导入 (theory scores from the exam system), pure row checks. Theory papers
// carry only the 准考证号 admission number (rule S-35), so rows are matched by it.
// A score is 0–100 with at most 2 decimals; an identifying mark elsewhere on the paper
// voids the score (rule S-35), and a voided row needs its reason. The import is all or
// nothing: one bad row and nothing is written, and the report names every row.
import { parseMark } from "~/modules/scoring";

export type TheoryRowInput = { row: number; admissionNo: string; score: string; voided?: string | boolean; voidReason?: string };
export type TheoryRowOk = { row: number; admissionNo: string; registrationId: string; value: number; voided: boolean; voidReason: string | null };
export type TheoryRowReport = { row: number; admissionNo: string; ok: boolean; messages: string[]; value: number | null };

const TRUE_WORDS = new Set(["1", "true", "yes", "y", "是", "作废", "√"]);
const FALSE_WORDS = new Set(["", "0", "false", "no", "n", "否"]);

export function readVoided(input: string | boolean | undefined): boolean | null {
  if (typeof input === "boolean") return input;
  const text = (input ?? "").trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return null;
}

/** A score 0–100 with at most 2 decimals, in hundredths; or a message. */
export function readTheoryScore(input: string): { value: number } | { message: string } {
  const text = input.trim();
  if (!text) return { message: "缺少成绩 / the score is missing" };
  let value: number;
  try {
    value = parseMark(text);
  } catch {
    return { message: `成绩「${text}」不是最多两位小数的数字 / not a number with at most 2 decimals` };
  }
  if (value < 0 || value > 10_000) return { message: `成绩须在 0–100 之间（${text}）/ the score must be 0–100` };
  return { value };
}

/** Checks every row against the event's admission numbers (admissionNo → registrationId). */
export function checkTheoryRows(rows: readonly TheoryRowInput[], admissions: ReadonlyMap<string, string>): { ok: boolean; rows: TheoryRowOk[]; report: TheoryRowReport[] } {
  const seen = new Map<string, number>();
  const good: TheoryRowOk[] = [];
  const report: TheoryRowReport[] = rows.map((r) => {
    const messages: string[] = [];
    const admissionNo = r.admissionNo.trim();
    const registrationId = admissions.get(admissionNo);
    if (!admissionNo) messages.push("缺少准考证号 / the admission number is missing");
    else if (!registrationId) messages.push(`准考证号 ${admissionNo} 不属于本赛项 / no entrant of this event has this admission number`);
    else if (seen.has(admissionNo)) messages.push(`准考证号重复（与第 ${seen.get(admissionNo)} 行）/ duplicate of row ${seen.get(admissionNo)}`);
    if (admissionNo && !seen.has(admissionNo)) seen.set(admissionNo, r.row);
    const score = readTheoryScore(r.score);
    if ("message" in score) messages.push(score.message);
    const voided = readVoided(r.voided);
    const voidReason = (r.voidReason ?? "").trim();
    if (voided === null) messages.push(`「作废」列应为 是/否 / the voided column must be yes or no`);
    if (voided && !voidReason) messages.push("作废须注明原因（规则 S-35）/ a voided score needs its reason (rule S-35)");
    const value = "value" in score ? score.value : null;
    if (messages.length === 0 && registrationId && value !== null) {
      good.push({ row: r.row, admissionNo, registrationId, value, voided: voided === true, voidReason: voided ? voidReason : null });
    }
    return { row: r.row, admissionNo, ok: messages.length === 0, messages, value };
  });
  const ok = report.every((r) => r.ok) && report.length > 0;
  return { ok, rows: ok ? good : [], report };
}

const HEADER_ALIASES: Record<keyof Omit<TheoryRowInput, "row">, string[]> = {
  admissionNo: ["准考证号", "admissionno", "admission_no", "admission number", "准考证"],
  score: ["成绩", "理论成绩", "分数", "score"],
  voided: ["作废", "是否作废", "voided", "void"],
  voidReason: ["作废原因", "原因", "voidreason", "void_reason", "void reason"],
};

/** Maps a header row to column indexes; admission number and score are required. */
export function mapTheoryHeader(header: readonly string[]): { columns: Partial<Record<keyof Omit<TheoryRowInput, "row">, number>> } | { message: string } {
  const normalised = header.map((h) => h.trim().toLowerCase());
  const columns: Partial<Record<keyof Omit<TheoryRowInput, "row">, number>> = {};
  for (const [key, aliases] of Object.entries(HEADER_ALIASES) as [keyof typeof HEADER_ALIASES, string[]][]) {
    const index = normalised.findIndex((h) => aliases.includes(h));
    if (index >= 0) columns[key] = index;
  }
  if (columns.admissionNo === undefined || columns.score === undefined) {
    return { message: "表头须包含「准考证号」和「成绩」两列 / the header needs the columns 准考证号 (admission number) and 成绩 (score)" };
  }
  return { columns };
}

/** Rows of a table (header first) as import rows; row numbers are the spreadsheet's (header = 1). */
export function tableToTheoryRows(table: readonly string[][]): { rows: TheoryRowInput[] } | { message: string } {
  if (table.length === 0) return { message: "文件为空 / the file is empty" };
  const mapped = mapTheoryHeader(table[0]);
  if ("message" in mapped) return mapped;
  const { columns } = mapped;
  const cell = (line: readonly string[], index: number | undefined) => (index === undefined ? "" : (line[index] ?? "").trim());
  const rows = table
    .map((line, i) => ({ line, row: i + 1 }))
    .slice(1)
    .filter(({ line }) => line.some((c) => c.trim() !== ""))
    .map(({ line, row }) => ({
      row,
      admissionNo: cell(line, columns.admissionNo),
      score: cell(line, columns.score),
      voided: cell(line, columns.voided),
      voidReason: cell(line, columns.voidReason),
    }));
  return { rows };
}

/** A small RFC 4180 CSV reader (quotes, doubled quotes, CRLF, a UTF-8 BOM). */
export function parseCsv(text: string): string[][] {
  const input = text.replace(/^\uFEFF/, "");
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && input[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += ch;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  return rows;
}
