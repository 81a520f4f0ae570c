import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { badRequest, conflict, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { readFile, saveUpload } from "~/modules/files/files.server";
import type { FileTypeKey } from "~/modules/files/file-types";
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
export async function attachEvidence(user: SessionUser, projectId: string, periodId: string, input: { unitId: string; indicatorKey: string; file: unknown }, actor: Actor) {
  const { project, org, period } = await loadPeriod(projectId, periodId);
  const unit = await db.labourRosterEntry.findUnique({ where: { id: input.unitId } });
  const committee = hasPermission(user, "labour:score", org.path);
  const unitPath = unit?.projectId === projectId ? await unitOrgPath(unit.orgId) : null;
  const ownUnit = !!unitPath && (hasPermission(user, "labour:score", unitPath) || hasPermission(user, "labour:apply", unitPath));
  if (!committee && !ownUnit) throw forbidden();
  await requireAccepted(project);
  if (period.status === "awarded") throw conflict(LABOUR_MESSAGES.awarded, "period_awarded");
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
      after: { unit: unit.name, indicatorKey: indicator.key, by: who, evidenceId: stored.id, filename: stored.filename },
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
