// Issue 6 part B, certificates (acceptance): the PDF's text holds the name, prize and number;
// its QR code leads to /verify/<code>, which shows the server's record; a made-up code is a
// 404 "未找到"; a revoked certificate shows 已作废. Also: who may download, and my results.
import { beforeAll, describe, expect, it } from "vitest";
import jsQR from "jsqr";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import * as certificateRoute from "~/routes/certificates.$certificateId[.]pdf";
import * as verifyPage from "~/routes/verify.$code";
import * as verifyApi from "~/routes/api.v1.certificates.verify.$code";
import * as myResultsPage from "~/routes/my-results";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { publishResults } from "~/modules/results/publication.server";
import { createProvince, ctx, makeRequest, uid } from "../factories";
import { account, buildFinishedEvent, call, type Account, type Built } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, chief: Account, judge2: Account, winner: Account, otherWorker: Account, contact: Account, otherContact: Account;
let ev: Built;

beforeAll(async () => {
  p = await createProvince();
  [organiser, chief, judge2, otherWorker, contact, otherContact] = await Promise.all([
    account("organiser", p.cityA.id), account("chief_judge", p.cityA.id), account("judge", p.cityA.id), account("worker", p.enterpriseA.id),
    account("unit_contact", p.enterpriseA.id), account("unit_contact", p.enterpriseB.id),
  ]);
  ev = await buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants: 10 });
  winner = await account("worker", p.enterpriseA.id, ev.entrants[0].member.id);
  const user = (await loadUserForToken(organiser.id, "bootstrap"))!;
  await publishResults(user, ev.event.id, { noticeDays: 5, smallFieldConfirmation: "测试：参赛人数不足，组委会确认" }, { userId: organiser.id, requestId: null });
});

const certificateOf = (index: number) => db.certificate.findFirstOrThrow({ where: { registrationId: ev.entrants[index].registration.id, revokedAt: null } });

async function download(certificateId: string, as: Account) {
  return call(certificateRoute, `/certificates/${certificateId}.pdf`, { certificateId }, { as, cookie: true });
}

/** pdf.js image kinds: 1 = 1-bit grey, 2 = RGB, 3 = RGBA. */
function toRgba(image: { width: number; height: number; kind: number; data: Uint8ClampedArray }) {
  const pixels = image.width * image.height;
  if (image.kind === 3) return image.data;
  const out = new Uint8ClampedArray(pixels * 4);
  for (let i = 0; i < pixels; i++) {
    let v: [number, number, number];
    if (image.kind === 2) v = [image.data[i * 3], image.data[i * 3 + 1], image.data[i * 3 + 2]];
    else {
      const row = Math.floor(i / image.width), col = i % image.width, stride = Math.ceil(image.width / 8);
      const bit = (image.data[row * stride + (col >> 3)] >> (7 - (col & 7))) & 1;
      v = bit ? [255, 255, 255] : [0, 0, 0];
    }
    out.set([...v, 255], i * 4);
  }
  return out;
}

/** The text of page 1 and every QR code in its images, read back from the PDF itself. */
async function readPdf(bytes: Uint8Array) {
  const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
  const page = await doc.getPage(1);
  const text = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
  const ops = await page.getOperatorList();
  const codes: string[] = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
    const name = ops.argsArray[i][0] as string;
    const image = await new Promise<{ width: number; height: number; kind: number; data: Uint8ClampedArray }>((resolve) => page.objs.get(name, resolve));
    const code = jsQR(toRgba(image), image.width, image.height);
    if (code) codes.push(code.data);
  }
  await doc.destroy();
  return { text, codes };
}

