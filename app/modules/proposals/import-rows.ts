// The Excel import of 合理化建议 / 技术创新成果 by a union office (issue 16, Acceptance "all-or-nothing
// imports"): the template's columns and the checks of every row. Pure: the server resolves the
// authors (members in the office's subtree) and writes nothing unless every row passes.
import { checkShares, parsePercent } from "./credit";
import { CATEGORIES, CATEGORY_LABELS, CATEGORY_LABELS_EN, KINDS, KIND_LABELS, KIND_LABELS_EN, type Category, type Kind } from "./settings";

export const IMPORT_SHEET = "建议";
export const IMPORT_MAX_ROWS = 500;
export const IMPORT_MAX_AUTHORS = 5;
export const PROPOSAL_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

export type ImportColumn = { key: string; header: string; en: string; hint: string; width: number };

/** The template's columns: Chinese headers in row 1, the English hint in row 2. */
export const IMPORT_COLUMNS: ImportColumn[] = [
  { key: "kind", header: "类型", en: "Kind", hint: "Kind: 合理化建议 (proposal) or 技术创新成果 (innovation)", width: 14 },
  { key: "category", header: "类别", en: "Category", hint: "Category: 安全 safety, 质量 quality, 降本 cost, 效率 efficiency, 环保 environment, 管理 management", width: 10 },
  { key: "title", header: "标题", en: "Title", hint: "Title, 2 to 80 characters", width: 30 },
  { key: "problem", header: "存在问题", en: "Problem", hint: "The problem (optional, up to 2000 characters)", width: 30 },
  { key: "content", header: "建议内容", en: "Proposal", hint: "The proposal or result (optional, up to 4000 characters)", width: 40 },
  { key: "expectedBenefit", header: "预期效益", en: "Expected benefit", hint: "Expected benefit in words (optional)", width: 24 },
  { key: "expectedBenefitYuan", header: "预期年效益（元）", en: "Expected annual benefit (yuan)", hint: "Expected annual benefit, whole yuan (optional; it never moves a grade)", width: 16 },
  ...Array.from({ length: IMPORT_MAX_AUTHORS }, (_, i) => [
    { key: `author${i + 1}`, header: `作者${i + 1}`, en: `Author ${i + 1}`, hint: `Author ${i + 1}: member's name, or phone number or member ID when names repeat`, width: 14 },
    { key: `share${i + 1}`, header: `贡献比例${i + 1}（%）`, en: `Share ${i + 1} (%)`, hint: `Share of author ${i + 1} in percent; the shares add up to 100`, width: 12 },
  ]).flat(),
];

export type Cell = string | number | boolean | Date | null;

/** One row as read from the sheet (row numbers as Excel counts them) or from the API (1-based). */
export type ImportLine = {
  row: number;
  kind: Cell; category: Cell; title: Cell; problem: Cell; content: Cell; expectedBenefit: Cell; expectedBenefitYuan: Cell;
  authors: { member: Cell; share: Cell }[];
};

export type ImportProblem = { row: number; column: string; columnEn: string; zh: string; en: string };

/** A resolved author reference: a member in the office's subtree, or why not. */
export type AuthorRef = { ok: true; memberId: string; name: string } | { ok: false; zh: string; en: string };

export type ValidRow = {
  row: number; kind: Kind; category: Category; title: string; problem: string; content: string; expectedBenefit: string;
  expectedBenefitYuan: number | null; authors: { memberId: string; name: string; share: number }[];
};

export const IMPORT_MESSAGES = {
  unreadable: "无法读取该文件，请上传由本页下载的建议导入模板（.xlsx）/ upload the .xlsx import template downloaded from this page",
  noFile: "请选择要导入的文件 / choose a file",
  noRows: "文件中没有可导入的建议 / the file has no proposals to import",
  tooMany: (max: number) => `一次最多导入 ${max} 条建议 / at most ${max} proposals at a time`,
  header: (h: string) => `表头「${h}」不是模板中的列，请使用本页下载的模板 / column "${h}" is not in the template: use the template from this page`,
  missingHeader: (h: string, en: string) => `缺少「${h}」列，请使用本页下载的模板 / the column ${en} is missing: use the template from this page`,
  summary: (n: number, first: string) => `${first}；共 ${n} 处错误，未导入任何建议 / ${n} problem${n > 1 ? "s" : ""}: nothing was imported`,
} as const;

/** "第 3 行「作者1」：… / row 3, Author 1: …" (row 0: the file as a whole). */
export function describeImportProblem(p: ImportProblem): string {
  if (p.row <= 0) return `${p.zh} / ${p.en}`;
  return `第 ${p.row} 行「${p.column}」：${p.zh} / row ${p.row}, ${p.columnEn}: ${p.en}`;
}

const text = (v: Cell): string => {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
};

const column = (key: string) => IMPORT_COLUMNS.find((c) => c.key === key)!;
const authorColumn = (i: number) => (i < IMPORT_MAX_AUTHORS ? column(`author${i + 1}`) : { header: `作者${i + 1}`, en: `Author ${i + 1}` });
const shareColumn = (i: number) => (i < IMPORT_MAX_AUTHORS ? column(`share${i + 1}`) : { header: `贡献比例${i + 1}（%）`, en: `Share ${i + 1} (%)` });

function pick<T extends string>(value: string, keys: readonly T[], zh: Record<T, string>, en: Record<T, string>): T | null {
  const v = value.trim().toLowerCase();
  if (!v) return null;
  return keys.find((k) => k === v || zh[k] === value.trim() || en[k].toLowerCase() === v) ?? null;
}

