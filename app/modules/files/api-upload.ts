import { z } from "zod";
import { badRequest } from "~/utils/errors";

// Files through the JSON API (issue 13: every upload a page takes is also in /api/v1): the bytes
// travel base64 in the body, as the 劳动竞赛 evidence API does, and become the File that the
// shared upload checks read (files.server.ts saveUpload: size cap, type from the bytes, extension).
// The JSON body is limited to UPLOAD_MAX_BYTES + 1 MB by server.mjs, so through the API a file
// is at most about 8 MB once base64 adds its third.

export const FileUploadFields = {
  filename: z.string().trim().min(1).max(200).describe("the file's name; its extension must match the content (.pdf, .jpg, .png)"),
  contentBase64: z.string().min(1).max(14_000_000).describe("the file's bytes, base64; JPEG, PNG or PDF; the type is taken from the bytes; too large a file is refused with 413"),
};

/** One file in a JSON body (an optional attachment to an answer or a report). */
export const FileUploadSchema = z.object(FileUploadFields);
export type FileUpload = z.infer<typeof FileUploadSchema>;

/** How an attachment is listed through the API. */
export const AttachmentListItemSchema = z.object({
  id: z.string().describe("the stored file's id: download it at the list's path + /{fileId}"),
  name: z.string(), type: z.string().describe("media type, from the bytes"), size: z.number().int(), uploadedAt: z.string(),
  label: z.string().optional(),
});

export const AttachmentListSchema = z.object({ attachments: z.array(AttachmentListItemSchema) });

/** An API client's file (base64 in the JSON body) as the File the upload checks read; bad base64 is refused. */
export function fileFromBase64(filename: string, contentBase64: string, field = "contentBase64"): File {
  const clean = contentBase64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) {
    const m = "文件内容不是有效的 base64 编码 / contentBase64 is not valid base64";
    throw badRequest(m, [{ path: field, message: m }], "invalid_base64");
  }
  return new File([Buffer.from(clean, "base64")], filename);
}

/** A stored file row as the API lists it. */
export const attachmentListItem = (f: { id: string; filename: string; mimeType: string; size: number; createdAt: Date }, label?: string) => ({
  id: f.id, name: f.filename, type: f.mimeType, size: f.size, uploadedAt: f.createdAt.toISOString(), ...(label === undefined ? {} : { label }),
});
