import { AWARDS, CATEGORIES, type AwardKey } from "./domain";

// The structure breakdown of a list (issue 13 item 8), as 全总 publishes it each year: by
// category, ownership, sex, ethnicity (汉族 / 少数民族), age band (< 35, 35–60, > 60 in the
// campaign's year) and education (专科及以上 or not). Pure: rows in, bars out.

export type Bars = { label: string; value: number }[];
type Row = { award: string; kind: string; category: string; ownership: string; sex: string; ethnicity: string; birthMonth: string; education: string };

function count(rows: readonly Row[], keyOf: (r: Row) => string | null, order: readonly string[] = []): Bars {
  const counts = new Map<string, number>(order.map((k) => [k, 0]));
  for (const r of rows) {
    const k = keyOf(r);
    if (k === null) continue;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].map(([label, value]) => ({ label, value }));
}

export function ageBand(birthMonth: string, year: number): string | null {
  const y = Number(birthMonth.slice(0, 4));
  if (!y) return null;
  const age = year - y;
  return age < 35 ? "35岁以下" : age <= 60 ? "35–60岁" : "60岁以上";
}

const HIGHER = new Set(["研究生", "大学本科", "大学专科"]);

export function structureBreakdown(rows: readonly Row[], year: number, _now = new Date()) {
  const people = rows.filter((r) => r.kind === "individual");
  return {
    byAward: count(rows, (r) => AWARDS[r.award as AwardKey]?.label ?? r.award),
    byCategory: count(people, (r) => r.category || null, CATEGORIES),
    byOwnership: count(rows, (r) => r.ownership || "未填", ["公有", "非公"]),
    bySex: count(people, (r) => r.sex || "未填", ["男", "女"]),
    byEthnicity: count(people, (r) => (!r.ethnicity ? "未填" : r.ethnicity === "汉族" ? "汉族" : "少数民族"), ["汉族", "少数民族"]),
    byAge: count(people, (r) => ageBand(r.birthMonth, year) ?? "未填", ["35岁以下", "35–60岁", "60岁以上"]),
    byEducation: count(people, (r) => (!r.education ? "未填" : HIGHER.has(r.education) ? "专科及以上" : "专科以下"), ["专科及以上", "专科以下"]),
  };
}
