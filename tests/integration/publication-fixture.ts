// A finished event ready for publication (issue 6 part B tests): entrants drawn into one
// session, two judges' marks on the practical aspects, theory scores, the chief judge's
// sign-off, a passed re-check and decryption. Totals fall strictly with the entrant index,
// so entrant i ranks i + 1.
import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { CITY_LEVEL_OUTCOMES_EXAMPLE } from "~/modules/scoring";
import { createMember, createUser, makeRequest, sessionCookieFor, uid, validIdNumber, ctx } from "../factories";

export const SCHEME = {
  components: [
    { id: "theory", name: "理论", kind: "theory", weight: "0.3", modules: [{ id: "T", name: "理论", criteria: [{ id: "T-c", aspects: [{ id: "paper", name: "试卷", max: 100, kind: "measurement" }] }] }] },
    {
      id: "practical", name: "实操", kind: "practical", weight: "0.7",
      modules: [{ id: "P", name: "实操", criteria: [{ id: "P-c", aspects: [{ id: "craft", name: "工艺", max: 60, kind: "judgement" }, { id: "gauge", name: "尺寸", max: 40, kind: "measurement" }] }] }],
    },
  ],
};

export const SETTINGS = { judgeAggregation: "mean", outcomes: CITY_LEVEL_OUTCOMES_EXAMPLE };

export type Account = { id: string; token: string; cookie: string };

export async function account(role: string | null, orgId: string, memberId?: string): Promise<Account> {
  const user = await createUser(role ? [{ role, orgId }] : [], memberId ? { memberId } : {});
  const session = (await loadUserForToken(user.id, "bootstrap"))!;
  const { token } = await createApiToken(session, { name: "results test" }, { userId: user.id, requestId: null });
  return { id: user.id, token, cookie: await sessionCookieFor(user.id) };
}

/** A Chinese name nobody else in the database has. */
export function chineseName() {
  const chars = "明华强伟芳娜敏静丽军杰涛超勇艳秀英霞平刚桂兰";
  const pick = () => chars[crypto.randomInt(chars.length)];
  return `欧阳${pick()}${pick()}${pick()}`;
}

export type Built = Awaited<ReturnType<typeof buildFinishedEvent>>;

/**
 * `entrants` entrants of enterpriseA (odd indexes) and enterpriseB (even), in a contest of
 * `orgId`. Entrant 0 is a woman born 1995, entrant 1 a student; the rest men born 1980.
 * craft (two judges agree) = 60 − i, gauge = 40, theory = 90 − i/2.
 */
