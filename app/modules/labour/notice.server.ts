import type { SessionUser } from "~/utils/auth.server";
import { newWorkbook } from "~/utils/xlsx.server";
import { startChineseDocument } from "~/utils/pdf.server";
import { getPeriod } from "./labour.server";

// 月度考评通报 (the period notice) for the month-end meeting (rule L-11): the ranking of every
// group with the indicator scores, the banners, the vetoes and the events of the period, as PDF
// and Excel. Same facts as the period page.

const pts = (h: number) => (h / 100).toFixed(2);
const GROUP_LABELS: Record<string, string> = { section: "标段", area: "工区", team: "班组" };
/** a 标段 or 工区 takes the 流动红旗; a 班组 the month's 优秀班组 award (rule L-7) */
const awardOf = (banners: readonly { unitId: string; group: string }[], unitId: string) => {
  const b = banners.find((x) => x.unitId === unitId);
  return !b ? "" : b.group === "team" ? "月度优秀班组" : "流动红旗";
};

export async function periodNoticeWorkbook(user: SessionUser, projectId: string, periodId: string) {
  const d = await getPeriod(user, projectId, periodId);
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet("考评通报");
  sheet.addRow([`${d.project.name} ${d.period.label} 考评通报`]);
  sheet.addRow([`考评期 ${d.period.from} 至 ${d.period.to}；签字委员：${d.signatures.map((s) => s.name).join("、") || "无"}`]);
  sheet.addRow([]);
  sheet.addRow(["分组", "名次", "单位", ...d.set.indicators.map((i) => i.name), "总分", "流动红旗 / 优秀班组", "说明"]);
  for (const r of d.board) {
    sheet.addRow([GROUP_LABELS[r.group] ?? r.group, r.rank ?? "取消资格", r.name, ...d.set.indicators.map((i) => Number(pts(r.scores[i.key] ?? 0))), Number(pts(r.total)), awardOf(d.banners, r.unitId), r.reasons.join("；")]);
  }
  if (d.events.length) {
    const events = wb.addWorksheet("加减分事项");
    events.addRow(["日期", "单位", "事项", "分值", "说明"]);
    for (const e of d.events) events.addRow([e.date, e.name, e.label, Number(pts(e.points)), e.note]);
  }
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${d.project.name}-${d.period.label}-考评通报.xlsx` };
}

export async function periodNoticePdf(user: SessionUser, projectId: string, periodId: string) {
  const d = await getPeriod(user, projectId, periodId);
  const { doc, done } = await startChineseDocument({ margin: 48, info: { Title: `${d.project.name} ${d.period.label} 考评通报` } });
  doc.fontSize(18).text(`${d.project.name}`, { align: "center" });
  doc.fontSize(15).text(`${d.period.label} 劳动竞赛考评通报`, { align: "center" });
  doc.moveDown(0.5).fontSize(10).text(`考评期 ${d.period.from} 至 ${d.period.to}　签字委员：${d.signatures.map((s) => s.name).join("、") || "（未签字）"}`);
  for (const group of ["section", "area", "team"]) {
    const rows = d.board.filter((r) => r.group === group);
    if (!rows.length) continue;
    doc.moveDown(0.8).fontSize(13).text(`${GROUP_LABELS[group]}排名`);
    doc.fontSize(10);
    for (const r of rows) {
      const banner = awardOf(d.banners, r.unitId) ? `　★${awardOf(d.banners, r.unitId)}` : "";
      doc.text(`${r.rank ?? "取消资格"}　${r.name}　总分 ${pts(r.total)}${banner}`);
      doc.fontSize(8).fillColor("#555").text(d.set.indicators.map((i) => `${i.name} ${pts(r.scores[i.key] ?? 0)}`).join("　") + (r.reasons.length ? `　${r.reasons.map((x) => x.split(" / ")[0]).join("；")}` : "")).fillColor("#000").fontSize(10);
    }
  }
  if (d.events.length) {
    doc.moveDown(0.8).fontSize(13).text("加减分事项");
    doc.fontSize(10);
    for (const e of d.events) doc.text(`${e.date}　${e.name}　${e.label}　${e.points > 0 ? "+" : ""}${pts(e.points)}　${e.note}`);
  }
  doc.moveDown(1).fontSize(9).fillColor("#555").text("本通报由考评委员会签字后存档。");
  doc.end();
  return { buffer: await done, filename: `${d.project.name}-${d.period.label}-考评通报.pdf` };
}
