import { qrPng, startChineseDocument } from "~/utils/pdf.server";
import { stripRuleCodes } from "~/utils/messages";

// 准考证 (admission ticket) as a PDF (app/utils/pdf.server.ts: pdfkit with an embedded Chinese font).

export type TicketData = {
  contestName: string;
  eventName: string;
  trade: string;
  groupName: string;
  name: string;
  sex: string;
  unitName: string;
  admissionNo: string;
  /** 参赛号, when the draw is done and the reader may see it */
  entryNo: string | null;
  session: { name: string; place: string; startsAt: Date | null } | null;
  /** the contest's dates when no session is drawn yet */
  contestStartsAt: Date | null;
  photo: { bytes: Uint8Array; mimeType: string } | null;
  /** what the QR code encodes: the check-in URL with the ticket's token */
  qrPayload: string;
  notes: string[];
};

export const DEFAULT_NOTES = [
  "请携带本准考证和有效身份证件，提前 30 分钟到达赛场签到。",
  "签到时出示本页二维码，或报准考证号。",
  "进入赛场后服从裁判安排，不得在作品或试卷上作任何标记。", // rule S-35
];

const formatTime = (d: Date | null) =>
  d ? new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).format(d) : "待定 / to be announced";

/** The PNG of the QR code printed on the ticket (also used by tests to decode it). */
export const ticketQrPng = qrPng;

export async function renderAdmissionTicket(data: TicketData): Promise<Buffer> {
  const qr = await qrPng(data.qrPayload);
  const { doc, done } = await startChineseDocument({ margin: 50, info: { Title: `准考证 ${data.admissionNo}`, Subject: data.contestName } });
  const left = 50;
  const width = doc.page.width - 100;

  doc.fontSize(18).text(data.contestName, left, 50, { width, align: "center" });
  doc.moveDown(0.3).fontSize(24).text("准 考 证", { width, align: "center" });
  doc.moveDown(0.2).fontSize(10).fillColor("#555").text("Admission ticket", { width, align: "center" }).fillColor("#000");

  const top = 150;
  const photoBox = { x: left + width - 110, y: top, w: 110, h: 150 };
  doc.rect(photoBox.x, photoBox.y, photoBox.w, photoBox.h).lineWidth(0.8).stroke("#888");
  if (data.photo && /image\/(png|jpeg)/.test(data.photo.mimeType)) {
    doc.image(Buffer.from(data.photo.bytes), photoBox.x + 2, photoBox.y + 2, { fit: [photoBox.w - 4, photoBox.h - 4], align: "center", valign: "center" });
  } else {
    doc.fontSize(10).fillColor("#888").text("照片\nphoto", photoBox.x, photoBox.y + 60, { width: photoBox.w, align: "center" }).fillColor("#000");
  }

  const rows: [string, string][] = [
    ["姓名", data.name],
    ["性别", data.sex],
    ["工作单位", data.unitName],
    ["赛项", data.eventName],
    ["工种 / 组别", `${data.trade} · ${data.groupName}`],
    ["准考证号", data.admissionNo],
    ...(data.entryNo ? [["参赛号", data.entryNo] as [string, string]] : []),
    ["场次", data.session?.name ?? "抽签后公布 / after the draw"],
    ["时间", formatTime(data.session?.startsAt ?? data.contestStartsAt)],
    ["地点", data.session?.place || "待定 / to be announced"],
  ];
  let y = top;
  const labelWidth = 80;
  const valueWidth = width - 130 - labelWidth;
  for (const [label, value] of rows) {
    doc.fontSize(11).fillColor("#555").text(label, left, y, { width: labelWidth });
    doc.fontSize(13).fillColor("#000").text(value, left + labelWidth, y - 1, { width: valueWidth });
    y = Math.max(doc.y, y + 18) + 8;
  }

  const qrSize = 150;
  const qrTop = Math.max(y, photoBox.y + photoBox.h) + 20;
  doc.image(qr, left, qrTop, { width: qrSize, height: qrSize });
  doc.fontSize(10).fillColor("#555").text("签到二维码（现场扫码或报准考证号签到）\nCheck-in QR code", left + qrSize + 16, qrTop + 50, { width: width - qrSize - 16 }).fillColor("#000");

  let notesTop = qrTop + qrSize + 24;
  doc.fontSize(13).text("注意事项", left, notesTop);
  notesTop = doc.y + 4;
  doc.fontSize(10.5);
  data.notes.forEach((note, i) => doc.text(`${i + 1}. ${stripRuleCodes(note)}`, left, i === 0 ? notesTop : undefined, { width }));

  doc.end();
  return done;
}
