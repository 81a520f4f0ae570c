import { inspectUpload, saveUpload, type UploadRules } from "~/modules/files/files.server";
import type { Actor } from "~/utils/actor";

// Photos and scans of the 安康杯 (hazard photos from a phone, agreement scans, activity photos,
// evidence per item). The pages (multipart) and the API (base64 in JSON, files/api-upload.ts) hand
// the services a File; the service checks its target and the permission first, then the file
// (inspectUpload: size cap, type from the bytes), and only then stores it, so a refused upload
// writes nothing (no file row, no blob, no event).
export const ANKANG_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;

const rules = (purpose: string, field: string, orgId?: string | null): UploadRules =>
  ({ purpose, allowedTypes: ["jpeg", "png", "pdf"], maxBytes: ANKANG_UPLOAD_MAX_BYTES, field, orgId: orgId ?? null });

/** The File of a form field, or null when the field is empty (a page's optional file input). */
export const formFile = (value: FormDataEntryValue | null | undefined): File | null => (value instanceof File && value.size > 0 ? value : null);

/** Checks a file without storing anything (refusals: 400 file_type_refused / file_type_mismatch, 413 file_too_large). */
export async function checkUpload(file: File | null | undefined, purpose: string, field: string) {
  if (file) await inspectUpload(file, rules(purpose, field));
}

/** Stores a checked file; null when there is none. */
export async function storeUpload(file: File | null | undefined, purpose: string, field: string, actor: Actor, orgId?: string | null) {
  if (!file) return null;
  return (await saveUpload(file, rules(purpose, field, orgId), actor)).id;
}

/** The file of a form field, stored; null when the field is empty. */
export async function optionalUpload(value: FormDataEntryValue | null, purpose: string, field: string, actor: Actor, orgId?: string | null) {
  return storeUpload(formFile(value), purpose, field, actor, orgId);
}
