import { saveUpload } from "~/modules/files/files.server";
import type { Actor } from "~/utils/actor";

// Photos and scans of the 安康杯 (hazard photos from a phone, agreement scans, activity photos).
export const ANKANG_UPLOAD_MAX_BYTES = 8 * 1024 * 1024;

/** The file of a form field, stored; null when the field is empty. */
export async function optionalUpload(value: FormDataEntryValue | null, purpose: string, field: string, actor: Actor, orgId?: string | null) {
  if (!(value instanceof File) || value.size === 0) return null;
  const stored = await saveUpload(value, { purpose, allowedTypes: ["jpeg", "png", "pdf"], maxBytes: ANKANG_UPLOAD_MAX_BYTES, field, orgId: orgId ?? null }, actor);
  return stored.id;
}
