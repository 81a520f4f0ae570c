import { db, type Tx } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { attachmentListItem } from "~/modules/files/api-upload";
import { recordEvent } from "~/modules/events/event-log.server";
import { saveUpload } from "~/modules/files/files.server";
import { beijingDate } from "~/modules/calendar/working-days";
import { parseLevels } from "~/modules/review-chain/chain";
import { registerHoldCheck } from "~/modules/review-chain/hooks.server";
import { CANDIDATE_TYPES, candidateTypeOf, consultationHold, DEPARTMENTS, departmentsFor, type CandidateType, type Department } from "./consultation-rules";
import type { AnswerInput, OpenConsultationInput, RulingInput } from "./schemas";

// 征求意见 / 联审 (rule N-34): a reviewing level asks the departments its candidate's type calls
// for; each department's account (role department_consultant over its department organisation)
// answers 无意见 or a problem with details and an attachment; a problem holds the candidate on
// the review chain until a reviewer of the asking level rules it cleared (or upheld).

export const CONSULTATION_MESSAGES = {
  submissionNotFound: "找不到该推荐对象 / candidate not found",
  taskNotFound: "找不到该征求意见 / consultation not found",
  notPending: "该推荐对象不在审核中 / the candidate is not under review",
  nothingToAsk: "该类推荐对象无须征求部门意见 / this kind of candidate needs no consultation",
  noDepartments: "本级及上级没有登记相应的联审部门 / no consulted departments are registered for this level",
  answered: "该征求意见已答复 / already answered",
  notProblem: "只有反馈问题的征求意见需要认定 / only a reported problem needs a ruling",
  dueInPast: "反馈期限不能早于今天 / the deadline cannot be in the past",
} as const;

type Client = Tx | typeof db;
const SUBJECT = "honours.nomination";

/** What the candidate is, from its nomination form (individual fields decide the departments). */
async function candidateOf(client: Client, subjectType: string, subjectId: string) {
  if (subjectType !== SUBJECT) return null;
  const n = await client.nomination.findUnique({ where: { id: subjectId } });
  if (!n) return null;
  return { name: n.name, type: candidateTypeOf(n), stateOwned: n.ownership === "公有" };
}

/** The department organisation of a key that serves this level: under the level or under one of its ancestors, nearest first. */
async function departmentOrgFor(client: Client, levelPath: string, department: Department) {
  const ancestors = levelPath.split("/").filter(Boolean);
  const candidates = await client.organisation.findMany({ where: { type: "department", parentId: { in: ancestors } }, select: { id: true, name: true, path: true, parentId: true } });
  const matching = candidates.filter((o) => DEPARTMENTS[department].match.test(o.name));
  matching.sort((a, b) => ancestors.indexOf(b.parentId!) - ancestors.indexOf(a.parentId!));
  return matching[0] ?? null;
}

/** A reviewer of the submission's current level asks the departments its candidate type needs. */
export async function openConsultations(user: SessionUser, input: OpenConsultationInput, actor: Actor, now = new Date()) {
  const submission = await db.reviewSubmission.findUnique({ where: { id: input.submissionId } });
  if (!submission) throw notFound(CONSULTATION_MESSAGES.submissionNotFound);
  if (submission.status !== "pending") throw conflict(CONSULTATION_MESSAGES.notPending, "not_pending");
  const levelId = parseLevels(submission.levels)[submission.currentLevel];
  const level = await db.organisation.findUniqueOrThrow({ where: { id: levelId }, select: { id: true, path: true } });
  if (!hasPermission(user, "award:review", level.path)) throw forbidden();
  if (input.dueOn < beijingDate(now)) throw badRequest(CONSULTATION_MESSAGES.dueInPast, [{ path: "dueOn", message: CONSULTATION_MESSAGES.dueInPast }]);
  const candidate = await candidateOf(db, submission.subjectType, submission.subjectId);
  const departments = candidate ? departmentsFor(candidate.type, candidate.stateOwned) : [];
  if (!candidate || departments.length === 0) throw badRequest(CONSULTATION_MESSAGES.nothingToAsk, [], "nothing_to_ask");
  const targets = (await Promise.all(departments.map(async (d) => ({ department: d, org: await departmentOrgFor(db, level.path, d) })))).filter((t) => t.org);
  if (targets.length === 0) throw badRequest(CONSULTATION_MESSAGES.noDepartments, [], "no_departments");
  return db.$transaction(async (tx) => {
    const created = [];
    for (const t of targets) {
      const key = { subjectType_subjectId_department: { subjectType: submission.subjectType, subjectId: submission.subjectId, department: t.department } };
      if (await tx.consultationTask.findUnique({ where: key })) continue;
      const task = await tx.consultationTask.create({
        data: {
          subjectType: submission.subjectType, subjectId: submission.subjectId, submissionId: submission.id, candidateName: candidate.name, candidateType: candidate.type,
          department: t.department, departmentOrgId: t.org!.id, askedByOrgId: level.id, askedByOrgPath: level.path, dueOn: new Date(`${input.dueOn}T00:00:00.000Z`), createdById: user.id,
        },
      });
      await recordEvent(tx, actor, { action: "consultation.opened", entityType: "ConsultationTask", entityId: task.id, orgId: t.org!.id, after: { submissionId: submission.id, department: t.department, dueOn: input.dueOn } });
      created.push(task);
    }
    return { created: created.length, departments: targets.map((t) => t.department), missing: departments.filter((d) => !targets.some((t) => t.department === d)) };
  });
}

