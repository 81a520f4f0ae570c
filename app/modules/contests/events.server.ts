import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, notFound, type FieldIssue } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { DEFAULT_SCORING_SETTINGS, MarkingSchemeInputSchema, outcomesForLevel, parseMarkingScheme, ScoringInputError, type MarkingSchemeInput } from "~/modules/scoring";
import { EligibilitySchema, StagesSchema } from "./event-rules";
import { applyScoringInput, eventProblems, readEligibility, readSettings } from "./event-settings";
import { getContest, requireManagedContest, toEventView } from "./contests.server";
import type { EventInput, EventUpdate } from "./schemas";

// Events (赛项: 工种 × 组别): settings, eligibility, stages and the marking scheme.
// Events are added and removed while the contest is a draft; settings and schemes may
// change until the contest runs, and a saved scheme is always one the engine accepts.

const EDITABLE_STATUSES = ["draft", "open", "closed"];

function refuse(problems: FieldIssue[], code = "invalid_input"): never {
  throw badRequest(`输入有误：${problems.map((p) => p.message).join("；")}`, problems, code);
}

async function requireManagedEvent(user: SessionUser, eventId: string) {
  const event = await db.contestEvent.findUnique({ where: { id: eventId } });
  if (!event) throw notFound("找不到该赛项 / event not found");
  const contest = await requireManagedContest(user, event.contestId);
  return { event, contest };
}

function assertEditable(status: string) {
  if (!EDITABLE_STATUSES.includes(status)) {
    throw conflict("比赛已开始或已结束，赛项设置不能再修改 / the contest is running or finished: events can no longer change", "invalid_status");
  }
}

/** One event of a contest the user can see. */
export async function getEvent(user: SessionUser, eventId: string, contestId?: string) {
  const row = await db.contestEvent.findUnique({ where: { id: eventId } });
  if (!row || (contestId && row.contestId !== contestId)) throw notFound("找不到该赛项 / event not found");
  const detail = await getContest(user, row.contestId);
  return { event: toEventView(row), row, contest: detail.contest, orgPath: detail.orgPath, canManage: detail.canManage };
}

export async function createEvent(user: SessionUser, contestId: string, input: EventInput, actor: Actor) {
  const contest = await requireManagedContest(user, contestId);
  if (contest.status !== "draft") throw conflict("只能在草稿状态下增加赛项 / events can only be added while the contest is a draft", "invalid_status");
  const minFieldSize = input.minFieldSize ?? DEFAULT_SCORING_SETTINGS.prizes.minimumFieldSize;
  // rules S-62 … S-66: the honours start from the preset of the contest's level, not national titles
  const base = { ...DEFAULT_SCORING_SETTINGS, outcomes: outcomesForLevel(contest.level) };
  const settings = applyScoringInput(base, input.scoring, minFieldSize);
  const eligibility = EligibilitySchema.parse(input.eligibility ?? {});
  const teamSize = input.mode === "team" ? input.teamSize ?? null : null;
  const problems = eventProblems({ mode: input.mode, teamSize, eligibility, settings });
  if (problems.length) refuse(problems);
  return db.$transaction(async (tx) => {
    const count = await tx.contestEvent.count({ where: { contestId } });
    const created = await tx.contestEvent.create({
      data: {
        contestId,
        name: input.name || `${input.trade} ${input.groupName}`,
        trade: input.trade,
        groupName: input.groupName,
        mode: input.mode,
        teamSize,
        stages: JSON.stringify(StagesSchema.parse(input.stages)),
        scoringSettings: JSON.stringify(settings),
        minFieldSize,
        unitQuota: input.unitQuota ?? null,
        eligibility: JSON.stringify(eligibility),
        sortOrder: input.sortOrder ?? count,
      },
    });
    const view = toEventView(created);
    await recordEvent(tx, actor, { action: "event.created", entityType: "ContestEvent", entityId: created.id, orgId: contest.orgId, after: view });
    return view;
  });
}

