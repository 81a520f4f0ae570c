import { bi } from "./bilingual";
// The 安康杯 score sheet (考核评分表) and its arithmetic (rules ).
// A sheet has sections of scored items (each with its maximum and optionally a deduction rule
// "each missing element −1"), 鼓励项 bonus items capped in total, and 否决项 veto items.

export type DeductionRule = { perMissing: number; elements: string[] };

export type SheetItem = {
  code: string;
  title: string;
  maxPoints: number;
  /** rule A-10: e.g. "非主要领导任主任 −1" : each missing element costs perMissing */
  deduction?: DeductionRule | null;
  /** the ten actions this item is evidenced by */
  actions?: string[];
};
export type SheetSection = { code: string; title: string; items: SheetItem[] };
export type BonusItem = { code: string; title: string; maxPoints: number };
export type VetoItem = { code: string; title: string };

export type SheetDefinition = {
  sections: SheetSection[];
  bonusItems: BonusItem[];
  vetoItems: VetoItem[];
};

/** One item's entry: a score, or the list of missing elements when the item has a deduction rule. */
export type ItemEntry = { itemCode: string; score?: number | null; missing?: string[] };
export type SheetEntries = {
  items: ItemEntry[];
  bonus: { itemCode: string; score: number }[];
  /** veto item codes that apply */
  vetoes: string[];
};

export type SheetError =
  | { code: "unknownItem"; itemCode: string }
  | { code: "scoreAboveMax"; itemCode: string; max: number; score: number }
  | { code: "scoreNegative"; itemCode: string }
  | { code: "unknownElement"; itemCode: string; element: string }
  | { code: "itemUnscored"; itemCode: string }
  | { code: "bonusAboveCap"; cap: number; total: number };

export type SectionResult = { code: string; title: string; max: number; score: number; rate: number; complete: boolean };
export type SheetResult = {
  sections: SectionResult[];
  /** sum of the sections, before bonus */
  baseScore: number;
  baseMax: number;
  bonus: number;
  total: number;
  vetoed: boolean;
  vetoes: string[];
  unscored: string[];
};

export function sheetMax(sheet: SheetDefinition): number {
  return roundPoints(sheet.sections.reduce((sum, s) => sum + sectionMax(s), 0));
}

export function sectionMax(section: SheetSection): number {
  return roundPoints(section.items.reduce((sum, i) => sum + i.maxPoints, 0));
}

