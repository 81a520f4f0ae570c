// Issue 6 part B: publication (成绩公示) through the real page, API routes and database —
// prize tiers and outcomes exactly as the engine rules them (S-60, S-66), refusals before
// sign-off, re-check and decryption (S-24, S-34, S-40), re-publication with a reason.
import { beforeAll, describe, expect, it } from "vitest";
import * as publicationApi from "~/routes/api.v1.events.$eventId.publication";
import * as publicationPage from "~/routes/events.$eventId.publication";
import * as noticePage from "~/routes/results.$eventId";
import * as myResultsPage from "~/routes/my-results";
import * as certificateRoute from "~/routes/certificates.$certificateId[.]pdf";
import * as verifyPage from "~/routes/verify.$code";
import * as pdfRoute from "~/routes/events.$eventId.export[.]pdf";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";
import { db } from "~/utils/db.server";
import { allocatePrizeTiers, determineOutcomes, parseScoringSettings } from "~/modules/scoring";
import { computeEventResults } from "~/modules/results/event-results.server";
import { createProvince } from "../factories";
import { account, buildFinishedEvent, call, SETTINGS, type Account } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
let organiser: Account, otherOrganiser: Account, chief: Account, judge2: Account, worker: Account;

beforeAll(async () => {
  p = await createProvince();
  [organiser, otherOrganiser, chief, judge2, worker] = await Promise.all([
    account("organiser", p.cityA.id), account("organiser", p.cityB.id), account("chief_judge", p.cityA.id), account("judge", p.cityA.id), account("worker", p.enterpriseA.id),
  ]);
});

const build = (opts: Partial<Parameters<typeof buildFinishedEvent>[0]> = {}) =>
  buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [chief.id, judge2.id], entrants: 40, ...opts });

const publish = (eventId: string, as: Account, json: unknown = {}) => call(publicationApi, `/api/v1/events/${eventId}/publication`, { eventId }, { as, json });

