import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { closeSync, mkdirSync, openSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createMember, createProvince, createUser, sessionCookieFor, uid, validIdNumber } from "../factories";
import { ensureBuild, root, startServer, stopServer, type ServerProcess } from "./server-process";

// Issue 11, item 1: a full disk does not stop judging until a restart. The server runs on a
// copy of the test database on a small tmpfs (mounted here as root, as on CI); the disk is
// filled, and writes must fail fast with 503 + Retry-After (marks, the freeze: a Prisma
// transaction), /healthz must say the database cannot write, and once space returns the
// same server writes again. Where a tmpfs cannot be mounted, the server's storage-fault
// switch (GONGSAI_STORAGE_FAULT_FILE: every commit fails as on a full disk) stands in.
// SQLite only: a PostgreSQL server's disk is its own.

const onSqlite = process.env.TEST_DATABASE !== "postgres";
const MB = 1024 * 1024;

type Disk = { dir: string; mode: "tmpfs" | "injected"; fill: () => void; free: () => void; cleanup: () => void };

function smallDisk(sizeBytes: number): Disk {
  const dir = path.join(root, "tests", ".tmp", `disk-full-${crypto.randomBytes(3).toString("hex")}`);
  mkdirSync(dir, { recursive: true });
  // TEST_DISK_FULL=injected tries the stand-in even where mounting works.
  const mounted = process.env.TEST_DISK_FULL !== "injected" && spawnSync("mount", ["-t", "tmpfs", "-o", `size=${Math.ceil(sizeBytes / MB)}m`, "tmpfs", dir], { stdio: "ignore" }).status === 0;
  const filler = path.join(dir, "filler");
  const faultFile = path.join(dir, "storage-fault");
  if (mounted) {
    return {
      dir, mode: "tmpfs",
      fill: () => {
        // Write until the filesystem refuses: 1 MB blocks, then 4 KB ones.
        const fd = openSync(filler, "w");
        try {
          for (const block of [Buffer.alloc(MB, 1), Buffer.alloc(4096, 1)]) {
            for (;;) {
              try {
                writeSync(fd, block);
              } catch {
                break;
              }
            }
          }
        } finally {
          closeSync(fd);
        }
      },
      free: () => rmSync(filler, { force: true }),
      cleanup: () => {
        spawnSync("umount", [dir], { stdio: "ignore" });
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  return {
    dir, mode: "injected",
    fill: () => writeFileSync(faultFile, "full"),
    free: () => rmSync(faultFile, { force: true }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe.runIf(onSqlite)("a full disk (SQLite)", () => {
  let disk: Disk;
  let server: ServerProcess;
  let eventId: string;
  let codeIds: string[];
  let judgeToken: string;
  let chiefToken: string;
  let organiserCookie: string;
  let unitId: string;

  beforeAll(async () => {
    ensureBuild();
    const p = await createProvince();
    const tokenOf = async (userId: string) => (await createApiToken((await loadUserForToken(userId, "bootstrap"))!, { name: "disk-full" }, { userId, requestId: null })).token;
    const chief = await createUser([{ role: "chief_judge", orgId: p.cityA.id }]);
    const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
    chiefToken = await tokenOf(chief.id);
    judgeToken = await tokenOf(judge.id);
    // a signed-in organiser for the page forms (the session is in the copy the server uses)
    organiserCookie = await sessionCookieFor((await createUser([{ role: "organiser", orgId: p.cityA.id }])).id);
    unitId = p.enterpriseA.id;
    const scheme = { components: [{ id: "P", name: "实操", kind: "practical", weight: 1, modules: [{ id: "M", criteria: [{ id: "C", aspects: [{ id: "a1", name: "质量", max: 100, kind: "judgement" }, { id: "a2", name: "工艺", max: 100, kind: "judgement" }] }] }] }] };
    const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `磁盘满测试${uid()}`, level: "city", contestClass: "二类", status: "running" } });
    const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "车工", trade: "车工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date() } });
    eventId = event.id;
    codeIds = [];
    for (let i = 0; i < 3; i++) {
      const member = await createMember(p.enterpriseA.id);
      const registration = await db.registration.create({ data: { eventId, memberId: member.id, unitId: p.enterpriseA.id, status: "approved" } });
      const code = await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: `E${i}`, orderNo: i, stationNo: i, stationCode: `D${i + 1}` } });
      codeIds.push(code.id);
    }
    await db.judgeAssignment.create({ data: { eventId, userId: judge.id } });
    // The server's database: a consistent copy of this run's database on the small disk.
    const source = process.env.DATABASE_URL!.replace(/^file:/, "");
    disk = smallDisk(statSync(source).size + 12 * MB);
    const copy = path.join(disk.dir, "gongsai.db");
    const reader = new Database(source, { readonly: true });
    await reader.backup(copy);
    reader.close();
    server = await startServer({ DATABASE_URL: `file:${copy}`, GONGSAI_STORAGE_FAULT_FILE: path.join(disk.dir, "storage-fault") });
  }, 300_000);

  afterAll(async () => {
    await stopServer(server);
    disk?.cleanup();
  });

  // A hanging request fails the test within 10 s instead of hanging it.
  const send = (method: string, route: string, token: string, body?: unknown) =>
    fetch(`${server.url}${route}`, {
      method, signal: AbortSignal.timeout(10_000),
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const putMark = (blindCodeId: string, aspectId: string, value: string, idempotencyKey = crypto.randomUUID()) =>
    send("PUT", `/api/v1/events/${eventId}/marks`, judgeToken, { blindCodeId, aspectId, value, idempotencyKey });
  const health = async () => {
    const res = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(10_000) });
    return { status: res.status, body: await res.json() };
  };

  it("refuses writes at once with 503 and Retry-After, says so on /healthz, and writes again when space returns", async () => {
    expect((await putMark(codeIds[0], "a1", "80")).status).toBe(200);
    expect(await health()).toMatchObject({ status: 200, body: { database: "ok", writable: true } });

    disk.fill();
    const refusedKey = crypto.randomUUID();
    // Several writes in a row, marks and Prisma transactions (the freeze) alike: each answers, none hangs.
    for (let round = 0; round < 3; round++) {
      const mark = await putMark(codeIds[1], "a1", "70", refusedKey);
      expect(mark.status, `${disk.mode}: ${await mark.clone().text()}`).toBe(503);
      expect(Number(mark.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await mark.json()).error.code).toBe("storage_unavailable");
      const batch = await send("PUT", `/api/v1/events/${eventId}/marks`, judgeToken, { marks: [{ blindCodeId: codeIds[2], aspectId: "a2", value: "60", idempotencyKey: crypto.randomUUID() }] });
      expect(batch.status).toBe(503);
      const freeze = await send("POST", `/api/v1/events/${eventId}/freeze`, chiefToken, {});
      expect(freeze.status, await freeze.clone().text()).toBe(503);
      expect(freeze.headers.get("retry-after")).toBeTruthy();
    }
    expect(await health()).toMatchObject({ status: 503, body: { database: "cannot-write", writable: false } });

    disk.free();
    // The same server, no restart: the refused mark goes through with its key, the freeze too.
    const again = await putMark(codeIds[1], "a1", "70", refusedKey);
    expect(again.status, await again.clone().text()).toBe(200);
    expect(await again.json()).toMatchObject({ status: "saved", value: 7000, version: 1, replayed: false });
    const freeze = await send("POST", `/api/v1/events/${eventId}/freeze`, chiefToken, {});
    expect(freeze.status, await freeze.clone().text()).toBe(200);
    expect(await health()).toMatchObject({ status: 200, body: { database: "ok", writable: true } });

    // Nothing half written while the disk was full: two marks, two keys, two entered events.
    const copy = new Database(path.join(disk.dir, "gongsai.db"), { readonly: true });
    try {
      const count = (sql: string) => (copy.prepare(sql).get(eventId) as { n: number }).n;
      expect(count(`SELECT count(*) AS n FROM "Mark" WHERE "eventId" = ?`)).toBe(2);
      expect(count(`SELECT count(*) AS n FROM "MarkSubmission" s JOIN "Mark" m ON m."id" = s."markId" WHERE m."eventId" = ?`)).toBe(2);
      expect(count(`SELECT count(*) AS n FROM "Event" WHERE "action" = 'mark.entered' AND json_extract("after", '$.eventId') = ?`)).toBe(2);
      expect(count(`SELECT count(*) AS n FROM "Event" WHERE "action" = 'results.frozen' AND "entityId" = ?`)).toBe(1);
    } finally {
      copy.close();
    }
  });

  // Issue 11 item 1 for pages: a form post (no script, and the client router's .data request)
  // answers 503 with Retry-After and a Chinese-first page, writes nothing, and goes through
  // once space returns: app/utils/page-actions.server.ts.
  it("a page's form post answers 503 with Retry-After and a Chinese-first page, then saves once space returns", async () => {
    const idNumber = validIdNumber();
    const name = `磁盘满登记${uid().slice(0, 4)}`;
    const formBody = new URLSearchParams({ name, ethnicity: "汉族", idNumber, orgId: unitId }).toString();
    const post = (route: string) => fetch(`${server.url}${route}`, {
      method: "POST", redirect: "manual", signal: AbortSignal.timeout(10_000),
      headers: { Cookie: organiserCookie, Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: formBody,
    });
    const countInCopy = () => {
      const copy = new Database(path.join(disk.dir, "gongsai.db"), { readonly: true });
      try {
        return (copy.prepare(`SELECT count(*) AS n FROM "Member" WHERE "name" = ?`).get(name) as { n: number }).n;
      } finally {
        copy.close();
      }
    };

    disk.fill();
    try {
      for (let round = 0; round < 2; round++) {
        const page = await post("/members/new");
        const html = await page.text();
        expect(page.status, `${disk.mode}: ${html.slice(0, 300)}`).toBe(503);
        expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(0);
        expect(page.headers.get("content-type")).toMatch(/text\/html/);
        expect(html).toContain("服务器存储空间已满");
        expect(html).toMatch(/<html lang="zh/);
        // the same form submitted by the client router (single fetch)
        const data = await post("/members/new.data");
        expect(data.status, await data.clone().text()).toBe(503);
        expect(Number(data.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      // the sign-in page's form too (a failed sign-in writes its throttle row and event outside
      // any transaction, which only a real full disk refuses: the injected fault fails commits)
      if (disk.mode === "tmpfs") {
        const login = await fetch(`${server.url}/login`, {
          method: "POST", redirect: "manual", signal: AbortSignal.timeout(10_000),
          headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ username: "nobody-" + uid(), password: "wrong-password-1" }).toString(),
        });
        expect([login.status, Number(login.headers.get("retry-after")) > 0]).toEqual([503, true]);
      }
      expect(countInCopy()).toBe(0);
    } finally {
      disk.free();
    }

    const saved = await post("/members/new");
    expect(saved.status, await saved.clone().text()).toBe(302);
    expect(saved.headers.get("location")).toMatch(/^\/members\/\w+\?created=1$/);
    expect(countInCopy()).toBe(1);
  });
});
