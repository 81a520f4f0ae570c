import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import { startChineseDocument } from "~/utils/pdf.server";
import { newWorkbook } from "~/utils/xlsx.server";
import { AWARDS, type AwardKey } from "./domain";
import { getCampaign, getNomination } from "./nominations.server";
import { structureBreakdown } from "./breakdown";

// Exports of the nominations module (issue 13 item 8): the 推荐审批表 of one candidate as a PDF
// (sealed-opinion and signature boxes for each level), the nominating body's 汇总表 as Excel in
// the column order offices use, and the structure breakdown behind the charts page.

// ------------------------------------------------------------------ 推荐审批表 (PDF)

export async function nominationFormPdf(user: SessionUser, nominationId: string) {
  const { nomination: n, campaign, unit, member, submission } = await getNomination(user, nominationId);
  const award = AWARDS[n.award as AwardKey]?.label ?? n.award;
  const { doc, done } = await startChineseDocument({ margin: 40, info: { Title: `${award}推荐审批表 ${n.name}`, Subject: campaign.title } });
  const left = 40;
  const width = doc.page.width - 80;
  doc.fontSize(18).text(`${campaign.title}`, left, 40, { width, align: "center" });
  doc.fontSize(16).text(`${award}推荐审批表`, { width, align: "center" });
  doc.moveDown(0.8);

  // A two-column grid of label | value cells, drawn as boxes.
  const labelWidth = 110;
  const row = (label: string, value: string, minHeight = 22) => {
    const y = doc.y;
    doc.fontSize(10);
    const h = Math.max(minHeight, doc.heightOfString(value || " ", { width: width - labelWidth - 10 }) + 10);
    if (y + h > doc.page.height - 50) { doc.addPage(); return row(label, value, minHeight); }
    doc.rect(left, y, labelWidth, h).stroke("#333");
    doc.rect(left + labelWidth, y, width - labelWidth, h).stroke("#333");
    doc.fillColor("#000").text(label, left + 5, y + 5, { width: labelWidth - 10 });
    doc.text(value || "", left + labelWidth + 5, y + 5, { width: width - labelWidth - 10 });
    doc.x = left;
    doc.y = y + h;
  };
  const individual = n.kind === "individual";
  row(individual ? "姓名" : "集体名称", n.name);
  if (individual) {
    row("性别 / 民族", [n.sex, n.ethnicity].filter(Boolean).join(" / "));
    row("出生年月", n.birthMonth);
    row("身份证号", member?.idNumberMasked ?? "");
    row("政治面貌 / 学历", [n.politicalStatus, n.education].filter(Boolean).join(" / "));
    row("工作单位及职务", `${unit.name} ${n.post}`);
    row("人员类别", [n.category, n.cadreRank, n.isMigrantWorker ? "农民工" : "", n.isNewEmployment ? "新就业形态劳动者" : "", n.isFrontline ? "一线职工" : ""].filter(Boolean).join("，"));
  } else {
    row("所属单位", n.parentUnit || unit.name);
    row("负责人 / 职工人数", [n.leaderName, n.headcount != null ? `${n.headcount} 人` : ""].filter(Boolean).join(" / "));
    row("是否班组、科室", n.isTeamOrOffice ? "是" : "否");
  }
  row("单位性质 / 所有制 / 行业", [n.unitType, n.ownership, n.industry, n.isKeyIndustry ? "重点产业" : ""].filter(Boolean).join(" / "));
  row("荣誉基础", n.priorHonours.map((h) => `${h.year}年 ${h.level} ${h.title}（${h.issuer}）`).join("\n"));
  row("奖惩情况", n.rewardsPenalties);
  row("主要事迹（简要）", n.deedsShort, 120);
  row("职工（代表）大会", n.congressDate ? `${n.congressDate}，到会 ${n.congressPresent} 人，赞成 ${n.congressFor} 票，反对 ${n.congressAgainst} 票` : "");
  if (individual && n.isLeader) row("民意测评", n.pollTotal ? `参加 ${n.pollTotal} 人，赞成 ${n.pollFor} 人` : "");
  row("本单位公示", n.localNoticeStart ? `${n.localNoticeStart} 至 ${n.localNoticeEnd}（${n.localNoticeDays} 个工作日），${n.localNoticeOutcome ?? ""}` : "");

  // Opinion boxes with seal and signature space: the unit, then each reviewing level.
  const opinion = (title: string) => {
    const h = 90;
    if (doc.y + h > doc.page.height - 50) doc.addPage();
    const y = doc.y;
    doc.rect(left, y, labelWidth, h).stroke("#333");
    doc.rect(left + labelWidth, y, width - labelWidth, h).stroke("#333");
    doc.fontSize(10).text(title, left + 5, y + 5, { width: labelWidth - 10 });
    doc.text("（盖章）", left + width - 150, y + h - 45, { width: 140 });
    doc.text("负责人签字：            年    月    日", left + labelWidth + 10, y + h - 22, { width: width - labelWidth - 20 });
    doc.x = left;
    doc.y = y + h;
  };
  opinion("所在单位意见");
  for (const level of submission?.levels ?? []) opinion(`${level}意见`);
  if (!submission) opinion("上级工会意见");
  doc.moveDown(0.5).fontSize(8).fillColor("#555").text(`生成于 ${new Date().toISOString().slice(0, 10)} · 工赛`, left, doc.y, { width, align: "right" });
  doc.end();
  return { pdf: await done, filename: `${award}推荐审批表-${n.name}.pdf` };
}

