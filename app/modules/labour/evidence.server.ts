import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { readFile, saveUpload } from "~/modules/files/files.server";
import type { FileTypeKey } from "~/modules/files/file-types";
import { fileFromBase64 } from "~/modules/files/api-upload";
import { LABOUR_MESSAGES, requireAccepted, setOf, touchProject } from "./labour.server";
import { publishLabourChange } from "./live.server";

// Evidence photos and files per assessed item (issue 14 item 3): a committee member attaches a
// photo or a document to their own score of one unit's item in a period (rule L-11: the filed
// sheet carries its proof), the one who entered a quantity to the quantity, and the unit itself
// (a person of the 标段/工区/班组's own organisation) to the item as the unit's evidence. The file
// goes through the shared upload checks (app/modules/files: size, type from the bytes); the score
// row keeps its id (LabourScore.evidenceId; the unit's own evidence is a row `byId = "unit"` with
// no value, which the boards ignore). Evidence is attached to an item that has been scored, so a
// team never looks "scored" (rule L-9) through a file alone. Reading follows the project: whoever
// may read the project, and the unit's own people for the unit's evidence; anyone else gets 403.

export const EVIDENCE_PURPOSE = "labour-evidence";
export const EVIDENCE_TYPES: readonly FileTypeKey[] = ["jpeg", "png", "pdf"];
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** the score row of a unit's own evidence */
export const UNIT_EVIDENCE = "unit";

export const EVIDENCE_MESSAGES = {
  notYourUnit: "您不是该参赛单位的人员，不能为其上传佐证材料 / you are not one of this unit's people: you may not attach its evidence",
  notScored: "该项尚未打分，请先打分再上传佐证材料 / the item has no score yet: score it before attaching evidence",
  notFound: "找不到该佐证材料 / evidence not found",
  refused: "您无权查看此佐证材料 / you may not see this evidence",
} as const;

type Who = "committee" | "quantity" | "unit";

async function loadPeriod(projectId: string, periodId: string) {
  const project = await db.labourProject.findUnique({ where: { id: projectId } });
  if (!project) throw notFound(LABOUR_MESSAGES.projectNotFound);
  const org = await db.organisation.findUnique({ where: { id: project.orgId }, select: { id: true, path: true } });
  const period = await db.labourPeriod.findUnique({ where: { id: periodId } });
  if (!org || !period || period.projectId !== projectId) throw notFound(LABOUR_MESSAGES.periodNotFound);
  return { project, org, period };
}

async function unitOrgPath(orgId: string | null) {
  if (!orgId) return null;
  return (await db.organisation.findUnique({ where: { id: orgId }, select: { path: true } }))?.path ?? null;
}

/**
 * Attaches a photo or file to one unit's item in a period (replacing the caller's earlier one).
 * Refused for an awarded period, a unit not on the roster, an unknown indicator, an item not yet
 * scored, and anyone who is neither on the committee nor the unit's own people.
 */
