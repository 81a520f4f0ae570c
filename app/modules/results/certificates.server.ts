import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, forbidden, notFound } from "~/utils/errors";
import { qrPng, startChineseDocument } from "~/utils/pdf.server";
import { VERIFY_CODE_PATTERN } from "./publication-rules";

// 荣誉证书 (certificates): issued by publication.server.ts to prize winners and to the members
// of teams with a team award (kind "team", rule S-2), rendered here
// as a PDF (pdfkit with the Chinese font the admission tickets use, loaded with a dynamic
// import so pdfkit stays outside the server bundle) with a QR code to /verify/<code>.
// The verification page reads the record from the database, so a forged or edited PDF
// proves nothing: only the server's record counts. Codes are 128 random bits (26 base32
// characters); an unknown code answers the same "not found" whatever its shape.

export const verifyUrl = (origin: string, code: string) => `${origin}/verify/${code}`;

// Certificate has no relation to Registration in the schema: the registration is loaded beside it.
const registrationSelect = {
  memberId: true,
  member: { select: { name: true } },
  unit: { select: { name: true, path: true } },
  event: { select: { name: true, trade: true, groupName: true, contest: { select: { id: true, name: true, org: { select: { name: true, path: true } } } } } },
} as const;

async function loadCertificate(where: { id: string } | { verifyCode: string }) {
  const cert = "id" in where ? await db.certificate.findUnique({ where: { id: where.id } }) : await db.certificate.findUnique({ where: { verifyCode: where.verifyCode } });
  if (!cert) return null;
  const registration = await db.registration.findUnique({ where: { id: cert.registrationId }, select: registrationSelect });
  return registration ? { ...cert, registration } : null;
}

type LoadedCertificate = NonNullable<Awaited<ReturnType<typeof loadCertificate>>>;

const readOutcomes = (json: string): string[] => {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.filter((o): o is string => typeof o === "string") : [];
  } catch {
    return [];
  }
};

export type CertificateRecord = {
  number: string;
  name: string;
  unitName: string;
  contestName: string;
  eventName: string;
  prize: string;
  outcomes: string[];
  issuer: string;
  issuedAt: string;
  status: "valid" | "revoked";
  revokedAt: string | null;
  /** team: the holder's team won the award (团体奖, rule S-2) */
  kind: "individual" | "team";
  teamName: string | null;
};

function recordOf(cert: LoadedCertificate): CertificateRecord {
  const r = cert.registration;
  return {
    number: cert.number,
    // As at issue; certificates issued before names were kept show the current ones.
    name: cert.holderName ?? r.member.name,
    unitName: cert.unitName ?? r.unit.name,
    contestName: r.event.contest.name,
    eventName: r.event.name,
    prize: cert.prize,
    outcomes: readOutcomes(cert.outcomes),
    issuer: r.event.contest.org.name,
    issuedAt: cert.issuedAt.toISOString(),
    status: cert.revokedAt ? "revoked" : "valid",
    revokedAt: cert.revokedAt?.toISOString() ?? null,
    kind: cert.kind === "team" ? "team" : "individual",
    teamName: cert.teamName,
  };
}

export const CERTIFICATE_NOT_FOUND = "未找到该证书 / certificate not found";

/**
 * The authentic record behind a verification code, for anyone (no sign-in). Every unknown
 * code gets the same 404: a malformed one still costs a look-up, so the answer says nothing
 * about the shape of valid codes.
 */
export async function verifyCertificate(code: string): Promise<CertificateRecord> {
  const normalised = code.trim().toLowerCase();
  const cert = await loadCertificate({ verifyCode: VERIFY_CODE_PATTERN.test(normalised) ? normalised : `invalid:${normalised.slice(0, 64)}` });
  if (!cert) throw notFound(CERTIFICATE_NOT_FOUND);
  return recordOf(cert);
}

/** Who may download a certificate: its holder, a unit contact over their unit, the contest's organisers. */
export function mayDownload(user: SessionUser, cert: LoadedCertificate): boolean {
  const r = cert.registration;
  return (
    (user.memberId !== null && user.memberId === r.memberId) ||
    hasPermission(user, "registration:unit", r.unit.path) ||
    hasPermission(user, "contest:manage", r.event.contest.org.path)
  );
}

