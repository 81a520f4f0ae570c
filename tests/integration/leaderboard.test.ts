import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as boardApi from "~/routes/api.v1.events.$eventId.leaderboard";
import * as teamApi from "~/routes/api.v1.events.$eventId.leaderboard.teams";
import * as feedApi from "~/routes/api.v1.events.$eventId.feed";
import * as freezeApi from "~/routes/api.v1.events.$eventId.freeze";
import * as correctionApi from "~/routes/api.v1.marks.$markId.corrections";
import * as boardPage from "~/routes/leaderboard.$eventId._index";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { formatHundredths, parseEntrantSheets, parseMarkingScheme, parseScoringSettings, scoreEvent } from "~/modules/scoring";
import { publishChange } from "~/modules/results/live.server";
import { forgetBoards } from "~/modules/results/leaderboard.server";
import { shutdownResults } from "~/modules/results/shutdown.server";
import { createMember, createOrg, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid } from "../factories";

// Issue 6 part A on a real database (SQLite, and PostgreSQL with TEST_DATABASE=postgres):
// the board ranks as the scoring engine does, shows codes until decryption / publication,
// freezes for the public while the live view moves, and keeps members-only boards private.

const scheme = {
  components: [
    { id: "T", name: "理论", kind: "theory", weight: "0.3", modules: [{ id: "T1", criteria: [{ id: "T1c", aspects: [{ id: "paper", name: "理论考试", max: 100, kind: "measurement" }] }] }] },
    {
      id: "P", name: "实操", kind: "practical", weight: "0.7",
      modules: [{ id: "P1", criteria: [{ id: "P1c", aspects: [{ id: "fit", name: "尺寸", max: 60, kind: "judgement" }, { id: "finish", name: "外观", max: 40, kind: "judgement" }] }] }],
    },
  ],
};

type Board = { view: string; identity: string; frozen: boolean; version: string; rows: { id: string; rank: number | null; code: string; name: string | null; unit: string | null; totalText: string; total: number }[] };

let p: Awaited<ReturnType<typeof createProvince>>;
let eventId: string;
let contestId: string;
let organiser: { id: string; token: string; cookie: string };
let chief: { id: string; token: string };
let judgeToken: string;
let memberCookie: string;
let outsiderCookie: string;
const codes: { id: string; code: string; registrationId: string; name: string }[] = [];
const judges = ["judge-a", "judge-b"];
// fit, finish per judge, per entrant; theory per entrant (hundredths)
const practical = [[[5000, 3500], [5200, 3300]], [[4000, 3000], [4200, 3000]], [[5500, 3800], [5300, 3900]], [[4500, 2000], [4500, 2200]], [[5000, 3500], [5200, 3300]]];
const theory = [8000, 9000, 7000, 8500, 8000];

async function tokenFor(userId: string) {
  const sessionUser = (await loadUserForToken(userId, "bootstrap"))!;
  return (await createApiToken(sessionUser, { name: "leaderboard test" }, { userId, requestId: null })).token;
}

async function getBoard(init: Parameters<typeof makeRequest>[1] = {}, view = "public", id = eventId) {
  const res: Response = await boardApi.loader({ request: makeRequest(`/api/v1/events/${id}/leaderboard?view=${view}`, init), params: { eventId: id }, context: ctx });
  return { status: res.status, body: (await res.json()) as Board };
}

const rowOf = (board: Board, code: string) => board.rows.find((r) => r.code === code)!;

