// Issue 12 item 3: each role's home is a to-do list. One event set up so that every role has
// something waiting; each role's home lists its own tasks (with the page where they are done) and
// nothing from another city.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { loadHomeTasks } from "~/modules/home/home.server";
import { beijingDate, addCalendarDays } from "~/modules/calendar/working-days";
import type { HomeTask } from "~/modules/home/tasks";
import * as homeRoute from "~/routes/_index";
import { createMember, createProvince, uid } from "../factories";
import { account, buildFinishedEvent, call, type Account } from "./publication-fixture";

let p: Awaited<ReturnType<typeof createProvince>>;
const A: Record<string, Account> = {};
let eventId = "";
let eventName = "";
let noticeId = "";

const tasksOf = async (who: Account) => loadHomeTasks((await loadUserForToken(who.id, "bootstrap"))!);
const kinds = (tasks: HomeTask[]) => Object.fromEntries(tasks.map((t) => [t.kind, t.count]));

beforeAll(async () => {
  p = await createProvince();
  const roles: [string, string, string][] = [
    ["organiser", "organiser", p.cityA.id], ["otherOrganiser", "organiser", p.cityB.id], ["chief", "chief_judge", p.cityA.id],
    ["judge1", "judge", p.cityA.id], ["judge2", "judge", p.cityA.id], ["officer", "encryption_officer", p.cityA.id],
    ["supervisor", "supervisor", p.cityA.id], ["unitContact", "unit_contact", p.enterpriseA.id], ["reviewer", "reviewer", p.cityA.id],
    ["otherReviewer", "reviewer", p.cityB.id],
  ];
  for (const [name, role, org] of roles) A[name] = await account(role, org);

  // A drawn event of city A, not yet signed off: judge1 has one station left, judge2 marked a wide spread.
  const built = await buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [A.judge1.id, A.judge2.id], entrants: 3, signedOff: false, decrypted: false, recheck: null });
  eventId = built.event.id;
  eventName = `${built.contest.name} · ${built.event.name}`;
  for (const judge of [A.judge1, A.judge2]) await db.judgeAssignment.create({ data: { eventId, userId: judge.id, role: "judge" } });
  await db.judgeAssignment.create({ data: { eventId, userId: A.chief.id, role: "chief" } });
  await db.scoreSheet.update({ where: { eventId_judgeId_blindCodeId: { eventId, judgeId: A.judge1.id, blindCodeId: built.entrants[2].code.id } }, data: { status: "open", submittedAt: null } });
  await db.mark.updateMany({ where: { eventId, judgeId: A.judge2.id, blindCodeId: built.entrants[0].code.id, aspectId: "craft" }, data: { value: 1000 } });
  // rule S-24: a re-mark request for judge2 on entrant 1
  await db.remarkRequest.create({ data: { eventId, blindCodeId: built.entrants[1].code.id, aspectId: "craft", judgeId: A.judge2.id, reason: "请复看焊缝", requestedById: A.chief.id } });
  // rule S-30, S-42
  const conflict = await db.conflictDeclaration.create({ data: { userId: A.judge1.id, eventId, unitId: p.enterpriseB.id, reason: "曾在该单位任职" } });
  await db.recusalRequest.create({ data: { eventId, userId: A.judge1.id, conflictId: conflict.id } });
  await db.appeal.create({ data: { eventId, registrationId: built.entrants[0].registration.id, filedById: A.unitContact.id, filedAs: "leader", text: "对尺寸测量有异议" } });

  // rule S-7: a registration waiting at the unit step (unit contact) and one at the host step (organiser)
  const reg = (memberId: string, status: string, extra: object = {}) => db.registration.create({ data: { eventId, memberId, unitId: p.enterpriseA.id, status, ...extra } });
  await reg((await createMember(p.enterpriseA.id)).id, "pending_unit");
  await reg((await createMember(p.enterpriseA.id)).id, "pending_host");
  // a worker whose registration was returned
  const member = await createMember(p.enterpriseA.id);
  A.worker = await account("worker", p.enterpriseA.id, member.id);
  await reg(member.id, "returned", { returnedStep: "unit", returnReason: "照片不清晰" });
  A.idleWorker = await account("worker", p.enterpriseA.id, (await createMember(p.enterpriseA.id)).id);

  // 成绩公示 of another event of city A ending in two days
  const published = await buildFinishedEvent({ orgId: p.cityA.id, units: [p.enterpriseA.id, p.enterpriseB.id], judges: [A.judge1.id, A.judge2.id], entrants: 1 });
  await db.resultBoard.create({ data: { eventId: published.event.id, publishedAt: new Date(), publicationVersion: 1, noticeEndsAt: new Date(Date.now() + 2 * 86_400_000) } });

  // rule N-30: a submission waiting at city A's level; rule N-33: its notice ends tomorrow, with an objection
  const round = await db.reviewRound.create({ data: { subjectType: "honours.nomination", title: `五一劳动奖章推荐${uid()}`, topOrgId: p.cityA.id, reviewingTypes: "[]" } });
  const submission = await db.reviewSubmission.create({
    data: { roundId: round.id, subjectType: "honours.nomination", subjectId: uid(), title: "王建国（甲企业）", submitterOrgId: p.enterpriseA.id, levels: JSON.stringify([p.cityA.id]), currentLevel: 0, status: "pending" },
  });
  const today = beijingDate(new Date());
  const notice = await db.publicNotice.create({
    data: { roundId: round.id, orgId: p.cityA.id, title: `市级推荐公示${uid()}`, windowKind: "calendar", windowDays: 7, startsOn: addCalendarDays(today, -5), endsOn: addCalendarDays(today, 1), publicCode: uid() },
  });
  noticeId = notice.id;
  const entry = await db.noticeEntry.create({ data: { noticeId, submissionId: submission.id, name: "王建国", unit: "甲企业" } });
  await db.noticeObjection.create({ data: { noticeId, entryId: entry.id, kind: "individual", realName: "李明", phone: "13800000000", content: "事迹有出入" } });
});

