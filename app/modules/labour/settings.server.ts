import { db } from "~/utils/db.server";
import { hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest } from "~/utils/errors";
import { joinIssueMessages } from "~/utils/messages";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { requireProject, setOf, settingsOf, touchProject } from "./labour.server";
import { publishLabourChange } from "./live.server";
import { defaultSettings, type LabourSettings } from "./settings";
import { changedGroups, SETTINGS_GROUPS, SETTINGS_RULES, validateSettings } from "./settings-schema";

// A project's rules as settings (issue 14): the organiser reads and changes them after the
// project is created. Saving is an organiser action (labour:manage over the project's union, as
// the roster, the banners and the accidents are), validated by the one schema, recorded as an
// event with the old and new values, and felt at once: touchProject moves the stamp the board
// cache compares (board-cache.server.ts), so every board and the year-end are computed again
// under the new rules, and publishLabourChange tells the open boards to read again.

export const SETTINGS_MESSAGES = {
  signedNeedsReason: "已有考评期签字，修改竞赛规则须填写更正理由 / a period is already signed: give a correction reason to change the rules",
  typeInUse: (key: string) => `奖罚事项「${key}」已有登记记录，不能删除 / event type ${key} has recorded events and cannot be removed`,
  campaignKind: "只有百日竞赛有百日设置 / only a 百日 campaign has campaign settings",
  campaignLength: "百日竞赛天数决定项目期限和考评期，创建后不能修改 / the campaign length sets the project's dates and periods and cannot change after it is created",
} as const;

export type SettingsUpdate = { settings: Partial<Record<keyof LabourSettings, unknown>>; correctionReason?: string };

/** What the settings page and GET …/settings show: the values, the defaults, each group's rule, the project's indicators. */
export async function getSettings(user: SessionUser, projectId: string) {
  const { project, org } = await requireProject(user, projectId);
  const periods = await db.labourPeriod.findMany({ where: { projectId }, select: { status: true } });
  const set = setOf(project);
  const kind = project.kind as "project" | "campaign";
  return {
    project: { id: project.id, name: project.name, kind },
    settings: settingsOf(project),
    defaults: defaultSettings(kind),
    rules: SETTINGS_RULES,
    setName: set.name,
    indicators: set.indicators.map((i) => ({ key: i.key, name: i.name, role: i.role })),
    signedPeriods: periods.filter((p) => p.status !== "open").length,
    needsCorrectionReason: periods.some((p) => p.status !== "open"),
    canManage: hasPermission(user, "labour:manage", org.path),
  };
}

/**
 * Replaces the groups given (the others keep their values) after checking the whole object.
 * Refused, changing nothing: an invalid object (400, each field named), removing an event type
 * that recorded events use (their points would lose their indicator), changing a campaign's
 * length, and, once any period is signed (rule L-11: the signed sheet is filed), a change without
 * a correction reason (409 correction_reason_required), which the event keeps.
 */
export async function saveSettings(user: SessionUser, projectId: string, input: SettingsUpdate, actor: Actor) {
  const { project, org } = await requireProject(user, projectId, "labour:manage");
  const kind = project.kind as "project" | "campaign";
  const before = settingsOf(project);
  const merged: Record<string, unknown> = { ...before };
  for (const group of SETTINGS_GROUPS) if (input.settings[group] !== undefined) merged[group] = input.settings[group];
  const checked = validateSettings(merged, setOf(project).indicators.map((i) => i.key));
  if (!checked.ok) throw badRequest(joinIssueMessages(checked.issues.map((i) => i.message)), checked.issues);
  const after = checked.settings;
  if ((kind === "campaign") !== (after.campaign !== null)) throw badRequest(SETTINGS_MESSAGES.campaignKind, [{ path: "campaign", message: SETTINGS_MESSAGES.campaignKind }]);
  if (after.campaign && before.campaign && after.campaign.lengthDays !== before.campaign.lengthDays) throw badRequest(SETTINGS_MESSAGES.campaignLength, [{ path: "campaign.lengthDays", message: SETTINGS_MESSAGES.campaignLength }]);
  const used = await db.labourEvent.findMany({ where: { projectId }, select: { typeKey: true }, distinct: ["typeKey"] });
  const removed = used.map((u) => u.typeKey).filter((key) => !after.eventTable.some((t) => t.key === key));
  if (removed.length) {
    const issues = removed.map((key) => ({ path: "eventTable", message: SETTINGS_MESSAGES.typeInUse(key) }));
    throw badRequest(joinIssueMessages(issues.map((i) => i.message)), issues);
  }
  const changed = changedGroups(before, after);
  if (changed.length === 0) return { changed, settings: before };
  const signed = await db.labourPeriod.count({ where: { projectId, status: { not: "open" } } });
  const correctionReason = input.correctionReason?.trim() || null;
  if (signed > 0 && !correctionReason) throw new AppError(409, "correction_reason_required", SETTINGS_MESSAGES.signedNeedsReason, [{ path: "correctionReason", message: SETTINGS_MESSAGES.signedNeedsReason }]);
  await db.$transaction(async (tx) => {
    await tx.labourProject.update({ where: { id: projectId }, data: { settings: JSON.stringify(after) } });
    await touchProject(tx, projectId);
    await recordEvent(tx, actor, {
      action: "labour.settings.updated", entityType: "LabourProject", entityId: projectId, orgId: org.id,
      before: Object.fromEntries(changed.map((g) => [g, before[g]])),
      after: { ...Object.fromEntries(changed.map((g) => [g, after[g]])), changed, correctionReason },
    });
  });
  publishLabourChange(projectId);
  return { changed, settings: after };
}