beforeAll(async () => {
  p = await createProvince();
  const organiserUser = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  organiser = { id: organiserUser.id, token: await tokenFor(organiserUser.id), cookie: await sessionCookieFor(organiserUser.id) };
  const chiefUser = await createUser([{ role: "chief_judge", orgId: p.cityA.id }]);
  chief = { id: chiefUser.id, token: await tokenFor(chiefUser.id) };
  judgeToken = await tokenFor((await createUser([{ role: "judge", orgId: p.cityA.id }])).id);
  const member = await createMember(p.enterpriseA.id);
  memberCookie = await sessionCookieFor((await createUser([{ role: "worker", orgId: p.enterpriseA.id }], { memberId: member.id })).id);
  outsiderCookie = await sessionCookieFor((await createUser([{ role: "worker", orgId: p.enterpriseB.id }])).id);

  const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `数控车工大赛${uid()}`, level: "city", contestClass: "二类", status: "running", visibility: "public" } });
  contestId = contest.id;
  const event = await db.contestEvent.create({ data: { contestId, name: "数控车工（职工组）", trade: "数控车工", groupName: "职工组", markingScheme: JSON.stringify(scheme), drawnAt: new Date(Date.now() - 60_000) } });
  eventId = event.id;
  const entered = new Date(Date.now() - 30_000);
  for (let i = 0; i < practical.length; i++) {
    const m = await createMember(i % 2 ? p.enterpriseA.id : p.enterpriseB.id, { name: `选手${i + 1}号` });
    const registration = await db.registration.create({ data: { eventId, memberId: m.id, unitId: m.orgId, status: "approved", admissionNo: `ZK${uid()}` } });
    const code = await db.blindCode.create({ data: { eventId, registrationId: registration.id, entryNo: `E${i + 1}`, orderNo: i + 1, stationNo: i + 1, stationCode: `C${i + 1}` } });
    codes.push({ id: code.id, code: code.stationCode, registrationId: registration.id, name: m.name });
    for (const [j, judgeId] of judges.entries()) {
      const sheet = await db.scoreSheet.create({ data: { eventId, judgeId, blindCodeId: code.id, status: "submitted" } });
      await db.mark.create({ data: { sheetId: sheet.id, eventId, blindCodeId: code.id, judgeId, aspectId: "fit", value: practical[i][j][0], enteredAt: entered } });
      await db.mark.create({ data: { sheetId: sheet.id, eventId, blindCodeId: code.id, judgeId, aspectId: "finish", value: practical[i][j][1], enteredAt: entered } });
    }
    await db.theoryScore.create({ data: { eventId, registrationId: registration.id, value: theory[i], source: "import" } });
  }
  // Signed off: corrections by the chief judge are allowed from here (rule S-24).
  await db.signOff.create({ data: { eventId, byId: chief.id, signatureName: "裁判长" } });
});

afterAll(async () => {
  forgetBoards();
  await shutdownResults();
});

describe("the board ranks exactly as the scoring engine", () => {
  it("matches scoreEvent on the stored marks (theory joins at decryption)", async () => {
    const settings = parseScoringSettings({});
    const parsed = parseMarkingScheme(scheme, settings).scheme;
    const sheets = parseEntrantSheets(parsed, settings, codes.map((c, i) => ({
      entrantId: c.id,
      marks: [
        ...judges.flatMap((judgeId, j) => [
          { aspectId: "fit", judgeId, value: formatHundredths(practical[i][j][0]) },
          { aspectId: "finish", judgeId, value: formatHundredths(practical[i][j][1]) },
        ]),
        // the event is drawn and not decrypted: theory scores, keyed by admission number, stay
        // off the coded board until decryption (issue 10 item 1)
      ],
    })));
    const expected = scoreEvent(parsed, settings, sheets);
    const { status, body } = await getBoard();
    expect(status).toBe(200);
    expect(body.rows.map((r) => [r.id, r.rank, r.totalText])).toEqual(
      [...expected.ranking.entries]
        .sort((a, b) => a.rank - b.rank || codes.find((c) => c.id === a.entrantId)!.code.localeCompare(codes.find((c) => c.id === b.entrantId)!.code))
        .map((e) => [e.entrantId, e.rank, e.totalText]),
    );
    // C1 and C5 have the same marks: a shared rank (rule S-51 (4)).
    expect(rowOf(body, "C1").rank).toBe(rowOf(body, "C5").rank);
    expect(rowOf(body, "C3").rank).toBe(1);
  });
});