describe("home to-do list per role (issue 12 item 3)", () => {
  it("judge: the stations still to mark, linked to the marking board", async () => {
    const tasks = await tasksOf(A.judge1);
    expect(kinds(tasks)).toEqual({ sheetsToMark: 1 });
    expect(tasks[0]).toMatchObject({ to: `/judging/${eventId}`, subject: eventName });
  });

  it("judge with a re-mark request (rule S-24): the request, and no stations left", async () => {
    const tasks = await tasksOf(A.judge2);
    expect(kinds(tasks)).toEqual({ remarkRequests: 1 });
    expect(tasks[0].to).toBe(`/judging/${eventId}`);
  });

  it("chief judge: the open discrepancy flag (rule S-24), not the missing marks; gone once ruled or signed off", async () => {
    const tasks = await tasksOf(A.chief);
    expect(kinds(tasks)).toEqual({ openFlags: 1 });
    expect(tasks[0].to).toBe(`/events/${eventId}/console`);
    const signOff = await db.signOff.create({ data: { eventId, byId: A.chief.id, signatureName: "裁判长" } });
    expect(kinds(await tasksOf(A.chief))).toEqual({});
    expect(kinds(await tasksOf(A.judge1))).toEqual({}); // marking stops at sign-off
    await db.signOff.delete({ where: { id: signOff.id } });
  });

  it("encryption officer and supervisor: recusal requests (S-30) and appeals (S-42)", async () => {
    expect((await tasksOf(A.officer)).map((t) => [t.kind, t.count, t.to])).toEqual([["recusalRequests", 1, `/events/${eventId}/recusals`]]);
    expect((await tasksOf(A.supervisor)).map((t) => [t.kind, t.count, t.to])).toEqual([["openAppeals", 1, `/events/${eventId}/appeals`]]);
  });

  it("unit contact: registrations at the unit step (rule S-7)", async () => {
    expect(kinds(await tasksOf(A.unitContact))).toEqual({ registrationApprovals: 1 });
  });

  it("organiser: notices ending soonest first, then the host step of registrations and the objection to examine", async () => {
    const tasks = await tasksOf(A.organiser);
    expect(tasks.map((t) => [t.kind, t.daysLeft])).toEqual([["reviewNoticesEnding", 1], ["resultNoticesEnding", 2], ["registrationApprovals", null], ["objectionsToExamine", null]]);
    // the organiser signs the unit step too (listReviewQueue: contest:manage covers units below)
    expect(tasks[2]).toMatchObject({ count: 2, to: "/registrations/review" });
  });

  it("reviewer: the submission at the city's level (N-30), the notice ending tomorrow and its objection (N-33)", async () => {
    const tasks = await tasksOf(A.reviewer);
    expect(tasks.map((t) => [t.kind, t.count])).toEqual([["reviewNoticesEnding", 1], ["reviewSubmissions", 1], ["objectionsToExamine", 1]]);
    expect(tasks[0]).toMatchObject({ to: `/review-notices/${noticeId}`, daysLeft: 1 });
  });

  it("worker: a returned registration to correct; a worker with nothing waiting has an empty list", async () => {
    const tasks = await tasksOf(A.worker);
    expect(tasks.map((t) => t.kind)).toEqual(["returnedRegistrations"]);
    expect(tasks[0].to).toMatch(/^\/registrations\/\w+$/);
    expect(await tasksOf(A.idleWorker)).toEqual([]);
  });

  it("another city's organiser and reviewer see none of city A's work", async () => {
    expect(await tasksOf(A.otherOrganiser)).toEqual([]);
    expect(await tasksOf(A.otherReviewer)).toEqual([]);
  });

  it("the home page shows the list instead of the menu", async () => {
    const res = await call(homeRoute, "/", {}, { as: A.organiser, cookie: true });
    expect(res.status).toBe(200);
    const body = res.body as { tasks: HomeTask[]; shortcuts?: unknown };
    expect(body.tasks.map((t) => t.kind)).toEqual(["reviewNoticesEnding", "resultNoticesEnding", "registrationApprovals", "objectionsToExamine"]);
    expect(body.shortcuts).toBeUndefined();
    const anonymous = await call(homeRoute, "/", {});
    expect(anonymous.status).toBe(302);
  });
});
