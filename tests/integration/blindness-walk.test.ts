// THE blind-marking acceptance walk (rules S-33, S-34): before decryption no route of the
// application returns an entrant's name, unit, 身份证号 or photo for a drawn event to
// anyone but the encryption officer.
//
// The list of routes is built from app/routes by file name, so a route added later is
// walked automatically; a route with a $param this file does not know fails the test
// until the param is added to PARAMS. Every route loader (pages and GET API endpoints)
// is called as each demo role; the serialised answer (JSON, HTML loader data, text,
// Excel cells, PDF text, raw bytes) must contain none of the entrants' identifying
// strings. A 403/404/redirect is fine. Actions (POST) are not walked: they answer the
// change they made, and the review module's actions answer codes only.
import { TEMPLATE_QIBI_YICHUANG } from "~/modules/labour/indicators";
import { defaultSettings } from "~/modules/labour/settings";
import { readdirSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { db } from "~/utils/db.server";
import { makeIdNumber } from "~/modules/members/id-number";
import { ROLES as ROLE_DEFINITIONS } from "~/modules/users/roles";
import { fileStore } from "~/utils/storage.server";
import { loadUserForToken } from "~/utils/auth.server";
import { requestRemark, signOff } from "~/modules/judging/review/console.server";
import { enterPaper } from "~/modules/judging/review/paper.server";
import { importTheoryScores } from "~/modules/judging/review/theory.server";
import { checkRecheckItem, drawRecheck } from "~/modules/judging/review/recheck.server";
import { fileAppeal, ruleAppeal } from "~/modules/judging/review/appeals.server";
import { openDecryptionLayer } from "~/modules/judging/review/decryption.server";
import { declareConflict } from "~/modules/judging/assignments.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, TEST_PASSWORD, uid } from "../factories";
import { apiWrites, diffDumps, dumpDatabase, formsOf, joinsIn, type Keys } from "./walk-tools";

const ROUTES_DIR = path.resolve(__dirname, "../../app/routes");
/** Route files that serve event data, by name. Extend when a new area serves entrants. */
const EVENT_DATA = /(^|\.)(events|contests|registrations|judging|check-in|tickets|appeals|results|draws|marks|rechecks|certificates|verify|leaderboard|boards|publications|scores|start-list|my-results|live)(\.|$|\[)/;
const NOT_EVENT_DATA = new Set(["api.v1.$.ts"]);
/** The dashboard may list a user's contests and entries. */
const HOME = /^_index\.tsx$/;

// The shared factory draws ID numbers from 1 000 sequence numbers per birth date; a run
// creating many members can collide, so these tests walk their own sequence.
let idSequence = Number.parseInt(uid().slice(0, 4), 16);
function uniqueIdNumber() {
  idSequence += 1;
  return makeIdNumber("330106", { y: 1970 + (idSequence % 30), m: 1 + (Math.floor(idSequence / 30) % 12), d: 1 + (Math.floor(idSequence / 360) % 28) }, idSequence % 1000);
}

const SCHEME = {
  components: [
    { id: "theory", name: "理论", kind: "theory", weight: "0.3", modules: [{ id: "T", criteria: [{ id: "T-c", aspects: [{ id: "paper", name: "试卷", max: 100, kind: "measurement" }] }] }] },
    { id: "practical", name: "实操", kind: "practical", weight: "0.7", modules: [{ id: "P", criteria: [{ id: "P-c", aspects: [{ id: "craft", name: "工艺", max: 30, kind: "judgement" }, { id: "gauge", name: "尺寸", max: 20, kind: "measurement" }] }] }] },
  ],
};

const ROLES = ["admin", "organiser", "chief_judge", "judge", "supervisor", "unit_contact", "reviewer", "committee", "worker", "encryption_officer"] as const;
type Role = (typeof ROLES)[number];

type Secret = { label: string; value: string };
let secrets: Secret[] = [];
let PARAMS: Record<string, string> = {};
let QUERY: Record<string, string> = {};
const users = {} as Record<Role, { id: string; cookie: string }>;
let entrantNames: string[] = [];
let stationCodes: string[] = [];
let eventId = "";
/** what names each entrant (admission number, name, registration and member ids) and what names their code, for the join test */
const keys: Keys = { identity: [], code: [] };
/** values every page of the event may show beside anything: they single out nobody */
const eventWide = new Set<string>();
/** users of ANOTHER city (宁波 against 杭州 data), for the scope replay (issue 10 item 4) */
const OUTSIDER_ROLES = ["admin", "encryption_officer", "unit_contact", "judge"] as const;
const outsiders = {} as Record<(typeof OUTSIDER_ROLES)[number], { id: string; cookie: string; token: string }>;
let targets: Record<string, string> = {};

function crc32(bytes: Buffer) {
  return zlib.crc32(bytes) >>> 0;
}
/** A valid 1×1 PNG carrying `marker` in a tEXt chunk, so the photo's bytes are recognisable anywhere. */
function markedPng(marker: string) {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  const idat = zlib.deflateSync(Buffer.from([0, 255, 255, 255]));
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("tEXt", Buffer.from(`Comment\0${marker}`, "latin1")), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

/** The URL path of a flat-route file name (Remix v2 conventions). */
function urlOf(file: string, params: Record<string, string>) {
  const base = file.replace(/\.(tsx|ts)$/, "");
  const segments = base.split(/\.(?![^[]*\])/).filter((s) => s !== "_index" && !s.startsWith("_"));
  return "/" + segments.map((s) => s.replace(/_$/, "").replace(/\[(.)\]/g, "$1").replace(/^\$(\w+)$/, (_, name) => params[name] ?? `:${name}`)).join("/");
}

/** A live stream (server-sent events) never ends: read what it sends in its first moments, then hang up. */
async function firstChunks(response: Response, ms = 1500): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
    if (!next || next.done) break;
    text += decoder.decode(next.value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text;
}

async function textOf(response: Response): Promise<string> {
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("text/event-stream")) return firstChunks(response);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (type.includes("spreadsheetml")) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => cells.push(String(c.text ?? c.value ?? "")))));
    return cells.join("\n");
  }
  if (type.includes("pdf")) {
    const doc = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false }).promise;
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i++) pages.push((await (await doc.getPage(i)).getTextContent()).items.map((it) => ("str" in it ? it.str : "")).join(""));
    await doc.destroy();
    return pages.join("\n") + Buffer.from(bytes).toString("latin1");
  }
  return new TextDecoder().decode(bytes) + (type.startsWith("image/") ? Buffer.from(bytes).toString("latin1") : "");
}