export async function attachEvidence(user: SessionUser, projectId: string, periodId: string, input: { unitId: string; indicatorKey: string; file: unknown; correctionReason?: string }, actor: Actor) {
  const { project, org, period } = await loadPeriod(projectId, periodId);
  const unit = await db.labourRosterEntry.findUnique({ where: { id: input.unitId } });
  const committee = hasPermission(user, "labour:score", org.path);
  const unitPath = unit?.projectId === projectId ? await unitOrgPath(unit.orgId) : null;
  const ownUnit = !!unitPath && (hasPermission(user, "labour:score", unitPath) || hasPermission(user, "labour:apply", unitPath));
  if (!committee && !ownUnit) throw forbidden();
  await requireAccepted(project);
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
  // rule L-11: the members' signatures close the sheet; evidence changes it only as a correction, with its reason
  const correctionReason = input.correctionReason?.trim() || null;
  if (period.status === "signed" && !correctionReason) throw new AppError(409, "correction_reason_required", LABOUR_MESSAGES.signedNeedsReason, [{ path: "correctionReason", message: LABOUR_MESSAGES.signedNeedsReason }]);
  if (!unit || unit.projectId !== projectId) throw badRequest(LABOUR_MESSAGES.notOnRoster, [{ path: "unitId", message: LABOUR_MESSAGES.notOnRoster }]);
  if (!["section", "area", "team"].includes(unit.kind)) throw badRequest(LABOUR_MESSAGES.notCompeting, [{ path: "unitId", message: LABOUR_MESSAGES.notCompeting }]);
  const indicator = setOf(project).indicators.find((i) => i.key === input.indicatorKey);
  if (!indicator || (indicator.method !== "rubric" && indicator.method !== "quantity")) {
    const m = indicator ? LABOUR_MESSAGES.notRubric(indicator.name) : LABOUR_MESSAGES.unknownIndicator(input.indicatorKey);
    throw badRequest(m, [{ path: "indicatorKey", message: m }]);
  }
  const who: Who = committee ? (indicator.method === "quantity" ? "quantity" : "committee") : "unit";
  const byId = who === "committee" ? user.id : who === "quantity" ? "quantity" : UNIT_EVIDENCE;
  const item = { periodId, unitId: unit.id, indicatorKey: indicator.key };
  const scored = await db.labourScore.findMany({ where: { ...item, OR: [{ value: { not: null } }, { plan: { not: null } }] }, select: { byId: true } });
  if (who === "unit" ? scored.length === 0 : !scored.some((s) => s.byId === byId)) throw badRequest(EVIDENCE_MESSAGES.notScored, [{ path: "indicatorKey", message: EVIDENCE_MESSAGES.notScored }], "not_scored");
  const stored = await saveUpload(input.file, { purpose: EVIDENCE_PURPOSE, allowedTypes: EVIDENCE_TYPES, maxBytes: EVIDENCE_MAX_BYTES, field: "file", orgId: org.id }, actor);
  const row = await db.$transaction(async (tx) => {
    const key = { periodId_unitId_indicatorKey_byId: { ...item, byId } };
    const old = await tx.labourScore.findUnique({ where: key, select: { evidenceId: true } });
    const saved = await tx.labourScore.upsert({ where: key, create: { ...item, byId, evidenceId: stored.id }, update: { evidenceId: stored.id } });
    await touchProject(tx, projectId);
    await recordEvent(tx, actor, {
      action: "labour.evidence.attached", entityType: "LabourPeriod", entityId: periodId, orgId: org.id,
      before: old?.evidenceId ? { evidenceId: old.evidenceId } : undefined,
      after: { unit: unit.name, indicatorKey: indicator.key, by: who, evidenceId: stored.id, filename: stored.filename, correctionReason },
    });
    return saved;
  });
  publishLabourChange(projectId);
  return { id: row.id, unitId: unit.id, indicatorKey: indicator.key, by: who, filename: stored.filename, mimeType: stored.mimeType };
}

export type EvidenceItem = { id: string; unitId: string; indicatorKey: string; by: Who; byName: string | null; filename: string; mimeType: string; mine: boolean };

/** The evidence of a period, for a caller who may read the project (the period page has checked that). */
export async function periodEvidence(user: SessionUser, periodId: string): Promise<EvidenceItem[]> {
  const rows = await db.labourScore.findMany({ where: { periodId, evidenceId: { not: null } }, select: { id: true, unitId: true, indicatorKey: true, byId: true, evidenceId: true }, orderBy: { updatedAt: "asc" } });
  if (!rows.length) return [];
  const [files, people] = await Promise.all([
    db.storedFile.findMany({ where: { id: { in: rows.map((r) => r.evidenceId!) } }, select: { id: true, filename: true, mimeType: true, uploadedById: true } }),
    db.user.findMany({ where: { id: { in: rows.map((r) => r.byId) } }, select: { id: true, displayName: true } }),
  ]);
  return rows.flatMap((r) => {
    const file = files.find((f) => f.id === r.evidenceId);
    if (!file) return [];
    const by: Who = r.byId === UNIT_EVIDENCE ? "unit" : r.byId === "quantity" ? "quantity" : "committee";
    return [{ id: r.id, unitId: r.unitId, indicatorKey: r.indicatorKey, by, byName: people.find((p) => p.id === r.byId)?.displayName ?? null, filename: file.filename, mimeType: file.mimeType, mine: file.uploadedById === user.id }];
  });
}

