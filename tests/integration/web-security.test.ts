import crypto from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { action as loginAction } from "~/routes/login";
import { action as setLocaleAction } from "~/routes/set-locale";
import { action as importAction } from "~/routes/members.import";
import { action as theoryAction } from "~/routes/events.$eventId.theory";
import { action as accountAction } from "~/routes/account._index";
import { db } from "~/utils/db.server";
import { attemptLogin, getUser, loadUserForToken, sessionCookie } from "~/utils/auth.server";
import { openWorksheet } from "~/utils/xlsx.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { CreateUserSchema } from "~/modules/users/schemas";
import { SHEET_COLUMNS } from "~/modules/members/member-fields";
import { publishResults } from "~/modules/results/publication.server";
import { verifyCertificate } from "~/modules/results/certificates.server";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor, TEST_PASSWORD, uid } from "../factories";
import { account, buildFinishedEvent } from "./publication-fixture";

// Issue 10, items 6–9 (decisions/006-web-security.md): resource limits on uploaded
// workbooks, sign-in throttling without lock-out, open redirects, production defaults
// (hashed session ids, password policy, DATA_KEY) and the small 500s found. What only the
// running server does (headers, CSRF, bodies read after authentication) is in
// web-security-server.test.ts.

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Awaited<ReturnType<typeof createUser>>;
let cookie: string;

beforeAll(async () => {
  p = await createProvince();
  organiser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  cookie = await sessionCookieFor(organiser.id);
});

async function memberWorkbook(extra?: (zip: JSZip) => void) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("会员");
  sheet.addRow(SHEET_COLUMNS.map((c) => c.header));
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  if (!extra) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  extra(zip);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

function uploadRequest(path: string, bytes: Uint8Array, name: string, as = cookie) {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name));
  return makeRequest(path, { cookie: as, method: "POST", body: form });
}

/** Rewrites the declared uncompressed size of every entry named `name` (central directory and local header). */
function lieAboutSize(bytes: Uint8Array, name: string, size: number) {
  const out = new Uint8Array(bytes);
  const view = new DataView(out.buffer);
  const target = new TextEncoder().encode(name);
  for (let i = 0; i + 46 < out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x02014b50 && Buffer.from(out.subarray(i + 46, i + 46 + view.getUint16(i + 28, true))).equals(Buffer.from(target))) view.setUint32(i + 24, size, true);
    if (sig === 0x04034b50 && Buffer.from(out.subarray(i + 30, i + 30 + view.getUint16(i + 26, true))).equals(Buffer.from(target))) view.setUint32(i + 22, size, true);
  }
  return out;
}

async function importAnswer(bytes: Uint8Array, name = "会员.xlsx") {
  const before = await db.member.count();
  const res = (await importAction({ request: uploadRequest("/members/import", bytes, name), params: {}, context: ctx })) as Response;
  const body = await res.json();
  expect(await db.member.count()).toBe(before);
  return { status: res.status, body };
}

describe("item 6: an uploaded workbook is limited before it is unpacked, and parsed off the main thread", () => {
  it("refuses a workbook whose parts declare more than 64 MB unpacked, without inflating it (400, nothing imported)", async () => {
    // 80 MB of zeros compress to about 80 KB: the shape of the 1.4 MB file that unpacked to 400 MB.
    const bomb = await memberWorkbook((zip) => zip.file("xl/media/filler.bin", new Uint8Array(80 * 1024 * 1024)));
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    const { status, body } = await importAnswer(bomb);
    expect(status).toBe(400);
    expect(body.message).toContain("解压后超过 64 MB");
  });

  it("refuses a workbook whose parts inflate to more than they declare (the real bytes are held to the limit)", async () => {
    const honest = await memberWorkbook((zip) => zip.file("xl/media/filler.bin", new Uint8Array(20 * 1024 * 1024)));
    const liar = lieAboutSize(honest, "xl/media/filler.bin", 1024);
    const { status, body } = await importAnswer(liar);
    expect(status).toBe(400);
    expect(body.message).toContain("解压后超过");
  });

  it("refuses a workbook of more than 2000 parts", async () => {
    const many = await memberWorkbook((zip) => { for (let i = 0; i < 2001; i++) zip.file(`xl/media/p${i}.bin`, "x"); });
    const { status, body } = await importAnswer(many);
    expect(status).toBe(400);
    expect(body.message).toContain("2000 个部件");
  });

  it("stops parsing at the time limit (the worker is ended) with a message, and reads a good file as before", async () => {
    const good = await memberWorkbook();
    await expect(openWorksheet(good, undefined, "unreadable", { timeoutMs: 1 })).rejects.toMatchObject({ status: 400, message: expect.stringContaining("用时过长") });
    const sheet = await openWorksheet(good);
    expect(sheet.getRow(1).getCell(1).value).toBe(SHEET_COLUMNS[0].header);
    expect(sheet.rowCount).toBe(1);
  });
});

