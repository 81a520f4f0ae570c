import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// This file's own storage folder and a small upload limit (300 KB), set before any application
// module reads its configuration, so "too big" is cheap to send and "no blob" can be checked.
const storageDir = vi.hoisted(() => {
  const dir = `tests/.tmp/ankang-files-${Math.random().toString(36).slice(2, 10)}`;
  process.env.STORAGE_DIR = dir;
  process.env.UPLOAD_MAX_BYTES = "300000";
  return dir;
});

import { rmSync } from "node:fs";
import { db } from "~/utils/db.server";
import { ALL_OPERATIONS } from "~/modules/api/operations";
import * as hazardsApi from "~/routes/api.v1.hazards";
import * as hazardApi from "~/routes/api.v1.hazards.$hazardId";
import * as hazardActionApi from "~/routes/api.v1.hazards.$hazardId.actions";
import * as hazardPhotosApi from "~/routes/api.v1.hazards.$hazardId.photos";
import * as hazardPhotoApi from "~/routes/api.v1.hazards.$hazardId.photos.$fileId";
import * as cyclesApi from "~/routes/api.v1.ankang.cycles";
import * as sheetsApi from "~/routes/api.v1.ankang.cycles.$cycleId.sheets";
import * as enrolApi from "~/routes/api.v1.ankang.cycles.$cycleId.enrolments";
import * as enrolmentApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId";
import * as selfApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId.self-assessment";
import * as activityApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId.activities";
import * as enrolmentFilesApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId.files";
import * as enrolmentFileApi from "~/routes/api.v1.ankang.enrolments.$enrolmentId.files.$fileId";
import * as sheetImportApi from "~/routes/api.v1.ankang.cycles.$cycleId.sheets.import";
import * as questionImportApi from "~/routes/api.v1.quiz-questions.import";
import { buildSheetWorkbook } from "~/modules/ankang/sheet-excel.server";
import { buildQuestionTemplate } from "~/modules/ankang/question-excel.server";
import { QUESTION_COLUMNS, QUESTION_EXAMPLES } from "~/modules/ankang/question-rows";
import { SHEET_COLUMNS, sheetToRows } from "~/modules/ankang/sheet-rows";
import { newWorkbook } from "~/utils/xlsx.server";
import { CITY_SHEET_A10 } from "~/modules/ankang/standard-sheets";
import * as hazardsPage from "~/routes/hazards";
import * as enrolmentPage from "~/routes/ankang.enrolments.$enrolmentId";
import { createMember, createOrg, createProvince, ctx, makeRequest, sessionCookieFor, uid } from "../factories";
import { apiClient, b64, blobsIn, expectRefusedUnwritten, JPEG, PDF, PNG, type ApiAnswer, type Route } from "./api-client";

// Issue 15 item 8: the 安康杯 files that the pages take, through /api/v1 (base64 in JSON, the
// shared files/api-upload.ts): each with its list and its download, the pages' checks (type from
// the bytes, size cap, permission, target), and a refused upload writes nothing (no StoredFile
// row, no blob, no event). Hazards keep the reporter hidden from the unit (rule A-4) and refuse a
// close without a record of the fix (rule A-8). On SQLite and on PostgreSQL.

const BIG_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(400_000)]);
const TEXT = new TextEncoder().encode("这不是图片 just text");
const TEN_ACTION = "drill";

type Province = Awaited<ReturnType<typeof createProvince>>;
let p: Province;
let whistleblower: { id: string; name: string };
let cycleId: string;
let unit1: { id: string };
let unit2: { id: string };
const users: Record<string, { id: string; username: string; displayName: string }> = {};

const { signIn, raw, call } = apiClient();
const as = async (name: string, grants: { role: string; orgId: string }[], memberId?: string) => { users[name] = await signIn(name, grants, { memberId }); };
const blobs = () => blobsIn(storageDir);

