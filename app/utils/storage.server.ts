import crypto from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { getEnv } from "./env.server";
import { badRequest } from "./errors";

// Every file the platform keeps (photos, attachments, generated PDFs) goes through
// one small interface. Its metadata lives in the StoredFile table
// (app/modules/files/files.server.ts); the bytes live behind a FileStore.
//
// The default is the local disk under STORAGE_DIR, right for a single server
// process. When several processes or machines serve the application they must share
// one store: write another class implementing FileStore (an S3-compatible bucket, a
// shared network mount, a database table of blobs), add a case for it in
// createFileStore() below, and select it with STORAGE_DRIVER=<name>. Keys are opaque
// "a/b/c" strings made of safe characters, so they map onto object-store keys as is.
// Nothing else in the application knows which store is in use.

export interface FileStore {
  /** Writes the bytes under `key`, replacing any previous content, all at once or not at all. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Uint8Array<ArrayBuffer> | null>;
  /** Removes `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Refuses anything that is not "segment/segment/…" of letters, digits, dot, dash and
 * underscore, with no empty, "." or ".." segment: a key can never leave the store's
 * root, name an absolute path, or smuggle a backslash or NUL.
 */
export function assertSafeKey(key: string): string {
  const segments = typeof key === "string" ? key.split("/") : [];
  const ok =
    typeof key === "string" &&
    key.length > 0 &&
    key.length <= 300 &&
    segments.length <= 8 &&
    segments.every((s) => SEGMENT.test(s) && !/^\.+$/.test(s) && !s.includes(".."));
  if (!ok) throw badRequest("文件存储键不合法 / invalid storage key", [], "invalid_storage_key");
  return key;
}

export class LocalDiskStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathOf(key: string) {
    assertSafeKey(key);
    const full = path.resolve(this.root, ...key.split("/"));
    // Belt and braces: even a key that passed the pattern must resolve inside the root.
    if (!full.startsWith(this.root + path.sep)) throw badRequest("文件存储键不合法 / invalid storage key", [], "invalid_storage_key");
    return full;
  }

  async put(key: string, bytes: Uint8Array) {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    // Write a temporary file beside the target, flush it, then rename: a reader sees
    // the old file or the whole new one, never half a file, even after a crash.
    const temp = `${target}.tmp-${crypto.randomBytes(6).toString("hex")}`;
    const handle = await open(temp, "wx", 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string) {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string) {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string) {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }
}

export const STORAGE_DRIVERS = ["local"] as const;

export function createFileStore(driver: string = getEnv().STORAGE_DRIVER): FileStore {
  switch (driver) {
    case "local":
      return new LocalDiskStore(getEnv().STORAGE_DIR);
    default:
      throw new Error(`STORAGE_DRIVER=${driver} 不受支持，可选：${STORAGE_DRIVERS.join(", ")} / unsupported storage driver`);
  }
}

const globalForStore = globalThis as unknown as { __fileStore?: FileStore };

/** The configured store, created on first use. */
export function fileStore(): FileStore {
  return (globalForStore.__fileStore ??= createFileStore());
}
