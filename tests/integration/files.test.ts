import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// This file's own storage folder and a small global upload limit, set before any
// application module reads its configuration.
const storageDir = vi.hoisted(() => {
  const dir = `tests/.tmp/files-${Math.random().toString(36).slice(2, 10)}`;
  process.env.STORAGE_DIR = dir;
  process.env.UPLOAD_MAX_BYTES = "300000";
  return dir;
});

import { readdirSync, rmSync, existsSync } from "node:fs";
import path from "node:path";
import { db } from "~/utils/db.server";
import { AppError } from "~/utils/errors";
import { fileStore, LocalDiskStore } from "~/utils/storage.server";
import { readFile, readUploadForm, saveUpload } from "~/modules/files/files.server";
import { loader as downloadLoader } from "~/routes/files.$fileId";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size = 64) => { const b = new Uint8Array(size); b.set(PNG_SIGNATURE); b[size - 1] = 7; return b; };
const textBytes = (s: string) => new TextEncoder().encode(s);
const fileOf = (bytes: Uint8Array<ArrayBuffer>, name: string, type = "application/octet-stream") => new File([bytes], name, { type });

/** Every file under the storage folder, relative paths. */
function storedPaths(): string[] {
  if (!existsSync(storageDir)) return [];
  return (readdirSync(storageDir, { recursive: true, withFileTypes: true }) as import("node:fs").Dirent[])
    .filter((d) => d.isFile())
    .map((d) => path.relative(storageDir, path.join(d.parentPath, d.name)));
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function settle(promise: unknown) {
  try {
    return (await promise) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

let uploader: { id: string };
let otherCookie: string;
let uploaderCookie: string;
let adminCookie: string;
const actor = () => ({ userId: uploader.id, requestId: "files-test" });

beforeAll(async () => {
  const p = await createProvince();
  uploader = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  const other = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  const admin = await createUser([{ role: "admin", orgId: p.province.id }]);
  [uploaderCookie, otherCookie, adminCookie] = await Promise.all([sessionCookieFor(uploader.id), sessionCookieFor(other.id), sessionCookieFor(admin.id)]);
});

afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

describe("the local disk store", () => {
  const store = new LocalDiskStore(path.join(storageDir, "unit"));

  it.each(["../escape", "a/../../escape", "/etc/passwd", "a\\..\\b", "a//b", "", "a/./b", ".hidden", "x\u0000y", "a/..", "ok/../../x"])(
    "refuses the key %j",
    async (key) => {
      const error = await failure(store.put(key, textBytes("x")));
      expect(error.code).toBe("invalid_storage_key");
      expect(error.message).toMatch(/文件存储键不合法/);
    },
  );

  it("never writes outside its root when refusing", async () => {
    await failure(store.put("../escaped.txt", textBytes("x")));
    expect(existsSync(path.join(storageDir, "escaped.txt"))).toBe(false);
  });

  it("writes, reads, replaces and deletes, leaving no temporary files", async () => {
    await store.put("photos/2026/a.png", png());
    expect(await store.exists("photos/2026/a.png")).toBe(true);
    await store.put("photos/2026/a.png", png(80));
    expect((await store.get("photos/2026/a.png"))?.length).toBe(80);
    expect(storedPaths().some((f) => f.includes(".tmp-"))).toBe(false);
    await store.delete("photos/2026/a.png");
    expect(await store.exists("photos/2026/a.png")).toBe(false);
    expect(await store.get("photos/2026/a.png")).toBeNull();
    await expect(store.delete("photos/2026/a.png")).resolves.toBeUndefined();
  });
});

describe("saving an upload", () => {
  it("stores a good PNG with its row and a file.stored event, and reads it back", async () => {
    const bytes = png(2048);
    const stored = await saveUpload(fileOf(bytes, "证件照.png", "image/png"), { purpose: "member-photo", allowedTypes: ["png", "jpeg"] }, actor());
    expect(stored.mimeType).toBe("image/png");
    expect(stored.size).toBe(2048);
    expect(stored.filename).toBe("证件照.png");
    expect(stored.storageKey).toMatch(/^member-photo\/\d{6}\/[0-9a-f]{32}\.png$/);
    expect(existsSync(path.join(storageDir, ...stored.storageKey.split("/")))).toBe(true);
    const event = await db.event.findFirst({ where: { action: "file.stored", entityId: stored.id } });
    expect(event?.actorId).toBe(uploader.id);
    const read = await readFile(stored.id);
    expect(Buffer.from(read.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it("refuses a wrong type with a Chinese message naming the field, and keeps nothing", async () => {
    const rowsBefore = await db.storedFile.count();
    const filesBefore = storedPaths().length;
    const error = await failure(saveUpload(fileOf(textBytes("just some text"), "photo.png", "image/png"), { purpose: "member-photo", allowedTypes: ["png", "jpeg"], field: "photo" }, actor()));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^文件类型不允许，只接受：PNG 图片、JPEG 图片/);
    expect(error.issues[0].path).toBe("photo");
    expect(await db.storedFile.count()).toBe(rowsBefore);
    expect(storedPaths().length).toBe(filesBefore);
  });

  it("refuses a program renamed to .pdf", async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]);
    const error = await failure(saveUpload(fileOf(exe, "通知.pdf", "application/pdf"), { purpose: "attachment", allowedTypes: ["pdf"] }, actor()));
    expect(error.code).toBe("file_type_refused");
    expect(error.message).toMatch(/可执行程序/);
  });

  it("refuses a name whose extension contradicts the content", async () => {
    const error = await failure(saveUpload(fileOf(textBytes("%PDF-1.7\n%%EOF"), "photo.png"), { purpose: "attachment", allowedTypes: ["pdf", "png"] }, actor()));
    expect(error.code).toBe("file_type_mismatch");
    expect(error.message).toMatch(/扩展名与内容不符/);
  });

  it("refuses a file over the purpose's limit and one over UPLOAD_MAX_BYTES", async () => {
    const rowsBefore = await db.storedFile.count();
    const small = await failure(saveUpload(fileOf(png(2000), "a.png"), { purpose: "member-photo", allowedTypes: ["png"], maxBytes: 1000 }, actor()));
    expect(small.status).toBe(413);
    expect(small.message).toMatch(/^文件过大/);
    const big = await failure(saveUpload(fileOf(png(400_000), "b.png"), { purpose: "member-photo", allowedTypes: ["png"] }, actor()));
    expect(big.status).toBe(413);
    expect(big.message).toMatch(/上限为 0\.29 MB|上限为 0\.3 MB/);
    expect(await db.storedFile.count()).toBe(rowsBefore);
  });

  it("refuses an empty file", async () => {
    const error = await failure(saveUpload(fileOf(new Uint8Array(), "a.png"), { purpose: "member-photo", allowedTypes: ["png"] }, actor()));
    expect(error.code).toBe("file_missing");
  });

  it("deletes the stored bytes when the database transaction fails", async () => {
    const filesBefore = storedPaths().length;
    const spy = vi.spyOn(db, "$transaction").mockRejectedValueOnce(new Error("database unavailable"));
    await expect(saveUpload(fileOf(png(), "a.png"), { purpose: "rollback-check", allowedTypes: ["png"] }, actor())).rejects.toThrow("database unavailable");
    spy.mockRestore();
    expect(storedPaths().length).toBe(filesBefore);
    expect(storedPaths().some((f) => f.startsWith("rollback-check"))).toBe(false);
  });

  it("turns an oversize multipart part into a 413 before reading it all", async () => {
    const form = new FormData();
    form.set("file", fileOf(png(350_000), "big.png"));
    const error = await failure(readUploadForm(new Request("http://localhost/upload", { method: "POST", body: form })));
    expect(error.status).toBe(413);
    expect(error.issues[0].path).toBe("file");
  });
});

describe("downloading a stored file", () => {
  let fileId: string;
  beforeAll(async () => {
    fileId = (await saveUpload(fileOf(png(100), "奖状 扫描(1).png"), { purpose: "attachment", allowedTypes: ["png"] }, actor())).id;
  });
  const get = (cookie?: string, id = fileId) => settle(downloadLoader({ request: makeRequest(`/files/${id}`, { cookie }), params: { fileId: id }, context: ctx }));

  it("serves the uploader the bytes with safe headers", async () => {
    const res = await get(uploaderCookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Disposition")).toBe(`inline; filename="__ __(1).png"; filename*=UTF-8''${encodeURIComponent("奖状 扫描")}%281%29.png`);
    expect(res.headers.get("Content-Security-Policy")).toMatch(/sandbox/);
    expect((await res.arrayBuffer()).byteLength).toBe(100);
  });

  it("serves an administrator", async () => {
    expect((await get(adminCookie)).status).toBe(200);
  });

  it("refuses another user with 403 and sends anonymous visitors to the login page", async () => {
    expect((await get(otherCookie)).status).toBe(403);
    const anonymous = await get(undefined);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("answers 404 for an unknown file", async () => {
    expect((await get(uploaderCookie, "no-such-file")).status).toBe(404);
  });

  it("refuses to serve bytes that no longer match their checksum", async () => {
    const row = await db.storedFile.findUniqueOrThrow({ where: { id: fileId } });
    await fileStore().put(row.storageKey, png(101));
    expect((await get(uploaderCookie)).status).toBe(500);
  });
});