/** What an upload writes: file rows, blobs in the store, events (of this file's people, and the anonymous hazard events). */
async function written() {
  const actors = Object.values(users).map((u) => u.id);
  return {
    files: await db.storedFile.count(),
    blobs: blobs(),
    events: await db.event.count({ where: { OR: [{ actorId: { in: actors } }, { entityType: { in: ["AnkangHazard", "StoredFile"] } }] } }),
    hazards: await db.ankangHazard.count(),
    enrolments: await db.ankangEnrolment.findMany({ select: { id: true, agreementFileId: true }, orderBy: { id: "asc" } }),
    assessments: await db.ankangAssessment.findMany({ select: { id: true, entries: true, status: true }, orderBy: { id: "asc" } }),
    activities: await db.ankangActivity.count(),
  };
}
/** A refused upload: a JSON error with a Chinese-first message, and nothing written. */
const expectRefused = (send: () => Promise<ApiAnswer>, status: number, code?: string) => expectRefusedUnwritten(written, send, status, code);

beforeAll(async () => {
  p = await createProvince();
  await as("staff", [{ role: "safety_staff", orgId: p.cityA.id }]);
  await as("contact", [{ role: "safety_contact", orgId: p.enterpriseA.id }]);
  await as("otherContact", [{ role: "safety_contact", orgId: p.enterpriseB.id }]);
  whistleblower = await createMember(p.teamA.id, { name: `吹哨人${uid().slice(0, 3)}` });
  await as("worker", [{ role: "worker", orgId: p.teamA.id }], whistleblower.id);
  await as("organiser", [{ role: "organiser", orgId: p.cityA.id }]);
  unit1 = await createOrg({ type: "grassroots", parent: p.districtA, name: `协议单位${uid()}` });
  unit2 = await createOrg({ type: "grassroots", parent: p.districtA, name: `未报名单位${uid()}` });
  await as("unitContact", [{ role: "safety_contact", orgId: unit1.id }, { role: "safety_contact", orgId: unit2.id }]);
  const created = await call(cyclesApi, "POST", "/api/v1/ankang/cycles", {}, "organiser", { name: "2025–2026年度", startYear: 2025, endYear: 2026, orgId: p.cityA.id, level: "city", committee: [] });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  cycleId = created.body.id;
  expect((await call(sheetsApi, "POST", "/x", { cycleId }, "organiser", { title: "市级考核评分表", definition: CITY_SHEET_A10 })).status).toBe(201);
});
afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

