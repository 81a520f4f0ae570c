import { db } from "~/utils/db.server";
import { assertPermission, hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { newWorkbook, openWorksheet, type PlainSheet } from "~/utils/xlsx.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { notifyAuthors, placementOf } from "./proposals.server";
import { CATEGORIES, CATEGORY_LABELS, KINDS, KIND_LABELS } from "./settings";
import {
  authorReferences, checkImportLines, describeImportProblem, IMPORT_COLUMNS, IMPORT_MAX_AUTHORS, IMPORT_MAX_ROWS, IMPORT_MESSAGES, IMPORT_SHEET, isEmptyLine,
  type AuthorRef, type Cell, type ImportLine, type ImportProblem,
} from "./import-rows";

// Excel import of 合理化建议 / 技术创新成果 by a unit's union office (issue 16, Acceptance "all-or-nothing
// imports"): the template (Chinese headers, English hints in row 2), the reader, and the import
// itself. Every row is checked before anything is written; one bad row imports nothing and the
// answer names the row and the column. The API takes the same rows as JSON.

/** The template: the column headers, the hint row, lists for kind and category, and the instructions. */
export async function proposalImportTemplate(user: SessionUser) {
  assertPermission(user, "proposal:manage");
  const wb = await newWorkbook();
  wb.creator = "工赛 Gongsai";
  const ws = wb.addWorksheet(IMPORT_SHEET, { views: [{ state: "frozen", ySplit: 2 }] });
  ws.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const hint = ws.addRow(IMPORT_COLUMNS.map((c) => c.hint));
  hint.font = { italic: true, color: { argb: "FF666666" } };
  hint.alignment = { wrapText: true, vertical: "top" };
  const list = (values: string[]) => ({ type: "list" as const, allowBlank: true, formulae: [`"${values.join(",")}"`], showErrorMessage: true, errorTitle: "请从列表中选择", error: values.join("、") });
  const letter = (key: string) => ws.getColumn(key).letter;
  const validations = (ws as unknown as { dataValidations: { add(range: string, rule: unknown): void } }).dataValidations;
  validations.add(`${letter("kind")}3:${letter("kind")}${IMPORT_MAX_ROWS + 2}`, list(KINDS.map((k) => KIND_LABELS[k])));
  validations.add(`${letter("category")}3:${letter("category")}${IMPORT_MAX_ROWS + 2}`, list(CATEGORIES.map((c) => CATEGORY_LABELS[c])));
  const help = wb.addWorksheet("填写说明 Instructions");
  help.getColumn(1).width = 120;
  [
    "每行一条建议或成果；第 1 行为表头，第 2 行为英文说明，请勿修改。/ One proposal per row; row 1 holds the headers and row 2 the English hints: leave both as they are.",
    `作者须为本单位范围内的会员，填写姓名；同名时填写手机号或会员编号。最多 ${IMPORT_MAX_AUTHORS} 名作者，贡献比例合计须为 100%。/ Authors are members of your unit's subtree, by name (phone or member ID when names repeat); at most ${IMPORT_MAX_AUTHORS}, shares adding up to 100 %.`,
    `类别：${CATEGORIES.map((c) => CATEGORY_LABELS[c]).join("、")}。导入的建议进入收件箱（已提交）。/ Categories as listed; imported proposals arrive in the inbox as submitted.`,
    "只要有一行有误，整个文件都不会导入，系统会列出出错的行和列。/ If any row is wrong nothing is imported, and every problem is named by row and column.",
  ].forEach((line) => help.addRow([line]));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: "合理化建议导入模板.xlsx" };
}

const cellText = (v: Cell) => (v === null || v === undefined ? "" : String(v).trim());

