import { db } from "~/utils/db.server";
import { assertPermission, hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { badRequest, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { canBeChildOf, isOrgType, ORG_TYPES } from "./org-types";
import type { OrgInput, OrgUpdate } from "./schemas";

const publicFields = {
  id: true, name: true, shortName: true, type: true, parentId: true, path: true, depth: true, ownership: true, industry: true, region: true, unitCategory: true,
} as const;

export type OrgRow = { id: string; name: string; shortName: string | null; type: string; parentId: string | null; path: string; depth: number; ownership: string | null; industry: string | null; region: string | null; unitCategory: string | null };

/** Where-clause for everything inside the user's scope for a permission. */
export function scopeWhere(user: SessionUser, permission: Parameters<typeof userScope>[1]) {
  const paths = userScope(user, permission);
  return { OR: paths.length ? paths.map((p) => ({ path: { startsWith: p } })) : [{ id: "__none__" }] };
}

export async function listOrgs(user: SessionUser, filter: { q?: string; type?: string; parentId?: string } = {}) {
  assertPermission(user, "org:read");
  return db.organisation.findMany({
    where: {
      AND: [
        scopeWhere(user, "org:read"),
        filter.q ? { name: { contains: filter.q } } : {},
        filter.type ? { type: filter.type } : {},
        filter.parentId ? { parentId: filter.parentId } : {},
      ],
    },
    select: publicFields,
    orderBy: [{ depth: "asc" }, { name: "asc" }],
  });
}

export type OrgTreeNode = OrgRow & { children: OrgTreeNode[] };

export function buildTree(rows: OrgRow[]): OrgTreeNode[] {
  const nodes = new Map(rows.map((r) => [r.id, { ...r, children: [] as OrgTreeNode[] }]));
  const roots: OrgTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

export async function getOrg(user: SessionUser, id: string) {
  const org = await db.organisation.findUnique({ where: { id }, select: { ...publicFields, _count: { select: { members: true, children: true } } } });
  if (!org) throw notFound("找不到该组织 / organisation not found");
  assertPermission(user, "org:read", org.path);
  return org;
}

export async function createOrg(user: SessionUser, input: OrgInput, actor: Actor) {
  const parent = await db.organisation.findUnique({ where: { id: input.parentId } });
  if (!parent) throw badRequest("上级组织不存在 / parent not found", [{ path: "parentId", message: "上级组织不存在 / parent not found" }]);
  assertPermission(user, "org:write", parent.path);
  if (!isOrgType(input.type) || !isOrgType(parent.type) || !canBeChildOf(input.type, parent.type)) {
    const message = `「${ORG_TYPES[input.type as keyof typeof ORG_TYPES]?.zh ?? input.type}」不能设在「${ORG_TYPES[parent.type as keyof typeof ORG_TYPES]?.zh ?? parent.type}」之下 / this type cannot sit under that parent`;
    throw badRequest(message, [{ path: "type", message }]);
  }
  return db.$transaction(async (tx) => {
    const created = await tx.organisation.create({
      data: {
        name: input.name, shortName: input.shortName ?? null, type: input.type, parentId: parent.id,
        depth: parent.depth + 1, path: `${parent.path}__pending__${Date.now()}/`,
        ownership: input.ownership ?? null, industry: input.industry ?? null, region: input.region ?? null, unitCategory: input.unitCategory ?? null,
      },
    });
    const org = await tx.organisation.update({ where: { id: created.id }, data: { path: `${parent.path}${created.id}/` }, select: publicFields });
    await recordEvent(tx, actor, { action: "org.created", entityType: "Organisation", entityId: org.id, orgId: org.id, after: org });
    return org;
  });
}

export async function updateOrg(user: SessionUser, id: string, input: OrgUpdate, actor: Actor) {
  const before = await db.organisation.findUnique({ where: { id }, select: publicFields });
  if (!before) throw notFound("找不到该组织 / organisation not found");
  assertPermission(user, "org:write", before.path);
  return db.$transaction(async (tx) => {
    const after = await tx.organisation.update({
      where: { id },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        shortName: input.shortName ?? null, ownership: input.ownership ?? null, industry: input.industry ?? null, region: input.region ?? null,
        unitCategory: input.unitCategory ?? null,
      },
      select: publicFields,
    });
    await recordEvent(tx, actor, { action: "org.updated", entityType: "Organisation", entityId: id, orgId: id, before, after });
    return after;
  });
}

export const canWriteOrg = (user: SessionUser, path: string) => hasPermission(user, "org:write", path);