type Visit = { route: string; role: Role; status: number | "error"; text: string; error?: string };
/** every loader answer of the walk before decryption, kept for the join test */
const walkVisits: Visit[] = [];

async function visit(file: string, role: Role): Promise<Visit> {
  const mod = (await import(path.join(ROUTES_DIR, file))) as { loader?: (args: unknown) => unknown };
  const url = urlOf(file, PARAMS) + (QUERY[file] ?? `?eventId=${PARAMS.eventId}&contestId=${PARAMS.contestId}`);
  const abort = new AbortController();
  const request = new Request(`http://localhost${url}`, { headers: { Cookie: users[role].cookie }, signal: abort.signal });
  const params = Object.fromEntries([...file.matchAll(/\$(\w+)/g)].map(([, name]) => [name, PARAMS[name]]));
  try {
    const result = await mod.loader!({ request, params, context: ctx });
    if (result instanceof Response) {
      const text = result.status < 300 ? await textOf(result) : "";
      abort.abort();
      return { route: file, role, status: result.status, text };
    }
    return { route: file, role, status: 200, text: JSON.stringify(result) };
  } catch (thrown) {
    if (thrown instanceof Response) return { route: file, role, status: thrown.status, text: thrown.status < 300 ? await textOf(thrown) : await thrown.text().catch(() => "") };
    return { route: file, role, status: "error", text: "", error: thrown instanceof Error ? thrown.message.slice(0, 200) : String(thrown) };
  }
}

/**
 * A unit's name alone is not an entrant's identity where the page names the viewer's own
 * grant scope or offers organisations to pick from; everywhere else it counts.
 */
