import { existsSync, readdirSync, type Dirent } from "node:fs";
import { expect } from "vitest";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createUser, ctx, makeRequest } from "../factories";

// What the files-through-the-API tests share (honours-attachments-api, ankang-files-api): people
// with API tokens, calls of the /api/v1 route modules as server.mjs makes them, small files of each
// type (sniffed from their bytes, not their names), and "a refused upload writes nothing".

export const PDF = new TextEncoder().encode(`%PDF-1.4\n%${"x".repeat(400)}\n%%EOF\n`);
export const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 300 }, (_, i) => i % 251)]);
export const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...Array.from({ length: 300 }, (_, i) => i % 199)]);
export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

export type Route = { action?: unknown; loader?: unknown };
export type ApiAnswer = { status: number; body: any };

/** A test file's API people: each signs in once and gets a token; calls go through the route modules. */
export function apiClient() {
  const tokens: Record<string, string> = {};
  async function signIn(name: string, grants: { role: string; orgId: string }[], opts: { memberId?: string } = {}) {
    const user = await createUser(grants, opts);
    const session = (await loadUserForToken(user.id, "t"))!;
    tokens[name] = (await createApiToken(session, { name }, { userId: user.id, requestId: null })).token;
    return user;
  }
  async function raw(route: Route, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown) {
    const fn = (method === "GET" ? route.loader : route.action) as (args: unknown) => Promise<Response>;
    return fn({ request: makeRequest(path, { method, token: tokens[who], json }), params, context: ctx });
  }
  async function call(route: Route, method: "GET" | "POST", path: string, params: Record<string, string>, who: string, json?: unknown): Promise<ApiAnswer> {
    const response = await raw(route, method, path, params, who, json);
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  return { signIn, raw, call };
}

/** The blobs in a file store folder, sorted. */
export function blobsIn(storageDir: string): string[] {
  if (!existsSync(storageDir)) return [];
  return (readdirSync(storageDir, { recursive: true, withFileTypes: true }) as Dirent[]).filter((d) => d.isFile()).map((d) => `${d.parentPath}/${d.name}`).sort();
}

/** A refused upload: a JSON error with a Chinese-first message, and nothing `written` reports changed. */
export async function expectRefusedUnwritten(written: () => Promise<unknown>, send: () => Promise<ApiAnswer>, status: number, code?: string) {
  const before = await written();
  const res = await send();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (code) expect(res.body.error.code).toBe(code);
  expect(res.body.error.message).toMatch(/^[\u4e00-\u9fff（]/);
  expect(await written()).toEqual(before);
  return res;
}
