import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// This file's own storage folder and a small upload limit (300 KB), set before any application
// module reads its configuration, so "too big" is cheap to send and "no blob" can be checked.
const storageDir = vi.hoisted(() => {
  const dir = `tests/.tmp/honours-attachments-${Math.random().toString(36).slice(2, 10)}`;
  process.env.STORAGE_DIR = dir;
  process.env.UPLOAD_MAX_BYTES = "300000";
  return dir;
});

import { rmSync } from "node:fs";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { seedPublishedCalendar } from "~/modules/calendar/calendar.server";
import { addCalendarDays, beijingDate } from "~/modules/calendar/working-days";
import * as campaignsApi from "~/routes/api.v1.campaigns";
import * as settingsApi from "~/routes/api.v1.campaigns.$campaignId.settings";
import * as nominationsApi from "~/routes/api.v1.nominations";
import * as attachmentsApi from "~/routes/api.v1.nominations.$nominationId.attachments";
import * as attachmentApi from "~/routes/api.v1.nominations.$nominationId.attachments.$fileId";
import { submitForReview } from "~/modules/review-chain/review-chain.server";
import * as roundsApi from "~/routes/api.v1.review-rounds";
import * as consultationsApi from "~/routes/api.v1.consultations";
import * as answerApi from "~/routes/api.v1.consultations.$taskId.answer";
import * as consultationFilesApi from "~/routes/api.v1.consultations.$taskId.attachments";
import * as consultationFileApi from "~/routes/api.v1.consultations.$taskId.attachments.$fileId";
import * as noticesApi from "~/routes/api.v1.review-rounds.$roundId.notices";
import * as publicNoticeApi from "~/routes/api.v1.public.notices.$code";
import * as objectionApi from "~/routes/api.v1.public.notices.$code.objections";
import * as objectionFilesApi from "~/routes/api.v1.objections.$objectionId.attachments";
import * as objectionFileApi from "~/routes/api.v1.objections.$objectionId.attachments.$fileId";
import { recordHonour } from "~/modules/honours/honours.server";
import * as revocationsApi from "~/routes/api.v1.honours.$honourId.revocations";
import * as revocationDocsApi from "~/routes/api.v1.revocations.$revocationId.documents";
import * as revocationDocApi from "~/routes/api.v1.revocations.$revocationId.documents.$fileId";
import * as pioneerReviewsApi from "~/routes/api.v1.pioneer-reviews";
import * as pioneerReportApi from "~/routes/api.v1.pioneer-reviews.$reviewId.report";
import * as pioneerFilesApi from "~/routes/api.v1.pioneer-reviews.$reviewId.attachments";
import * as pioneerFileApi from "~/routes/api.v1.pioneer-reviews.$reviewId.attachments.$fileId";
import { createOrg, createProvince, uid } from "../factories";
import { apiClient, b64, blobsIn, expectRefusedUnwritten, PDF, PNG, type ApiAnswer } from "./api-client";

// Issue 13: the honours uploads that the pages take, through /api/v1 (base64 in JSON, as the
// 劳动竞赛 evidence API): each with its list and its download, the pages' checks (type from the
// bytes, size cap, permission, deadline: rule N-38), and a refused upload writes nothing
// (no StoredFile row, no blob in the store, no event). On SQLite and on PostgreSQL.

const BIG_PDF = new TextEncoder().encode(`%PDF-1.4\n%${"x".repeat(400_000)}\n%%EOF\n`);

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
const users: Record<string, string> = {};
const { signIn, raw, call } = apiClient();
const as = async (role: string, orgId: string, name: string) => { users[name] = (await signIn(name, [{ role, orgId }])).id; };
const blobs = () => blobsIn(storageDir);

/** What an upload writes: file rows, blobs in the store, events (of this file's people). */
async function written() {
  const actors = Object.values(users);
  return {
    files: await db.storedFile.count(),
    blobs: blobs(),
    events: await db.event.count({ where: { actorId: { in: actors } } }),
  };
}
/** A refused upload: a JSON error with a Chinese-first message, and nothing written. */
const expectRefused = (send: () => Promise<ApiAnswer>, status: number, code?: string) => expectRefusedUnwritten(written, send, status, code);