const UNIT_NAME_IS_NOT_ENTRANT_DATA: Record<string, string> = {
  "_index.tsx": "the dashboard names the scope of the viewer's own role",
  "contests.new.tsx": "organisation picker for a new contest",
  "registrations.unit.tsx": "the unit contact's own unit picker (names and ID numbers still count)",
};

function leaksIn(v: Visit) {
  return secrets
    .filter((s) => v.text.includes(s.value))
    .filter((s) => !(s.label.startsWith("单位 ") && v.route in UNIT_NAME_IS_NOT_ENTRANT_DATA))
    .map((s) => s.label);
}

/** Roles that hold judging:encrypt see the mapping by design (blind.server.ts canSeeMapping): the encryption officer only (admin holds every other permission). */
const MAY_SEE_MAPPING = new Set<string>(ROLE_DEFINITIONS.filter((r) => r.permissions.includes("judging:encrypt")).map((r) => r.key));

const routeFiles = () =>
  readdirSync(ROUTES_DIR)
    .filter((f) => /\.(tsx?|ts)$/.test(f) && (EVENT_DATA.test(f) || HOME.test(f)) && !NOT_EVENT_DATA.has(f))
    .sort();

beforeAll(async () => {
  const p = await createProvince();
  const tag = uid();
  const unit = await createOrg({ type: "grassroots", parent: p.districtA, name: `盲审单位${tag}` });
  const grantOrg: Record<Role, string> = {
    admin: p.national.id, organiser: p.cityA.id, chief_judge: p.cityA.id, judge: p.cityA.id, supervisor: p.cityA.id, unit_contact: unit.id,
    reviewer: p.province.id, committee: p.province.id, worker: unit.id, encryption_officer: p.cityA.id,
  };
  for (const role of ROLES) {
    const u = await createUser([{ role, orgId: grantOrg[role] }]);
    users[role] = { id: u.id, cookie: await sessionCookieFor(u.id) };
  }
  const contest = await db.contest.create({
    data: { orgId: p.cityA.id, name: `盲审大赛${tag}`, level: "city", contestClass: "二类", status: "running", endsAt: new Date(Date.now() - 10 * 60_000), registrationOpensAt: new Date(Date.now() - 30 * 86_400_000), registrationClosesAt: new Date(Date.now() - 86_400_000) },
  });
  const event = await db.contestEvent.create({
    data: { contestId: contest.id, name: "车工", trade: "车工", groupName: "职工组", markingScheme: JSON.stringify(SCHEME), scoringSettings: JSON.stringify({ judgeAggregation: "scale-0-3" }), drawnAt: new Date(), minFieldSize: 1 },
  });
  eventId = event.id;
  const session = await db.contestSession.create({ data: { eventId: event.id, name: "第一场", stationCount: 2 } });
  // a second session with one entrant: a session seen beside an admission number would narrow the mapping (issue 10 item 1)
  const session2 = await db.contestSession.create({ data: { eventId: event.id, name: "第二场", stationCount: 1, sortOrder: 1 } });
  const entrants = [];
  for (let i = 0; i < 3; i++) {
    const name = `盲审姓名${i}${tag}`;
    const idNumber = uniqueIdNumber();
    const member = await createMember(unit.id, { name, idNumber });
    const marker = `PHOTOMARK${i}${tag}`;
    const key = `walk/${tag}-${i}.png`;
    await fileStore().put(key, markedPng(marker));
    const png = markedPng(marker);
    const photo = await db.storedFile.create({ data: { storageKey: key, filename: "photo.png", mimeType: "image/png", size: png.length, sha256: (await import("node:crypto")).createHash("sha256").update(png).digest("hex"), purpose: "photo" } });
    const reg = await db.registration.create({
      data: { eventId: event.id, memberId: member.id, unitId: unit.id, status: "approved", admissionNo: `BW${i}${tag}`, photoFileId: photo.id, checkInToken: `tok${i}${tag}`, leaderName: `盲审领队${tag}` },
    });
    const code = await db.blindCode.create({ data: { eventId: event.id, registrationId: reg.id, entryNo: `E${i + 1}`, orderNo: i + 1, sessionId: i === 2 ? session2.id : session.id, stationNo: i === 2 ? 1 : i + 1, stationCode: `S${tag}${i}` } });
    entrants.push({ member, reg, code, idNumber, photo });
    keys.identity.push([reg.admissionNo!, name, reg.id, member.id]);
    keys.code.push([code.stationCode, code.id]);
    secrets.push(
      { label: `姓名 ${name}`, value: name },
      { label: `身份证号 ${idNumber}`, value: idNumber },
      { label: `身份证号(脱敏) ${member.idNumberMasked}`, value: member.idNumberMasked },
      { label: `照片 ${photo.id}`, value: photo.id },
      { label: `照片内容 ${marker}`, value: marker },
    );
  }
  secrets.push({ label: `单位 ${unit.name}`, value: unit.name });
  entrantNames = entrants.map((e) => e.member.name);
  stationCodes = entrants.map((e) => e.code.stationCode);

  // judges, marks, and every review record, so each route has something to show
  for (const role of ["judge", "chief_judge"] as const) {
    await db.judgeAssignment.create({ data: { eventId: event.id, userId: users[role].id, role: role === "judge" ? "judge" : "chief" } });
  }
  const marks: string[] = [];
  for (const [i, e] of entrants.entries()) {
    const sheet = await db.scoreSheet.create({ data: { eventId: event.id, judgeId: users.judge.id, blindCodeId: e.code.id, status: "submitted", submittedAt: new Date(), signatureName: "裁判" } });
    for (const [aspectId, value] of [["craft", 200 + (i % 2) * 100], ["gauge", 1500]] as const) {
      marks.push((await db.mark.create({ data: { sheetId: sheet.id, eventId: event.id, blindCodeId: e.code.id, judgeId: users.judge.id, aspectId, value } })).id);
    }
  }
  const as = async (role: Role) => (await loadUserForToken(users[role].id, "walk"))!;
  const actor = (role: Role) => ({ userId: users[role].id, requestId: null });
  await requestRemark(await as("chief_judge"), event.id, { blindCodeId: entrants[0].code.id, aspectId: "craft", judgeId: users.judge.id, reason: "请复看" }, actor("chief_judge"));
  await db.remarkRequest.updateMany({ where: { eventId: event.id }, data: { resolvedAt: new Date() } });
  await enterPaper(await as("chief_judge"), event.id, { stationCode: entrants[1].code.stationCode, judgeId: users.judge.id, values: { craft: "2" } }, actor("chief_judge"));
  await importTheoryScores(await as("organiser"), event.id, entrants.map((e, i) => ({ row: i + 2, admissionNo: e.reg.admissionNo!, score: `8${i}.37` })), "import", actor("organiser"));
  const entrantUser = await createUser([{ role: "worker", orgId: unit.id }], { memberId: entrants[0].member.id });
  const appeal = await fileAppeal((await loadUserForToken(entrantUser.id, "walk"))!, event.id, { text: "设备故障，申请复核" }, { userId: entrantUser.id, requestId: null });
  await signOff(await as("chief_judge"), event.id, { password: TEST_PASSWORD }, actor("chief_judge"));
  const recheck = await drawRecheck(await as("supervisor"), event.id, { topN: 1 }, actor("supervisor"));
  const items = await db.recheckItem.findMany({ where: { recheckId: recheck.id } });
  await checkRecheckItem(await as("supervisor"), recheck.id, items[0].id, { wrongMarks: 0 }, actor("supervisor"));
  await ruleAppeal(await as("supervisor"), appeal.id, { decision: "upheld", ruling: "设备故障属实", reopen: [{ aspectId: "craft", judgeId: users.judge.id }] }, actor("supervisor"));

  // A conflict declared after the draw: queued for the encryption officer (issue 10 item 2).
  await declareConflict(await as("judge"), { eventId: event.id, unitName: p.enterpriseA.name, reason: "曾在该单位任职" }, actor("judge"));
  const recusal = await db.recusalRequest.findFirstOrThrow({ where: { eventId: event.id } });
  // A judge of this city with a profile (unit, qualifications) an outsider might try to change.
  await db.judgeProfile.create({ data: { userId: users.judge.id, unitId: p.enterpriseA.id, skillLevel: "技师" } });

  // Users of the other city, each with a session and an API token.
  const outsideUnit = await createOrg({ type: "grassroots", parent: p.districtB, name: `宁波单位${tag}` });
  for (const role of OUTSIDER_ROLES) {
    const u = await createUser([{ role, orgId: role === "unit_contact" ? outsideUnit.id : p.cityB.id }]);
    const signedIn = (await loadUserForToken(u.id, "walk"))!;
    outsiders[role] = { id: u.id, cookie: await sessionCookieFor(u.id), token: (await createApiToken(signedIn, { name: "replay" }, { userId: u.id, requestId: null })).token };
  }
  const grant = await db.roleGrant.findFirstOrThrow({ where: { userId: users.organiser.id } });
  const token = await db.apiToken.create({ data: { userId: users.organiser.id, name: "杭州令牌", prefix: "gs_walk", tokenHash: `walk-${tag}` } });
  const flag = await db.mark.findFirstOrThrow({ where: { eventId: event.id } });

  // 劳动竞赛 (issue 14): a project of this city with one period, for the labour pages and the scope replay.
  const labourProject = await db.labourProject.create({
    data: { orgId: unit.id, name: `劳动竞赛${tag}`, owner: "业主", startDate: "2026-01-01", endDate: "2026-12-31", frequency: "month", indicatorSet: JSON.stringify(TEMPLATE_QIBI_YICHUANG), settings: JSON.stringify(defaultSettings("project")) },
  });
  const labourPeriod = await db.labourPeriod.create({ data: { projectId: labourProject.id, seq: 1, label: "2026年1月", fromDate: "2026-01-01", toDate: "2026-01-31" } });

  PARAMS = {
    projectId: labourProject.id, periodId: labourPeriod.id,
    eventId: event.id, contestId: contest.id, registrationId: entrants[0].reg.id, markId: marks[0], recheckId: recheck.id, itemId: items[0].id,
    appealId: appeal.id, blindCodeId: entrants[0].code.id, sessionId: session.id, fileId: entrants[0].photo.id, userId: users.judge.id,
    certificateId: "no-certificate-yet", code: "no-such-code", requestId: recusal.id, quizId: "no-such-quiz",
  };
  // The ids a replayed request names: all of this city (杭州), never the outsider's own.
  targets = {
    ...PARAMS, judgeId: users.judge.id, memberId: entrants[0].member.id, orgId: unit.id, unitId: unit.id, parentId: p.cityA.id, grantId: grant.id, tokenId: token.id,
    assignmentId: (await db.judgeAssignment.findFirstOrThrow({ where: { eventId: event.id, userId: users.judge.id } })).id,
    stationCode: entrants[0].code.stationCode, admissionNo: entrants[0].reg.admissionNo!, unitName: p.enterpriseA.name, flagMarkId: flag.id,
    sessionId: session.id, blindCodeId: entrants[0].code.id,
  };
  for (const v of [event.id, event.name, contest.id, contest.name, unit.id]) eventWide.add(v);
  QUERY = {
    "appeals.new.tsx": `?eventId=${event.id}`,
    "events.$eventId.console.tsx": `?mark=${marks[0]}`,
    "check-in.tsx": `?token=tok0${tag}`,
  };
});