export async function updateEvent(user: SessionUser, eventId: string, input: EventUpdate, actor: Actor) {
  const { event: before, contest } = await requireManagedEvent(user, eventId);
  assertEditable(contest.status);
  const mode = input.mode ?? before.mode;
  const minFieldSize = input.minFieldSize ?? before.minFieldSize;
  const settings = applyScoringInput(readSettings(before.scoringSettings), input.scoring, minFieldSize);
  const eligibility = EligibilitySchema.parse({ ...readEligibility(before.eligibility), ...(input.eligibility ?? {}) });
  const teamSize = mode === "team" ? (input.teamSize !== undefined ? input.teamSize : before.teamSize) : null;
  const problems = eventProblems({ mode, teamSize, eligibility, settings });
  if (problems.length) refuse(problems);
  return db.$transaction(async (tx) => {
    const after = await tx.contestEvent.update({
      where: { id: eventId },
      data: {
        ...(input.name ? { name: input.name } : {}),
        ...(input.trade !== undefined ? { trade: input.trade } : {}),
        ...(input.groupName !== undefined ? { groupName: input.groupName } : {}),
        ...(input.unitQuota !== undefined ? { unitQuota: input.unitQuota } : {}),
        ...(input.sortOrder !== undefined ? { sortOrder: input.sortOrder } : {}),
        ...(input.stages !== undefined ? { stages: JSON.stringify(StagesSchema.parse(input.stages)) } : {}),
        mode,
        teamSize,
        minFieldSize,
        scoringSettings: JSON.stringify(settings),
        eligibility: JSON.stringify(eligibility),
      },
    });
    const view = toEventView(after);
    await recordEvent(tx, actor, { action: "event.updated", entityType: "ContestEvent", entityId: eventId, orgId: contest.orgId, before: toEventView(before), after: view });
    return view;
  });
}

export async function deleteEvent(user: SessionUser, eventId: string, actor: Actor) {
  const { event, contest } = await requireManagedEvent(user, eventId);
  if (contest.status !== "draft") throw conflict("只能在草稿状态下删除赛项 / events can only be removed while the contest is a draft", "invalid_status");
  const registrations = await db.registration.count({ where: { eventId } });
  if (registrations > 0) throw conflict("该赛项已有报名，不能删除 / the event has registrations and cannot be removed");
  await db.$transaction(async (tx) => {
    await tx.contestEvent.delete({ where: { id: eventId } });
    await recordEvent(tx, actor, { action: "event.deleted", entityType: "ContestEvent", entityId: eventId, orgId: contest.orgId, before: toEventView(event) });
  });
}

// ---------------------------------------------------------------- marking scheme

function storedScheme(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return { components: [] };
  }
}

/** The stored scheme, whether the engine accepts it, and its warnings (e.g. theory above 30%, rule S-10). */
export function describeScheme(row: { markingScheme: string; scoringSettings: string }) {
  const scheme = storedScheme(row.markingScheme);
  try {
    const { warnings } = parseMarkingScheme(scheme, readSettings(row.scoringSettings));
    return { scheme, valid: true, issues: [] as FieldIssue[], warnings: warnings as FieldIssue[] };
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
    return { scheme, valid: false, issues: error.issues as FieldIssue[], warnings: [] as FieldIssue[] };
  }
}

export async function getMarkingScheme(user: SessionUser, eventId: string) {
  const { row } = await getEvent(user, eventId);
  return { eventId, ...describeScheme(row) };
}

/**
 * Saves a marking scheme the scoring engine accepts; otherwise refuses with every
 * problem at its path (`components[1].weight`, …) and changes nothing.
 */
export async function saveMarkingScheme(
  user: SessionUser, eventId: string, input: unknown, actor: Actor, action: "scheme.updated" | "scheme.imported" = "scheme.updated",
) {
  const { event, contest } = await requireManagedEvent(user, eventId);
  assertEditable(contest.status);
  let warnings: FieldIssue[];
  let scheme: MarkingSchemeInput;
  try {
    warnings = parseMarkingScheme(input, readSettings(event.scoringSettings)).warnings;
    scheme = MarkingSchemeInputSchema.parse(input);
  } catch (error) {
    if (!(error instanceof ScoringInputError)) throw error;
    throw badRequest(`评分标准有误：${error.issues.map((i) => i.message).join("；")}`, error.issues, "invalid_scheme");
  }
  await db.$transaction(async (tx) => {
    await tx.contestEvent.update({ where: { id: eventId }, data: { markingScheme: JSON.stringify(scheme) } });
    await recordEvent(tx, actor, {
      action, entityType: "ContestEvent", entityId: eventId, orgId: contest.orgId,
      before: storedScheme(event.markingScheme), after: scheme,
    });
  });
  return { eventId, scheme, valid: true, issues: [] as FieldIssue[], warnings };
}
