import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// This file's own storage folder (the entrant's photo), set before any module reads it.
const storageDir = vi.hoisted(() => {
  const dir = `tests/.tmp/ticket-files-${Math.random().toString(36).slice(2, 10)}`;
  process.env.STORAGE_DIR = dir;
  return dir;
});

import crypto from "node:crypto";
import { rmSync } from "node:fs";
import QRCode from "qrcode";
import jsQR from "jsqr";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { db } from "~/utils/db.server";
import { saveUpload } from "~/modules/files/files.server";
import { runEventDraw } from "~/modules/draws/draws.server";
import { loadUserForToken } from "~/utils/auth.server";
import { findChineseFont } from "~/utils/pdf.server";
import * as ticketRoute from "~/routes/tickets.$registrationId[.]pdf";
import * as checkInPage from "~/routes/check-in";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid, validIdNumber } from "../factories";

afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: ctx });

/** A Chinese name nobody else in the database has. */
function chineseName() {
  const chars = "明华强伟芳娜敏静丽军杰涛超勇艳秀英霞平刚桂兰";
  const pick = () => chars[crypto.randomInt(chars.length)];
  return `欧阳${pick()}${pick()}${pick()}`;
}

async function pdfOf(registrationId: string, cookie: string) {
  let response: Response;
  try {
    response = (await ticketRoute.loader(args(makeRequest(`/tickets/${registrationId}.pdf`, { cookie }), { registrationId }))) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, bytes: new Uint8Array() };
    throw thrown;
  }
  return { status: response.status, type: response.headers.get("Content-Type"), bytes: new Uint8Array(await response.arrayBuffer()) };
}

/** The text of page 1 and every QR code found in its images, read back from the PDF itself. */
async function readTicket(bytes: Uint8Array) {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
  const ops = await page.getOperatorList();
  const codes: string[] = [];
  let images = 0;
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
    images++;
    const name = ops.argsArray[i][0] as string;
    const image = await new Promise<{ width: number; height: number; kind: number; data: Uint8ClampedArray }>((resolve) => page.objs.get(name, resolve));
    const code = jsQR(toRgba(image), image.width, image.height);
    if (code) codes.push(code.data);
  }
  await doc.destroy();
  return { text, codes, images };
}

/** pdf.js image kinds: 1 = 1-bit grey, 2 = RGB, 3 = RGBA. */
function toRgba(image: { width: number; height: number; kind: number; data: Uint8ClampedArray }) {
  const pixels = image.width * image.height;
  if (image.kind === 3) return image.data;
  const out = new Uint8ClampedArray(pixels * 4);
  for (let p = 0; p < pixels; p++) {
    let v: [number, number, number];
    if (image.kind === 2) v = [image.data[p * 3], image.data[p * 3 + 1], image.data[p * 3 + 2]];
    else {
      const row = Math.floor(p / image.width), col = p % image.width, stride = Math.ceil(image.width / 8);
      const bit = (image.data[row * stride + (col >> 3)] >> (7 - (col & 7))) & 1;
      v = bit ? [255, 255, 255] : [0, 0, 0];
    }
    out.set([...v, 255], p * 4);
  }
  return out;
}

let w: Awaited<ReturnType<typeof build>>;

async function build() {
  const p = await createProvince();
  const officer = await createUser([{ role: "encryption_officer", orgId: p.cityA.id }]);
  const organiser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  const judge = await createUser([{ role: "judge", orgId: p.cityA.id }]);
  const unitContact = await createUser([{ role: "unit_contact", orgId: p.enterpriseA.id }]);
  const otherUnitContact = await createUser([{ role: "unit_contact", orgId: p.enterpriseB.id }]);
  const contest = await db.contest.create({
    data: { orgId: p.cityA.id, name: `杭州市职工职业技能大赛${uid()}`, level: "city", contestClass: "一类", status: "open", startsAt: new Date(Date.now() + 7 * 86_400_000) },
  });
  const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "焊工（职工组）", trade: "焊工", groupName: "职工组" } });
  const session = await db.contestSession.create({ data: { eventId: event.id, name: "第一场", place: "杭州技师学院实训楼", stationCount: 10, startsAt: new Date(Date.UTC(2026, 11, 1, 1)) } });
  const name = chineseName();
  const member = await createMember(p.enterpriseA.id, { name, idNumber: validIdNumber("330106", { y: 1970 + crypto.randomInt(30), m: 1 + crypto.randomInt(12), d: 1 + crypto.randomInt(28) }) });
  const entrant = await createUser([{ role: "worker", orgId: p.enterpriseA.id }], { memberId: member.id });
  const photoPng = await QRCode.toBuffer("not the check-in code: a stand-in photo", { type: "png" });
  const photo = await saveUpload(new File([new Uint8Array(photoPng)], "photo.png", { type: "image/png" }), { purpose: "registration-photo", allowedTypes: ["png", "jpeg"] }, { userId: organiser.id, requestId: null });
  const registration = await db.registration.create({
    data: {
      eventId: event.id, memberId: member.id, unitId: p.enterpriseA.id, status: "approved", admissionNo: `ZK${uid()}`,
      checkInToken: crypto.randomBytes(24).toString("base64url"), photoFileId: photo.id,
    },
  });
  const cookies = {
    officer: await sessionCookieFor(officer.id), organiser: await sessionCookieFor(organiser.id), judge: await sessionCookieFor(judge.id),
    unitContact: await sessionCookieFor(unitContact.id), otherUnitContact: await sessionCookieFor(otherUnitContact.id), entrant: await sessionCookieFor(entrant.id),
  };
  return { p, officer, contest, event, session, name, member, registration, cookies };
}