/** The downloaded file's name in the reader's language (issue 12 item 9): 证书-N.pdf / certificate-N.pdf. */
export const certificateFileName = (number: string, locale: "zh" | "en") => `${locale === "en" ? "certificate" : "证书"}-${number}.pdf`;

export async function certificatePdf(user: SessionUser, certificateId: string, origin: string, locale: "zh" | "en" = "zh") {
  const cert = await loadCertificate({ id: certificateId });
  if (!cert) throw notFound("找不到该证书 / certificate not found");
  if (!mayDownload(user, cert)) throw forbidden("您无权下载此证书 / you may not download this certificate");
  if (cert.revokedAt) throw new AppError(410, "revoked", "该证书已作废，请下载重新颁发的证书 / this certificate was revoked: download the reissued one");
  const record = recordOf(cert);
  const pdf = await renderCertificate({ ...record, qrPayload: verifyUrl(origin, cert.verifyCode) });
  return { pdf, filename: certificateFileName(record.number, locale), number: record.number };
}

export type CertificateData = CertificateRecord & { qrPayload: string };

const formatDate = (iso: string) =>
  new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" }).format(new Date(iso));

export async function renderCertificate(data: CertificateData): Promise<Buffer> {
  const qr = await qrPng(data.qrPayload);
  const { doc, done } = await startChineseDocument({ layout: "landscape", margin: 60, info: { Title: `荣誉证书 ${data.number}`, Subject: data.contestName } });
  const { width: pageWidth, height: pageHeight } = doc.page;
  doc.rect(24, 24, pageWidth - 48, pageHeight - 48).lineWidth(3).stroke("#b8860b");
  doc.rect(32, 32, pageWidth - 64, pageHeight - 64).lineWidth(0.8).stroke("#b8860b");
  const left = 90;
  const width = pageWidth - 180;

  doc.fillColor("#a01010").fontSize(40).text("荣 誉 证 书", left, 80, { width, align: "center" });
  doc.fillColor("#555").fontSize(12).text("Certificate of Award", { width, align: "center" });
  if (data.kind === "team") {
    // 团体奖: the team is the winner; the holder is named as its member
    doc.fillColor("#000").fontSize(20).text(`${data.teamName ?? ""}（${data.unitName}）：`, left, 180, { width });
    doc.moveDown(0.6).fontSize(18).text(`在${data.contestName}“${data.eventName}”赛项中团体成绩优异，荣获`, { width, indent: 36 });
  } else {
    doc.fillColor("#000").fontSize(20).text(`${data.name}  同志（${data.unitName}）：`, left, 180, { width });
    doc.moveDown(0.6).fontSize(18).text(`在${data.contestName}“${data.eventName}”赛项中成绩优异，荣获`, { width, indent: 36 });
  }
  doc.moveDown(0.4).fillColor("#a01010").fontSize(30).text(data.prize, { width, align: "center" });
  doc.fillColor("#000");
  if (data.outcomes.length) doc.moveDown(0.3).fontSize(14).text(`并获：${data.outcomes.join("；")}`, { width, align: "center" });
  if (data.kind === "team") doc.moveDown(0.3).fontSize(14).text(`队员：${data.name}`, { width, align: "center" });
  doc.moveDown(0.6).fontSize(18).text("特发此证，以资鼓励。", { width, indent: 36 });

  const qrSize = 110;
  const bottom = pageHeight - 60 - qrSize;
  doc.image(qr, left, bottom - 10, { width: qrSize, height: qrSize });
  doc.fontSize(10).fillColor("#555")
    .text(`证书编号：${data.number}`, left + qrSize + 14, bottom + 10, { width: 300 })
    .text("扫码核验真伪 / scan to verify", { width: 300 })
    .text(data.qrPayload, { width: 320 });
  doc.fillColor("#000").fontSize(16)
    .text(data.issuer, pageWidth - 90 - 300, bottom + 20, { width: 300, align: "right" })
    .moveDown(0.3)
    .fontSize(14)
    .text(formatDate(data.issuedAt), { width: 300, align: "right" });
  doc.end();
  return done;
}

/** Certificates of the given registrations (for my-results), newest first. */
export function certificatesOf(registrationIds: string[]) {
  return db.certificate.findMany({
    where: { registrationId: { in: registrationIds } },
    select: { id: true, number: true, registrationId: true, prize: true, issuedAt: true, revokedAt: true, verifyCode: true },
    orderBy: { issuedAt: "desc" },
  });
}