const today = beijingDate(new Date());
const grassroots = { congressDate: addCalendarDays(today, -30), congressPresent: 100, congressFor: 90, congressAgainst: 3, localNoticeStart: addCalendarDays(today, -28), localNoticeDays: 5, localNoticeOutcome: "无异议" };

async function newCampaign() {
  const created = await call(campaignsApi, "POST", "/api/v1/campaigns", {}, "manager", {
    title: `${new Date().getFullYear()}年五一劳动奖推荐${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"], awards: ["奖章", "先锋号"], level: "provincial", year: 2026,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id as string;
}
async function newNomination(campaignId: string) {
  const res = await call(nominationsApi, "POST", "/api/v1/nominations", {}, "contact", {
    campaignId, award: "奖章", orgId: p.enterpriseA.id, name: `候选人${uid().slice(0, 3)}`, categories: ["产业工人"], deedsShort: "扎根生产一线二十年，主持焊接工艺攻关。", ...grassroots,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

beforeAll(async () => {
  await seedPublishedCalendar();
  p = await createProvince();
  await as("organiser", p.province.id, "manager");
  await as("grassroots_contact", p.enterpriseA.id, "contact");
  await as("grassroots_contact", p.enterpriseB.id, "otherContact");
  await as("reviewer", p.districtA.id, "district");
  await as("department_consultant", (await createOrg({ type: "department", parent: p.cityA, name: `甲市税务局${uid()}` })).id, "tax");
  await as("department_consultant", (await createOrg({ type: "department", parent: p.cityA, name: `甲市审计局${uid()}` })).id, "audit");
});
afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

describe("nomination attachments through the API (minutes, notice photos, certificates; rules N-31, N-38)", () => {
  let campaignId: string;
  let nominationId: string;
  const path = () => `/api/v1/nominations/${nominationId}/attachments`;
  const post = (who: string, body: Record<string, unknown>, id = nominationId) =>
    call(attachmentsApi, "POST", `/api/v1/nominations/${id}/attachments`, { nominationId: id }, who, body);

  beforeAll(async () => {
    campaignId = await newCampaign();
    nominationId = await newNomination(campaignId);
  });

  it("the unit's contact attaches a PDF and a photo; the list names them; the download has the stored-file headers", async () => {
    const before = await written();
    const minutes = await post("contact", { label: "职代会会议记录", filename: "会议记录.pdf", contentBase64: b64(PDF) });
    expect(minutes.status, JSON.stringify(minutes.body)).toBe(201);
    expect(minutes.body).toMatchObject({ fileId: expect.any(String), label: "职代会会议记录" });
    const photo = await post("contact", { filename: "公示照片.png", contentBase64: b64(PNG) });
    expect(photo.body).toMatchObject({ label: "公示照片.png" });
    const after = await written();
    expect(after.files).toBe(before.files + 2);
    expect(after.blobs).toHaveLength(before.blobs.length + 2);
    const events = await db.event.findMany({ where: { entityId: nominationId, action: "nomination.attached" } });
    expect(events.map((e) => JSON.parse(e.after!).fileId).sort()).toEqual([minutes.body.fileId, photo.body.fileId].sort());

    const list = await call(attachmentsApi, "GET", path(), { nominationId }, "contact");
    expect(list.status).toBe(200);
    expect(list.body.attachments).toEqual([
      { id: minutes.body.fileId, name: "会议记录.pdf", type: "application/pdf", size: PDF.length, uploadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), label: "职代会会议记录" },
      { id: photo.body.fileId, name: "公示照片.png", type: "image/png", size: PNG.length, uploadedAt: expect.any(String), label: "公示照片.png" },
    ]);
    // the campaign's manager reads the form, so the list too
    expect((await call(attachmentsApi, "GET", path(), { nominationId }, "manager")).body.attachments).toHaveLength(2);

    const fileId = minutes.body.fileId as string;
    const download = await raw(attachmentApi, "GET", `${path()}/${fileId}`, { nominationId, fileId }, "contact");
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; .*filename\*=UTF-8''%E4%BC%9A/);
    expect(download.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("wrong type: a text file named .pdf is refused (the type comes from the bytes) and nothing is written", async () => {
    const res = await expectRefused(() => post("contact", { filename: "会议记录.pdf", contentBase64: b64(new TextEncoder().encode("这不是PDF文件 just text")) }), 400, "file_type_refused");
    expect(res.body.error.issues[0].path).toBe("file");
    await expectRefused(() => post("contact", { filename: "会议记录.png", contentBase64: b64(PDF) }), 400, "file_type_mismatch");
    await expectRefused(() => post("contact", { filename: "x.pdf", contentBase64: "***" }), 400, "invalid_base64");
  });

  it("too big: over the upload limit answers 413 and nothing is written", async () => {
    await expectRefused(() => post("contact", { filename: "扫描件.pdf", contentBase64: b64(BIG_PDF) }), 413, "file_too_large");
  });

  it("no permission: another unit's contact gets 403 on upload and 404 on the list and the download, as on the page", async () => {
    await expectRefused(() => post("otherContact", { filename: "x.pdf", contentBase64: b64(PDF) }), 403, "forbidden");
    expect((await call(attachmentsApi, "GET", path(), { nominationId }, "otherContact")).status).toBe(404);
    const fileId = (await call(attachmentsApi, "GET", path(), { nominationId }, "contact")).body.attachments[0].id as string;
    const refused = await call(attachmentApi, "GET", `${path()}/${fileId}`, { nominationId, fileId }, "otherContact");
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(/^[\u4e00-\u9fff]/);
  });

  it("unknown target: an unknown nomination 404, and a file that is not this nomination's 404", async () => {
    await expectRefused(() => post("contact", { filename: "x.pdf", contentBase64: b64(PDF) }, "no-such-nomination"), 404, "not_found");
    const otherNomination = await newNomination(campaignId);
    const own = (await call(attachmentsApi, "GET", path(), { nominationId }, "contact")).body.attachments[0].id as string;
    const res = await call(attachmentApi, "GET", `/api/v1/nominations/${otherNomination}/attachments/${own}`, { nominationId: otherNomination, fileId: own }, "contact");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^该推荐表没有这个附件/);
  });

  it("after the grass-roots deadline no material is taken (rule N-38: 视为自动放弃) and nothing is written", async () => {
    const late = await newCampaign();
    const id = await newNomination(late);
    expect((await call(settingsApi, "POST", `/api/v1/campaigns/${late}/settings`, { campaignId: late }, "manager", { deadlines: [{ scope: "grassroots", date: addCalendarDays(today, -1) }] })).status).toBe(200);
    const res = await expectRefused(() => post("contact", { filename: "x.pdf", contentBase64: b64(PDF) }, id), 400, "after_deadline");
    expect(res.body.error.message).toContain("视为自动放弃");
  });
});

describe("a consultation answer's attachment through the API (征求意见, rule N-34)", () => {
  let taxTask: string;
  const answer = (who: string, body: Record<string, unknown>, taskId = taxTask) =>
    call(answerApi, "POST", `/api/v1/consultations/${taskId}/answer`, { taskId }, who, body);
  const problem = (attachment: Record<string, unknown>) => ({ answer: "problem", details: "2025年3月有一笔欠税记录，已补缴", attachment });

  beforeAll(async () => {
    const round = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "manager", { subjectType: "honours.nomination", title: `五一劳动奖状${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"] });
    expect(round.status, JSON.stringify(round.body)).toBe(201);
    const campaign = await db.campaign.create({ data: { roundId: round.body.id, awards: JSON.stringify(["奖章"]), level: "provincial", year: 2026 } });
    // a state-owned enterprise's head: tax and audit are among the departments asked (N-34)
    const nomination = await db.nomination.create({ data: { campaignId: campaign.id, award: "奖章", kind: "individual", orgId: p.enterpriseA.id, name: "孙国庆", category: "企业负责人", ownership: "公有", unitType: "企业", status: "submitted" } });
    const contact = (await loadUserForToken(users.contact, "t"))!;
    const submission = await db.$transaction((tx) => submitForReview(tx, contact, { roundId: round.body.id, subjectType: "honours.nomination", subjectId: nomination.id, title: "孙国庆 · 董事长", submitterOrgId: p.enterpriseA.id }, { userId: contact.id, requestId: null }));
    const opened = await call(consultationsApi, "POST", "/api/v1/consultations", {}, "district", { submissionId: submission.id, dueOn: "2099-04-10" });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    taxTask = (await db.consultationTask.findFirstOrThrow({ where: { submissionId: submission.id, department: "tax" } })).id;
  });

  it("wrong type: a refused attachment leaves the task unanswered and writes nothing", async () => {
    await expectRefused(() => answer("tax", problem({ filename: "处罚决定.pdf", contentBase64: b64(new TextEncoder().encode("plain text, not a PDF")) })), 400, "file_type_refused");
    expect((await db.consultationTask.findUniqueOrThrow({ where: { id: taxTask } })).status).toBe("open");
  });

  it("too big: 413, the task stays open, nothing written", async () => {
    await expectRefused(() => answer("tax", problem({ filename: "处罚决定.pdf", contentBase64: b64(BIG_PDF) })), 413, "file_too_large");
    expect((await db.consultationTask.findUniqueOrThrow({ where: { id: taxTask } })).status).toBe("open");
  });

  it("no permission: another department (403) and a unit contact (403, no consultation:answer) are refused; unknown task 404", async () => {
    await expectRefused(() => answer("audit", problem({ filename: "x.pdf", contentBase64: b64(PDF) })), 403, "forbidden");
    await expectRefused(() => answer("contact", problem({ filename: "x.pdf", contentBase64: b64(PDF) })), 403, "forbidden");
    await expectRefused(() => answer("tax", problem({ filename: "x.pdf", contentBase64: b64(PDF) }), "no-such-task"), 404);
  });

  it("the department answers with its attachment; the asking reviewer lists and downloads it, another department may not", async () => {
    const before = await written();
    const res = await answer("tax", problem({ filename: "欠税补缴凭证.pdf", contentBase64: b64(PDF) }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ id: taxTask, status: "problem" });
    const after = await written();
    expect(after.files).toBe(before.files + 1);
    expect(after.blobs).toHaveLength(before.blobs.length + 1);
    const task = await db.consultationTask.findUniqueOrThrow({ where: { id: taxTask } });
    const event = await db.event.findFirstOrThrow({ where: { action: "consultation.answered", entityId: taxTask } });
    expect(JSON.parse(event.after!)).toMatchObject({ answer: "problem", attachmentId: task.attachmentId });

    const path = `/api/v1/consultations/${taxTask}/attachments`;
    for (const who of ["district", "tax"]) {
      const list = await call(consultationFilesApi, "GET", path, { taskId: taxTask }, who);
      expect(list.body.attachments).toEqual([{ id: task.attachmentId, name: "欠税补缴凭证.pdf", type: "application/pdf", size: PDF.length, uploadedAt: expect.any(String) }]);
    }
    expect((await call(consultationFilesApi, "GET", path, { taskId: taxTask }, "audit")).status).toBe(404);
    const fileId = task.attachmentId!;
    const download = await raw(consultationFileApi, "GET", `${path}/${fileId}`, { taskId: taxTask, fileId }, "district");
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    const refused = await call(consultationFileApi, "GET", `${path}/${fileId}`, { taskId: taxTask, fileId }, "audit");
    expect(refused.status).toBe(404);
    expect(refused.body.error.message).toMatch(/^[\u4e00-\u9fff]/);
    const otherFile = (await db.storedFile.findFirstOrThrow({ where: { purpose: "nomination-attachment" } })).id;
    expect((await call(consultationFileApi, "GET", `${path}/${otherFile}`, { taskId: taxTask, fileId: otherFile }, "district")).status).toBe(404);
  });

  it("once answered, a second answer is refused (409) and writes nothing", async () => {
    await expectRefused(() => answer("tax", { answer: "no_objection", attachment: { filename: "y.pdf", contentBase64: b64(PDF) } }), 409, "answered");
  });
});