/** Points are kept to one hundredth so that sums of halves and quarters stay exact. */
export function roundPoints(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The score an entry gives its item: the deduction rule applies when the entry lists missing elements. */
export function itemScore(item: SheetItem, entry: ItemEntry): number | null {
  if (entry.missing && item.deduction) {
    return Math.max(0, roundPoints(item.maxPoints - item.deduction.perMissing * new Set(entry.missing).size));
  }
  return entry.score ?? null;
}

/**
 * Checks entries against the sheet. Saving a draft checks maxima and the bonus cap (rule A-10);
 * submitting (`complete: true`) also refuses an unscored item.
 */
export function validateEntries(sheet: SheetDefinition, entries: SheetEntries, opts: { bonusCap: number; complete: boolean }): SheetError[] {
  const errors: SheetError[] = [];
  const items = new Map(sheet.sections.flatMap((s) => s.items).map((i) => [i.code, i]));
  const bonusItems = new Map(sheet.bonusItems.map((b) => [b.code, b]));
  const vetoItems = new Set(sheet.vetoItems.map((v) => v.code));
  const scored = new Set<string>();
  for (const entry of entries.items) {
    const item = items.get(entry.itemCode);
    if (!item) { errors.push({ code: "unknownItem", itemCode: entry.itemCode }); continue; }
    if (entry.missing && item.deduction) {
      for (const m of entry.missing) if (!item.deduction.elements.includes(m)) errors.push({ code: "unknownElement", itemCode: item.code, element: m });
    }
    const score = itemScore(item, entry);
    if (score == null) continue;
    if (!Number.isFinite(score) || score < 0) errors.push({ code: "scoreNegative", itemCode: item.code });
    else if (score > item.maxPoints) errors.push({ code: "scoreAboveMax", itemCode: item.code, max: item.maxPoints, score });
    else scored.add(item.code);
  }
  let bonusTotal = 0;
  for (const b of entries.bonus) {
    const item = bonusItems.get(b.itemCode);
    if (!item) { errors.push({ code: "unknownItem", itemCode: b.itemCode }); continue; }
    if (!Number.isFinite(b.score) || b.score < 0) errors.push({ code: "scoreNegative", itemCode: b.itemCode });
    else if (b.score > item.maxPoints) errors.push({ code: "scoreAboveMax", itemCode: b.itemCode, max: item.maxPoints, score: b.score });
    else bonusTotal += b.score;
  }
  bonusTotal = roundPoints(bonusTotal);
  if (bonusTotal > opts.bonusCap) errors.push({ code: "bonusAboveCap", cap: opts.bonusCap, total: bonusTotal });
  for (const v of entries.vetoes) if (!vetoItems.has(v)) errors.push({ code: "unknownItem", itemCode: v });
  if (opts.complete) for (const code of items.keys()) if (!scored.has(code)) errors.push({ code: "itemUnscored", itemCode: code });
  return errors;
}

/** The sheet's totals. Bonus is capped (rule A-10: 鼓励项 up to +4); a veto item voids the result (一票否决). */
export function scoreSheet(sheet: SheetDefinition, entries: SheetEntries, bonusCap: number): SheetResult {
  const byCode = new Map(entries.items.map((e) => [e.itemCode, e]));
  const unscored: string[] = [];
  const sections = sheet.sections.map((section) => {
    let score = 0;
    let complete = true;
    for (const item of section.items) {
      const entry = byCode.get(item.code);
      const s = entry ? itemScore(item, entry) : null;
      if (s == null) { complete = false; unscored.push(item.code); continue; }
      score += Math.min(Math.max(s, 0), item.maxPoints);
    }
    const max = sectionMax(section);
    score = roundPoints(score);
    return { code: section.code, title: section.title, max, score, rate: max > 0 ? score / max : 1, complete };
  });
  const bonusMax = new Map(sheet.bonusItems.map((b) => [b.code, b.maxPoints]));
  const bonusRaw = entries.bonus.reduce((sum, b) => sum + Math.min(Math.max(b.score, 0), bonusMax.get(b.itemCode) ?? 0), 0);
  const bonus = roundPoints(Math.min(bonusRaw, bonusCap));
  const baseScore = roundPoints(sections.reduce((sum, s) => sum + s.score, 0));
  const vetoCodes = new Set(sheet.vetoItems.map((v) => v.code));
  const vetoes = entries.vetoes.filter((v) => vetoCodes.has(v));
  return {
    sections,
    baseScore,
    baseMax: sheetMax(sheet),
    bonus,
    total: roundPoints(baseScore + bonus),
    vetoed: vetoes.length > 0,
    vetoes,
    unscored,
  };
}

/** Per-item difference between the review and the self-assessment (issue 15 §3). */
export function itemDifferences(sheet: SheetDefinition, self: SheetEntries, review: SheetEntries): { itemCode: string; title: string; self: number | null; review: number | null; difference: number | null }[] {
  const selfBy = new Map(self.items.map((e) => [e.itemCode, e]));
  const reviewBy = new Map(review.items.map((e) => [e.itemCode, e]));
  return sheet.sections.flatMap((s) => s.items).map((item) => {
    const a = selfBy.get(item.code);
    const b = reviewBy.get(item.code);
    const sa = a ? itemScore(item, a) : null;
    const sb = b ? itemScore(item, b) : null;
    return { itemCode: item.code, title: item.title, self: sa, review: sb, difference: sa != null && sb != null ? roundPoints(sb - sa) : null };
  });
}

/** Checks a sheet definition itself (editor, Excel import). Returns readable Chinese problems. */
export function checkSheetDefinition(sheet: SheetDefinition): string[] {
  const problems: string[] = [];
  const codes = new Set<string>();
  const seen = (code: string) => {
    if (codes.has(code)) problems.push(bi(`编号 ${code} 重复`, `code ${code} is used twice`));
    codes.add(code);
  };
  if (sheet.sections.length === 0) problems.push(bi("评分表至少需要一个部分", "the sheet needs at least one section"));
  for (const s of sheet.sections) {
    seen(s.code);
    if (s.items.length === 0) problems.push(bi(`部分 ${s.code} 没有评分项`, `section ${s.code} has no items`));
    for (const i of s.items) {
      seen(i.code);
      if (!(i.maxPoints > 0)) problems.push(bi(`评分项 ${i.code} 的分值须大于 0`, `item ${i.code}: the points must be more than 0`));
      if (i.deduction && !(i.deduction.perMissing > 0)) problems.push(bi(`评分项 ${i.code} 的扣分须大于 0`, `item ${i.code}: the deduction must be more than 0`));
    }
  }
  for (const b of sheet.bonusItems) { seen(b.code); if (!(b.maxPoints > 0)) problems.push(bi(`鼓励项 ${b.code} 的分值须大于 0`, `bonus item ${b.code}: the points must be more than 0`)); }
  for (const v of sheet.vetoItems) seen(v.code);
  return problems;
}