describe("identity on the boards (S-33, S-34, publication)", () => {
  it("shows only station codes to the public and to the committee before decryption", async () => {
    const pub = await getBoard();
    expect(pub.body.identity).toBe("codes");
    expect(pub.body.rows.every((r) => r.name === null && r.unit === null)).toBe(true);
    expect(JSON.stringify(pub.body)).not.toContain(codes[0].name);
    const live = await getBoard({ token: organiser.token }, "live");
    expect(live.status).toBe(200);
    expect(live.body.identity).toBe("codes");
    expect(JSON.stringify(live.body)).not.toContain(codes[0].name);
  });

  it("after decryption the committee sees names, the public still codes; after publication everyone", async () => {
    await db.contestEvent.update({ where: { id: eventId }, data: { decryptedAt: new Date() } });
    await publishChange(eventId, "codes");
    const live = await getBoard({ token: organiser.token }, "live");
    expect(live.body.identity).toBe("names");
    expect(rowOf(live.body, "C1").name).toBe(codes[0].name);
    const pub = await getBoard();
    expect(pub.body.identity).toBe("codes");
    expect(JSON.stringify(pub.body)).not.toContain(codes[0].name);

    await db.resultBoard.upsert({ where: { eventId }, create: { eventId, publishedAt: new Date() }, update: { publishedAt: new Date() } });
    await publishChange(eventId, "board");
    const published = await getBoard();
    expect(published.body.identity).toBe("names");
    expect(rowOf(published.body, "C1").name).toBe(codes[0].name);
    expect(rowOf(published.body, "C1").unit).toBe(p.enterpriseB.name);
    // back to unpublished for the tests below
    await db.resultBoard.update({ where: { eventId }, data: { publishedAt: null } });
    await publishChange(eventId, "board");
    expect((await getBoard()).body.identity).toBe("codes");
  });
});

describe("access", () => {
  it("the live view is for the committee and judges only", async () => {
    expect((await getBoard({ cookie: memberCookie }, "live")).status).toBe(403);
    expect((await getBoard({}, "live")).status).toBe(401);
    expect((await getBoard({ token: judgeToken }, "live")).status).toBe(200);
  });

  it("only the organiser or the chief judge may freeze", async () => {
    const res: Response = await freezeApi.action({ request: makeRequest(`/api/v1/events/${eventId}/freeze`, { token: judgeToken, json: {} }), params: { eventId }, context: ctx });
    expect(res.status).toBe(403);
  });

  it("a members-only contest refuses anonymous visitors and outsiders, and serves its members", async () => {
    const contest = await db.contest.create({ data: { orgId: p.cityA.id, name: `会员赛${uid()}`, level: "city", contestClass: "二类", status: "running", visibility: "members" } });
    const event = await db.contestEvent.create({ data: { contestId: contest.id, name: "焊工", trade: "焊工", groupName: "职工组", markingScheme: JSON.stringify(scheme) } });
    const anonymous = await getBoard({}, "public", event.id);
    expect(anonymous.status).toBe(401);
    expect((anonymous.body as unknown as { error: { code: string } }).error.code).toBe("unauthorized");
    expect((await getBoard({ cookie: outsiderCookie }, "public", event.id)).status).toBe(403);
    expect((await getBoard({ cookie: memberCookie }, "public", event.id)).status).toBe(200);
    // The page sends an anonymous visitor to sign in.
    const page = await boardPage.loader({ request: makeRequest(`/leaderboard/${event.id}`), params: { eventId: event.id }, context: ctx }).catch((e: unknown) => e);
    expect(page).toBeInstanceOf(Response);
    expect((page as Response).status).toBe(302);
    expect((page as Response).headers.get("Location")).toContain("/login");
    // A draft contest has no public board at all.
    await db.contest.update({ where: { id: contest.id }, data: { status: "draft", visibility: "public" } });
    expect((await getBoard({}, "public", event.id)).status).toBe(404);
  });
});

async function correct(markId: string, value: string) {
  const res: Response = await correctionApi.action({
    request: makeRequest(`/api/v1/marks/${markId}/corrections`, { token: chief.token, json: { value, reason: "复核更正" } }), params: { markId }, context: ctx,
  });
  expect(res.status, JSON.stringify(await res.clone().json())).toBeLessThan(300);
  await publishChange(eventId, "mark");
}

describe("live feed", () => {
  it("pushes a patch with the changed rows to an open feed", async () => {
    const abort = new AbortController();
    const request = new Request(`http://localhost/api/v1/events/${eventId}/feed`, { signal: abort.signal });
    const res: Response = await feedApi.loader({ request, params: { eventId }, context: ctx });
    expect(res.headers.get("Content-Type")).toContain("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (pattern: string) => {
      while (!text.includes(pattern)) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value);
      }
    };
    await readUntil("event: hello");
    const mark = await db.mark.findFirstOrThrow({ where: { eventId, blindCodeId: codes[3].id, aspectId: "finish", judgeId: "judge-a" } });
    await correct(mark.id, "30");
    await readUntil("event: patch");
    const data = JSON.parse(text.split("event: patch\ndata: ")[1].split("\n")[0]) as { base: string; version: string; rows: Board["rows"] };
    expect(data.base).not.toBe(data.version);
    expect(data.rows.map((r) => r.code)).toContain("C4");
    expect(data.version).toBe((await getBoard()).body.version);
    abort.abort();
    await reader.cancel().catch(() => {});
  });
});

