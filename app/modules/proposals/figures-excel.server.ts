import { newWorkbook } from "~/utils/xlsx.server";
import type { FigureRow } from "./proposals.server";

// 合理化建议统计 as .xlsx: one sheet per unit, one per team, the same columns as the page.
export async function buildFiguresWorkbook(year: number, units: FigureRow[], teams: FigureRow[]): Promise<Uint8Array<ArrayBuffer>> {
  const wb = await newWorkbook();
  const header = ["单位/班组", "所属单位", "职工人数", "建议数", "每百名职工建议数", "已决定", "采纳数", "采纳率（%）", "确认年度效益（元）", "作者人次", "一线职工人次", "一线职工占比（%）"];
  for (const [name, rows] of [[`${year}年按单位`, units], [`${year}年按班组`, teams]] as const) {
    const ws = wb.addWorksheet(name);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow([r.name, r.parentName ?? "", r.workers, r.proposals, r.per100, r.decided, r.adopted, r.adoptionRate, r.confirmedBenefitYuan, r.authors, r.frontlineAuthors, r.frontlineShare]);
    ws.columns.forEach((c, i) => { c.width = i === 0 || i === 1 ? 28 : 14; });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