describe("certificate PDF and verification (acceptance)", () => {
  it("holds the name, prize and number; its QR code opens the server's record", async () => {
    const cert = await certificateOf(0);
    const res = await download(cert.id, winner);
    expect(res.status).toBe(200);
    expect(res.response!.headers.get("Content-Type")).toBe("application/pdf");
    const { text, codes } = await readPdf(new Uint8Array(await res.response!.arrayBuffer()));
    expect(text).toContain(ev.entrants[0].name);
    expect(text).toContain("一等奖");
    expect(text).toContain(cert.number);
    expect(text).toContain(ev.contest.name);
    expect(codes).toEqual([`http://localhost/verify/${cert.verifyCode}`]);

    const code = new URL(codes[0]).pathname.split("/").pop()!;
    const page = await call(verifyPage, `/verify/${code}`, { code });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ number: cert.number, name: ev.entrants[0].name, prize: "一等奖", status: "valid", contestName: ev.contest.name, eventName: ev.event.name, revokedAt: null });
    const api = await call(verifyApi, `/api/v1/certificates/verify/${code}`, { code });
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ number: cert.number, status: "valid" });
  });

  it("a made-up code is not found, whatever its shape; the code cannot be guessed", async () => {
    for (const code of ["a".repeat(26), "GS2026-001-0001", uid(), "../etc/passwd"]) {
      const page = await call(verifyPage, `/verify/${encodeURIComponent(code)}`, { code });
      expect(page.status).toBe(404);
      expect(page.body).toContain("未找到该证书");
      const api = await call(verifyApi, `/api/v1/certificates/verify/x`, { code });
      expect(api.status).toBe(404);
      expect((api.body as { error: { code: string; message: string } }).error).toMatchObject({ code: "not_found", message: "未找到该证书" });
    }
    // the certificate number is printed on the PDF, but it is not the verification code
    const cert = await certificateOf(1);
    expect((await call(verifyPage, `/verify/${cert.number}`, { code: cert.number })).status).toBe(404);
    expect(cert.verifyCode).toMatch(/^[a-z2-7]{26}$/);
  });

  it("a revoked certificate still verifies, as 已作废, and can no longer be downloaded", async () => {
    const cert = await certificateOf(2);
    await db.certificate.update({ where: { id: cert.id }, data: { revokedAt: new Date() } });
    const page = await call(verifyPage, `/verify/${cert.verifyCode}`, { code: cert.verifyCode });
    expect(page.body).toMatchObject({ status: "revoked", number: cert.number });
    expect((page.body as { revokedAt: string | null }).revokedAt).not.toBeNull();
    expect((await download(cert.id, organiser)).status).toBe(410);
  });

  it("the holder, their unit contact and the organisers may download; nobody else", async () => {
    const cert = await certificateOf(0); // entrant 0 is of enterpriseA
    expect((await download(cert.id, contact)).status).toBe(200);
    expect((await download(cert.id, organiser)).status).toBe(200);
    expect((await download(cert.id, otherWorker)).status).toBe(403);
    expect((await download(cert.id, otherContact)).status).toBe(403);
    expect((await download(cert.id, chief)).status).toBe(403);
    const anonymous = await certificateRoute.loader({ request: makeRequest(`/certificates/${cert.id}.pdf`), params: { certificateId: cert.id }, context: ctx }).catch((r: Response) => r);
    expect((anonymous as Response).status).toBe(302);
  });
});

describe("my results", () => {
  it("the worker sees their published components, rank, prize, outcomes and certificate", async () => {
    const res = await call(myResultsPage, "/my-results", {}, { as: winner, cookie: true });
    const { mine, unit } = res.body as { mine: { eventId: string; rank: number; prizeLabel: string; components: { name: string; score: string }[]; totalText: string; outcomes: string[]; certificate: { id: string } | null }[]; unit: unknown };
    expect(unit).toBeNull();
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ eventId: ev.event.id, rank: 1, prizeLabel: "一等奖", totalText: "97.00" });
    expect(mine[0].components).toEqual([{ name: "理论", score: "90.00" }, { name: "实操", score: "100.00" }]);
    expect(mine[0].outcomes).toContain("青年岗位能手");
    expect(mine[0].certificate?.id).toBe((await certificateOf(0)).id);
  });

  it("a unit contact sees their unit's entrants only", async () => {
    const res = await call(myResultsPage, "/my-results", {}, { as: contact, cookie: true });
    const { mine, unit } = res.body as { mine: unknown[]; unit: { registrationId: string; name: string }[] };
    expect(mine).toEqual([]);
    const own = ev.entrants.filter((_, i) => i % 2 === 0).map((e) => e.registration.id).sort();
    expect(unit.map((r) => r.registrationId).sort()).toEqual(own);
    expect(unit.map((r) => r.name)).toContain(ev.entrants[0].name);
  });

  it("a worker with nothing published sees nothing", async () => {
    const res = await call(myResultsPage, "/my-results", {}, { as: otherWorker, cookie: true });
    expect(res.body).toEqual({ mine: [], unit: null });
  });
});