/** The sheet's rows as lines, by header text; the hint row and empty rows are skipped. */
export async function readProposalWorkbook(bytes: Uint8Array): Promise<{ lines: ImportLine[]; problems: ImportProblem[] }> {
  const sheet: PlainSheet = await openWorksheet(bytes, IMPORT_SHEET, IMPORT_MESSAGES.unreadable);
  const problems: ImportProblem[] = [];
  const byKey = new Map<string, number>();
  for (let c = 1; c <= sheet.columnCount; c++) {
    const h = cellText(sheet.getRow(1).getCell(c).value);
    if (!h) continue;
    const col = IMPORT_COLUMNS.find((x) => x.header === h || x.en.toLowerCase() === h.toLowerCase());
    if (!col) problems.push({ row: 0, column: h, columnEn: h, zh: IMPORT_MESSAGES.header(h).split(" / ")[0], en: IMPORT_MESSAGES.header(h).split(" / ")[1] });
    else byKey.set(col.key, c);
  }
  for (const key of ["kind", "category", "title", "author1", "share1"]) {
    if (!byKey.has(key)) {
      const col = IMPORT_COLUMNS.find((x) => x.key === key)!;
      const [zh, en] = IMPORT_MESSAGES.missingHeader(col.header, col.en).split(" / ");
      problems.push({ row: 0, column: col.header, columnEn: col.en, zh, en });
    }
  }
  if (problems.length) return { lines: [], problems };
  const lines: ImportLine[] = [];
  const isHint = (r: number) => IMPORT_COLUMNS.some((c) => byKey.has(c.key) && cellText(sheet.getRow(r).getCell(byKey.get(c.key)!).value) === c.hint);
  for (let r = 2; r <= sheet.rowCount; r++) {
    if (isHint(r)) continue;
    const cell = (key: string): Cell => (byKey.has(key) ? sheet.getRow(r).getCell(byKey.get(key)!).value : null);
    const line: ImportLine = {
      row: r, kind: cell("kind"), category: cell("category"), title: cell("title"), problem: cell("problem"), content: cell("content"),
      expectedBenefit: cell("expectedBenefit"), expectedBenefitYuan: cell("expectedBenefitYuan"),
      authors: Array.from({ length: IMPORT_MAX_AUTHORS }, (_, i) => ({ member: cell(`author${i + 1}`), share: cell(`share${i + 1}`) })),
    };
    if (!isEmptyLine(line)) lines.push(line);
  }
  return { lines, problems };
}

function refuse(problems: ImportProblem[]): never {
  const lines = problems.map(describeImportProblem);
  throw new AppError(400, "invalid_rows", IMPORT_MESSAGES.summary(problems.length, lines[0]),
    problems.slice(0, 200).map((p, i) => ({ path: p.row > 0 ? `rows.${p.row}` : "file", message: lines[i] })),
    { problems: problems.slice(0, 200) });
}

/** Members the office may name: in its proposal:manage subtree, not merged away; by id, name or phone. */
async function authorResolver(user: SessionUser, refs: string[]): Promise<(ref: string) => AuthorRef> {
  const paths = userScope(user, "proposal:manage");
  const members = refs.length && paths.length
    ? await db.member.findMany({
      where: { supersededById: null, OR: [{ id: { in: refs } }, { name: { in: refs } }, { phone: { in: refs } }], org: { OR: paths.map((p) => ({ path: { startsWith: p } })) } },
      select: { id: true, name: true, phone: true },
      take: 5000,
    })
    : [];
  return (ref) => {
    const byId = members.find((m) => m.id === ref);
    if (byId) return { ok: true, memberId: byId.id, name: byId.name };
    const byPhone = members.filter((m) => m.phone === ref);
    if (byPhone.length === 1) return { ok: true, memberId: byPhone[0].id, name: byPhone[0].name };
    const byName = members.filter((m) => m.name === ref);
    if (byName.length === 1) return { ok: true, memberId: byName[0].id, name: byName[0].name };
    if (byName.length > 1 || byPhone.length > 1) return { ok: false, zh: `本单位有 ${Math.max(byName.length, byPhone.length)} 名会员名为「${ref}」，请改填手机号或会员编号`, en: `${Math.max(byName.length, byPhone.length)} members match "${ref}": give the phone number or member ID` };
    return { ok: false, zh: `找不到会员「${ref}」，作者须为本单位范围内的会员`, en: `no member "${ref}" in your unit's subtree` };
  };
}

export type ProposalImportOutcome = { imported: number; ids: string[] };

/**
 * Imports the lines as submitted proposals in the office's inbox, all or nothing: any problem in
 * any row and nothing is written (issue 16). Each proposal gets its own `proposal.imported` event
 * and the authors are told; one `proposal.import` event sums the batch up.
 */