describe("item 7: redirects and sign-in throttling", () => {
  it("never redirects off the site, whatever the encoding (/%09/evil.example)", async () => {
    for (const to of ["/\t/evil.example", "/\n/evil.example", "/\\evil.example", "/%09/evil.example".replace("%09", "\t"), "//evil.example", "https://evil.example", "/ /evil.example"]) {
      expect(safeRedirect(to)).toBe("/");
    }
    expect(safeRedirect("/events/1?tab=marks")).toBe("/events/1?tab=marks");
    const user = await createUser();
    const res = await loginAction({
      request: makeRequest(`/login`, { form: { username: user.username, password: TEST_PASSWORD, redirectTo: decodeURIComponent("/%09/evil.example") } }),
      params: {}, context: { ...ctx, clientAddress: "198.51.100.7" },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
  });

  it("a stranger typing wrong passwords cannot lock the encryption officer out: delays, not a lock", async () => {
    const officer = await createUser([{ role: "encryption_officer", orgId: p.province.id }], { username: `enc_${uid()}` });
    const actor = { userId: null, requestId: null };
    const start = new Date();
    let last;
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    // Twelve wrong passwords, one every 70 s (each after the previous delay ended, so each counts).
    for (let i = 0; i < 12; i++) last = await attemptLogin(officer.username, `wrong-${i}`, actor, at(i * 70), "203.0.113.66");
    // The stranger waits: the account's delay, capped at a minute.
    expect(last).toMatchObject({ ok: false, status: 429 });
    const attackerAgain = await attemptLogin(officer.username, "wrong-again", actor, at(11 * 70 + 1), "203.0.113.66");
    expect(attackerAgain).toMatchObject({ ok: false, status: 429 });
    // The officer, from the office, a minute later: signed in (a lock-out would hold 15 minutes).
    const officerIn = await attemptLogin(officer.username, TEST_PASSWORD, actor, at(11 * 70 + 61), "192.0.2.10");
    expect(officerIn).toMatchObject({ ok: true, userId: officer.id });
  });

  it("delays an address that keeps failing, whatever usernames it tries, with growing waits", async () => {
    const actor = { userId: null, requestId: null };
    const now = new Date();
    const address = `198.18.${crypto.randomInt(255)}.${crypto.randomInt(255)}`;
    const answers = [];
    for (let i = 0; i < 22; i++) answers.push(await attemptLogin(`nobody_${uid()}`, "wrong-password-1", actor, now, address));
    expect(answers.slice(0, 19).every((a) => !a.ok && a.status === 401)).toBe(true);
    expect(answers[19]).toMatchObject({ ok: false, status: 429 });
    expect(answers[20]).toMatchObject({ ok: false, status: 429 }); // inside the delay: refused without a try
    const first = await db.loginThrottle.findUniqueOrThrow({ where: { key: `addr:${address}` } });
    const again = await attemptLogin(`nobody_${uid()}`, "wrong-password-1", actor, new Date(first.lockedUntil!.getTime() + 1), address);
    expect(again).toMatchObject({ ok: false, status: 429 });
    const second = await db.loginThrottle.findUniqueOrThrow({ where: { key: `addr:${address}` } });
    expect(second.lockedUntil!.getTime() - first.lockedUntil!.getTime()).toBeGreaterThan(1000); // the wait grew
    // Another address is not slowed by this one.
    const user = await createUser();
    expect(await attemptLogin(user.username, TEST_PASSWORD, actor, now, "192.0.2.200")).toMatchObject({ ok: true });
  });

  it("answers an unknown username exactly as a wrong password (no account oracle)", async () => {
    const user = await createUser();
    const actor = { userId: null, requestId: null };
    const known = await attemptLogin(user.username, "wrong-password-9", actor, new Date(), "192.0.2.51");
    const unknown = await attemptLogin(`ghost_${uid()}`, "wrong-password-9", actor, new Date(), "192.0.2.52");
    expect(unknown).toEqual(known);
  });
});

describe("item 8: production defaults", () => {
  it("stores session ids hashed: the cookie's id is not in the database, and still signs in", async () => {
    const user = await createUser();
    const header = await sessionCookieFor(user.id);
    const token = await sessionCookie.parse(header);
    expect(await db.session.findUnique({ where: { id: token } })).toBeNull();
    const stored = await db.session.findUniqueOrThrow({ where: { id: crypto.createHash("sha256").update(token).digest("base64url") } });
    expect(stored.userId).toBe(user.id);
    expect((await getUser(makeRequest("/", { cookie: header })))?.id).toBe(user.id);
  });

  it("a new password must be long, not contain the username and not be a common one", async () => {
    const base = { username: `li_${uid()}`, displayName: "李" };
    expect(CreateUserSchema.safeParse({ ...base, password: "password123" }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...base, password: "a123456789" }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...base, password: `${base.username}2026x` }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...base, password: "short1" }).success).toBe(false);
    // The public demo password is not accepted as a new one (the seeded accounts keep it).
    expect(CreateUserSchema.safeParse({ ...base, password: "gongsai2026" }).success).toBe(false);
    expect(CreateUserSchema.safeParse({ ...base, password: "river-lamp-37" }).success).toBe(true);

    const user = await createUser([], { username: `wang_${uid()}` });
    const userCookie = await sessionCookieFor(user.id);
    const change = async (newPassword: string) => {
      const res = (await accountAction({
        request: makeRequest("/account", { cookie: userCookie, form: { currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword } }), params: {}, context: ctx,
      })) as Response;
      return { status: res.status, body: await res.json() };
    };
    const hash = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash;
    const containsName = await change(`${user.username}-2026`);
    expect(containsName.status).toBe(400);
    expect(containsName.body.message).toContain("用户名");
    expect((await change("qwerty123456")).status).toBe(400);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(hash);
    expect(await attemptLogin(user.username, TEST_PASSWORD, { userId: null, requestId: null }, new Date(), "192.0.2.77")).toMatchObject({ ok: true });
  });

  it("refuses to start in production without DATA_KEY (the all-zero demo key would be used)", async () => {
    const saved = { ...process.env };
    try {
      vi.resetModules();
      process.env.NODE_ENV = "production";
      delete process.env.DATA_KEY;
      delete process.env.ALLOW_DEMO_SECRETS;
      const { getEnv } = await import("~/utils/env.server");
      expect(() => getEnv()).toThrow(/DATA_KEY/);
      vi.resetModules();
      process.env.DATA_KEY = "a".repeat(64);
      const again = await import("~/utils/env.server");
      expect(again.getEnv().DATA_KEY).toBe("a".repeat(64));
    } finally {
      process.env = saved;
      vi.resetModules();
    }
  });
});

