import crypto from "node:crypto";
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { fileStore } from "~/utils/storage.server";
import { AppError, badRequest, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import type { SessionUser } from "~/utils/auth.server";
import { logError } from "~/utils/logger.server";
import { recordEvent } from "~/modules/events/event-log.server";
import { cleanFilename, describeTypes, detectFileType, extensionMatches, FILE_TYPES, type FileTypeKey } from "./file-types";

// Uploads: size and type are checked before anything is kept (the type from the
// bytes, not from the name), the bytes go to the configured FileStore, and the
// StoredFile row and its event are written in one transaction. If that transaction
// fails the bytes are deleted again, so no stored file is without its row.

export type UploadRules = {
  /** what the file is for, e.g. "member-photo", "nomination-attachment": a folder in the store */
  purpose: string;
  allowedTypes: readonly FileTypeKey[];
  /** a tighter limit than UPLOAD_MAX_BYTES for this purpose */
  maxBytes?: number;
  /** the form field, for the message that names it */
  field?: string;
  /** the organisation the file belongs to, for the event log's scoping */
  orgId?: string | null;
};

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`;

export const uploadLimit = (maxBytes?: number) => Math.min(maxBytes ?? Number.POSITIVE_INFINITY, getEnv().UPLOAD_MAX_BYTES);

function tooLarge(field: string, size: number | null, limit: number) {
  const message = `文件过大${size === null ? "" : `（${megabytes(size)}）`}，上限为 ${megabytes(limit)} / the file is too large: at most ${megabytes(limit)}`;
  return new AppError(413, "file_too_large", message, [{ path: field, message }]);
}

const refuse = (field: string, message: string, code: string) => badRequest(message, [{ path: field, message }], code);

function newStorageKey(purpose: string, type: FileTypeKey, now = new Date()) {
  const month = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
  return `${purpose}/${month}/${crypto.randomBytes(16).toString("hex")}.${FILE_TYPES[type].extensions[0]}`;
}

/**
 * The checks of an upload, writing nothing: present and not empty, within the size limit, of an
 * allowed type read from the bytes, with a matching extension. For a service that takes several
 * files at once, to refuse the whole batch before the first one is stored (issue 13).
 */
export async function inspectUpload(file: unknown, rules: UploadRules) {
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(rules.purpose)) throw new Error(`invalid upload purpose: ${rules.purpose}`);
  const field = rules.field ?? "file";
  if (!(file instanceof File) || file.size === 0) {
    throw refuse(field, "请选择要上传的文件（文件不能为空）/ choose a file (it may not be empty)", "file_missing");
  }
  const limit = uploadLimit(rules.maxBytes);
  if (file.size > limit) throw tooLarge(field, file.size, limit);
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.length > limit) throw tooLarge(field, bytes.length, limit);

  const type = detectFileType(bytes);
  if (type === "executable") {
    throw refuse(field, "文件内容是可执行程序，不允许上传 / the file is a program: not allowed", "file_type_refused");
  }
  if (type === "unknown" || !rules.allowedTypes.includes(type)) {
    const message = `文件类型不允许，只接受：${describeTypes(rules.allowedTypes, "zh")} / file type not allowed; accepted: ${describeTypes(rules.allowedTypes, "en")}`;
    throw refuse(field, message, "file_type_refused");
  }
  if (!extensionMatches(file.name, type)) {
    const message = `文件扩展名与内容不符：内容是${FILE_TYPES[type].zh} / the file name's extension does not match its content (${FILE_TYPES[type].en})`;
    throw refuse(field, message, "file_type_mismatch");
  }
  return { file, bytes, type };
}