describe("blind marking walk (rules S-33, S-34)", () => {
  it("knows every $param of every route it walks", () => {
    const missing = routeFiles().flatMap((f) => [...f.matchAll(/\$(\w+)/g)].map(([, name]) => name)).filter((name) => !(name in PARAMS));
    expect([...new Set(missing)], "add these params to PARAMS in blindness-walk.test.ts").toEqual([]);
    expect(routeFiles().length).toBeGreaterThan(10);
  });

  it("before decryption: no route shows a name, unit, ID number or photo to anyone but the encryption officer", async () => {
    expect([...MAY_SEE_MAPPING].sort()).toEqual(["encryption_officer"]);
    const visits = walkVisits;
    for (const file of routeFiles()) {
      const mod = (await import(path.join(ROUTES_DIR, file))) as { loader?: unknown };
      if (typeof mod.loader !== "function") continue;
      for (const role of ROLES) visits.push(await visit(file, role));
    }
    const leaks = visits.filter((v) => !MAY_SEE_MAPPING.has(v.role)).map((v) => ({ route: v.route, role: v.role, leaked: leaksIn(v) })).filter((l) => l.leaked.length);
    const summary = visits.map((v) => `${v.route} ${v.role} ${v.status}${v.error ? ` ${v.error}` : ""}`);
    console.log(`blindness walk: ${visits.length} loader calls over ${new Set(visits.map((v) => v.route)).size} routes\n` + summary.filter((s) => / (200|error)/.test(s)).join("\n"));
    if (leaks.length) console.log("LEAKS:\n" + leaks.map((l) => `${l.route} as ${l.role}: ${l.leaked.join(", ")}`).join("\n"));
    expect(leaks).toEqual([]);

    // the encryption officer does see the mapping: names next to station codes
    const officer = visits.filter((v) => v.role === "encryption_officer" && v.status === 200).map((v) => v.text).join("\n");
    for (const [i, name] of entrantNames.entries()) {
      expect(officer).toContain(name);
      expect(officer).toContain(stationCodes[i]);
    }
  }, 240_000);

  // Issue 10 item 1 (rule S-34): a value shown beside an admission number or a name AND beside a
  // station code (a theory score, a check-in time, a session, anything) joins people to codes.
  // Everything each role was shown (every loader of the walk, and the check-in desk's answers)
  // is searched for such values.
  it("before decryption: no role but the encryption officer can join identities to codes through a shared value", async () => {
    expect(walkVisits.length).toBeGreaterThan(0);
    const checkInRoute = await import(path.join(ROUTES_DIR, "check-in.tsx"));
    const found: string[] = [];
    for (const role of ROLES.filter((r) => !MAY_SEE_MAPPING.has(r))) {
      const texts = walkVisits.filter((v) => v.role === role && v.status === 200).map((v) => ({ route: v.route, text: v.text }));
      // the check-in desk: each admission number typed in turn
      for (const [i] of keys.identity.entries()) {
        const request = makeRequest("/check-in", { cookie: users[role].cookie, form: { admissionNo: keys.identity[i][0] } });
        let answer: unknown;
        try {
          answer = await checkInRoute.action({ request, params: {}, context: ctx });
        } catch (thrown) {
          answer = thrown;
        }
        if (!(answer instanceof Response)) texts.push({ route: "check-in.tsx (action)", text: JSON.stringify(answer) });
      }
      for (const j of joinsIn(texts, keys, eventWide)) found.push(`${role}: «${j.value}» beside entrants ${j.people} by identity and ${j.codes} by code (${j.routes.join(", ")})`);
    }
    if (found.length) console.log("JOINS:\n" + found.join("\n"));
    expect(found).toEqual([]);
    // the analysis does find a join where one exists: a score listed by admission number and by code
    const theory = keys.identity.map((k, i) => ({ route: "probe", text: JSON.stringify([{ admissionNo: k[0], score: `7${i}.25` }]) }));
    const board = keys.code.map((k, i) => ({ route: "probe", text: JSON.stringify([{ stationCode: k[0], score: `7${i}.25` }]) }));
    expect(joinsIn([...theory, ...board], keys, eventWide).length).toBe(keys.code.length);
  }, 120_000);

  // Issue 10 item 4: every service write checks the organisation path, and a refused request
  // writes nothing. Every route action (every intent its source names) and every API write is
  // sent by users of another city, naming this city's records; the whole database must be
  // unchanged afterwards.
  it("scope replay: no route action or API write by a user of another city changes anything", async () => {
    // Self-service routes change the caller's own account, not this city's data.
    const SELF = new Set(["account._index.tsx", "account.member.tsx", "account.tokens.tsx", "api.v1.me.member.ts", "login.tsx", "logout.tsx", "set-locale.tsx", "judging.profile.tsx", "judging.conflicts.tsx", "api.v1.tokens.ts", "api.v1.judging.conflicts.ts", "api.v1.$.ts"]);
    // Tables that change when a session is used (its expiry slides) rather than by the request's purpose.
    const SKIP = new Set(["Session"]);
    const changed: string[] = [];
    const refusedWith = new Map<string, number>();
    const actionFiles = readdirSync(ROUTES_DIR).filter((f) => /\.tsx?$/.test(f) && !SELF.has(f)).sort();
    const apiByFile = new Map<string, ReturnType<typeof apiWrites>>();
    for (const w of apiWrites(targets)) {
      const file = "api.v1" + w.op.path.replace(/\{(\w+)\}/g, "$$$1").replace(/\//g, ".") + ".ts";
      apiByFile.set(file, [...(apiByFile.get(file) ?? []), w]);
    }
    const files = new Set(readdirSync(ROUTES_DIR));
    expect([...apiByFile.keys()].filter((f) => !files.has(f)), "API writes whose route file the replay cannot find").toEqual([]);
    for (const file of actionFiles) {
      const mod = (await import(path.join(ROUTES_DIR, file))) as { action?: (args: unknown) => Promise<unknown> };
      if (typeof mod.action !== "function") continue;
      const before = await dumpDatabase(SKIP);
      const params = Object.fromEntries([...file.matchAll(/\$(\w+)/g)].map(([, name]) => [name, targets[name] ?? PARAMS[name]]));
      const requests: Request[] = [];
      if (file.startsWith("api.v1.")) {
        for (const w of apiByFile.get(file) ?? []) {
          for (const role of OUTSIDER_ROLES) requests.push(makeRequest(w.path, { method: w.op.method.toUpperCase(), json: w.body, token: outsiders[role].token }));
        }
      } else {
        const url = urlOf(file, targets) + `?eventId=${targets.eventId}&contestId=${targets.contestId}`;
        for (const form of formsOf(file, ROUTES_DIR, targets)) {
          for (const role of OUTSIDER_ROLES) requests.push(makeRequest(url, { cookie: outsiders[role].cookie, form }));
        }
      }
      for (const request of requests) {
        let result: unknown;
        try {
          result = await mod.action({ request, params, context: ctx });
        } catch (thrown) {
          result = thrown;
        }
        const status = result instanceof Response ? result.status : 200;
        refusedWith.set(String(status), (refusedWith.get(String(status)) ?? 0) + 1);
      }
      const diff = diffDumps(before, await dumpDatabase(SKIP));
      if (diff.length) changed.push(`${file} (${requests.length} requests): ${JSON.stringify(diff).slice(0, 1500)}`);
    }
    console.log(`scope replay: statuses ${JSON.stringify(Object.fromEntries(refusedWith))}`);
    if (changed.length) console.log("WRITES BY OUTSIDERS:\n" + changed.join("\n"));
    expect(changed).toEqual([]);
    expect(apiByFile.size).toBeGreaterThan(20);
  }, 300_000);

  it("after the last layer opens, names appear for the organiser", async () => {
    const encryptor = (await loadUserForToken(users.encryption_officer.id, "walk"))!;
    const actor = { userId: encryptor.id, requestId: null };
    // the re-check above left items open: finish it, then decrypt in reverse order (rule S-34)
    const recheck = await db.recheck.findFirstOrThrow({ where: { eventId }, include: { items: true } });
    const supervisor = (await loadUserForToken(users.supervisor.id, "walk"))!;
    for (const item of recheck.items.filter((i) => !i.checkedAt)) await checkRecheckItem(supervisor, recheck.id, item.id, { wrongMarks: 0 }, { userId: supervisor.id, requestId: null });
    const witness = { witnessUsername: (await db.user.findUniqueOrThrow({ where: { id: users.supervisor.id } })).username, witnessPassword: TEST_PASSWORD };
    await openDecryptionLayer(encryptor, eventId, { layer: 2, ...witness }, actor);
    await openDecryptionLayer(encryptor, eventId, { layer: 1, ...witness }, actor);
    const seen: string[] = [];
    for (const file of routeFiles()) {
      const mod = (await import(path.join(ROUTES_DIR, file))) as { loader?: unknown };
      if (typeof mod.loader !== "function") continue;
      const v = await visit(file, "organiser");
      if (v.status === 200) seen.push(v.text);
    }
    expect(seen.join("\n")).toContain(entrantNames[0]);
  }, 120_000);
});
