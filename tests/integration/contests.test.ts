import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// This file's own storage folder (rules PDFs), set before any application module reads its configuration.
const storageDir = vi.hoisted(() => {
  const dir = `tests/.tmp/contest-files-${Math.random().toString(36).slice(2, 10)}`;
  process.env.STORAGE_DIR = dir;
  return dir;
});

import { rmSync } from "node:fs";
import ExcelJS from "exceljs";
import * as listRoute from "~/routes/contests._index";
import * as newRoute from "~/routes/contests.new";
import * as overviewRoute from "~/routes/contests.$contestId._index";
import * as editRoute from "~/routes/contests.$contestId.edit";
import * as newEventRoute from "~/routes/contests.$contestId.events.new";
import * as eventRoute from "~/routes/contests.$contestId.events.$eventId._index";
import * as schemeRoute from "~/routes/contests.$contestId.events.$eventId.scheme";
import * as rulesRoute from "~/routes/contests.$contestId.rules[.]pdf";
import * as exportRoute from "~/routes/contests.$contestId.events.$eventId.marking-scheme[.]xlsx";
import * as apiContestsRoute from "~/routes/api.v1.contests";
import * as apiContestRoute from "~/routes/api.v1.contests.$contestId";
import * as apiOpenRoute from "~/routes/api.v1.contests.$contestId.open-registration";
import * as apiSchemeRoute from "~/routes/api.v1.events.$eventId.marking-scheme";
import { db } from "~/utils/db.server";
import { MarkingSchemeInputSchema } from "~/modules/scoring";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";
import { createContest, createEvent, VALID_SCHEME } from "../contest-factories";

let p: Awaited<ReturnType<typeof createProvince>>;
let cookieA: string;
let cookieB: string;
let cookieWorker: string;
let tokenA: string;
let organiserA: { id: string };

beforeAll(async () => {
  p = await createProvince();
  organiserA = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  const organiserB = await createUser([{ role: "organiser", orgId: p.cityB.id }]);
  const member = await createMember(p.enterpriseA.id);
  const worker = await createUser([{ role: "worker", orgId: p.enterpriseA.id }], { memberId: member.id });
  cookieA = await sessionCookieFor(organiserA.id);
  cookieB = await sessionCookieFor(organiserB.id);
  cookieWorker = await sessionCookieFor(worker.id);
  const { createApiToken } = await import("~/modules/users/api-tokens.server");
  const { loadUserForToken } = await import("~/utils/auth.server");
  tokenA = (await createApiToken((await loadUserForToken(organiserA.id, "bootstrap"))!, { name: "竞赛测试" }, { userId: organiserA.id, requestId: null })).token;
});

afterAll(() => rmSync(storageDir, { recursive: true, force: true }));