async function loadTask(taskId: string) {
  const task = await db.consultationTask.findUnique({ where: { id: taskId } });
  if (!task) throw notFound(CONSULTATION_MESSAGES.taskNotFound);
  return task;
}

/** The department answers: 无意见, or a problem with details (and an attachment from the page). */
export async function answerConsultation(user: SessionUser, taskId: string, input: AnswerInput, actor: Actor, file?: File | null) {
  const task = await loadTask(taskId);
  const dept = await db.organisation.findUniqueOrThrow({ where: { id: task.departmentOrgId }, select: { path: true } });
  if (!hasPermission(user, "consultation:answer", dept.path)) throw forbidden();
  if (task.status !== "open") throw conflict(CONSULTATION_MESSAGES.answered, "answered");
  const stored = file && file.size > 0 ? await saveUpload(file, { purpose: "consultation-answer", allowedTypes: ["pdf", "jpeg", "png"], field: "file", orgId: task.departmentOrgId }, actor) : null;
  return db.$transaction(async (tx) => {
    const updated = await tx.consultationTask.updateMany({
      where: { id: taskId, status: "open" },
      data: { status: input.answer, details: input.details ?? null, attachmentId: stored?.id ?? null, answeredById: user.id, answeredAt: new Date() },
    });
    if (updated.count !== 1) throw conflict(CONSULTATION_MESSAGES.answered, "answered");
    await recordEvent(tx, actor, { action: "consultation.answered", entityType: "ConsultationTask", entityId: taskId, orgId: task.departmentOrgId, after: { answer: input.answer, details: input.details ?? null, attachmentId: stored?.id ?? null } });
    return { id: taskId, status: input.answer };
  });
}

/** A reviewer of the asking level rules on a reported problem: cleared releases the hold, upheld keeps it. */
export async function ruleOnConsultation(user: SessionUser, taskId: string, input: RulingInput, actor: Actor) {
  const task = await loadTask(taskId);
  if (!hasPermission(user, "award:review", task.askedByOrgPath)) throw forbidden();
  if (task.status !== "problem") throw conflict(CONSULTATION_MESSAGES.notProblem, "not_problem");
  return db.$transaction(async (tx) => {
    await tx.consultationTask.update({ where: { id: taskId }, data: { ruling: input.ruling, rulingReason: input.reason, ruledById: user.id, ruledAt: new Date() } });
    await recordEvent(tx, actor, { action: "consultation.ruled", entityType: "ConsultationTask", entityId: taskId, orgId: task.askedByOrgId, before: { ruling: task.ruling }, after: input });
    return { id: taskId, ruling: input.ruling };
  });
}

export type ConsultationView = Awaited<ReturnType<typeof viewTasks>>[number];

async function viewTasks(rows: Awaited<ReturnType<typeof db.consultationTask.findMany>>) {
  const orgs = await db.organisation.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => [r.departmentOrgId, r.askedByOrgId]))] } }, select: { id: true, name: true } });
  const name = (id: string) => orgs.find((o) => o.id === id)?.name ?? id;
  return rows.map((r) => ({
    id: r.id, submissionId: r.submissionId, candidateName: r.candidateName,
    candidateType: r.candidateType as CandidateType, candidateTypeLabel: CANDIDATE_TYPES[r.candidateType as CandidateType] ?? { zh: r.candidateType, en: r.candidateType },
    department: r.department as Department, departmentLabel: { zh: DEPARTMENTS[r.department as Department]?.zh ?? r.department, en: DEPARTMENTS[r.department as Department]?.en ?? r.department },
    departmentOrg: { id: r.departmentOrgId, name: name(r.departmentOrgId) }, askedBy: { id: r.askedByOrgId, name: name(r.askedByOrgId) },
    dueOn: r.dueOn.toISOString().slice(0, 10), status: r.status as "open" | "no_objection" | "problem", details: r.details, attachmentId: r.attachmentId,
    answeredAt: r.answeredAt?.toISOString() ?? null, ruling: r.ruling as "cleared" | "upheld" | null, rulingReason: r.rulingReason,
  }));
}