export async function saveUpload(file: unknown, rules: UploadRules, actor: Actor) {
  const { bytes, type } = await inspectUpload(file, rules);
  const name = (file as File).name;
  const key = newStorageKey(rules.purpose, type);
  const sha256 = crypto.createHash("sha256").update(bytes).digest("hex");
  const store = fileStore();
  await store.put(key, bytes);
  try {
    return await db.$transaction(async (tx) => {
      const stored = await tx.storedFile.create({
        data: {
          storageKey: key, filename: cleanFilename(name, type), mimeType: FILE_TYPES[type].mime,
          size: bytes.length, sha256, purpose: rules.purpose, uploadedById: actor.userId,
        },
      });
      await recordEvent(tx, actor, {
        action: "file.stored", entityType: "StoredFile", entityId: stored.id, orgId: rules.orgId ?? null,
        after: { filename: stored.filename, mimeType: stored.mimeType, size: stored.size, sha256, purpose: rules.purpose },
      });
      return stored;
    });
  } catch (error) {
    await store.delete(key).catch((cleanup) => logError(cleanup, { where: "files", key }));
    throw error;
  }
}

/** A stored file's metadata and bytes. The bytes are checked against the recorded SHA-256. */
export async function readFile(id: string) {
  const file = await db.storedFile.findUnique({ where: { id } });
  if (!file) throw notFound("找不到该文件 / file not found");
  const bytes = await fileStore().get(file.storageKey);
  if (!bytes) {
    logError(new Error("stored file has no bytes"), { where: "files", id, key: file.storageKey });
    throw new AppError(500, "file_missing", "文件内容丢失，请联系管理员 / the file's content is missing");
  }
  if (crypto.createHash("sha256").update(bytes).digest("hex") !== file.sha256) {
    logError(new Error("stored file fails its checksum"), { where: "files", id, key: file.storageKey });
    throw new AppError(500, "file_corrupt", "文件已损坏，请联系管理员 / the file is damaged");
  }
  return { file, bytes };
}

/**
 * The generic rule for reading a file: its uploader or an administrator. Domains that
 * attach files to their records (photos, nominations) check their own permissions
 * and then call readFile.
 */
export async function readFileFor(user: SessionUser, id: string) {
  const meta = await db.storedFile.findUnique({ where: { id }, select: { uploadedById: true } });
  if (!meta) throw notFound("找不到该文件 / file not found");
  if (meta.uploadedById !== user.id && !user.roleKeys.includes("admin")) throw forbidden("您无权查看此文件 / you may not read this file");
  return readFile(id);
}

/**
 * Parses a multipart form keeping files in memory up to `maxBytes` each: a larger
 * part stops the parse with a 413 naming the field, before it is read to the end.
 */
export async function readUploadForm(request: Request, maxBytes?: number) {
  const limit = uploadLimit(maxBytes);
  const declared = Number(request.headers.get("Content-Length"));
  // The whole body may carry a few form fields besides the file: allow 64 KB of them.
  if (Number.isFinite(declared) && declared > limit + 65_536) throw tooLarge("file", null, limit);
  try {
    return await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: limit }));
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) throw tooLarge(error.field, null, limit);
    throw error;
  }
}

/** Content-Disposition with a UTF-8 name (RFC 6266/5987) and an ASCII fallback. */
const INLINE_TYPES = new Set(["image/jpeg", "image/png"]);

/**
 * The response for a stored file that its module has already allowed the user to read: images open
 * in the browser unless `?download=1`, everything else downloads; never cached; the sandbox CSP and
 * nosniff keep an opened file from running script as this site. One place for these headers, used by
 * every route that serves a stored file (files, 安康杯 records, 劳动竞赛 evidence).
 */
export function storedFileResponse(request: Request, file: { mimeType: string; filename: string }, bytes: Uint8Array<ArrayBuffer>) {
  const inline = INLINE_TYPES.has(file.mimeType) && new URL(request.url).searchParams.get("download") !== "1";
  return new Response(bytes, {
    headers: {
      "Content-Type": file.mimeType,
      "Content-Length": String(bytes.byteLength),
      "Content-Disposition": contentDisposition(file.filename, inline),
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export function contentDisposition(filename: string, inline: boolean) {
  const fallback = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