export async function buildFinishedEvent(opts: {
  orgId: string;
  units: [string, string];
  judges: [string, string];
  entrants: number;
  signedOff?: boolean;
  decrypted?: boolean;
  recheck?: "passed" | "full_required" | null;
  settings?: object;
  /** teams of `teams.size` entrants each, in entrant order (the last may be smaller), named 代表队1 … */
  teams?: { size: number };
}) {
  const contest = await db.contest.create({
    data: { orgId: opts.orgId, name: `职工职业技能大赛${uid()}`, level: "city", contestClass: "一类", status: "finished", startsAt: new Date("2026-05-10T01:00:00Z"), endsAt: new Date("2026-05-11T09:00:00Z") },
  });
  const event = await db.contestEvent.create({
    data: {
      contestId: contest.id, name: "焊工（职工组）", trade: "焊工", groupName: "职工组", minFieldSize: 30,
      markingScheme: JSON.stringify(SCHEME), scoringSettings: JSON.stringify(opts.settings ?? SETTINGS), drawnAt: new Date(),
      decryptedAt: opts.decrypted === false ? null : new Date(),
    },
  });
  const session = await db.contestSession.create({ data: { eventId: event.id, name: "第一场", stationCount: opts.entrants } });
  const entrants = [];
  for (let i = 0; i < opts.entrants; i++) {
    const female = i === 0;
    const birth = i === 0 ? { y: 1995, m: 3, d: 1 } : { y: 1980, m: 6, d: 15 };
    // a random date of birth in the ID number keeps numbers apart; the record's own fields are set below
    const idNumber = validIdNumber("330106", { y: 1960 + crypto.randomInt(40), m: 1 + crypto.randomInt(12), d: 1 + crypto.randomInt(28) });
    const name = chineseName();
    const member = await createMember(opts.units[i % 2], { name, idNumber, employmentStatus: i === 1 ? "学生" : "职工" });
    await db.member.update({ where: { id: member.id }, data: { birthDate: new Date(Date.UTC(birth.y, birth.m - 1, birth.d)), sex: female ? "女" : "男" } });
    let teamId: string | null = null;
    if (opts.teams) {
      const n = Math.floor(i / opts.teams.size) + 1;
      const name = `代表队${n}`;
      teamId = (await db.team.findFirst({ where: { eventId: event.id, name }, select: { id: true } }))?.id
        ?? (await db.team.create({ data: { eventId: event.id, unitId: opts.units[n % 2], name } })).id;
    }
    const registration = await db.registration.create({ data: { eventId: event.id, memberId: member.id, unitId: opts.units[i % 2], status: "approved", admissionNo: `ZK${uid()}`, teamId } });
    const code = await db.blindCode.create({
      data: { eventId: event.id, registrationId: registration.id, entryNo: String(i + 1).padStart(3, "0"), orderNo: i + 1, sessionId: session.id, stationNo: i + 1, stationCode: `G${String(i + 1).padStart(2, "0")}${uid().slice(0, 3)}` },
    });
    const marks: Record<string, Record<string, number>> = {};
    for (const judgeId of opts.judges) {
      const sheet = await db.scoreSheet.create({ data: { eventId: event.id, judgeId, blindCodeId: code.id, status: "locked", submittedAt: new Date(), signatureName: "签" } });
      marks[judgeId] = {};
      for (const [aspectId, value] of [["craft", 6000 - i * 100], ["gauge", 4000]] as const) {
        marks[judgeId][aspectId] = value;
        await db.mark.create({ data: { sheetId: sheet.id, eventId: event.id, blindCodeId: code.id, judgeId, aspectId, value } });
      }
    }
    await db.theoryScore.create({ data: { eventId: event.id, registrationId: registration.id, value: 9000 - i * 50, source: "manual" } });
    entrants.push({ member, registration, code, name });
  }
  if (opts.signedOff !== false) await db.signOff.create({ data: { eventId: event.id, byId: opts.judges[0], signatureName: "裁判长" } });
  if (opts.recheck !== null) {
    await db.recheck.create({ data: { eventId: event.id, seed: "s", topN: 10, sampleBp: 1500, status: opts.recheck ?? "passed" } });
  }
  return { contest, event, session, entrants };
}

type Route = { loader?: (args: never) => unknown; action?: (args: never) => unknown };

/** Calls a route's loader (GET) or action with a token or a session cookie; JSON answers parsed. */
export async function call(route: Route, path: string, params: Record<string, string>, init: { as?: Account; json?: unknown; cookie?: boolean; method?: string; form?: Record<string, string> } = {}) {
  const auth = init.as ? (init.cookie || init.form ? { cookie: init.as.cookie } : { token: init.as.token }) : {};
  const request = makeRequest(path, { method: init.method ?? (init.json !== undefined || init.form ? "POST" : "GET"), json: init.json, form: init.form, ...auth });
  const fn = (request.method === "GET" ? route.loader : route.action) as (a: unknown) => Promise<unknown>;
  let result: unknown;
  try {
    result = await fn({ request, params, context: ctx });
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() as unknown, response: thrown };
    throw thrown;
  }
  if (result instanceof Response) {
    const type = result.headers.get("Content-Type") ?? "";
    const body = type.includes("json") ? await result.clone().json() : null;
    return { status: result.status, body, response: result };
  }
  return { status: 200, body: result, response: null };
}