/** The user's consultations: those to answer (their departments) and those their levels asked. */
export async function listConsultations(user: SessionUser) {
  const answerScopes = userScope(user, "consultation:answer");
  const reviewScopes = userScope(user, "award:review");
  if (answerScopes.length === 0 && reviewScopes.length === 0) throw forbidden();
  const [toAnswerRows, askedRows] = await Promise.all([
    answerScopes.length ? db.consultationTask.findMany({ where: { departmentOrgId: { in: (await db.organisation.findMany({ where: { type: "department", OR: answerScopes.map((p) => ({ path: { startsWith: p } })) }, select: { id: true } })).map((o) => o.id) } }, orderBy: [{ status: "asc" }, { dueOn: "asc" }], take: 500 }) : Promise.resolve([]),
    reviewScopes.length ? db.consultationTask.findMany({ where: { OR: reviewScopes.map((p) => ({ askedByOrgPath: { startsWith: p } })) }, orderBy: [{ createdAt: "desc" }], take: 500 }) : Promise.resolve([]),
  ]);
  return { toAnswer: await viewTasks(toAnswerRows), asked: await viewTasks(askedRows), canAnswer: answerScopes.length > 0, canAsk: reviewScopes.length > 0 };
}

/** Candidates pending at a level the user reviews, for the form that opens consultations. */
export async function consultableSubmissions(user: SessionUser) {
  if (!hasPermission(user, "award:review")) return [];
  const rows = await db.reviewSubmission.findMany({ where: { subjectType: SUBJECT, status: "pending" }, select: { id: true, title: true, levels: true, currentLevel: true }, orderBy: { createdAt: "asc" }, take: 2000 });
  const levelIds = [...new Set(rows.map((r) => parseLevels(r.levels)[r.currentLevel]))];
  const levels = await db.organisation.findMany({ where: { id: { in: levelIds } }, select: { id: true, path: true } });
  return rows.filter((r) => {
    const level = levels.find((l) => l.id === parseLevels(r.levels)[r.currentLevel]);
    return level && hasPermission(user, "award:review", level.path);
  }).map((r) => ({ id: r.id, title: r.title }));
}

// The review chain asks before each recommendation (app/modules/review-chain/hooks.server.ts).
registerHoldCheck("consultations.n34", async (tx, submission, _levelOrgId, now) => {
  const tasks = await tx.consultationTask.findMany({ where: { submissionId: submission.id }, select: { status: true, dueOn: true, ruling: true, department: true } });
  return tasks.length ? consultationHold(tasks, beijingDate(now)) : null;
});

/** The attachment of an answer, for the asking level's reviewers and the department itself. */
export async function consultationAttachmentFor(user: SessionUser, taskId: string) {
  const task = await loadReadableTask(user, taskId);
  if (!task.attachmentId) throw notFound(CONSULTATION_MESSAGES.taskNotFound);
  return task.attachmentId;
}

/** The task for the asking level's reviewers and the department; 404 for anyone else (the attachment's rule). */
async function loadReadableTask(user: SessionUser, taskId: string) {
  const task = await loadTask(taskId);
  const dept = await db.organisation.findUniqueOrThrow({ where: { id: task.departmentOrgId }, select: { path: true } });
  if (!(hasPermission(user, "award:review", task.askedByOrgPath) || hasPermission(user, "consultation:answer", dept.path))) throw notFound(CONSULTATION_MESSAGES.taskNotFound);
  return task;
}

/** The answer's attachment as the API lists it (none until the department answers with one). */
export async function listConsultationAttachments(user: SessionUser, taskId: string) {
  const task = await loadReadableTask(user, taskId);
  const file = task.attachmentId ? await db.storedFile.findUnique({ where: { id: task.attachmentId }, select: { id: true, filename: true, mimeType: true, size: true, createdAt: true } }) : null;
  return { attachments: file ? [attachmentListItem(file)] : [] };
}
