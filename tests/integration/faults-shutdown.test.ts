import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createMember, createProvince, createUser, uid } from "../factories";
import { openFeed } from "./feed-reader";
import { ensureBuild, startServer, stopServer, type ServerProcess } from "./server-process";

// Issue 11, item 8: shutdown as documented (docs/operations.md). On SIGTERM the server stops
// taking requests, finishes those in flight, then exits 0. A live feed (which never ends by
// itself) is closed at once; a mark whose body is still arriving when SIGTERM comes is
// answered and stored; a request on a kept-alive connection after SIGTERM is not taken.
// On SQLite and PostgreSQL alike (the server runs on this run's database).

describe("shutdown on SIGTERM", () => {
  let server: ServerProcess;
  let eventId: string;
  let codeId: string;
  let judgeToken: string;

  beforeAll(async () => {
    ensureBuild();
    const p = await createProvince();
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    judgeToken = (await createApiToken((await loadUserForToken(judge.id, "bootstrap"))!, { name: "shutdown" }, { userId: judge.id, requestId: null })).token;
    const scheme = { components: [{ id: "P", name: "实操", kind: "practical", weight: 1, modules: [{ id: "M", criteria: [{ id: "C", aspects: [{ id: "a1", name: "质量", max: 100, kind: "judgement" }] }] }] }] };
    const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `停机测试${uid()}`, level: "city", contestClass: "二类", status: "running", visibility: "public" } });
    const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "电工", trade: "电工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
    eventId = event.id;
    const member = await createMember(p.enterpriseA.id);
    const registration = await db.registration.create({ data: { eventId, memberId: member.id, unitId: p.enterpriseA.id, status: "approved" } });
    codeId = (await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: "E1", orderNo: 1, stationNo: 1, stationCode: "S01" } })).id;
    await db.judgeAssignment.create({ data: { eventId, userId: judge.id } });
    server = await startServer();
  }, 300_000);

  afterAll(() => stopServer(server));

  it("closes live feeds at once, answers the mark in flight, takes no new request, and exits 0", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const get = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get({ host: "127.0.0.1", port: server.port, path, agent }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        }).on("error", reject);
      });
    // A kept-alive connection, idle when SIGTERM comes.
    expect((await get("/healthz")).status).toBe(200);
    const feed = openFeed(`${server.url}/api/v1/events/${eventId}/feed`);
    await feed.next((e) => e.event === "hello", 10_000);

    // A mark in flight: its headers and the start of its body are sent before SIGTERM.
    const key = crypto.randomUUID();
    const body = Buffer.from(JSON.stringify({ blindCodeId: codeId, aspectId: "a1", value: "77", idempotencyKey: key }));
    let sendRest = () => {};
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({
        host: "127.0.0.1", port: server.port, path: `/api/v1/events/${eventId}/marks`, method: "PUT",
        headers: { Authorization: `Bearer ${judgeToken}`, "Content-Type": "application/json", "Content-Length": body.length },
      }, (res) => {
        let text = "";
        res.on("data", (c) => (text += c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      req.write(body.subarray(0, 20));
      sendRest = () => req.end(body.subarray(20));
    });
    await new Promise((r) => setTimeout(r, 300)); // the server has the request
    server.child.kill("SIGTERM");
    const signalled = Date.now();

    // The live feed ends: the server closes it (otherwise the process would wait for it).
    await Promise.race([feed.ended, new Promise((_, reject) => setTimeout(() => reject(new Error("the live feed was not closed")), 4_000))]);
    // New connections are refused; the kept-alive one takes no request either.
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    const late = await get("/healthz").catch((error: Error) => ({ status: 0, body: String(error) }));
    expect(late.status).not.toBe(200);

    // The request in flight finishes, even one whose body takes over 5 s (a tablet on a poor
    // network): answered and stored; then the process exits 0.
    await new Promise((r) => setTimeout(r, Math.max(0, 5_500 - (Date.now() - signalled))));
    sendRest();
    const saved = await answer;
    expect(saved.status, saved.body).toBe(200);
    expect(JSON.parse(saved.body)).toMatchObject({ status: "saved", value: 7700 });
    expect(await server.exited).toBe(0);
    expect(await db.markSubmission.count({ where: { key } })).toBe(1);
    agent.destroy();
  });
});