beforeAll(async () => {
  w = await build();
});

describe("admission ticket PDF (acceptance)", () => {
  it("finds a Chinese font on this machine", () => {
    expect(findChineseFont().path).toMatch(/\.tt[cf]$|\.otf$/);
  });

  it("contains the entrant's name in Chinese, read back from the PDF's text", async () => {
    const pdf = await pdfOf(w.registration.id, w.cookies.entrant);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe("application/pdf");
    const { text, images } = await readTicket(pdf.bytes);
    expect(text).toContain(w.name);
    expect(text).toContain(w.registration.admissionNo!);
    expect(text).toContain(w.contest.name);
    expect(text).toContain("准考证号");
    // the photo and the QR code
    expect(images).toBe(2);
  });

  it("carries a QR code that check-in accepts", async () => {
    const pdf = await pdfOf(w.registration.id, w.cookies.entrant);
    const { codes } = await readTicket(pdf.bytes);
    const payload = codes.find((c) => c.includes("/check-in?token="));
    expect(payload).toBeDefined();
    expect(payload).toContain(encodeURIComponent(w.registration.checkInToken!));
    const request = makeRequest("/check-in", { cookie: w.cookies.officer, form: { token: payload! } });
    const result = (await checkInPage.action(args(request))) as { ok: boolean; result: { outcome: string; admissionNo: string } };
    expect(result.ok).toBe(true);
    expect(result.result.outcome).toBe("checked_in");
    expect(result.result.admissionNo).toBe(w.registration.admissionNo);
    expect((await db.registration.findUniqueOrThrow({ where: { id: w.registration.id } })).checkedInAt).not.toBeNull();
  });

  it("goes to the entrant, their unit contact, organisers and the encryption officer; not to judges or other units", async () => {
    expect((await pdfOf(w.registration.id, w.cookies.unitContact)).status).toBe(200);
    expect((await pdfOf(w.registration.id, w.cookies.organiser)).status).toBe(200);
    expect((await pdfOf(w.registration.id, w.cookies.officer)).status).toBe(200);
    expect((await pdfOf(w.registration.id, w.cookies.judge)).status).toBe(403);
    expect((await pdfOf(w.registration.id, w.cookies.otherUnitContact)).status).toBe(403);
    expect((await pdfOf("no-such-registration", w.cookies.organiser)).status).toBe(404);
  });

  it("is refused while the registration is not approved", async () => {
    const member = await createMember(w.p.enterpriseA.id, { idNumber: validIdNumber("330106", { y: 1971 + crypto.randomInt(30), m: 1 + crypto.randomInt(12), d: 1 + crypto.randomInt(28) }) });
    const pending = await db.registration.create({ data: { eventId: w.event.id, memberId: member.id, unitId: w.p.enterpriseA.id, status: "pending_host" } });
    expect((await pdfOf(pending.id, w.cookies.organiser)).status).toBe(409);
  });

  it("after the draw shows the session and the 参赛号, and goes only to the entrant and the encryption officer", async () => {
    const officer = (await loadUserForToken(w.officer.id, "test"))!;
    await runEventDraw(officer, w.event.id, { redraw: false }, { userId: w.officer.id, requestId: null });
    const code = await db.blindCode.findUniqueOrThrow({ where: { registrationId: w.registration.id } });
    const asEntrant = await readTicket((await pdfOf(w.registration.id, w.cookies.entrant)).bytes);
    expect(asEntrant.text).toContain(w.session.name);
    expect(asEntrant.text).toContain(w.session.place);
    expect(asEntrant.text).toMatch(new RegExp(`参赛号\\s*${code.entryNo}`));
    const asOfficer = await readTicket((await pdfOf(w.registration.id, w.cookies.officer)).bytes);
    expect(asOfficer.text).toMatch(new RegExp(`参赛号\\s*${code.entryNo}`));
    // The station code is for judges' eyes and is never printed on a ticket.
    expect(asEntrant.text).not.toContain("工位号");
    // While the event is blind the ticket is identity: nobody else gets it.
    expect((await pdfOf(w.registration.id, w.cookies.organiser)).status).toBe(403);
    expect((await pdfOf(w.registration.id, w.cookies.unitContact)).status).toBe(403);
    expect((await pdfOf(w.registration.id, w.cookies.judge)).status).toBe(403);
  });
});