describe("publication matches the engine (acceptance)", () => {
  it("40 entrants → 4 / 8 / 12 prizes under S-60 shares; outcomes per the configured S-66 rules; certificates for prize winners", async () => {
    const ev = await build();
    const res = await publish(ev.event.id, organiser, { noticeDays: 7 });
    expect(res.status).toBe(201);
    const body = res.body as { version: number; counts: Record<string, number>; noticeEndsAt: string; publishedAt: string; certificates: { issued: { number: string }[] } };
    expect(body.version).toBe(1);
    expect(body.counts).toEqual({ first: 4, second: 8, third: 12, honourable: 0 });
    expect(new Date(body.noticeEndsAt).getTime() - new Date(body.publishedAt).getTime()).toBe(7 * 86_400_000);

    // The same event through the engine directly
    const live = await computeEventResults(ev.event.id);
    const settings = parseScoringSettings(SETTINGS);
    const ranking = live.scores!.ranking.entries;
    expect(ranking.map((e) => e.rank)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const tiers = allocatePrizeTiers(ranking.map((e) => ({ entrantId: e.entrantId, rank: e.rank })), { ...settings.prizes, minimumFieldSize: 30 });
    const outcomes = determineOutcomes(
      ev.entrants.map((e, i) => ({ entrantId: e.code.id, rank: i + 1, employment: i === 1 ? "student" : "employee", age: i === 0 ? 31 : 45, sex: i === 0 ? "female" : "male" })),
      settings.outcomes,
    );
    const snapshot = JSON.parse((await db.publication.findFirstOrThrow({ where: { eventId: ev.event.id } })).snapshot) as { rows: { blindCodeId: string; rank: number; prize: string | null; outcomes: { label: string }[]; name: string }[] };
    for (const award of tiers.awards) expect(snapshot.rows.find((r) => r.blindCodeId === award.entrantId)!.prize).toBe(award.tier);
    for (const row of snapshot.rows) {
      expect(row.outcomes.map((o) => o.label)).toEqual(outcomes.grants.filter((g) => g.entrantId === row.blindCodeId).map((g) => g.label));
    }
    // rule S-66: the woman of 31 is 青年岗位能手 and 巾帼建功标兵; the student (S-63) is not 市技术能手
    expect(snapshot.rows[0].outcomes.map((o) => o.label)).toEqual(["推荐市五一劳动奖章", "市技术能手", "青年岗位能手", "巾帼建功标兵", "晋升技师（二级）"]);
    expect(snapshot.rows[1].outcomes.map((o) => o.label)).toEqual([]);
    expect(snapshot.rows[2].outcomes.map((o) => o.label)).toEqual(["市技术能手", "晋升技师（二级）"]);
    expect(snapshot.rows[0].name).toBe(ev.entrants[0].name);

    expect(await db.certificate.count({ where: { eventId: ev.event.id, revokedAt: null } })).toBe(24);
    expect(body.certificates.issued[0].number).toMatch(/^GS2026-\d{3}-0001$/);
    const codes = (await db.certificate.findMany({ where: { eventId: ev.event.id }, select: { verifyCode: true } })).map((c) => c.verifyCode);
    expect(codes.every((c) => /^[a-z2-7]{26}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBe(24);
    const board = await db.resultBoard.findUniqueOrThrow({ where: { eventId: ev.event.id } });
    expect(board.publicationVersion).toBe(1);
    expect(board.noticeEndsAt?.toISOString()).toBe(body.noticeEndsAt);
    expect(await db.event.count({ where: { action: "results.published", entityType: "Publication" , after: { contains: ev.event.id } } })).toBe(1);
    expect(await db.event.count({ where: { action: "certificate.issued", after: { contains: body.certificates.issued[0].number } } })).toBe(1);

    // the public notice shows names, units, prizes and outcomes; anonymous readers too (public contest)
    const notice = await call(noticePage, `/results/${ev.event.id}`, { eventId: ev.event.id });
    expect(notice.status).toBe(200);
    const rows = (notice.body as { rows: { rank: number; name: string; prizeLabel: string; outcomes: string[] }[] }).rows;
    expect(rows[0]).toMatchObject({ rank: 1, name: ev.entrants[0].name, prizeLabel: "一等奖" });
    expect(rows[39].prizeLabel).toBeNull();
  });

  it("the page previews ranks, prizes and the engine's S-4 warning before publishing; the form publishes with its notice days", async () => {
    const ev = await build({ entrants: 12 });
    const page = await call(publicationPage, `/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: organiser, cookie: true });
    expect(page.status).toBe(200);
    const data = page.body as { blockers: string[]; preview: { warnings: string[]; counts: Record<string, number>; rows: { prizeLabel: string | null }[] }; published: null };
    expect(data.blockers).toEqual([]);
    expect(data.preview.warnings.some((w) => w.includes("S-4"))).toBe(true);
    // rule S-60: each tier its own share of 12 (floor): 1 / 2 / 3
    expect(data.preview.counts).toEqual({ first: 1, second: 2, third: 3, honourable: 0 });
    expect(data.published).toBeNull();
    // rule S-4: 12 is below the minimum of 30, so the form asks for a written confirmation
    expect((page.body as { smallField: unknown }).smallField).toEqual({ fieldSize: 12, minimum: 30, confirmed: false });
    const refused = await call(publicationPage, `/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: organiser, form: { noticeDays: "5" } });
    expect(refused.body).toMatchObject({ ok: false });
    expect(JSON.stringify(refused.body)).toContain("少于最低要求 30 人");
    expect(await db.publication.count({ where: { eventId: ev.event.id } })).toBe(0);
    const posted = await call(publicationPage, `/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: organiser, form: { noticeDays: "5", smallFieldConfirmation: "组委会同意按比例设奖" } });
    expect(posted.body).toMatchObject({ ok: true, version: 1 });
    expect((await db.publication.findFirstOrThrow({ where: { eventId: ev.event.id } })).noticeDays).toBe(5);
  });
});

describe("team standings (rules S-2, S-55)", () => {
  it("a team event's preview, snapshot, notice page and notice PDF rank the teams by their members' totals, as the engine does", async () => {
    const ev = await build({ entrants: 9, teams: { size: 3 }, decrypted: false });
    const pagePath = `/events/${ev.event.id}/publication`;
    // before decryption the organiser's preview shows teams by their members' station codes only (S-34)
    const blind = (await call(publicationPage, pagePath, { eventId: ev.event.id }, { as: organiser, cookie: true })).body as { preview: { teams: { name: string; unitName: string }[] } };
    expect(blind.preview.teams).toHaveLength(3);
    expect(JSON.stringify(blind.preview.teams)).not.toContain("代表队");
    expect(JSON.stringify(blind.preview.teams)).not.toContain(ev.entrants[0].name);
    expect(blind.preview.teams[0].name).toContain(ev.entrants[0].code.stationCode);
    await db.contestEvent.update({ where: { id: ev.event.id }, data: { decryptedAt: new Date() } });

    // the expected standings, from the engine's own totals: S-55 sums the members' totals
    const results = await computeEventResults(ev.event.id);
    const totalOf = new Map(results.scores!.results.map((r) => [r.entrantId, r.total]));
    const sums = [0, 1, 2].map((t) => ev.entrants.slice(t * 3, t * 3 + 3).reduce((sum, e) => sum + totalOf.get(e.code.id)!, 0));
    expect(sums[0]).toBeGreaterThan(sums[1]);

    expect((await publish(ev.event.id, organiser, { noticeDays: 7, smallFieldConfirmation: "组委会确认" })).status).toBe(201);
    const snapshot = JSON.parse((await db.publication.findFirstOrThrow({ where: { eventId: ev.event.id } })).snapshot) as { teams: { name: string; rank: number; total: number; award: string | null; members: { name: string }[] }[] };
    expect(snapshot.teams.map((t) => [t.name, t.rank, t.total, t.award])).toEqual([
      ["代表队1", 1, sums[0], "团体第一名"],
      ["代表队2", 2, sums[1], "团体第二名"],
      ["代表队3", 3, sums[2], "团体第三名"],
    ]);
    expect(snapshot.teams[0].members.map((m) => m.name)).toEqual(ev.entrants.slice(0, 3).map((e) => e.name));

    const notice = await call(noticePage, `/results/${ev.event.id}`, { eventId: ev.event.id });
    const teams = (notice.body as { teams: { name: string; award: string | null; totalText: string }[] }).teams;
    expect(teams[0]).toMatchObject({ name: "代表队1", award: "团体第一名" });

    // the entrant's own results page names their team's place
    const member = await account("worker", p.enterpriseA.id, ev.entrants[3].member.id);
    const mine = (await call(myResultsPage, "/my-results", {}, { as: member, cookie: true })).body as { mine: { eventId: string; team: unknown }[] };
    const myRow = (mine.mine as { eventId: string; team: unknown; teamCertificate: { id: string; verifyCode: string } | null }[]).find((r) => r.eventId === ev.event.id)!;
    expect(myRow.team).toEqual({ name: "代表队2", rank: 2, teams: 3, award: "团体第二名", counted: true });

    // 团体奖 certificates: every member of the three awarded teams holds one, naming the team
    const teamCerts = await db.certificate.findMany({ where: { eventId: ev.event.id, kind: "team", revokedAt: null } });
    expect(teamCerts).toHaveLength(9);
    expect(new Set(teamCerts.map((c) => `${c.teamName} ${c.prize}`))).toEqual(new Set(["代表队1 团体第一名", "代表队2 团体第二名", "代表队3 团体第三名"]));
    expect(await db.event.count({ where: { action: "certificate.issued", entityId: { in: teamCerts.map((c) => c.id) } } })).toBe(9);
    const pdfRes = await call(certificateRoute, `/certificates/${myRow.teamCertificate!.id}.pdf`, { certificateId: myRow.teamCertificate!.id }, { as: member, cookie: true });
    expect(pdfRes.status).toBe(200);
    const certDoc = await pdfjs.getDocument({ data: new Uint8Array(await pdfRes.response!.arrayBuffer()), isEvalSupported: false, useSystemFonts: false }).promise;
    const certText = (await (await certDoc.getPage(1)).getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join("");
    await certDoc.destroy();
    expect(certText).toContain("代表队2");
    expect(certText).toContain("团体第二名");
    expect(certText).toContain(ev.entrants[3].name);
    const verified = await call(verifyPage, `/verify/${myRow.teamCertificate!.verifyCode}`, { code: myRow.teamCertificate!.verifyCode });
    expect(verified.body).toMatchObject({ kind: "team", teamName: "代表队2", prize: "团体第二名", status: "valid" });

    const res = await call(pdfRoute, `/events/${ev.event.id}/export.pdf`, { eventId: ev.event.id });
    const doc = await pdfjs.getDocument({ data: new Uint8Array(await res.response!.arrayBuffer()), isEvalSupported: false, useSystemFonts: false }).promise;
    let text = "";
    for (let i = 1; i <= doc.numPages; i++) text += (await (await doc.getPage(i)).getTextContent()).items.map((item) => ("str" in item ? item.str : "")).join("");
    await doc.destroy();
    expect(text).toContain("团体成绩");
    expect(text).toContain("代表队1");
    expect(text).toContain("团体第一名");
    expect(text).toContain(teams[0].totalText);
  });
});

describe("refusals", () => {
  it("refuses before sign-off, before decryption (S-34) and while a full re-check is required (S-40); nothing is written", async () => {
    const unsigned = await build({ entrants: 3, signedOff: false });
    const a = await publish(unsigned.event.id, organiser);
    expect(a.status).toBe(409);
    expect((a.body as { error: { code: string; message: string } }).error).toMatchObject({ code: "publication_blocked" });
    expect((a.body as { error: { message: string } }).error.message).toContain("签字");

    const blind = await build({ entrants: 3, decrypted: false });
    const b = await publish(blind.event.id, organiser);
    expect(b.status).toBe(409);
    expect((b.body as { error: { message: string } }).error.message).toContain("尚未解密");

    const full = await build({ entrants: 3, recheck: "full_required" });
    const c = await publish(full.event.id, organiser);
    expect(c.status).toBe(409);
    expect((c.body as { error: { message: string } }).error.message).toContain("须全部复核完毕");
    expect((c.body as { error: { message: string } }).error.message).not.toMatch(/S-40|re-check/); // issue 12: the reader's language, no codes

    expect(await db.publication.count({ where: { eventId: { in: [unsigned.event.id, blind.event.id, full.event.id] } } })).toBe(0);
    expect(await db.certificate.count({ where: { eventId: { in: [unsigned.event.id, blind.event.id, full.event.id] } } })).toBe(0);
    // and the public notice does not exist before publication
    expect((await call(noticePage, `/results/${blind.event.id}`, { eventId: blind.event.id })).status).toBe(404);
    // the organiser's preview of a blind event: codes and prize tiers only (rules S-33, S-34)
    const preview = await call(publicationPage, `/events/${blind.event.id}/publication`, { eventId: blind.event.id }, { as: organiser, cookie: true });
    const text = JSON.stringify(preview.body);
    for (const e of blind.entrants) {
      expect(text).not.toContain(e.name);
      expect(text).not.toContain(e.registration.id);
    }
    const rows = (preview.body as { preview: { rows: { stationCode: string; prizeLabel: string | null; outcomes: unknown[] }[]; refusals: unknown[] } }).preview;
    expect(rows.rows[0]).toMatchObject({ stationCode: blind.entrants[0].code.stationCode, prizeLabel: "优胜奖", outcomes: [] }); // 3 entrants: each tier's share (0.3, 0.6, 0.9) rounds down to nobody; 优胜奖 for the top half
    expect(rows.refusals).toEqual([]);
  });

  it("only organisers over the contest's organisation publish", async () => {
    const ev = await build({ entrants: 3 });
    expect((await publish(ev.event.id, otherOrganiser)).status).toBe(403);
    expect((await publish(ev.event.id, worker)).status).toBe(403);
    expect((await publish(ev.event.id, chief)).status).toBe(403);
    expect((await call(publicationPage, `/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: otherOrganiser, cookie: true })).status).toBe(403);
  });
});

