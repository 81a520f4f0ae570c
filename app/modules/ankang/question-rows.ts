import { bi } from "./bilingual";
import { questionKindOf } from "./quiz-kinds";

// Quiz questions as worksheet rows (Excel import): 题型 | 题目 | 选项A … 选项F | 答案 | 分值. Pure.

export const QUESTION_COLUMNS = ["题型", "题目", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "答案", "分值"] as const;
export const QUESTION_EXAMPLES: (string | number)[][] = [
  ["单选", "全国“安全生产月”是每年的几月？", "五月", "六月", "七月", "八月", "", "", "B", 1],
  ["多选", "“三违”是指哪些行为？", "违章指挥", "违章作业", "违反劳动纪律", "违规停车", "", "", "ABC", 2],
  ["判断", "发现事故隐患，职工有权向单位和有关部门报告。", "对", "错", "", "", "", "", "A", 1],
];

export type ParsedQuestion = { kind: "single" | "multiple" | "truefalse"; stem: string; options: string[]; answer: string[]; points: number };

export function rowsToQuestions(rows: { row: number; cells: (string | number | null)[] }[]): { questions: ParsedQuestion[]; problems: string[] } {
  const questions: ParsedQuestion[] = [];
  const problems: string[] = [];
  for (const { row, cells } of rows) {
    const text = cells.map((c) => (c == null ? "" : String(c).trim()));
    if (text.every((x) => !x)) continue;
    const kind = questionKindOf(text[0]!);
    const stem = text[1]!;
    const options = text.slice(2, 8).filter(Boolean);
    const answer = [...new Set(text[8]!.toUpperCase().replace(/[^A-H]/g, "").split("").filter(Boolean))].sort();
    const points = text[9] ? Number(text[9]) : 1;
    if (!kind) { problems.push(bi(`第 ${row} 行：题型须为 单选、多选 或 判断`, `row ${row}: the type is 单选 (single), 多选 (multiple) or 判断 (true/false)`)); continue; }
    if (stem.length < 2) { problems.push(bi(`第 ${row} 行：缺少题目`, `row ${row}: the question is missing`)); continue; }
    const opts = kind === "truefalse" && options.length === 0 ? ["对", "错"] : options;
    if (opts.length < 2) { problems.push(bi(`第 ${row} 行：至少两个选项`, `row ${row}: at least two options`)); continue; }
    const letters = opts.map((_, i) => String.fromCharCode(65 + i));
    if (answer.length === 0 || answer.some((a) => !letters.includes(a))) { problems.push(bi(`第 ${row} 行：答案须为选项字母 ${letters.join("")} 中的字母`, `row ${row}: the answer is among the letters ${letters.join("")}`)); continue; }
    if (kind !== "multiple" && answer.length !== 1) { problems.push(bi(`第 ${row} 行：单选题和判断题只有一个答案`, `row ${row}: a single-choice or true/false question has one answer`)); continue; }
    if (kind === "multiple" && answer.length < 2) { problems.push(bi(`第 ${row} 行：多选题至少两个正确答案`, `row ${row}: a multiple-choice question has at least two right answers`)); continue; }
    if (!Number.isInteger(points) || points < 1 || points > 100) { problems.push(bi(`第 ${row} 行：分值须为 1–100 的整数`, `row ${row}: the points are a whole number from 1 to 100`)); continue; }
    questions.push({ kind, stem, options: opts, answer, points });
  }
  return { questions, problems };
}
