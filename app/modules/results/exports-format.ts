// Pure formatting for the results exports: the table's columns and CSV text. No I/O.

export type ExportRow = {
  rank: number | null;
  stationCode: string;
  /** null when the reader may not see who the entrant is (rules S-33, S-34) */
  name: string | null;
  unitName: string | null;
  scores: string[];
  totalText: string;
  prizeLabel: string | null;
  outcomes: string[];
  disqualified: boolean;
};

export const RESULT_COLUMNS = { rank: "名次", station: "工位号", name: "姓名", unit: "单位", total: "总分", prize: "奖项", outcomes: "奖励与晋升" } as const;

/** The header row: 名次, 工位号, 姓名, 单位, one column per component, 总分, 奖项, 奖励与晋升. */
export function resultHeader(componentNames: readonly string[]): string[] {
  const c = RESULT_COLUMNS;
  return [c.rank, c.station, c.name, c.unit, ...componentNames, c.total, c.prize, c.outcomes];
}

export function resultCells(row: ExportRow): string[] {
  return [
    row.rank === null ? (row.disqualified ? "取消成绩" : "") : String(row.rank),
    row.stationCode,
    row.name ?? "",
    row.unitName ?? "",
    ...row.scores,
    row.totalText,
    row.prizeLabel ?? "",
    row.outcomes.join("；"),
  ];
}

/**
 * One CSV field: quoted when needed; a leading = + - @ (a formula in a spreadsheet) is
 * neutralised with an apostrophe, except for plain numbers such as "-1.5".
 */
export function csvField(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** UTF-8 CSV with a byte-order mark (so Excel reads the Chinese text) and CRLF line ends. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return "\uFEFF" + rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