describe("item 9: small things", () => {
  it("a malformed multipart body on /login answers 400, not 500", async () => {
    const request = new Request("http://localhost/login", {
      method: "POST", headers: { "Content-Type": "multipart/form-data; boundary=XB" }, body: "--XB\r\nnot a part",
    });
    const res = await loginAction({ request, params: {}, context: ctx });
    expect(res.status).toBe(400);
    expect((await res.json()).message).toContain("无法读取");
  });

  it("/set-locale records the account's change in the event log", async () => {
    const user = await createUser();
    const userCookie = await sessionCookieFor(user.id);
    const res = await setLocaleAction({ request: makeRequest("/set-locale", { cookie: userCookie, form: { locale: "en", redirectTo: "/" } }), params: {}, context: ctx });
    expect(res.status).toBe(302);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("en");
    const event = await db.event.findFirstOrThrow({ where: { action: "user.locale-changed", entityId: user.id } });
    expect(JSON.parse(event.after!)).toEqual({ locale: "en" });
    expect(event.actorId).toBe(user.id);
  });

  it("an oversize theory import answers 413 with a message, not 500", async () => {
    const big = new Uint8Array(5_100_000);
    big.set([0x50, 0x4b, 0x03, 0x04]);
    const res = (await theoryAction({ request: uploadRequest(`/events/any/theory`, big, "理论.xlsx"), params: { eventId: "any" }, context: ctx })) as Response;
    expect(res.status).toBe(413);
    expect((await res.json()).message).toContain("文件过大");
  });

  it("a NUL in an upload's name is refused with 400, not 500, and nothing is imported", async () => {
    const good = await memberWorkbook();
    const { status, body } = await importAnswer(good, "会员\u0000.xlsx");
    expect(status).toBe(400);
    expect(body.message).toBeTruthy();
  });

  it("a certificate keeps the holder's name and unit as they were at issue", async () => {
    const [org, chief, judge2] = await Promise.all([account("organiser", p.cityA.id), account("chief_judge", p.cityA.id), account("judge", p.cityA.id)]);
    const ev = await buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants: 6 });
    // Six entrants are below the S-4 minimum: the organiser confirms in writing (issue 12 item 7).
    await publishResults((await loadUserForToken(org.id, "bootstrap"))!, ev.event.id, { noticeDays: 5, smallFieldConfirmation: "经组委会研究，按比例设奖" }, { userId: org.id, requestId: null });
    const cert = await db.certificate.findFirstOrThrow({ where: { eventId: ev.event.id, revokedAt: null, kind: "individual" } });
    const registration = await db.registration.findUniqueOrThrow({ where: { id: cert.registrationId }, include: { member: true, unit: true } });
    const before = await verifyCertificate(cert.verifyCode);
    expect(before.name).toBe(registration.member.name);
    await db.member.update({ where: { id: registration.memberId }, data: { name: "改名后" } });
    await db.organisation.update({ where: { id: registration.unitId }, data: { name: `${registration.unit.name}（新名）` } });
    const after = await verifyCertificate(cert.verifyCode);
    expect(after.name).toBe(registration.member.name);
    expect(after.unitName).toBe(registration.unit.name);
  });
});