describe("hazard photos through the API (rules A-4, A-8)", () => {
  const report = (who: string, extra: Record<string, unknown> = {}) =>
    call(hazardsApi, "POST", "/api/v1/hazards", {}, who, { place: "二号车间配电柜", description: "配电柜门锁损坏，带电部位裸露", anonymous: true, ...extra });
  const act = (who: string, hazardId: string, body: Record<string, unknown>) => call(hazardActionApi, "POST", `/api/v1/hazards/${hazardId}/actions`, { hazardId }, who, body);
  const photos = (who: string, hazardId: string) => call(hazardPhotosApi, "GET", `/api/v1/hazards/${hazardId}/photos`, { hazardId }, who);
  const download = (who: string, hazardId: string, fileId: string) => raw(hazardPhotoApi, "GET", `/api/v1/hazards/${hazardId}/photos/${fileId}`, { hazardId, fileId }, who);
  let hazardId: string;

  it("a worker reports anonymously with a photo; the unit closes it with the photo after the fix; the list and downloads serve them", async () => {
    const before = await written();
    const r = await report("worker", { photo: { filename: `${users.worker!.displayName}-配电柜.jpg`, contentBase64: b64(JPEG) } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    hazardId = r.body.id;
    const after = await written();
    expect(after.files).toBe(before.files + 1);
    expect(after.blobs).toHaveLength(before.blobs.length + 1);
    const h = await db.ankangHazard.findUniqueOrThrow({ where: { id: hazardId } });
    expect(h.photoFileId).toBeTruthy();
    // rule A-4: the stored photo carries no uploader and a neutral name
    const stored = await db.storedFile.findUniqueOrThrow({ where: { id: h.photoFileId! } });
    expect(stored.uploadedById).toBeNull();
    expect(stored.filename).toBe("隐患照片.jpg");

    expect((await act("contact", hazardId, { action: "assign", assignee: "设备科 李工" })).body.status).toBe("assigned");
    const fixed = await act("contact", hazardId, { action: "fix", fixNote: "更换门锁并加装警示标识", fixPhoto: { filename: "整改.png", contentBase64: b64(PNG) } });
    expect(fixed.body.status).toBe("fixed");
    const closed = await act("contact", hazardId, { action: "close", closePhoto: { filename: "销号.pdf", contentBase64: b64(PDF) } });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.status).toBe("closed");
    const events = await db.event.findMany({ where: { entityId: hazardId, action: { in: ["ankang.hazard-fix", "ankang.hazard-close"] } } });
    expect(events).toHaveLength(2);

    const list = await photos("staff", hazardId);
    expect(list.status).toBe(200);
    expect(list.body.attachments.map((a: { kind: string; type: string }) => [a.kind, a.type])).toEqual([["report", "image/jpeg"], ["fix", "image/png"], ["close", "application/pdf"]]);
    const closeId = list.body.attachments[2].id as string;
    const res = await download("contact", hazardId, closeId);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    expect(res.headers.get("Content-Security-Policy")).toContain("sandbox");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    // the reporter reads their own report's photos too
    expect((await photos("worker", hazardId)).body.attachments).toHaveLength(3);
  });

  it("the anonymous reporter's identity is absent from every API answer a unit contact gets", async () => {
    const reporter = users.worker!;
    const secrets = [reporter.id, reporter.username, reporter.displayName, whistleblower.name, whistleblower.id];
    const texts: string[] = [];
    for (const res of [
      await raw(hazardApi, "GET", `/api/v1/hazards/${hazardId}`, { hazardId }, "contact"),
      await raw(hazardsApi, "GET", "/api/v1/hazards", {}, "contact"),
      await raw(hazardPhotosApi, "GET", `/api/v1/hazards/${hazardId}/photos`, { hazardId }, "contact"),
    ]) {
      expect(res.status).toBe(200);
      texts.push(await res.text());
    }
    const fileIds = JSON.parse(texts[2]!).attachments.map((a: { id: string }) => a.id) as string[];
    expect(fileIds).toHaveLength(3);
    for (const fileId of fileIds) {
      const res = await download("contact", hazardId, fileId);
      expect(res.status).toBe(200);
      texts.push(JSON.stringify([...res.headers.entries()]));
    }
    expect(JSON.parse(texts[0]!).reporter).toBeNull();
    for (const text of texts) for (const secret of secrets) expect(text).not.toContain(secret);
    // the safety staff do see who reported (rule A-4)
    expect((await call(hazardApi, "GET", "/x", { hazardId }, "staff")).body.reporter).toBe(reporter.displayName);
  });

  it("wrong type: a text file as a photo is refused (the type comes from the bytes) and nothing is written", async () => {
    const res = await expectRefused(() => report("worker", { photo: { filename: "照片.jpg", contentBase64: b64(TEXT) } }), 400, "file_type_refused");
    expect(res.body.error.issues[0].path).toBe("photo");
    await expectRefused(() => report("worker", { photo: { filename: "照片.png", contentBase64: b64(JPEG) } }), 400, "file_type_mismatch");
    await expectRefused(() => report("worker", { photo: { filename: "照片.png", contentBase64: "***" } }), 400, "invalid_base64");
  });

  it("too big: over the upload limit answers 413 and nothing is written (report and fix)", async () => {
    await expectRefused(() => report("worker", { photo: { filename: "照片.png", contentBase64: b64(BIG_PNG) } }), 413, "file_too_large");
    const open = await report("worker", { anonymous: false });
    await expectRefused(() => act("contact", open.body.id, { action: "fix", fixNote: "已整改", fixPhoto: { filename: "整改.png", contentBase64: b64(BIG_PNG) } }), 413, "file_too_large");
    expect((await db.ankangHazard.findUniqueOrThrow({ where: { id: open.body.id } })).status).toBe("reported");
  });

  it("no permission: another unit's contact may not fix with a photo (403) nor list or download (403), and nothing is written", async () => {
    const open = await report("worker");
    await expectRefused(() => act("otherContact", open.body.id, { action: "fix", fixNote: "已整改", fixPhoto: { filename: "整改.png", contentBase64: b64(PNG) } }), 403, "forbidden");
    expect((await photos("otherContact", hazardId)).status).toBe(403);
    const fileId = (await photos("contact", hazardId)).body.attachments[0].id as string;
    expect((await download("otherContact", hazardId, fileId)).status).toBe(403);
  });

  it("unknown target: an unknown hazard 404 (nothing written), and a photo that is not this hazard's 404", async () => {
    await expectRefused(() => act("contact", "no-such-hazard", { action: "fix", fixNote: "已整改", fixPhoto: { filename: "整改.png", contentBase64: b64(PNG) } }), 404, "not_found");
    expect((await photos("contact", "no-such-hazard")).status).toBe(404);
    const other = await report("worker", { photo: { filename: "b.png", contentBase64: b64(PNG) } });
    const foreign = (await db.ankangHazard.findUniqueOrThrow({ where: { id: other.body.id } })).photoFileId!;
    const res = await call(hazardPhotoApi, "GET", "/x", { hazardId, fileId: foreign }, "contact");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^[\u4e00-\u9fff]/);
  });

  it("rule A-8: a close without a record of the fix, or without the photo after the fix, is refused and stores nothing", async () => {
    const open = (await report("worker")).body.id as string;
    const noNote = await expectRefused(() => act("contact", open, { action: "close", closePhoto: { filename: "销号.png", contentBase64: b64(PNG) } }), 400, "no_fix_record");
    expect(noNote.body.error.message).toContain("没有整改记录");
    expect((await act("contact", open, { action: "fix", fixNote: "清理通道" })).body.status).toBe("fixed");
    const noPhoto = await expectRefused(() => act("contact", open, { action: "close" }), 400, "no_fix_record");
    expect(noPhoto.body.error.message).toContain("整改后照片");
    expect((await db.ankangHazard.findUniqueOrThrow({ where: { id: open } })).status).toBe("fixed");
  });

  it("the OpenAPI document lists the photo operations", () => {
    const ids = ALL_OPERATIONS.map((o) => o.operationId);
    expect(ids).toEqual(expect.arrayContaining(["reportHazard", "handleHazard", "listHazardPhotos", "getHazardPhoto"]));
  });
});