describe("re-publication", () => {
  it("a changed mark needs a reason, records version 2, revokes and reissues the affected certificates", async () => {
    const ev = await build({ entrants: 40 });
    expect((await publish(ev.event.id, organiser)).status).toBe(201);
    const nothing = await publish(ev.event.id, organiser, { reason: "无变化" });
    expect(nothing.status).toBe(409);
    expect((nothing.body as { error: { code: string } }).error.code).toBe("unchanged");

    // A correction after publication: entrant 4 (rank 5, 二等奖) overtakes entrant 3 (rank 4, 一等奖)
    const marks = await db.mark.findMany({ where: { eventId: ev.event.id, blindCodeId: ev.entrants[4].code.id, aspectId: "craft" } });
    for (const m of marks) await db.mark.update({ where: { id: m.id }, data: { value: 5800, version: 2 } });
    const before = await db.certificate.findMany({ where: { eventId: ev.event.id, registrationId: { in: [ev.entrants[3].registration.id, ev.entrants[4].registration.id] } } });
    expect(before.map((c) => c.prize).sort()).toEqual(["一等奖", "二等奖"]);

    const page = await call(publicationPage, `/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: organiser, cookie: true });
    expect((page.body as { published: { changed: string[] } }).published.changed.sort()).toEqual([ev.entrants[3].registration.id, ev.entrants[4].registration.id].sort());

    const noReason = await publish(ev.event.id, organiser, {});
    expect(noReason.status).toBe(400);
    expect((noReason.body as { error: { issues: { path: string }[] } }).error.issues[0].path).toBe("reason");

    const again = await publish(ev.event.id, organiser, { reason: "复核更正工位 5 工艺分" });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ version: 2, reason: "复核更正工位 5 工艺分", certificates: { revoked: 2, kept: 22 } });
    const versions = await db.publication.findMany({ where: { eventId: ev.event.id }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.reason])).toEqual([[1, null], [2, "复核更正工位 5 工艺分"]]);
    expect((await db.resultBoard.findUniqueOrThrow({ where: { eventId: ev.event.id } })).publicationVersion).toBe(2);
    expect(await db.event.count({ where: { action: "results.republished", entityId: versions[1].id } })).toBe(1);

    const after = await db.certificate.findMany({ where: { eventId: ev.event.id, registrationId: { in: [ev.entrants[3].registration.id, ev.entrants[4].registration.id] } } });
    expect(after.filter((c) => c.revokedAt).map((c) => c.id).sort()).toEqual(before.map((c) => c.id).sort());
    const valid = after.filter((c) => !c.revokedAt);
    expect(valid.find((c) => c.registrationId === ev.entrants[4].registration.id)!.prize).toBe("一等奖");
    expect(valid.find((c) => c.registrationId === ev.entrants[3].registration.id)!.prize).toBe("二等奖");
    expect(valid.every((c) => c.publicationId === versions[1].id)).toBe(true);
    expect(await db.certificate.count({ where: { eventId: ev.event.id, revokedAt: null } })).toBe(24);

    // the revoked certificate stays verifiable, as 已作废
    const revoked = await call(verifyPage, `/verify/${before[0].verifyCode}`, { code: before[0].verifyCode });
    expect(revoked.body).toMatchObject({ status: "revoked", number: before[0].number });

    // the notice now states version 2 with its reason; the history lists both
    const notice = await call(noticePage, `/results/${ev.event.id}`, { eventId: ev.event.id });
    expect(notice.body).toMatchObject({ version: 2, reason: "复核更正工位 5 工艺分" });
    const history = (await call(publicationPage, `/events/${ev.event.id}/publication`, { eventId: ev.event.id }, { as: organiser, cookie: true })).body as { history: { version: number }[] };
    expect(history.history.map((h) => h.version)).toEqual([2, 1]);
  });
});