export async function importProposalLines(user: SessionUser, input: { lines: ImportLine[]; headerProblems?: ImportProblem[]; file?: string }, actor: Actor, source: "xlsx" | "api"): Promise<ProposalImportOutcome> {
  assertPermission(user, "proposal:manage");
  if (input.headerProblems?.length) refuse(input.headerProblems);
  const lines = input.lines.filter((l) => !isEmptyLine(l));
  if (lines.length === 0) throw badRequest(IMPORT_MESSAGES.noRows, [{ path: "file", message: IMPORT_MESSAGES.noRows }], "no_rows");
  if (lines.length > IMPORT_MAX_ROWS) throw badRequest(IMPORT_MESSAGES.tooMany(IMPORT_MAX_ROWS), [{ path: "file", message: IMPORT_MESSAGES.tooMany(IMPORT_MAX_ROWS) }], "too_many_rows");
  const resolve = await authorResolver(user, authorReferences(lines));
  const { rows, problems } = checkImportLines(lines, resolve);
  // the receiving unit: the first author's grass-roots union, which must be in the office's scope
  const placements = new Map<string, Awaited<ReturnType<typeof placementOf>>>();
  for (const row of rows) {
    for (const a of row.authors) if (!placements.has(a.memberId)) placements.set(a.memberId, await placementOf(db, a.memberId));
    const lead = placements.get(row.authors[0].memberId);
    if (!lead?.unitId || !lead.unitPath || !hasPermission(user, "proposal:manage", lead.unitPath)) {
      problems.push({ row: row.row, column: "作者1", columnEn: "Author 1", zh: "第一作者不属于您所管理的基层工会，无法确定受理单位", en: "the first author belongs to no grass-roots union you manage" });
    }
  }
  if (problems.length) refuse(problems.sort((a, b) => a.row - b.row));
  return db.$transaction(async (tx) => {
    const now = new Date();
    const ids: string[] = [];
    for (const row of rows) {
      const lead = placements.get(row.authors[0].memberId)!;
      const proposal = await tx.proposal.create({
        data: {
          kind: row.kind, category: row.category, title: row.title, problem: row.problem, content: row.content,
          expectedBenefit: row.expectedBenefit, expectedBenefitYuan: row.expectedBenefitYuan,
          unitId: lead.unitId!, unitPath: lead.unitPath!, unitName: lead.unitName ?? "", teamId: lead.teamId,
          state: "submitted", submittedAt: now, createdById: user.id,
          authors: { create: row.authors.map((a, i) => { const p = placements.get(a.memberId)!; return { memberId: a.memberId, name: p.name, share: a.share, position: i, unitId: p.unitId, teamId: p.teamId, isFrontline: p.isFrontline }; }) },
        },
      });
      ids.push(proposal.id);
      await recordEvent(tx, actor, {
        action: "proposal.imported", entityType: "Proposal", entityId: proposal.id, orgId: proposal.unitId,
        after: { source, row: row.row, kind: row.kind, title: row.title, state: "submitted", authors: row.authors.map((a) => ({ memberId: a.memberId, share: a.share })) },
      });
      await notifyAuthors(tx, proposal.id, `您的「${row.title}」已由${proposal.unitName}工会办公室录入 / "${row.title}" was entered by the union office`);
    }
    await recordEvent(tx, actor, { action: "proposal.import", entityType: "ProposalImport", entityId: null, orgId: placements.get(rows[0].authors[0].memberId)?.unitId ?? null, after: { source, count: ids.length, ids, file: input.file?.slice(0, 200) ?? null } });
    return { imported: ids.length, ids };
  }, { timeout: 120_000, maxWait: 10_000 });
}

/** The uploaded template, imported all or nothing. */
export async function importProposalWorkbook(user: SessionUser, file: { name: string; bytes: Uint8Array }, actor: Actor) {
  assertPermission(user, "proposal:manage");
  const read = await readProposalWorkbook(file.bytes);
  return importProposalLines(user, { lines: read.lines, headerProblems: read.problems, file: file.name }, actor, "xlsx");
}
