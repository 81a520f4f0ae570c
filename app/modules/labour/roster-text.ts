// The roster as typed in the apply form: one line per entry, "kind,name,parent,fourth": the fourth
// column is a builder's start on site (rule L-9), or for a 参建单位 / 标段 / 工区 / 班组 the name of
// the organisation behind it (its 项目部), where its accidents are recorded (rules L-7, A-12).
// Pure, shared by the page and its tests.
import type { RosterKind } from "./year-end";

const KIND_WORDS: Record<string, RosterKind> = {
  参建单位: "unit", 单位: "unit", unit: "unit",
  标段: "section", section: "section",
  工区: "area", area: "area",
  班组: "team", team: "team",
  建设者: "builder", builder: "builder",
};

export type RosterLine = { kind: RosterKind; name: string; parent?: string; startOnSite?: string; orgName?: string };

export function parseRosterText(text: string): { lines: RosterLine[]; problems: { line: number; message: string }[] } {
  const lines: RosterLine[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const row = raw.trim();
    if (!row) return;
    const [kindWord, name, parent, start] = row.split(/[,，\t]/).map((c) => c.trim());
    const kind = KIND_WORDS[kindWord ?? ""];
    if (!kind) return problems.push({ line: i + 1, message: `第 ${i + 1} 行：类型应为 参建单位/标段/工区/班组/建设者 / line ${i + 1}: unknown kind "${kindWord}"` });
    if (!name) return problems.push({ line: i + 1, message: `第 ${i + 1} 行：缺少名称 / line ${i + 1}: the name is missing` });
    const fourth = start ? (kind === "builder" ? { startOnSite: start } : { orgName: start }) : {};
    lines.push({ kind, name, ...(parent ? { parent } : {}), ...fourth });
  });
  return { lines, problems };
}