describe("a unit's sealed letter on an objection to a 公示 through the public API (rule N-33)", () => {
  let code: string;
  let closedCode: string;
  let entryId: string;
  let closedEntryId: string;
  const unitObjection = (letter?: Record<string, unknown>, entry = entryId) => ({ entryId: entry, kind: "unit", unitName: "杭州锅炉集团股份有限公司", phone: "0571-86001234", content: "该候选人获奖材料有虚报", ...(letter ? { letter } : {}) });
  const file = (body: Record<string, unknown>, c = code) => call(objectionApi, "POST", `/api/v1/public/notices/${c}/objections`, { code: c }, "nobody", body);

  beforeAll(async () => {
    const round = await call(roundsApi, "POST", "/api/v1/review-rounds", {}, "manager", { subjectType: "honours.nomination", title: `五一劳动奖章推荐${uid()}`, topOrgId: p.province.id, reviewingTypes: ["county", "city"] });
    const contact = (await loadUserForToken(users.contact, "t"))!;
    const submit = (title: string) => db.$transaction((tx) => submitForReview(tx, contact, { roundId: round.body.id, subjectType: "honours.nomination", subjectId: `subject-${uid()}`, title, category: "", submitterOrgId: p.enterpriseA.id }, { userId: contact.id, requestId: null }));
    const open = async (title: string, startsOn: string) => {
      const s = await submit(title);
      const opened = await call(noticesApi, "POST", `/api/v1/review-rounds/${round.body.id}/notices`, { roundId: round.body.id }, "district", { orgId: p.districtA.id, title: "推荐对象公示", contact: "0571-87654321", windowKind: "calendar", windowDays: 7, startsOn, submissionIds: [s.id] });
      expect(opened.status, JSON.stringify(opened.body)).toBe(201);
      const c = opened.body.publicCode as string;
      return { code: c, entryId: (await call(publicNoticeApi, "GET", `/api/v1/public/notices/${c}`, { code: c }, "nobody")).body.entries[0].id as string };
    };
    ({ code, entryId } = await open("钱立 · 电工", addCalendarDays(today, -1)));
    ({ code: closedCode, entryId: closedEntryId } = await open("孙丽 · 质检员", addCalendarDays(today, -30)));
  });

  it("wrong type, too big, no letter: refused with a Chinese-first message and nothing written (no objection either)", async () => {
    const objections = () => db.noticeObjection.count();
    const before = await objections();
    await expectRefused(() => file(unitObjection({ filename: "盖章信函.pdf", contentBase64: b64(new TextEncoder().encode("<html><script>alert(1)</script></html>")) })), 400, "file_type_refused");
    await expectRefused(() => file(unitObjection({ filename: "盖章信函.pdf", contentBase64: b64(BIG_PDF) })), 413, "file_too_large");
    const missing = await expectRefused(() => file(unitObjection()), 400);
    expect(missing.body.error.issues.map((i: { path: string }) => i.path)).toContain("letter");
    expect(await objections()).toBe(before);
  });

  it("unknown target: an unknown notice 404, an entry not on the notice 400; after the window (the deadline) 409 notice_closed", async () => {
    await expectRefused(() => file(unitObjection({ filename: "盖章信函.pdf", contentBase64: b64(PDF) }), "no-such-notice"), 404);
    await expectRefused(() => file(unitObjection({ filename: "盖章信函.pdf", contentBase64: b64(PDF) }, "no-such-entry")), 400);
    await expectRefused(() => file(unitObjection({ filename: "盖章信函.pdf", contentBase64: b64(PDF) }, closedEntryId), closedCode), 409, "notice_closed");
  });

  it("a unit files with its sealed letter; the level's reviewer lists and downloads it; others may not", async () => {
    const before = await written();
    const filed = await file(unitObjection({ filename: "盖章信函.png", contentBase64: b64(PNG) }));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toMatchObject({ kind: "unit", toExamine: true });
    const after = await written();
    expect(after.files).toBe(before.files + 1);
    expect(after.blobs).toHaveLength(before.blobs.length + 1);
    const objection = await db.noticeObjection.findUniqueOrThrow({ where: { id: filed.body.id } });
    const stored = await db.storedFile.findUniqueOrThrow({ where: { id: objection.letterFileId! } });
    expect(stored).toMatchObject({ purpose: "objection-letter", mimeType: "image/png", filename: "盖章信函.png" });
    expect(await db.event.count({ where: { action: "objection.filed", entityId: objection.id } })).toBe(1);

    const objectionId = objection.id;
    const path = `/api/v1/objections/${objectionId}/attachments`;
    const list = await call(objectionFilesApi, "GET", path, { objectionId }, "district");
    expect(list.status).toBe(200);
    expect(list.body.attachments).toEqual([{ id: stored.id, name: "盖章信函.png", type: "image/png", size: PNG.length, uploadedAt: expect.any(String) }]);
    const fileId = stored.id;
    const download = await raw(objectionFileApi, "GET", `${path}/${fileId}?download=1`, { objectionId, fileId }, "district");
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
    expect(download.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    for (const who of ["contact", "tax"]) {
      const refused = await call(objectionFilesApi, "GET", path, { objectionId }, who);
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(/^[\u4e00-\u9fff]/);
      expect((await call(objectionFileApi, "GET", `${path}/${fileId}`, { objectionId, fileId }, who)).status).toBe(403);
    }
    expect((await call(objectionFilesApi, "GET", "/api/v1/objections/nope/attachments", { objectionId: "nope" }, "district")).status).toBe(404);
  });
});

describe("a revocation report's documents through the API (judgment, decision, 撤销申报表; rules N-40, N-42)", () => {
  let honourId: string;
  const report = (who: string, documents?: Record<string, unknown>[], id = honourId) =>
    call(revocationsApi, "POST", `/api/v1/honours/${id}/revocations`, { honourId: id }, who, { grounds: ["criminal"], details: "2026年10月因职务侵占罪被判处有期徒刑一年，附判决书。", approvingOrgId: p.province.id, ...(documents ? { documents } : {}) });
  const revocations = () => db.honourRevocation.count({ where: { honourId } });

  beforeAll(async () => {
    const honour = await db.$transaction((tx) => recordHonour(tx, { orgId: p.enterpriseA.id, title: "省五一劳动奖状", level: "provincial", year: 2025, issuingBody: "省总工会", source: "manual" }, { userId: users.manager, requestId: null }));
    honourId = honour.id;
  });

  it("wrong type and too big refuse the whole report: a good document before the bad one is not stored either", async () => {
    const good = { filename: "判决书.pdf", contentBase64: b64(PDF) };
    await expectRefused(() => report("contact", [good, { filename: "撤销申报表.pdf", contentBase64: b64(new TextEncoder().encode("not a pdf at all")) }]), 400, "file_type_refused");
    await expectRefused(() => report("contact", [good, { filename: "扫描件.pdf", contentBase64: b64(BIG_PDF) }]), 413, "file_too_large");
    expect(await revocations()).toBe(0);
  });

  it("no permission: another unit's contact 403; unknown honour 404; nothing written", async () => {
    await expectRefused(() => report("otherContact", [{ filename: "判决书.pdf", contentBase64: b64(PDF) }]), 403, "forbidden");
    await expectRefused(() => report("contact", [{ filename: "判决书.pdf", contentBase64: b64(PDF) }], "no-such-honour"), 404);
    expect(await revocations()).toBe(0);
  });

  it("the unit reports with two documents; they are listed and downloaded with the stored-file headers; others may not; a second report while one is pending writes nothing", async () => {
    const before = await written();
    const res = await report("contact", [{ filename: "判决书.pdf", contentBase64: b64(PDF) }, { filename: "撤销申报表.png", contentBase64: b64(PNG) }]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const after = await written();
    expect(after.files).toBe(before.files + 2);
    expect(after.blobs).toHaveLength(before.blobs.length + 2);
    const revocationId = res.body.id as string;
    const event = await db.event.findFirstOrThrow({ where: { action: "honour.revocation-requested", entityId: revocationId } });
    expect(JSON.parse(event.after!).documents).toHaveLength(2);

    const path = `/api/v1/revocations/${revocationId}/documents`;
    const list = await call(revocationDocsApi, "GET", path, { revocationId }, "contact");
    expect(list.status).toBe(200);
    expect(list.body.attachments).toEqual([
      { id: expect.any(String), name: "判决书.pdf", type: "application/pdf", size: PDF.length, uploadedAt: expect.any(String), label: "判决书.pdf" },
      { id: expect.any(String), name: "撤销申报表.png", type: "image/png", size: PNG.length, uploadedAt: expect.any(String), label: "撤销申报表.png" },
    ]);
    const fileId = list.body.attachments[0].id as string;
    const download = await raw(revocationDocApi, "GET", `${path}/${fileId}`, { revocationId, fileId }, "contact");
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; /);

    const refused = await call(revocationDocsApi, "GET", path, { revocationId }, "otherContact");
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/^您无权/);
    expect((await call(revocationDocApi, "GET", `${path}/${fileId}`, { revocationId, fileId }, "otherContact")).status).toBe(403);
    expect((await call(revocationDocsApi, "GET", "/api/v1/revocations/nope/documents", { revocationId: "nope" }, "contact")).status).toBe(404);
    const foreign = (await db.storedFile.findFirstOrThrow({ where: { purpose: "nomination-attachment" } })).id;
    expect((await call(revocationDocApi, "GET", `${path}/${foreign}`, { revocationId, fileId: foreign }, "contact")).status).toBe(404);

    await expectRefused(() => report("contact", [{ filename: "补充.pdf", contentBase64: b64(PDF) }]), 409, "pending");
  });
});