/** One evidence file's bytes: for whoever may read the project, or the unit's own people; 403 for anyone else. */
export async function readEvidence(user: SessionUser, projectId: string, periodId: string, scoreId: string) {
  const { org } = await loadPeriod(projectId, periodId);
  const row = await db.labourScore.findUnique({ where: { id: scoreId }, select: { periodId: true, unitId: true, evidenceId: true } });
  if (!row || row.periodId !== periodId || !row.evidenceId) throw notFound(EVIDENCE_MESSAGES.notFound);
  let allowed = hasPermission(user, "labour:read", org.path);
  if (!allowed) {
    const unit = await db.labourRosterEntry.findUnique({ where: { id: row.unitId }, select: { orgId: true } });
    const path = await unitOrgPath(unit?.orgId ?? null);
    allowed = !!path && hasPermission(user, "labour:read", path);
  }
  if (!allowed) throw forbidden(EVIDENCE_MESSAGES.refused);
  return readFile(row.evidenceId);
}

// ------------------------------------------------------------------ the unit's own page (brief ux item 1)

const COMPETING = ["section", "area", "team"];

/** Whether the user is one of the unit's own people: labour:apply or labour:score over the unit's organisation. */
function isUnitPerson(user: SessionUser, unitPath: string | null) {
  return !!unitPath && (hasPermission(user, "labour:score", unitPath) || hasPermission(user, "labour:apply", unitPath));
}

/**
 * The roster entries (标段, 工区, 班组) whose organisation the user belongs to, in accepted
 * projects: the units for which they may attach their own evidence. Scoped by the grants'
 * organisation subtrees; a user whose grants cover the project's own organisation is on its
 * committee side instead and is not listed here.
 */
export async function myEvidenceUnits(user: SessionUser) {
  const scopes = user.grants.filter((g) => g.permissions.includes("labour:apply") || g.permissions.includes("labour:score")).map((g) => g.orgPath);
  if (!scopes.length) return [];
  const orgs = await db.organisation.findMany({ where: { OR: scopes.map((p) => ({ path: { startsWith: p } })) }, select: { id: true, path: true }, take: 2000 });
  if (!orgs.length) return [];
  const entries = await db.labourRosterEntry.findMany({ where: { orgId: { in: orgs.map((o) => o.id) }, kind: { in: COMPETING } }, select: { id: true, name: true, kind: true, projectId: true }, orderBy: { name: "asc" }, take: 500 });
  if (!entries.length) return [];
  const projects = await db.labourProject.findMany({ where: { id: { in: [...new Set(entries.map((e) => e.projectId))] } }, select: { id: true, name: true, orgId: true, submissionId: true } });
  const projectOrgs = await db.organisation.findMany({ where: { id: { in: projects.map((p) => p.orgId) } }, select: { id: true, path: true } });
  const accepted = new Set((await db.reviewSubmission.findMany({ where: { id: { in: projects.map((p) => p.submissionId).filter((x): x is string => !!x) }, status: "approved" }, select: { id: true } })).map((s) => s.id));
  return entries.flatMap((e) => {
    const project = projects.find((p) => p.id === e.projectId);
    const orgPath = projectOrgs.find((o) => o.id === project?.orgId)?.path;
    if (!project || !orgPath || !project.submissionId || !accepted.has(project.submissionId)) return [];
    // the committee side (labour:score over the project) works on the period page
    if (hasPermission(user, "labour:score", orgPath)) return [];
    return [{ unitId: e.id, unitName: e.name, kind: e.kind, projectId: project.id, projectName: project.name }];
  });
}

