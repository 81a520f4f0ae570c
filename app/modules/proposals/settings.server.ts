import { db, type Tx } from "~/utils/db.server";
import { hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, forbidden, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { DEFAULT_PROPOSAL_SETTINGS, proposalSettingsProblems, readProposalSettings, PROPOSAL_SETTINGS_SCHEMA, type ProposalSettings } from "./settings";

// Stored settings of 合理化建议 / 技术创新成果 per organisation (issue 16: "every number is a setting
// with the documented default"). A unit uses the nearest record on its path (itself, then its
// parents); keys a record leaves out, or an organisation without one, take the defaults (settings.ts,
// decision 015). Only the organiser (proposal:settings) changes them; every change is an event.

type Client = Tx | typeof db;

/** The settings in force for an organisation path, and the organisation whose record gives them. */
export async function settingsForPath(client: Client, path: string): Promise<{ settings: ProposalSettings; fromOrgId: string | null }> {
  const ids = path.split("/").filter(Boolean);
  if (ids.length === 0) return { settings: DEFAULT_PROPOSAL_SETTINGS, fromOrgId: null };
  const records = await client.proposalSettingsRecord.findMany({ where: { orgId: { in: ids } } });
  for (const id of [...ids].reverse()) {
    const record = records.find((r) => r.orgId === id);
    if (record) return { settings: readProposalSettings(JSON.parse(record.settings)), fromOrgId: id };
  }
  return { settings: DEFAULT_PROPOSAL_SETTINGS, fromOrgId: null };
}

/** Organisations whose settings the user may change: the tops of their proposal:settings scope. */
export async function settingsOrgs(user: SessionUser) {
  const paths = userScope(user, "proposal:settings");
  if (paths.length === 0) return [];
  const ids = paths.map((p) => p.split("/").filter(Boolean).pop()!).filter(Boolean);
  return db.organisation.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, path: true }, orderBy: { depth: "asc" } });
}

async function orgFor(user: SessionUser, orgId: string) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, name: true, path: true } });
  if (!org) throw notFound("找不到该组织 / organisation not found");
  if (!hasPermission(user, "proposal:settings", org.path)) throw forbidden();
  return org;
}

/** What the settings page and the API show: the settings in force, where from, and the defaults. */
export async function getProposalSettings(user: SessionUser, orgId: string) {
  const org = await orgFor(user, orgId);
  const { settings, fromOrgId } = await settingsForPath(db, org.path);
  return { org: { id: org.id, name: org.name }, settings, fromOrgId, defaults: DEFAULT_PROPOSAL_SETTINGS };
}

/**
 * Saves an organisation's settings (the whole set). Refused with every problem named, Chinese
 * first, and nothing written: out-of-range numbers, grade thresholds not strictly descending,
 * rewards rising as the grade falls, trimming from fewer members than the minimum.
 */
export async function saveProposalSettings(user: SessionUser, orgId: string, input: unknown, actor: Actor) {
  const org = await orgFor(user, orgId);
  const parsed = PROPOSAL_SETTINGS_SCHEMA.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    throw badRequest(`设置有误：${issues.map((i) => i.message).join("；")}`, issues, "invalid_settings");
  }
  const problems = proposalSettingsProblems(parsed.data);
  if (problems.length) throw badRequest(`设置有误：${problems.map((p) => p.message).join("；")}`, problems, "invalid_settings");
  return db.$transaction(async (tx) => {
    const before = await settingsForPath(tx, org.path);
    await tx.proposalSettingsRecord.upsert({
      where: { orgId: org.id },
      create: { orgId: org.id, settings: JSON.stringify(parsed.data), updatedById: user.id },
      update: { settings: JSON.stringify(parsed.data), updatedById: user.id },
    });
    await recordEvent(tx, actor, { action: "proposal-settings.saved", entityType: "ProposalSettings", entityId: org.id, orgId: org.id, before: before.settings, after: parsed.data });
    return { org: { id: org.id, name: org.name }, settings: parsed.data, fromOrgId: org.id, defaults: DEFAULT_PROPOSAL_SETTINGS };
  });
}