// ------------------------------------------------------------------ 汇总表 (Excel)

/** The usual order of a 推荐对象汇总表 column by column. */
export const SUMMARY_COLUMNS = [
  "序号", "奖项", "姓名（集体名称）", "性别", "民族", "出生年月", "政治面貌", "学历", "工作单位及职务", "单位性质", "所有制", "行业",
  "人员类别", "是否农民工", "是否一线职工", "是否班组科室", "荣誉基础", "简要事迹", "推荐单位", "状态",
] as const;

export async function campaignSummaryXlsx(user: SessionUser, campaignId: string) {
  const { campaign, nominations } = await getCampaign(user, campaignId);
  const rows = await db.nomination.findMany({ where: { id: { in: nominations.map((n) => n.id) }, status: { not: "withdrawn" } }, orderBy: [{ award: "asc" }, { createdAt: "asc" }] });
  const unitNames = new Map(nominations.map((n) => [n.orgId, n.orgName]));
  const wb = await newWorkbook();
  const sheet = wb.addWorksheet("推荐汇总表");
  sheet.addRow([`${campaign.title} 推荐对象汇总表`]);
  sheet.mergeCells(1, 1, 1, SUMMARY_COLUMNS.length);
  sheet.getRow(1).font = { bold: true, size: 14 };
  sheet.addRow([...SUMMARY_COLUMNS]);
  sheet.getRow(2).font = { bold: true };
  rows.forEach((n, i) => {
    const honours = JSON.parse(n.priorHonours) as { year: number; level: string; title: string }[];
    sheet.addRow([
      i + 1, AWARDS[n.award as AwardKey]?.label ?? n.award, n.name, n.sex, n.ethnicity, n.birthMonth, n.politicalStatus, n.education,
      `${unitNames.get(n.orgId) ?? ""}${n.post ? ` ${n.post}` : ""}`, n.unitType, n.ownership, n.industry, n.category || (n.kind === "collective" ? "集体" : ""),
      n.isMigrantWorker ? "是" : "否", n.isFrontline ? "是" : "否", n.kind === "collective" ? (n.isTeamOrOffice ? "是" : "否") : "",
      honours.map((h) => `${h.year} ${h.title}`).join("；"), n.deedsShort, unitNames.get(n.orgId) ?? "", n.status === "draft" ? "草稿" : "已上报",
    ]);
  });
  [6, 10, 22, 8, 8, 10, 10, 10, 30, 10, 8, 12, 16, 8, 8, 8, 30, 60, 24, 8].forEach((w, i) => { sheet.getColumn(i + 1).width = w; });
  sheet.views = [{ state: "frozen", ySplit: 2 }];
  const buffer = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(buffer as ArrayBuffer), filename: `${campaign.title}-推荐汇总表.xlsx` };
}

// ------------------------------------------------------------------ structure breakdown (charts)

export async function campaignBreakdown(user: SessionUser, campaignId: string, now = new Date()) {
  const { campaign, nominations } = await getCampaign(user, campaignId);
  const rows = await db.nomination.findMany({
    where: { id: { in: nominations.map((n) => n.id) }, status: { not: "withdrawn" } },
    select: { award: true, kind: true, category: true, ownership: true, sex: true, ethnicity: true, birthMonth: true, education: true },
  });
  return { campaign: { id: campaign.id, title: campaign.title, year: campaign.year }, total: rows.length, ...structureBreakdown(rows, campaign.year, now) };
}
