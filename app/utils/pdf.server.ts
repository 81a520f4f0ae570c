import { existsSync } from "node:fs";
import QRCode from "qrcode";

// Generated PDFs (admission tickets, certificates, results notices): pdfkit with a Chinese
// font found on the machine, embedded as a subset so the PDF reads anywhere. pdfkit is
// loaded with a dynamic import and stays outside the server bundle (it reads its own data
// files at run time).

/** Chinese fonts Debian installs, in order of preference; a .ttc needs its face name. */
export const CHINESE_FONTS = [
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", family: "WenQuanYiZenHei", pkg: "fonts-wqy-zenhei" },
  { path: "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular", pkg: "fonts-noto-cjk" },
  { path: "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc", family: "NotoSansCJKsc-Regular", pkg: "fonts-noto-cjk" },
] as const;

export class MissingFontError extends Error {
  constructor() {
    super(
      "找不到中文字体，无法生成 PDF。请安装：sudo apt-get install -y fonts-wqy-zenhei（或设置 CJK_FONT_PATH 与 CJK_FONT_FAMILY）/ " +
        "no Chinese font found: install the Debian package fonts-wqy-zenhei (or set CJK_FONT_PATH and CJK_FONT_FAMILY)",
    );
    this.name = "MissingFontError";
  }
}

export function findChineseFont(): { path: string; family?: string } {
  const custom = process.env.CJK_FONT_PATH;
  if (custom && existsSync(custom)) return { path: custom, family: process.env.CJK_FONT_FAMILY || undefined };
  const found = CHINESE_FONTS.find((f) => existsSync(f.path));
  if (!found) throw new MissingFontError();
  return found;
}

/** A QR code as a PNG, for tickets and certificates (tests decode it back). */
export function qrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 8 });
}

/** A new A4 document with the Chinese font selected; `done` resolves to the PDF bytes after `doc.end()`. */
export async function startChineseDocument(options: PDFKit.PDFDocumentOptions) {
  const font = findChineseFont();
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", ...options, info: { Author: "工赛 Gongsai", ...options.info } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  doc.registerFont("cjk", font.path, font.family);
  doc.font("cjk");
  return { doc, done };
}