describe("an enrolment's files through the API: agreement scan, evidence per item, activity photos (rules A-3, A-4)", () => {
  const itemCode = CITY_SHEET_A10.sections[0]!.items[0]!.code;
  const enrol = (who: string, unitId: string, scan?: Record<string, unknown>, cycle = cycleId) =>
    call(enrolApi, "POST", `/api/v1/ankang/cycles/${cycle}/enrolments`, { cycleId: cycle }, who, { unitId, hasCompetitionBody: true, hasPlan: true, agreementSignedOn: "2025-06-01", teamIds: [], workerCount: 80, ...(scan ? { agreementScan: scan } : {}) });
  const selfAssess = (who: string, enrolmentId: string, evidence: Record<string, unknown>[], fileIds: string[] = []) =>
    call(selfApi, "POST", "/x", { enrolmentId }, who, { entries: { items: [{ itemCode, score: 1, fileIds }], bonus: [], vetoes: [] }, submit: false, evidence });
  const activity = (who: string, enrolmentId: string, photo?: Record<string, unknown>) =>
    call(activityApi, "POST", "/x", { enrolmentId }, who, { action: TEN_ACTION, title: "安全生产月应急演练", heldOn: "2025-06-18", participants: 60, itemCodes: [], ...(photo ? { photo } : {}) });
  const files = (who: string, enrolmentId: string) => call(enrolmentFilesApi, "GET", `/api/v1/ankang/enrolments/${enrolmentId}/files`, { enrolmentId }, who);
  const download = (who: string, enrolmentId: string, fileId: string) => raw(enrolmentFileApi, "GET", `/api/v1/ankang/enrolments/${enrolmentId}/files/${fileId}`, { enrolmentId, fileId }, who);
  let enrolmentId: string;

  it("agreement scan: the unit enrols with its signed scan; the list names it and the download serves it; a new scan replaces it", async () => {
    // refused first, while the unit is not enrolled: nothing is written, not even the enrolment
    await expectRefused(() => enrol("unitContact", unit1.id, { filename: "协议书.pdf", contentBase64: b64(TEXT) }), 400, "file_type_refused");
    await expectRefused(() => enrol("unitContact", unit1.id, { filename: "协议书.png", contentBase64: b64(BIG_PNG) }), 413, "file_too_large");
    await expectRefused(() => enrol("otherContact", unit1.id, { filename: "协议书.pdf", contentBase64: b64(PDF) }), 403, "forbidden");
    await expectRefused(() => enrol("unitContact", unit1.id, { filename: "协议书.pdf", contentBase64: b64(PDF) }, "no-such-cycle"), 404, "not_found");

    const before = await written();
    const r = await enrol("unitContact", unit1.id, { filename: "劳动安全卫生专项协议书.pdf", contentBase64: b64(PDF) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    enrolmentId = r.body.id;
    const after = await written();
    expect(after.files).toBe(before.files + 1);
    expect(after.blobs).toHaveLength(before.blobs.length + 1);
    const list = await files("organiser", enrolmentId);
    expect(list.status).toBe(200);
    expect(list.body.attachments).toEqual([{ id: expect.any(String), name: "劳动安全卫生专项协议书.pdf", type: "application/pdf", size: PDF.length, uploadedAt: expect.any(String), label: expect.stringContaining("劳动安全卫生专项协议书"), kind: "agreement" }]);
    const res = await download("unitContact", enrolmentId, list.body.attachments[0].id);
    expect(res.status).toBe(200);
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(PDF);
    expect(res.headers.get("Content-Security-Policy")).toContain("sandbox");

    const updated = await call(enrolmentApi, "POST", "/x", { enrolmentId }, "unitContact", { hasCompetitionBody: true, hasPlan: true, agreementSignedOn: "2025-06-02", teamIds: [], workerCount: 80, agreementScan: { filename: "协议书重扫.png", contentBase64: b64(PNG) } });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect((await files("unitContact", enrolmentId)).body.attachments.map((a: { name: string }) => a.name)).toEqual(["协议书重扫.png"]);
    await expectRefused(() => call(enrolmentApi, "POST", "/x", { enrolmentId }, "unitContact", { teamIds: [], agreementScan: { filename: "x.png", contentBase64: b64(TEXT) } }), 400, "file_type_refused");
    await expectRefused(() => call(enrolmentApi, "POST", "/x", { enrolmentId: "no-such" }, "unitContact", { teamIds: [], agreementScan: { filename: "x.png", contentBase64: b64(PNG) } }), 404, "not_found");
  });

  it("evidence per item: the self-assessment takes base64 evidence, adds it to its item, and refuses bad files, other units, unknown targets and stray ids", async () => {
    const before = await written();
    const saved = await selfAssess("unitContact", enrolmentId, [{ itemCode, filename: "组委会文件.pdf", contentBase64: b64(PDF) }, { itemCode, filename: "现场照片.jpg", contentBase64: b64(JPEG) }]);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect((await written()).files).toBe(before.files + 2);
    const evidence = (await files("unitContact", enrolmentId)).body.attachments.filter((a: { kind: string }) => a.kind === "evidence");
    expect(evidence.map((a: { itemCode: string; type: string }) => [a.itemCode, a.type])).toEqual([[itemCode, "application/pdf"], [itemCode, "image/jpeg"]]);
    const kept = evidence.map((a: { id: string }) => a.id) as string[];

    await expectRefused(() => selfAssess("unitContact", enrolmentId, [{ itemCode, filename: "x.pdf", contentBase64: b64(TEXT) }], kept), 400, "file_type_refused");
    await expectRefused(() => selfAssess("unitContact", enrolmentId, [{ itemCode, filename: "x.png", contentBase64: b64(BIG_PNG) }], kept), 413, "file_too_large");
    await expectRefused(() => selfAssess("otherContact", enrolmentId, [{ itemCode, filename: "x.pdf", contentBase64: b64(PDF) }]), 403, "forbidden");
    await expectRefused(() => selfAssess("unitContact", "no-such-enrolment", [{ itemCode, filename: "x.pdf", contentBase64: b64(PDF) }]), 404, "not_found");
    await expectRefused(() => selfAssess("unitContact", enrolmentId, [{ itemCode: "Z.99", filename: "x.pdf", contentBase64: b64(PDF) }], kept), 400, "unknown_item");
    // a client cannot link a file it did not upload to this item (here: the agreement scan)
    const agreementId = (await files("unitContact", enrolmentId)).body.attachments.find((a: { kind: string }) => a.kind === "agreement").id;
    await expectRefused(() => selfAssess("unitContact", enrolmentId, [], [...kept, agreementId]), 400, "evidence_unknown");
    // keeping the uploaded ids and dropping none is fine, and adds nothing
    expect((await selfAssess("unitContact", enrolmentId, [], kept)).status).toBe(200);
  });

  it("activity photos: logged with the activity; refused files, other units and unknown enrolments write nothing", async () => {
    const before = await written();
    const r = await activity("unitContact", enrolmentId, { filename: "演练.jpg", contentBase64: b64(JPEG) });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect((await written()).activities).toBe(before.activities + 1);
    const photo = (await files("organiser", enrolmentId)).body.attachments.find((a: { kind: string }) => a.kind === "activity");
    expect(photo).toMatchObject({ activityId: r.body.id, type: "image/jpeg", label: "安全生产月应急演练" });
    const ev = await db.event.findFirstOrThrow({ where: { action: "ankang.activity-logged", entityId: r.body.id } });
    expect(JSON.parse(ev.after!).photoFileId).toBe(photo.id);

    await expectRefused(() => activity("unitContact", enrolmentId, { filename: "演练.jpg", contentBase64: b64(TEXT) }), 400, "file_type_refused");
    await expectRefused(() => activity("unitContact", enrolmentId, { filename: "演练.png", contentBase64: b64(BIG_PNG) }), 413, "file_too_large");
    await expectRefused(() => activity("otherContact", enrolmentId, { filename: "演练.jpg", contentBase64: b64(JPEG) }), 403, "forbidden");
    await expectRefused(() => activity("unitContact", "no-such-enrolment", { filename: "演练.jpg", contentBase64: b64(JPEG) }), 404, "not_found");
  });

  it("list and download follow the enrolment's access: another unit's contact 403; a file of another record 404", async () => {
    expect((await files("otherContact", enrolmentId)).status).toBe(403);
    const fileId = (await files("unitContact", enrolmentId)).body.attachments[0].id as string;
    expect((await download("otherContact", enrolmentId, fileId)).status).toBe(403);
    expect((await files("unitContact", "no-such-enrolment")).status).toBe(404);
    const hazardPhoto = (await db.ankangHazard.findFirstOrThrow({ where: { photoFileId: { not: null } } })).photoFileId!;
    const res = await call(enrolmentFileApi, "GET", "/x", { enrolmentId, fileId: hazardPhoto }, "unitContact");
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/^[\u4e00-\u9fff]/);
  });

  it("the OpenAPI document lists the enrolment file operations", () => {
    expect(ALL_OPERATIONS.map((o) => o.operationId)).toEqual(expect.arrayContaining(["listAnkangEnrolmentFiles", "getAnkangEnrolmentFile"]));
  });
});

describe("the Excel imports through the API: score sheet and quiz questions, .xlsx base64, all or nothing (rules A-9, A-14)", () => {
  async function workbook(name: string, columns: readonly string[], rows: (string | number | null)[][]) {
    const wb = await newWorkbook();
    const ws = wb.addWorksheet(name);
    ws.addRow([...columns]);
    for (const r of rows) ws.addRow(r);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const importSheet = (who: string, bytes: Uint8Array, cycle = cycleId, filename = "评分表.xlsx") =>
    call(sheetImportApi, "POST", `/api/v1/ankang/cycles/${cycle}/sheets/import`, { cycleId: cycle }, who, { title: "市级评分表（导入）", filename, contentBase64: b64(bytes) });
  const importQuestions = (who: string, bytes: Uint8Array, orgId = p.cityA.id, filename = "题库.xlsx") =>
    call(questionImportApi, "POST", "/api/v1/quiz-questions/import", {}, who, { orgId, filename, contentBase64: b64(bytes) });
  const versions = () => db.ankangSheetVersion.count({ where: { cycleId } });
  const questions = () => db.ankangQuestion.count({ where: { orgId: p.cityA.id } });

  it("score sheet: the exported workbook imports as a new version; a bad row imports nothing and is named; wrong type, too big, no permission and unknown cycle are refused", async () => {
    const good = new Uint8Array(await buildSheetWorkbook(CITY_SHEET_A10, "市级考核评分表"));
    const before = await versions();
    const ok = await importSheet("organiser", good);
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toMatchObject({ version: before + 1, title: "市级评分表（导入）" });
    const stored = await db.ankangSheetVersion.findUniqueOrThrow({ where: { id: ok.body.id } });
    expect(JSON.parse(stored.definition).sections.length).toBe(CITY_SHEET_A10.sections.length);

    const rows = sheetToRows(CITY_SHEET_A10) as (string | number | null)[][];
    const bad = await workbook("考核评分表", SHEET_COLUMNS, [...rows.slice(0, 3), ["评分项", "9.9", "没有分值的评分项", "很多", null, null], ...rows.slice(3)]);
    const refused = await expectRefused(() => importSheet("organiser", bad), 400);
    expect(refused.body.error.issues.map((i: { path: string }) => i.path)).toContain("row.5");
    await expectRefused(() => importSheet("organiser", PDF, cycleId, "评分表.pdf"), 400, "file_type_refused");
    await expectRefused(() => importSheet("organiser", new Uint8Array([...good, ...new Uint8Array(2 * 1024 * 1024)])), 413, "file_too_large");
    await expectRefused(() => importSheet("unitContact", good), 403, "forbidden");
    await expectRefused(() => importSheet("organiser", good, "no-such-cycle"), 404, "not_found");
    expect(await versions()).toBe(before + 1);
  });

  it("quiz questions: the template imports every question; a bad row imports nothing and is named; wrong type, too big, no permission and unknown organisation are refused", async () => {
    const before = await questions();
    const ok = await importQuestions("organiser", new Uint8Array(await buildQuestionTemplate()));
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body).toEqual({ imported: QUESTION_EXAMPLES.length });
    expect(await questions()).toBe(before + QUESTION_EXAMPLES.length);
    const ev = await db.event.findFirstOrThrow({ where: { action: "ankang.questions-imported", entityId: p.cityA.id } });
    expect(JSON.parse(ev.after!).count).toBe(QUESTION_EXAMPLES.length);

    const bad = await workbook("题库", QUESTION_COLUMNS, [QUESTION_EXAMPLES[0]!, ["单选", "答案不在选项中的题目", "甲", "乙", "", "", "", "", "Z", 1], QUESTION_EXAMPLES[2]!]);
    const refused = await expectRefused(() => importQuestions("organiser", bad), 400);
    expect(refused.body.error.message).toContain("第 3 行");
    await expectRefused(() => importQuestions("organiser", PNG, p.cityA.id, "题库.png"), 400, "file_type_refused");
    await expectRefused(() => importQuestions("organiser", new Uint8Array([...bad, ...new Uint8Array(2 * 1024 * 1024)])), 413, "file_too_large");
    await expectRefused(() => importQuestions("unitContact", bad), 403, "forbidden");
    await expectRefused(() => importQuestions("organiser", bad, "no-such-org"), 404, "not_found");
    expect(await questions()).toBe(before + QUESTION_EXAMPLES.length);
  });

  it("the OpenAPI document lists both imports", () => {
    expect(ALL_OPERATIONS.map((o) => o.operationId)).toEqual(expect.arrayContaining(["importAnkangSheet", "importQuizQuestions"]));
  });
});

describe("the pages hand their files to the same services (a refused file writes nothing there either)", () => {
  const cookies: Record<string, string> = {};
  // signing in writes its own event: before anything is counted
  beforeAll(async () => { for (const who of ["worker", "contact", "unitContact"]) cookies[who] = await sessionCookieFor(users[who]!.id); });
  async function page(route: Route, path: string, params: Record<string, string>, who: string, fields: Record<string, string>, files: Record<string, File> = {}) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    for (const [k, f] of Object.entries(files)) form.set(k, f);
    const out = await (route.action as (a: unknown) => Promise<unknown>)({ request: makeRequest(path, { method: "POST", body: form, cookie: cookies[who] }), params, context: ctx });
    return out instanceof Response ? { status: out.status, body: (await out.json()) as any } : { status: 200, body: out as any };
  }

  it("hazards page: an anonymous report's photo is stored without uploader under a neutral name; a wrong-type fix photo changes nothing", async () => {
    const before = await written();
    // A place of its own: the integration files share one database, and ankang.test.ts reports at 三号仓库 too.
    const place = `三号仓库${uid()}`;
    const r = await page(hazardsPage, "/hazards", {}, "worker", { intent: "report", place, description: "灭火器压力不足", anonymous: "on" }, { photo: new File([JPEG], `${users.worker!.displayName}.jpg`, { type: "image/jpeg" }) });
    expect(r.body, JSON.stringify(r.body)).toMatchObject({ ok: true });
    expect((await written()).files).toBe(before.files + 1);
    const h = await db.ankangHazard.findFirstOrThrow({ where: { place } });
    expect(await db.storedFile.findUniqueOrThrow({ where: { id: h.photoFileId! } })).toMatchObject({ uploadedById: null, filename: "隐患照片.jpg" });

    const unchanged = await written();
    const refused = await page(hazardsPage, "/hazards", {}, "contact", { intent: "fix", hazardId: h.id, fixNote: "更换灭火器" }, { fixPhoto: new File([TEXT], "整改.jpg", { type: "image/jpeg" }) });
    expect(refused.body.ok).toBe(false);
    expect(await written()).toEqual(unchanged);
    expect((await db.ankangHazard.findUniqueOrThrow({ where: { id: h.id } })).status).toBe("reported");
  });

  it("enrolment page: evidence for an item joins the item's files; a wrong-type file saves neither scores nor files", async () => {
    const enrolmentId = (await db.ankangEnrolment.findFirstOrThrow({ where: { cycleId, unitId: unit1.id } })).id;
    const itemCode = CITY_SHEET_A10.sections[0]!.items[0]!.code;
    const count = async () => (JSON.parse((await db.ankangAssessment.findUniqueOrThrow({ where: { enrolmentId_kind: { enrolmentId, kind: "self" } } })).entries).items as { itemCode: string; fileIds?: string[] }[]).find((i) => i.itemCode === itemCode)?.fileIds?.length ?? 0;
    const had = await count();
    const ok = await page(enrolmentPage, `/ankang/enrolments/${enrolmentId}`, { enrolmentId }, "unitContact", { intent: "self", [`score-${itemCode}`]: "1" }, { [`file-${itemCode}`]: new File([PNG], "培训签到表.png", { type: "image/png" }) });
    expect(ok.body, JSON.stringify(ok.body)).toMatchObject({ ok: true });
    expect(await count()).toBe(had + 1);

    const before = await written();
    const bad = await page(enrolmentPage, `/ankang/enrolments/${enrolmentId}`, { enrolmentId }, "unitContact", { intent: "self", [`score-${itemCode}`]: "0.5" }, { [`file-${itemCode}`]: new File([TEXT], "签到表.png", { type: "image/png" }) });
    expect(bad.body.ok).toBe(false);
    expect(await written()).toEqual(before);
  });
});