/** A row is empty when none of its cells holds anything (such rows are skipped). */
export function isEmptyLine(line: ImportLine): boolean {
  return [line.kind, line.category, line.title, line.problem, line.content, line.expectedBenefit, line.expectedBenefitYuan, ...line.authors.flatMap((a) => [a.member, a.share])].every((v) => text(v) === "");
}

/** The distinct author references of the lines (what the server has to resolve). */
export function authorReferences(lines: readonly ImportLine[]): string[] {
  return [...new Set(lines.flatMap((l) => l.authors.map((a) => text(a.member)).filter(Boolean)))];
}

/**
 * Every row checked (issue 16): kind and category from the lists, a title, texts within their
 * lengths, a whole non-negative expected benefit, authors who are members in the office's
 * subtree (`resolve`), each with a share, the shares adding up to 100 % (rule of issue 16 item 1).
 * Returns the rows ready to write only when there is no problem at all.
 */
export function checkImportLines(lines: readonly ImportLine[], resolve: (ref: string) => AuthorRef): { rows: ValidRow[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const rows: ValidRow[] = [];
  for (const line of lines) {
    const add = (key: { header: string; en: string }, zh: string, en: string) => problems.push({ row: line.row, column: key.header, columnEn: key.en, zh, en });
    const before = problems.length;
    const kind = pick(text(line.kind), KINDS, KIND_LABELS, KIND_LABELS_EN);
    if (!kind) add(column("kind"), text(line.kind) ? `「${text(line.kind)}」不是有效类型，请填写 合理化建议 或 技术创新成果` : "请填写类型：合理化建议 或 技术创新成果", "give 合理化建议 (proposal) or 技术创新成果 (innovation)");
    const category = pick(text(line.category), CATEGORIES, CATEGORY_LABELS, CATEGORY_LABELS_EN);
    if (!category) add(column("category"), `${text(line.category) ? `「${text(line.category)}」不在类别列表中` : "请填写类别"}，可选：${CATEGORIES.map((c) => CATEGORY_LABELS[c]).join("、")}`, `choose one of ${CATEGORIES.join(", ")}`);
    const title = text(line.title);
    if (title.length < 2 || title.length > 80) add(column("title"), "标题须为 2 至 80 个字", "a title of 2 to 80 characters");
    const limits: [keyof ImportLine & ("problem" | "content" | "expectedBenefit"), number][] = [["problem", 2000], ["content", 4000], ["expectedBenefit", 1000]];
    for (const [key, max] of limits) if (text(line[key]).length > max) add(column(key), `不能超过 ${max} 个字`, `at most ${max} characters`);
    let yuan: number | null = null;
    const yuanText = text(line.expectedBenefitYuan).replace(/[,，\s]/g, "");
    if (yuanText) {
      const n = typeof line.expectedBenefitYuan === "number" ? line.expectedBenefitYuan : /^\d+$/.test(yuanText) ? Number(yuanText) : NaN;
      if (!Number.isInteger(n) || n < 0 || n > 1e12) add(column("expectedBenefitYuan"), `「${text(line.expectedBenefitYuan)}」不是不小于 0 的整数（元）`, "a whole number of yuan, not negative");
      else yuan = n;
    }
    const authors: ValidRow["authors"] = [];
    let authorsOk = true;
    // cells formatted as percentages arrive as fractions (60 % = 0.6): all numbers adding up to 1
    const filled = line.authors.filter((a) => text(a.share) !== "");
    const fractions = filled.length > 0 && filled.every((a) => typeof a.share === "number" && a.share < 1) && Math.abs(filled.reduce((s, a) => s + (a.share as number), 0) - 1) < 1e-9;
    line.authors.forEach((a, i) => {
      const ref = text(a.member);
      const shareText = text(a.share);
      if (!ref && !shareText) return;
      if (!ref) { add(authorColumn(i), "填写了贡献比例但没有填写作者", "a share without an author"); authorsOk = false; return; }
      const share = fractions ? parsePercent(String(Math.round((a.share as number) * 10000) / 100)) : parsePercent(shareText);
      if (!shareText) { add(shareColumn(i), `请填写作者「${ref}」的贡献比例`, `give the share of ${ref}`); authorsOk = false; }
      else if (share === null || share <= 0 || share > 10000) { add(shareColumn(i), `「${shareText}」不是有效的贡献比例，须为大于 0 且不超过 100 的数，最多两位小数`, "a percent above 0 and at most 100, with at most two decimals"); authorsOk = false; }
      const found = resolve(ref);
      if (!found.ok) { add(authorColumn(i), found.zh, found.en); authorsOk = false; return; }
      if (authors.some((x) => x.memberId === found.memberId)) { add(authorColumn(i), `作者「${found.name}」重复`, `${found.name} is listed twice`); authorsOk = false; return; }
      if (share !== null) authors.push({ memberId: found.memberId, name: found.name, share });
    });
    if (authorsOk && authors.length === 0) add(authorColumn(0), "至少需要一名作者", "at least one author");
    else if (authorsOk) {
      const shareProblems = checkShares(authors);
      if (shareProblems.length) {
        const sum = authors.reduce((s, a) => s + a.share, 0);
        add(shareColumn(0), `作者贡献比例合计须为 100%，现为 ${(sum / 100).toString()}%`, `the authors' shares must add up to 100 %; they add up to ${(sum / 100).toString()} %`);
      }
    }
    if (problems.length === before && kind && category) {
      rows.push({ row: line.row, kind, category, title, problem: text(line.problem), content: text(line.content), expectedBenefit: text(line.expectedBenefit), expectedBenefitYuan: yuan, authors });
    }
  }
  return { rows: problems.length ? [] : rows, problems };
}