/**
 * The unit's evidence page: the project's periods, and for the chosen period (the latest one
 * not awarded, unless asked) each assessed item with whether it has been scored and the unit's
 * own file. Only the unit's own people: anyone else gets 403.
 */
export async function unitEvidencePage(user: SessionUser, projectId: string, unitId: string, periodId?: string | null) {
  const project = await db.labourProject.findUnique({ where: { id: projectId } });
  if (!project) throw notFound(LABOUR_MESSAGES.projectNotFound);
  const unit = await db.labourRosterEntry.findUnique({ where: { id: unitId } });
  if (!unit || unit.projectId !== projectId || !COMPETING.includes(unit.kind)) throw notFound(LABOUR_MESSAGES.notOnRoster);
  // the committee side (labour:score over the project's organisation) attaches on the period page
  const projectPath = (await db.organisation.findUnique({ where: { id: project.orgId }, select: { path: true } }))?.path ?? null;
  const committee = !!projectPath && hasPermission(user, "labour:score", projectPath);
  if (committee || !isUnitPerson(user, await unitOrgPath(unit.orgId))) throw forbidden(EVIDENCE_MESSAGES.notYourUnit);
  await requireAccepted(project);
  const periods = await db.labourPeriod.findMany({ where: { projectId }, orderBy: { seq: "asc" }, select: { id: true, seq: true, label: true, fromDate: true, toDate: true, status: true } });
  const chosen = (periodId ? periods.find((p) => p.id === periodId) : null) ?? [...periods].reverse().find((p) => p.status !== "awarded" && p.fromDate <= new Date().toISOString().slice(0, 10)) ?? periods.find((p) => p.status !== "awarded") ?? periods[periods.length - 1] ?? null;
  if (periodId && chosen?.id !== periodId) throw notFound(LABOUR_MESSAGES.periodNotFound);
  const set = setOf(project);
  const indicators = set.indicators.filter((i) => i.method === "rubric" || i.method === "quantity");
  const rows = chosen ? await db.labourScore.findMany({ where: { periodId: chosen.id, unitId }, select: { id: true, indicatorKey: true, byId: true, value: true, plan: true, evidenceId: true } }) : [];
  const files = await db.storedFile.findMany({ where: { id: { in: rows.map((r) => r.evidenceId).filter((x): x is string => !!x) } }, select: { id: true, filename: true, mimeType: true } });
  const items = indicators.map((i) => {
    const own = rows.find((r) => r.indicatorKey === i.key && r.byId === UNIT_EVIDENCE && r.evidenceId);
    const file = own ? files.find((f) => f.id === own.evidenceId) : undefined;
    return {
      key: i.key, name: i.name, method: i.method,
      scored: rows.some((r) => r.indicatorKey === i.key && (r.value !== null || r.plan !== null)),
      evidence: own && file ? { id: own.id, filename: file.filename, mimeType: file.mimeType } : null,
    };
  });
  return {
    project: { id: project.id, name: project.name },
    unit: { id: unit.id, name: unit.name, kind: unit.kind },
    set,
    periods: periods.map((p) => ({ id: p.id, seq: p.seq, label: p.label, from: p.fromDate, to: p.toDate, status: p.status })),
    period: chosen ? { id: chosen.id, seq: chosen.seq, label: chosen.label, from: chosen.fromDate, to: chosen.toDate, status: chosen.status } : null,
    items,
    maxBytes: EVIDENCE_MAX_BYTES,
  };
}

/** An API client's file (base64 in the JSON body) as the File the upload checks read; bad base64 is refused. */
export const evidenceFileFromBase64 = (filename: string, contentBase64: string): File => fileFromBase64(filename, contentBase64);