/** The status of whatever a loader or action answered or threw. */
async function status(promise: Promise<unknown> | unknown) {
  try {
    const value = await promise;
    return value instanceof Response ? value.status : 200;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

const args = (path: string, init: Parameters<typeof makeRequest>[1], params: Record<string, string> = {}) => ({
  request: makeRequest(path, init), params, context: ctx,
});
const eventsFor = (entityId: string, action: string) => db.event.count({ where: { entityId, action } });
type Failure = { ok: false; message: string; issues: { path: string; message: string }[] };
const failureOf = async (response: unknown) => {
  expect(response).toBeInstanceOf(Response);
  expect((response as Response).status).toBe(400);
  return (await (response as Response).json()) as Failure;
};

/** The fields the scheme editor posts for a scheme (names are the engine's paths). */
function schemeForm(scheme: typeof VALID_SCHEME): Record<string, string> {
  const form: Record<string, string> = {};
  scheme.components.forEach((c, ci) => {
    Object.assign(form, { [`components[${ci}].id`]: c.id, [`components[${ci}].name`]: c.name ?? "", [`components[${ci}].kind`]: c.kind, [`components[${ci}].weight`]: String(c.weight) });
    c.modules.forEach((m, mi) => {
      const mp = `components[${ci}].modules[${mi}]`;
      Object.assign(form, { [`${mp}.id`]: m.id, [`${mp}.name`]: m.name ?? "" });
      m.criteria.forEach((k, ki) => {
        const kp = `${mp}.criteria[${ki}]`;
        Object.assign(form, { [`${kp}.id`]: k.id, [`${kp}.name`]: k.name ?? "" });
        k.aspects.forEach((a, ai) => {
          const ap = `${kp}.aspects[${ai}]`;
          Object.assign(form, { [`${ap}.id`]: a.id, [`${ap}.name`]: a.name ?? "", [`${ap}.kind`]: a.kind, [`${ap}.max`]: String(a.max) });
          if (a.measurement) {
            form[`${ap}.measurement.mode`] = a.measurement.mode;
            if ("tolerance" in a.measurement) form[`${ap}.measurement.tolerance`] = String(a.measurement.tolerance);
            if ("step" in a.measurement) form[`${ap}.measurement.step`] = String(a.measurement.step);
            if ("deductionPerStep" in a.measurement) form[`${ap}.measurement.deductionPerStep`] = String(a.measurement.deductionPerStep);
          }
        });
      });
    });
  });
  return form;
}

describe("contests are scoped to the organising union's subtree", () => {
  it("an organiser of city B cannot open, edit or change city A's contest, and nothing changes", async () => {
    const contest = await createContest(p.cityA.id);
    const params = { contestId: contest.id };
    expect(await status(overviewRoute.loader(args(`/contests/${contest.id}`, { cookie: cookieB }, params)))).toBe(403);
    expect(await status(editRoute.loader(args(`/contests/${contest.id}/edit`, { cookie: cookieB }, params)))).toBe(403);
    expect(await status(editRoute.action(args(`/contests/${contest.id}/edit`, { cookie: cookieB, form: { name: "被篡改" } }, params)))).toBe(403);
    expect(await status(overviewRoute.action(args(`/contests/${contest.id}`, { cookie: cookieB, form: { intent: "open-registration" } }, params)))).toBe(403);
    const after = await db.contest.findUniqueOrThrow({ where: { id: contest.id } });
    expect(after).toMatchObject({ name: contest.name, status: "draft" });
    expect(await db.event.count({ where: { entityId: contest.id } })).toBe(0);
  });

  it("an organiser of city B cannot create a contest for city A", async () => {
    const response = newRoute.action(args("/contests/new", { cookie: cookieB, form: { name: "越权竞赛", orgId: p.cityA.id, level: "city", contestClass: "一类" } }));
    expect(await status(response)).toBe(403);
    expect(await db.contest.count({ where: { name: "越权竞赛" } })).toBe(0);
  });

  it("a worker sees the open contests of the unions above their unit, not drafts and not another city's", async () => {
    const openA = await createContest(p.cityA.id, { status: "open" });
    const openProvince = await createContest(p.province.id, { status: "open" });
    const draftA = await createContest(p.cityA.id);
    const openB = await createContest(p.cityB.id, { status: "open" });
    const data = await listRoute.loader(args("/contests", { cookie: cookieWorker }));
    const ids = data.contests.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([openA.id, openProvince.id]));
    expect(ids).not.toContain(draftA.id);
    expect(ids).not.toContain(openB.id);
    expect(await status(overviewRoute.loader(args(`/contests/${draftA.id}`, { cookie: cookieWorker }, { contestId: draftA.id })))).toBe(403);
    const seen = await overviewRoute.loader(args(`/contests/${openA.id}`, { cookie: cookieWorker }, { contestId: openA.id }));
    expect(seen.canManage).toBe(false);
  });
});

describe("creating contests and events", () => {
  it("creates a contest from the form, with an event in the same transaction", async () => {
    const response = (await newRoute.action(args("/contests/new", {
      cookie: cookieA,
      form: {
        name: "甲市职工技能大赛", orgId: p.cityA.id, kind: "skills", level: "city", contestClass: "一类",
        hosts: "甲市总工会\n甲市人社局", coHosts: "", registrationOpensAt: "2030-01-01", registrationClosesAt: "2030-02-01",
        startsAt: "2030-03-01", endsAt: "2030-03-02", appealWindowMinutes: "120", visibility: "public", noticeText: "通知",
      },
    }))) as Response;
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.split("/").pop()!;
    const created = await db.contest.findUniqueOrThrow({ where: { id } });
    expect(created).toMatchObject({ orgId: p.cityA.id, status: "draft", hosts: JSON.stringify(["甲市总工会", "甲市人社局"]), createdById: organiserA.id });
    expect(created.registrationClosesAt?.toISOString()).toBe("2030-02-01T15:59:59.000Z");
    const event = await db.event.findFirstOrThrow({ where: { action: "contest.created", entityId: id } });
    expect(event.requestId).toBe("test-request");
  });

  it("refuses dates out of order, naming the field, and creates nothing", async () => {
    const response = await newRoute.action(args("/contests/new", {
      cookie: cookieA,
      form: { name: "日期错误的竞赛", orgId: p.cityA.id, level: "city", contestClass: "一类", registrationOpensAt: "2030-02-01", registrationClosesAt: "2030-01-01" },
    }));
    const body = await failureOf(response);
    expect(body.issues).toEqual([expect.objectContaining({ path: "registrationClosesAt", message: expect.stringMatching(/^报名截止日期不能早于报名开始日期/) })]);
    expect(await db.contest.count({ where: { name: "日期错误的竞赛" } })).toBe(0);
  });

  it("adds an event from the form and records event.created; a bad age is named by its field", async () => {
    const contest = await createContest(p.cityA.id);
    const params = { contestId: contest.id };
    const base = { trade: "电工", groupName: "职工组", mode: "individual", minFieldSize: "30", "scoring.judgeAggregation": "trimmed-mean", "scoring.tieBreaks.0": "total", "scoring.prizeMode": "shares" };
    const bad = await newEventRoute.action(args(`/contests/${contest.id}/events/new`, { cookie: cookieA, form: { ...base, "eligibility.minAge": "十八" } }, params));
    expect((await failureOf(bad)).issues[0]).toMatchObject({ path: "eligibility.minAge" });
    expect(await db.contestEvent.count({ where: { contestId: contest.id } })).toBe(0);
    const response = (await newEventRoute.action(args(`/contests/${contest.id}/events/new`, { cookie: cookieA, form: { ...base, "eligibility.minAge": "18", heats: "on", "stages.0.qualifyTopN": "20" } }, params))) as Response;
    expect(response.status).toBe(302);
    const event = await db.contestEvent.findFirstOrThrow({ where: { contestId: contest.id } });
    expect(event.name).toBe("电工 职工组");
    expect(JSON.parse(event.stages)).toEqual([{ key: "heats", name: "初赛", qualifyTopN: 20 }, { key: "final", name: "决赛" }]);
    expect(JSON.parse(event.eligibility)).toMatchObject({ minAge: 18 });
    expect(await eventsFor(event.id, "event.created")).toBe(1);
  });

  it("edits an event's settings through the form, keeping settings the form does not show", async () => {
    const contest = await createContest(p.cityA.id);
    const event = await createEvent(contest.id, { scoringSettings: { rounding: "half-even" } });
    const response = await eventRoute.action(args(`/contests/${contest.id}/events/${event.id}`, {
      cookie: cookieA,
      form: {
        trade: event.trade, groupName: "职工组", mode: "team", teamSize: "3", minFieldSize: "12", unitQuota: "2",
        "scoring.judgeAggregation": "mean", "scoring.tieBreaks.0": "total", "scoring.tieBreaks.1": "time", "scoring.ties": "no-ties",
        "scoring.prizeMode": "fixed-counts", "scoring.fixedCounts.first": "1", "scoring.fixedCounts.second": "3", "scoring.fixedCounts.third": "6",
        "scoring.honourableMention.mode": "count", "scoring.honourableMention.count": "10", "scoring.teamMode": "sum-of-members", "scoring.outcomesPreset": "none",
      },
    }, { contestId: contest.id, eventId: event.id }));
    expect(response).toEqual({ ok: true });
    const after = await db.contestEvent.findUniqueOrThrow({ where: { id: event.id } });
    const settings = JSON.parse(after.scoringSettings);
    expect(after).toMatchObject({ mode: "team", teamSize: 3, minFieldSize: 12, unitQuota: 2 });
    expect(settings).toMatchObject({
      judgeAggregation: "mean", rounding: "half-even", outcomes: [],
      ranking: { ties: "no-ties", tieBreaks: [{ by: "total" }, { by: "time" }] },
      prizes: { mode: "fixed-counts", fixedCounts: { first: 1, second: 3, third: 6 }, honourableMention: { mode: "count", count: 10 }, minimumFieldSize: 12 },
    });
    expect(await eventsFor(event.id, "event.updated")).toBe(1);
  });
});

describe("opening registration", () => {
  const open = (contestId: string) =>
    overviewRoute.action(args(`/contests/${contestId}`, { cookie: cookieA, form: { intent: "open-registration" } }, { contestId }));

  it("is refused without a registration window, naming both dates, and the status stays draft", async () => {
    const contest = await createContest(p.cityA.id, { registrationOpensAt: null, registrationClosesAt: null });
    await createEvent(contest.id);
    const body = await failureOf(await open(contest.id));
    expect(body.issues.map((i) => i.path)).toEqual(["registrationOpensAt", "registrationClosesAt"]);
    expect(body.message).toMatch(/^还不能开放报名：请先填写报名开始日期/);
    expect((await db.contest.findUniqueOrThrow({ where: { id: contest.id } })).status).toBe("draft");
    expect(await eventsFor(contest.id, "contest.registration-opened")).toBe(0);
  });

  it("is refused without events, or while an event's scheme is not valid, naming the event and the problem", async () => {
    const empty = await createContest(p.cityA.id);
    expect((await failureOf(await open(empty.id))).issues.map((i) => i.path)).toEqual(["events"]);

    const contest = await createContest(p.cityA.id);
    await createEvent(contest.id);
    const broken = structuredClone(VALID_SCHEME);
    broken.components[1].weight = "0.6";
    const bad = await createEvent(contest.id, { name: "钳工 职工组", scheme: broken });
    const body = await failureOf(await open(contest.id));
    expect(body.issues).toEqual([expect.objectContaining({ path: `events.${bad.id}.markingScheme`, message: expect.stringContaining("赛项「钳工 职工组」的评分标准有误") })]);
    expect(body.issues[0].message).toContain("权重之和必须等于 1（当前为 0.9）");
    expect((await db.contest.findUniqueOrThrow({ where: { id: contest.id } })).status).toBe("draft");
  });

  it("opens with valid schemes, shows the theory > 30% warning (rule S-10), and writes one event", async () => {
    const contest = await createContest(p.cityA.id);
    const heavy = structuredClone(VALID_SCHEME);
    heavy.components[0].weight = "0.4";
    heavy.components[1].weight = "0.6";
    await createEvent(contest.id, { scheme: heavy });
    const result = (await open(contest.id)) as { ok: true; warnings: { message: string }[] };
    expect(result.ok).toBe(true);
    expect(result.warnings[0].message).toContain("理论成绩占比 0.4 超过 30%");
    expect((await db.contest.findUniqueOrThrow({ where: { id: contest.id } })).status).toBe("open");
    expect(await eventsFor(contest.id, "contest.registration-opened")).toBe(1);
    // Open again: refused as a conflict, nothing written.
    expect(await status(open(contest.id))).toBe(409);
    expect(await eventsFor(contest.id, "contest.registration-opened")).toBe(1);
  });
});

describe("committee, closing registration and removing events", () => {
  const post = (contestId: string, form: Record<string, string>) =>
    overviewRoute.action(args(`/contests/${contestId}`, { cookie: cookieA, form }, { contestId }));

  it("adds and removes committee members, one event each; an unknown group is named", async () => {
    const contest = await createContest(p.cityA.id);
    expect((await failureOf(await post(contest.id, { intent: "add-committee", group: "宣传组", name: "张三" }))).issues[0].path).toBe("group");
    expect(await post(contest.id, { intent: "add-committee", group: "supervision", name: "吴明", duty: "组长" })).toEqual({ ok: true, intent: "added" });
    const member = await db.committeeMember.findFirstOrThrow({ where: { contestId: contest.id } });
    expect(member).toMatchObject({ group: "supervision", name: "吴明", duty: "组长" });
    expect(await eventsFor(member.id, "committee.added")).toBe(1);
    expect(await post(contest.id, { intent: "remove-committee", memberId: member.id })).toEqual({ ok: true, intent: "removed" });
    expect(await db.committeeMember.count({ where: { contestId: contest.id } })).toBe(0);
    expect(await eventsFor(member.id, "committee.removed")).toBe(1);
  });

  it("closes open registration; removes an event only while the contest is a draft", async () => {
    const draft = await createContest(p.cityA.id);
    const event = await createEvent(draft.id);
    expect(await post(draft.id, { intent: "delete-event", eventId: event.id })).toEqual({ ok: true, intent: "deleted" });
    expect(await db.contestEvent.count({ where: { id: event.id } })).toBe(0);
    expect(await eventsFor(event.id, "event.deleted")).toBe(1);

    const open = await createContest(p.cityA.id, { status: "open" });
    const kept = await createEvent(open.id);
    expect(await status(post(open.id, { intent: "delete-event", eventId: kept.id }))).toBe(409);
    expect(await post(open.id, { intent: "close-registration" })).toEqual({ ok: true, intent: "closed" });
    expect((await db.contest.findUniqueOrThrow({ where: { id: open.id } })).status).toBe("closed");
    expect(await eventsFor(open.id, "contest.registration-closed")).toBe(1);
  });
});

describe("a new contest's level (issue 12 item 7)", () => {
  it("starts from the organising union's level: a city federation's organiser gets a city contest, not a national one", async () => {
    const form = await newRoute.loader(args("/contests/new", { cookie: cookieA }));
    expect(form.template).toBeNull();
    expect(form.orgs[0]?.id).toBe(p.cityA.id);
    expect(form.values.level).toBe("city");
  });
});

describe("a new contest from an earlier one (template)", () => {
  it("copies the fields, committee and events with their schemes and settings; dates start blank", async () => {
    const template = await createContest(p.cityA.id, { status: "finished", hosts: ["甲市总工会", "甲市人社局"] });
    await db.committeeMember.create({ data: { contestId: template.id, group: "technical", name: "王国栋", duty: "裁判长" } });
    const weld = await createEvent(template.id, { name: "焊工 职工组", unitQuota: 3, scoringSettings: { judgeAggregation: "mean" }, eligibility: { employmentStatuses: ["职工"], minAge: 18 } });
    await createEvent(template.id, { name: "电工 职工组", sortOrder: 1 });

    const form = await newRoute.loader(args(`/contests/new?templateId=${template.id}`, { cookie: cookieA }));
    expect(form.template?.id).toBe(template.id);
    expect(form.values).toMatchObject({ level: "city", contestClass: "一类", hosts: ["甲市总工会", "甲市人社局"] });

    const response = (await newRoute.action(args("/contests/new", {
      cookie: cookieA, form: { templateId: template.id, name: "来年的大赛", orgId: p.cityA.id, level: "", contestClass: "" },
    }))) as Response;
    expect(response.status).toBe(302);
    const id = response.headers.get("Location")!.split("/").pop()!;
    const copy = await db.contest.findUniqueOrThrow({ where: { id }, include: { committee: true, events: { orderBy: { sortOrder: "asc" } } } });
    expect(copy).toMatchObject({
      templateId: template.id, status: "draft", level: "city", contestClass: "一类", hosts: template.hosts,
      registrationOpensAt: null, registrationClosesAt: null, startsAt: null, endsAt: null,
    });
    expect(copy.committee).toEqual([expect.objectContaining({ group: "technical", name: "王国栋", duty: "裁判长" })]);
    expect(copy.events.map((e) => e.name)).toEqual(["焊工 职工组", "电工 职工组"]);
    expect(copy.events[0]).toMatchObject({ markingScheme: weld.markingScheme, scoringSettings: weld.scoringSettings, eligibility: weld.eligibility, unitQuota: 3 });
    expect(copy.events[0].id).not.toBe(weld.id);
    const event = await db.event.findFirstOrThrow({ where: { action: "contest.created", entityId: id } });
    expect(JSON.parse(event.after!)).toMatchObject({ templateId: template.id, copiedEvents: 2, copiedCommittee: 1 });
  });
});

describe("the marking-scheme editor", () => {
  it("refuses weights that do not add up to 1, at the field the engine names, and changes nothing", async () => {
    const contest = await createContest(p.cityA.id);
    const event = await createEvent(contest.id);
    const params = { contestId: contest.id, eventId: event.id };
    const form = schemeForm(VALID_SCHEME);
    form["components[1].weight"] = "0.6";
    const body = await failureOf(await schemeRoute.action(args(`/contests/${contest.id}/events/${event.id}/scheme`, { cookie: cookieA, form }, params)));
    expect(body.issues).toEqual([expect.objectContaining({ path: "components[1].weight", message: expect.stringContaining("权重之和必须等于 1") })]);
    expect((await db.contestEvent.findUniqueOrThrow({ where: { id: event.id } })).markingScheme).toBe(event.markingScheme);
    expect(await eventsFor(event.id, "scheme.updated")).toBe(0);

    form["components[1].weight"] = "0.7";
    form["components[1].modules[0].criteria[0].aspects[0].max"] = "55";
    form["components[1].modules[0].criteria[0].aspects[1].max"] = "45";
    const saved = (await schemeRoute.action(args(`/contests/${contest.id}/events/${event.id}/scheme`, { cookie: cookieA, form }, params))) as { ok: boolean };
    expect(saved.ok).toBe(true);
    const stored = JSON.parse((await db.contestEvent.findUniqueOrThrow({ where: { id: event.id } })).markingScheme);
    expect(stored.components[1].modules[0].criteria[0].aspects.map((a: { max: string }) => a.max)).toEqual(["55", "45"]);
    expect(await eventsFor(event.id, "scheme.updated")).toBe(1);
  });
});

describe("the marking scheme in Excel", () => {
  async function exportBytes(contestId: string, eventId: string) {
    const response = await exportRoute.loader(args(`/contests/${contestId}/events/${eventId}/marking-scheme.xlsx`, { cookie: cookieA }, { contestId, eventId }));
    expect(response.headers.get("Content-Type")).toContain("spreadsheetml");
    return new Uint8Array(await response.arrayBuffer());
  }
  function upload(contestId: string, eventId: string, bytes: Uint8Array) {
    const body = new FormData();
    body.set("file", new File([bytes as BlobPart], "评分标准.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }));
    return schemeRoute.action(args(`/contests/${contestId}/events/${eventId}/scheme`, { cookie: cookieA, body }, { contestId, eventId }));
  }

  it("round-trips: export one event's scheme, import it into another, and the schemes are equal", async () => {
    const contest = await createContest(p.cityA.id);
    const source = await createEvent(contest.id);
    const target = await createEvent(contest.id, { scheme: { components: [] } });
    const result = (await upload(contest.id, target.id, await exportBytes(contest.id, source.id))) as { ok: boolean; intent: string };
    expect(result).toMatchObject({ ok: true, intent: "import" });
    const imported = JSON.parse((await db.contestEvent.findUniqueOrThrow({ where: { id: target.id } })).markingScheme);
    expect(imported).toEqual(MarkingSchemeInputSchema.parse(JSON.parse(source.markingScheme)));
    expect(await eventsFor(target.id, "scheme.imported")).toBe(1);
  });

  it("reports both bad rows of a file (maximum above 100, unknown kind) and imports nothing", async () => {
    const contest = await createContest(p.cityA.id);
    const event = await createEvent(contest.id);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportBytes(contest.id, event.id)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet("评分标准")!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const col = (name: string) => header.indexOf(name);
    sheet.getRow(3).getCell(col("满分")).value = "150";
    sheet.getRow(4).getCell(col("评分方式")).value = "打分";
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const response = (await upload(contest.id, event.id, bytes)) as Response;
    expect(response.status).toBe(400);
    const body = (await response.json()) as { problems: { row: number; column: string; message: string }[] };
    expect(body.problems.map((problem) => [problem.row, problem.column])).toEqual([[3, "满分"], [4, "评分方式"]]);
    expect((await db.contestEvent.findUniqueOrThrow({ where: { id: event.id } })).markingScheme).toBe(event.markingScheme);
    expect(await eventsFor(event.id, "scheme.imported")).toBe(0);
  });
});

describe("JSON API", () => {
  it("creates, reads, refuses an invalid scheme by path, saves a valid one and opens registration", async () => {
    const created = await apiContestsRoute.action(args("/api/v1/contests", {
      token: tokenA, json: { name: "API 大赛", orgId: p.cityA.id, level: "city", contestClass: "二类", registrationOpensAt: "2030-01-01", registrationClosesAt: "2030-01-31" },
    }));
    expect(created.status).toBe(201);
    const contest = (await created.json()) as { id: string; status: string; registrationOpensAt: string };
    expect(contest).toMatchObject({ status: "draft", registrationOpensAt: "2029-12-31T16:00:00.000Z" });
    const event = await createEvent(contest.id, { scheme: { components: [] } });

    const bad = structuredClone(VALID_SCHEME);
    bad.components[0].modules[0].criteria[0].aspects[0].max = "0";
    const refused = await apiSchemeRoute.action(args(`/api/v1/events/${event.id}/marking-scheme`, { method: "PUT", token: tokenA, json: bad }, { eventId: event.id }));
    expect(refused.status).toBe(400);
    const error = (await refused.json()) as { error: { issues: { path: string }[] } };
    expect(error.error.issues.map((i) => i.path)).toEqual(["body.components[0].modules[0].criteria[0].aspects[0].max"]);

    const notReady = await apiOpenRoute.action(args(`/api/v1/contests/${contest.id}/open-registration`, { method: "POST", token: tokenA }, { contestId: contest.id }));
    expect(notReady.status).toBe(400);

    const saved = await apiSchemeRoute.action(args(`/api/v1/events/${event.id}/marking-scheme`, { method: "PUT", token: tokenA, json: VALID_SCHEME }, { eventId: event.id }));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ valid: true, warnings: [] });

    const opened = await apiOpenRoute.action(args(`/api/v1/contests/${contest.id}/open-registration`, { method: "POST", token: tokenA }, { contestId: contest.id }));
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({ contest: { status: "open" }, warnings: [] });

    const detail = await apiContestRoute.loader(args(`/api/v1/contests/${contest.id}`, { token: tokenA }, { contestId: contest.id }));
    expect(await detail.json()).toMatchObject({ id: contest.id, status: "open", events: [{ id: event.id }] });
  });

  it("answers 403 when a city B contest is patched with city A's token, and changes nothing", async () => {
    const contestB = await createContest(p.cityB.id);
    const response = await apiContestRoute.action(args(`/api/v1/contests/${contestB.id}`, { method: "PATCH", token: tokenA, json: { name: "改名" } }, { contestId: contestB.id }));
    expect(response.status).toBe(403);
    expect((await db.contest.findUniqueOrThrow({ where: { id: contestB.id } })).name).toBe(contestB.name);
  });
});

describe("the contest's rules (PDF)", () => {
  const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
  const upload = (contestId: string, bytes: Uint8Array, filename: string, cookie = cookieA) => {
    const body = new FormData();
    body.set("rules", new File([bytes as BlobPart], filename, { type: "application/pdf" }));
    return overviewRoute.action(args(`/contests/${contestId}`, { cookie, body }, { contestId }));
  };

  it("attaches a PDF with an event; anyone who can see the contest downloads it", async () => {
    const contest = await createContest(p.cityA.id, { status: "open" });
    expect(await upload(contest.id, PDF, "竞赛规程.pdf")).toEqual({ ok: true, intent: "rules" });
    const after = await db.contest.findUniqueOrThrow({ where: { id: contest.id } });
    expect(after.rulesFileId).toBeTruthy();
    expect(await eventsFor(contest.id, "contest.rules-attached")).toBe(1);
    const response = await rulesRoute.loader(args(`/contests/${contest.id}/rules.pdf`, { cookie: cookieWorker }, { contestId: contest.id }));
    expect(response.headers.get("Content-Type")).toBe("application/pdf");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(PDF);
    expect(await status(rulesRoute.loader(args(`/contests/${contest.id}/rules.pdf`, { cookie: cookieB }, { contestId: contest.id })))).toBe(403);
  });

  it("refuses a file that is not a PDF, naming the field, and keeps the contest as it was", async () => {
    const contest = await createContest(p.cityA.id);
    const body = await failureOf(await upload(contest.id, new TextEncoder().encode("这不是 PDF"), "规程.pdf"));
    expect(body.issues[0].path).toBe("rules");
    expect((await db.contest.findUniqueOrThrow({ where: { id: contest.id } })).rulesFileId).toBeNull();
    expect(await status(upload(contest.id, PDF, "规程.pdf", cookieB))).toBe(403);
  });
});
