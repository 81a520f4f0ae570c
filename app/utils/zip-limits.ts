// The limits an uploaded .xlsx (a zip) must keep before anything decompresses it
// (decisions/006-web-security.md). A 1.4 MB workbook that unpacked to 400 MB blocked the
// server for a minute: the zip's central directory declares every entry's uncompressed
// size, so the number of entries and their total are checked from it, without inflating a
// byte. The declared sizes can lie; the worker that parses the file (xlsx.server.ts) also
// inflates each entry with a cap at its declared size, so the real bytes are held to the
// same limit.

export const XLSX_MAX_ENTRIES = 2_000;
export const XLSX_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

export type ZipEntry = { name: string; method: number; compressedSize: number; size: number; localHeaderOffset: number };
export type ZipCheck = { ok: true; entries: ZipEntry[] } | { ok: false; reason: "not_zip" | "too_many_entries" | "too_large" };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;

/** Reads the central directory and checks the entry count and the declared total size. */
export function checkZipDirectory(bytes: Uint8Array, limits = { maxEntries: XLSX_MAX_ENTRIES, maxBytes: XLSX_MAX_UNPACKED_BYTES }): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65535.
  let eocd = -1;
  for (let i = bytes.byteLength - 22; i >= 0 && i >= bytes.byteLength - 22 - 65_535; i--) {
    if (view.getUint32(i, true) === EOCD_SIGNATURE) { eocd = i; break; }
  }
  if (eocd < 0) return { ok: false, reason: "not_zip" };
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // Zip64 markers: no workbook this platform imports needs them.
  if (count === 0xffff || directoryOffset === 0xffffffff) return { ok: false, reason: "too_large" };
  if (count > limits.maxEntries) return { ok: false, reason: "too_many_entries" };
  if (directoryOffset + directorySize > bytes.byteLength) return { ok: false, reason: "not_zip" };
  const entries: ZipEntry[] = [];
  let total = 0;
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== CENTRAL_SIGNATURE) return { ok: false, reason: "not_zip" };
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    if (size === 0xffffffff || compressedSize === 0xffffffff) return { ok: false, reason: "too_large" };
    total += size;
    if (total > limits.maxBytes) return { ok: false, reason: "too_large" };
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries };
}
