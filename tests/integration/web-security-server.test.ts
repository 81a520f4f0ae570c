import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createProvince, createUser, sessionCookieFor, TEST_PASSWORD } from "../factories";
import { ensureBuild, startServer, stopServer, type ServerProcess } from "./server-process";

// Issue 10, items 6–8, through the running server (server.mjs + server-security.mjs,
// decisions/006-web-security.md): /api/v1 bodies are read only after authentication and
// within a limit; every state-changing request from another origin is refused with 403
// (Remix data requests, /logout and /set-locale included); every response carries
// nosniff, frame protection and Cache-Control: no-store; behind an HTTPS proxy the
// cookies are Secure and HSTS is sent. Runs on SQLite and on PostgreSQL.

let server: ServerProcess;
let workerId: string;
let workerCookie: string;
let adminToken: string;

beforeAll(async () => {
  ensureBuild();
  const p = await createProvince();
  const worker = await createUser([{ role: "worker", orgId: p.teamA.id }]);
  workerId = worker.id;
  workerCookie = await sessionCookieFor(worker.id);
  const admin = await createUser([{ role: "admin", orgId: p.national.id }]);
  adminToken = (await createApiToken((await loadUserForToken(admin.id, "bootstrap"))!, { name: "web-security" }, { userId: admin.id, requestId: null })).token;
  server = await startServer({ RESULTS_WATCH_MS: "0", TRUST_PROXY: "loopback", UPLOAD_MAX_BYTES: String(1024 * 1024) });
}, 300_000);

afterAll(() => stopServer(server));

/**
 * Sends headers announcing `declared` bytes and only the first `sent`, then waits for an
 * answer: the status, or "no answer" if the server is still waiting for the rest.
 */
function partialPost(path: string, headers: Record<string, string>, declared: number, sent: number): Promise<number | "no answer"> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${server.url}${path}`, { method: "POST", headers: { ...headers, "Content-Length": String(declared) } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
      req.destroy();
    });
    req.on("error", (error) => ((error as NodeJS.ErrnoException).code === "ECONNRESET" ? undefined : reject(error)));
    req.write(Buffer.alloc(sent, 0x7b));
    setTimeout(() => { resolve("no answer"); req.destroy(); }, 15_000);
  });
}

describe("item 6: /api/v1 reads a body only after authentication", () => {
  it("answers an anonymous POST with 401 without waiting for its body; a 400 MB one is refused unread", async () => {
    // Under the body limit (2 MB here): the caller is unknown, so the body is never read.
    expect(await partialPost("/api/v1/users", { "Content-Type": "application/json" }, 1900 * 1024, 64 * 1024)).toBe(401);
    // Over it: refused from its Content-Length (413), before authentication is even needed.
    expect(await partialPost("/api/v1/users", { "Content-Type": "application/json" }, 400 * 1024 * 1024, 64 * 1024)).toBe(413);
  });

  it("refuses an authenticated body over the limit with 413, and still takes a normal one", async () => {
    // Declared under the limit, sent over it (a lying Content-Length is cut off as it is read).
    const status = await partialPost("/api/v1/users", { "Content-Type": "application/json", Authorization: `Bearer ${adminToken}` }, 1900 * 1024, 1900 * 1024);
    expect(status).toBe(400); // the 1.9 MB of "{" is not JSON: read (authorised), then refused
    expect(await partialPost("/api/v1/users", { "Content-Type": "application/json", Authorization: `Bearer ${adminToken}` }, 50 * 1024 * 1024, 64 * 1024)).toBe(413);
    const res = await fetch(`${server.url}/api/v1/users`, {
      method: "POST",
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ username: `api_${Date.now()}`, displayName: "接口", password: "river-lamp-37" }),
    });
    expect(res.status).toBe(201);
  });
});

describe("item 7: state changes from another origin are refused with 403", () => {
  const foreign = "http://evil.localhost:9";

  it("a Remix data request (?_data=) from a same-site page cannot create an API token", async () => {
    const before = await db.apiToken.count({ where: { userId: workerId } });
    const attempts: Record<string, string>[] = [{ Origin: foreign }, { Origin: "null" }, { "Sec-Fetch-Site": "same-site" }, { Referer: `${foreign}/page` }];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}/account/tokens?_data=routes%2Faccount.tokens`, {
        method: "POST", headers: { Cookie: workerCookie, "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: "intent=create&name=stolen",
      });
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("cross_site");
    }
    expect(await db.apiToken.count({ where: { userId: workerId } })).toBe(before);
  });

  it("/logout and /set-locale refuse a foreign origin and change nothing; the same origin passes", async () => {
    const logout = await fetch(`${server.url}/logout`, { method: "POST", redirect: "manual", headers: { Cookie: workerCookie, Origin: foreign } });
    expect(logout.status).toBe(403);
    const me = await fetch(`${server.url}/api/v1/me`, { headers: { Cookie: workerCookie } });
    expect(me.status).toBe(200); // still signed in
    const locale = await fetch(`${server.url}/set-locale`, {
      method: "POST", redirect: "manual", headers: { Cookie: workerCookie, Origin: foreign, "Content-Type": "application/x-www-form-urlencoded" }, body: "locale=en",
    });
    expect(locale.status).toBe(403);
    expect((await db.user.findUniqueOrThrow({ where: { id: workerId } })).locale).toBe("zh");
    const own = await fetch(`${server.url}/set-locale`, {
      method: "POST", redirect: "manual", headers: { Cookie: workerCookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" }, body: "locale=en&redirectTo=/",
    });
    expect(own.status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: workerId } })).locale).toBe("en");
  });
});

describe("item 8: production headers and cookies", () => {
  it("JSON, pages and redirects carry nosniff, frame protection and Cache-Control: no-store", async () => {
    for (const [path, headers] of [
      ["/api/v1/me", { Authorization: `Bearer ${adminToken}` }],
      ["/login", {}],
      ["/account", {}],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, { headers, redirect: "manual" });
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("cache-control"), path).toContain("no-store");
    }
  });

  it("the printable 公示, served by server.mjs ahead of Remix (servedDirect), keeps the headers and the clear 404", async () => {
    // Issue 13's notice target: the printable page's route is answered from Node's request; it must
    // still carry every default header and answer an unknown code as Remix did (rule N-31).
    const res = await fetch(`${server.url}/notices/nope-nope/print`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("找不到该公示");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("x-request-id")).toBeTruthy();
    // A write to it is not taken by the direct path: Remix answers (no action on the route).
    const post = await fetch(`${server.url}/notices/nope-nope/print`, { method: "POST", headers: { Origin: server.url }, redirect: "manual" });
    expect(post.status).toBe(405);
  });

  it("behind the trusted HTTPS proxy: Secure cookies and HSTS; over plain HTTP: neither", async () => {
    const user = await createUser();
    const login = (proto?: string) => fetch(`${server.url}/login`, {
      method: "POST", redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...(proto ? { "X-Forwarded-Proto": proto } : {}) },
      body: new URLSearchParams({ username: user.username, password: TEST_PASSWORD }),
    });
    const https = await login("https");
    expect(https.status).toBe(302);
    expect(https.headers.get("strict-transport-security")).toContain("max-age=");
    const cookies = https.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith("gs_session="))).toMatch(/;\s*Secure/i);
    const plain = await login();
    expect(plain.status).toBe(302);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    expect(plain.headers.getSetCookie().find((c) => c.startsWith("gs_session="))).not.toMatch(/;\s*Secure/i);
  });
});