describe("a 工人先锋号 复审 report's attachment through the API (rule N-41)", () => {
  let reviewId: string;
  const send = (who: string, attachment?: Record<string, unknown>, id = reviewId) =>
    call(pioneerReportApi, "POST", `/api/v1/pioneer-reviews/${id}/report`, { reviewId: id }, who, { report: "本年度班组安全生产无事故，完成技术革新三项。", ...(attachment ? { attachment } : {}) });
  const status = async () => (await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewId } })).status;

  beforeAll(async () => {
    const honour = await db.$transaction((tx) => recordHonour(tx, { orgId: p.enterpriseA.id, title: "甲区工人先锋号", level: "county", year: 2024, issuingBody: "甲区总工会", source: "manual" }, { userId: users.manager, requestId: null }));
    const opened = await call(pioneerReviewsApi, "POST", "/api/v1/pioneer-reviews", {}, "district", { orgId: p.districtA.id, period: 2026, honourIds: [honour.id] });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    reviewId = (await db.pioneerReview.findFirstOrThrow({ where: { honourId: honour.id, period: 2026 } })).id;
  });

  it("wrong type and too big: 400 / 413, the review stays pending, nothing written", async () => {
    await expectRefused(() => send("contact", { filename: "复审材料.jpg", contentBase64: b64(new TextEncoder().encode("GIF89a not a jpeg")) }), 400, "file_type_refused");
    await expectRefused(() => send("contact", { filename: "复审材料.pdf", contentBase64: b64(BIG_PDF) }), 413, "file_too_large");
    expect(await status()).toBe("pending");
  });

  it("no permission: another unit's contact 404 (may not see the review) and the reviewer 403 (may not report); unknown review 404", async () => {
    await expectRefused(() => send("otherContact", { filename: "x.pdf", contentBase64: b64(PDF) }), 404);
    await expectRefused(() => send("district", { filename: "x.pdf", contentBase64: b64(PDF) }), 403);
    await expectRefused(() => send("contact", { filename: "x.pdf", contentBase64: b64(PDF) }, "no-such-review"), 404);
    expect(await status()).toBe("pending");
  });

  it("the holder's contact reports with a scan; the reviewer lists and downloads it; a second report writes nothing", async () => {
    const before = await written();
    const res = await send("contact", { filename: "复审材料.pdf", contentBase64: b64(PDF) });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await status()).toBe("reported");
    const after = await written();
    expect(after.files).toBe(before.files + 1);
    expect(after.blobs).toHaveLength(before.blobs.length + 1);
    const review = await db.pioneerReview.findUniqueOrThrow({ where: { id: reviewId } });
    const event = await db.event.findFirstOrThrow({ where: { action: "pioneer-review.reported", entityId: reviewId } });
    expect(JSON.parse(event.after!)).toMatchObject({ fileId: review.reportFileId });

    const path = `/api/v1/pioneer-reviews/${reviewId}/attachments`;
    const list = await call(pioneerFilesApi, "GET", path, { reviewId }, "district");
    expect(list.body.attachments).toEqual([{ id: review.reportFileId, name: "复审材料.pdf", type: "application/pdf", size: PDF.length, uploadedAt: expect.any(String) }]);
    const fileId = review.reportFileId!;
    const download = await raw(pioneerFileApi, "GET", `${path}/${fileId}`, { reviewId, fileId }, "district");
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PDF);
    expect(download.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; /);
    expect((await call(pioneerFilesApi, "GET", path, { reviewId }, "otherContact")).status).toBe(404);
    expect((await call(pioneerFileApi, "GET", `${path}/${fileId}`, { reviewId, fileId }, "otherContact")).status).toBe(404);

    await expectRefused(() => send("contact", { filename: "补充.pdf", contentBase64: b64(PDF) }), 409, "already_done");
  });
});