describe("freeze (封榜)", () => {
  it("the public board stops changing while the live view moves; it survives a restart; unfreeze shows the change", async () => {
    const before = await getBoard();
    const frozen: Response = await freezeApi.action({ request: makeRequest(`/api/v1/events/${eventId}/freeze`, { token: organiser.token, json: {} }), params: { eventId }, context: ctx });
    expect(frozen.status).toBe(200);
    const atFreeze = await getBoard();
    expect(atFreeze.body.frozen).toBe(true);
    expect(atFreeze.body.rows).toEqual(before.body.rows);
    expect(await db.event.count({ where: { action: "results.frozen", entityId: eventId } })).toBe(1);

    await new Promise((r) => setTimeout(r, 20)); // the correction is strictly after the freeze
    const mark = await db.mark.findFirstOrThrow({ where: { eventId, blindCodeId: codes[1].id, aspectId: "fit", judgeId: "judge-a" } });
    await correct(mark.id, "60");
    const live = await getBoard({ token: organiser.token }, "live");
    expect(rowOf(live.body, "C2").totalText).not.toBe(rowOf(before.body, "C2").totalText);
    expect(live.body.frozen).toBe(false);
    const pub = await getBoard();
    expect(pub.body.rows).toEqual(before.body.rows);
    expect(pub.body.version).toBe(atFreeze.body.version);

    // A restart (or another process) rebuilds the frozen board from the marks' history.
    forgetBoards();
    const rebuilt = await getBoard();
    expect(rebuilt.body.frozen).toBe(true);
    expect(rebuilt.body.rows).toEqual(before.body.rows);

    const unfrozen: Response = await freezeApi.action({ request: makeRequest(`/api/v1/events/${eventId}/freeze`, { method: "DELETE", token: chief.token }), params: { eventId }, context: ctx });
    expect(unfrozen.status).toBe(200);
    const after = await getBoard();
    expect(after.body.frozen).toBe(false);
    expect(rowOf(after.body, "C2").totalText).toBe(rowOf(live.body, "C2").totalText);
  });

  it("a freeze set ahead of time leaves the public board live until then", async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const res: Response = await freezeApi.action({ request: makeRequest(`/api/v1/events/${eventId}/freeze`, { token: chief.token, json: { at } }), params: { eventId }, context: ctx });
    expect(res.status).toBe(200);
    const body = (await getBoard()).body as Board & { frozenAt: string };
    expect(body.frozen).toBe(false);
    expect(body.frozenAt).toBe(at);
    const past = await freezeApi.action({ request: makeRequest(`/api/v1/events/${eventId}/freeze`, { token: chief.token, json: { at: "2020-01-01T00:00:00+08:00" } }), params: { eventId }, context: ctx });
    expect(past.status).toBe(400);
    await freezeApi.action({ request: makeRequest(`/api/v1/events/${eventId}/freeze`, { method: "DELETE", token: chief.token }), params: { eventId }, context: ctx });
  });
});

describe("team board (S-55)", () => {
  it("ranks teams by the sum of their members, by codes before publication", async () => {
    const teamA = await db.team.create({ data: { eventId, unitId: p.enterpriseA.id, name: `一队${uid()}` } });
    const teamB = await db.team.create({ data: { eventId, unitId: p.enterpriseB.id, name: `二队${uid()}` } });
    for (const [i, c] of codes.entries()) await db.registration.update({ where: { id: c.registrationId }, data: { teamId: i < 2 ? teamA.id : teamB.id } });
    await publishChange(eventId, "codes");
    const res: Response = await teamApi.loader({ request: makeRequest(`/api/v1/events/${eventId}/leaderboard/teams`), params: { eventId }, context: ctx });
    const body = (await res.json()) as { rows: { rank: number; name: string; codes: string[]; counted: number }[] };
    expect(res.status).toBe(200);
    expect(body.rows).toHaveLength(2);
    expect(body.rows[0]).toMatchObject({ rank: 1, counted: 3, name: "C3 · C4 · C5" });
    expect(JSON.stringify(body)).not.toContain(teamA.name);
  });
});
