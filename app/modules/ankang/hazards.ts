// Hazard reports (rules A-4 安全生产吹哨人, A-8 隐患排查治理): the life of a report and how open
// and overdue hazards count against a team. Pure.

export const HAZARD_STATUSES = ["reported", "assigned", "fixed", "closed"] as const;
export type HazardStatus = (typeof HAZARD_STATUSES)[number];
export const HAZARD_STATUS_LABELS: Record<HazardStatus, string> = { reported: "已上报", assigned: "整改中", fixed: "已整改待销号", closed: "已销号" };

export type HazardAction = "assign" | "fix" | "close";

export type HazardState = { status: HazardStatus; fixNote: string | null; fixPhotoId: string | null };

/** What an action needs and where it leads; a refusal is a reason in both languages, "中文 / English". */
export function hazardTransition(h: HazardState, action: HazardAction, input: { closePhotoId?: string | null } = {}): { ok: true; status: HazardStatus } | { ok: false; reason: string } {
  switch (action) {
    case "assign":
      if (h.status === "reported" || h.status === "assigned") return { ok: true, status: "assigned" };
      return { ok: false, reason: "隐患已整改或已销号，不能再指派 / the hazard is already fixed or closed: it cannot be assigned again" };
    case "fix":
      if (h.status === "closed") return { ok: false, reason: "隐患已销号 / the hazard is already closed" };
      return { ok: true, status: "fixed" };
    case "close":
      if (h.status === "closed") return { ok: false, reason: "隐患已销号 / the hazard is already closed" };
      // rule A-8: 隐患排查治理 : no 销号 without a record of the fix
      if (h.status !== "fixed" || !h.fixNote?.trim()) return { ok: false, reason: "没有整改记录，不能销号：请先填写整改情况（规则 A-8）/ there is no record of the fix: describe the fix before closing (rule A-8)" };
      if (!input.closePhotoId) return { ok: false, reason: "销号须附整改后照片 / closing needs a photo after the fix" };
      return { ok: true, status: "closed" };
  }
}

export function isOverdue(h: { status: HazardStatus; dueAt: Date | string }, now: Date): boolean {
  return h.status !== "closed" && new Date(h.dueAt).getTime() < now.getTime();
}

/** rule A-8: the hazard facts of a team for its 优胜班组 conditions. */
export function teamHazardCounts(hazards: readonly { status: HazardStatus; dueAt: Date | string }[], now: Date): { openHazards: number; overdueHazards: number } {
  let openHazards = 0;
  let overdueHazards = 0;
  for (const h of hazards) {
    if (h.status === "closed") continue;
    openHazards++;
    if (isOverdue(h, now)) overdueHazards++;
  }
  return { openHazards, overdueHazards };
}
