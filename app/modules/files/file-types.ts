// What a file really is, read from its first bytes ("magic numbers"), never from the
// name or the browser's Content-Type, which the uploader controls.

export const FILE_TYPES = {
  jpeg: { mime: "image/jpeg", extensions: ["jpg", "jpeg"], zh: "JPEG 图片", en: "JPEG image" },
  png: { mime: "image/png", extensions: ["png"], zh: "PNG 图片", en: "PNG image" },
  pdf: { mime: "application/pdf", extensions: ["pdf"], zh: "PDF 文档", en: "PDF document" },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], zh: "Excel 表格（.xlsx）", en: "Excel workbook (.xlsx)" },
} as const;

export type FileTypeKey = keyof typeof FILE_TYPES;
export type Detected = FileTypeKey | "executable" | "unknown";

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

function containsAscii(bytes: Uint8Array, text: string) {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, "latin1");
}

export function detectFileType(bytes: Uint8Array): Detected {
  // Programs first, whatever they are named: Windows PE ("MZ"), ELF, Mach-O, scripts.
  if (
    startsWith(bytes, ascii("MZ")) ||
    startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(bytes, ascii("#!"))
  ) {
    return "executable";
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, ascii("%PDF-"))) return "pdf";
  // An .xlsx is a ZIP holding [Content_Types].xml and an xl/ folder; entry names are
  // stored uncompressed in the ZIP headers. A .docx or any other ZIP is not a workbook.
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && containsAscii(bytes, "[Content_Types].xml") && containsAscii(bytes, "xl/workbook.xml")) {
    return "xlsx";
  }
  return "unknown";
}

/** The extension of a file name, lower-case, without the dot ("" when none). */
export function extensionOf(filename: string) {
  const base = filename.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

/**
 * A file name safe to keep and to send back in Content-Disposition: no folders, no
 * control characters, at most 120 characters, and an extension matching the content.
 */
export function cleanFilename(filename: string, type: FileTypeKey) {
  const base = (filename.split(/[\\/]/).pop() ?? "")
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .trim()
    .slice(0, 120);
  const stem = base && !base.startsWith(".") ? base : "file";
  return extensionOf(stem) ? stem : `${stem}.${FILE_TYPES[type].extensions[0]}`;
}

/** Does the name's extension (if it has one) agree with what the bytes are? */
export function extensionMatches(filename: string, type: FileTypeKey) {
  const ext = extensionOf(filename);
  return ext === "" || (FILE_TYPES[type].extensions as readonly string[]).includes(ext);
}

export const describeTypes = (types: readonly FileTypeKey[], lang: "zh" | "en") => types.map((t) => FILE_TYPES[t][lang]).join(lang === "zh" ? "、" : ", ");
