import { db, type Tx } from "~/utils/db.server";
import { assertPermission, hasPermission, userScope, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { parseInput } from "~/utils/validation";
import { recordEvent } from "~/modules/events/event-log.server";
import type { PermissionKey } from "~/modules/users/roles";
import { protectIdNumber, revealIdNumber } from "./id-protection.server";
import { isoDay } from "./member-fields";
import { MemberInputSchema, type MemberInput, type MemberListQuery, type MemberPatch, type MemberView } from "./schemas";

// 会员 service: the only code that reads or writes Member rows. Reading needs
// member:read over the member's unit, writing member:write over it (old and new unit
// when a member moves), and the clear 身份证号 leaves this file only for holders of
// member:read-id over the member's unit. Events carry the masked number only.

const memberInclude = { org: { select: { id: true, name: true, path: true } } } as const;
type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

function findMember(id: string) {
  return db.member.findUnique({ where: { id }, include: memberInclude });
}

/** Prisma where over members whose unit lies in the user's scope for a permission. */
export function memberScopeWhere(user: SessionUser, permission: PermissionKey) {
  const paths = userScope(user, permission);
  return paths.length ? { OR: paths.map((p) => ({ org: { path: { startsWith: p } } })) } : { id: "__none__" };
}

export const canRevealIdNumber = (user: SessionUser, orgPath: string) => hasPermission(user, "member:read-id", orgPath);

export function toMemberView(user: SessionUser, m: MemberRow): MemberView {
  const revealed = canRevealIdNumber(user, m.org.path);
  return {
    id: m.id, name: m.name, sex: m.sex, ethnicity: m.ethnicity, birthDate: isoDay(m.birthDate),
    idNumber: revealed ? revealIdNumber(m.idNumberCipher) : m.idNumberMasked,
    idNumberRevealed: revealed,
    phone: m.phone, orgId: m.orgId, orgName: m.org.name, post: m.post, skillLevel: m.skillLevel, title: m.title,
    employmentStatus: m.employmentStatus, isFrontline: m.isFrontline, isMigrantWorker: m.isMigrantWorker, isNewEmployment: m.isNewEmployment,
    supersededById: m.supersededById,
    createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString(),
  };
}

/** What an event may hold about a member: never the clear ID number. */
function eventView(m: Omit<MemberRow, "org" | "createdAt" | "updatedAt"> & { org?: unknown }) {
  return {
    name: m.name, sex: m.sex, ethnicity: m.ethnicity, birthDate: isoDay(m.birthDate), idNumberMasked: m.idNumberMasked,
    phone: m.phone, orgId: m.orgId, post: m.post, skillLevel: m.skillLevel, title: m.title, employmentStatus: m.employmentStatus,
    isFrontline: m.isFrontline, isMigrantWorker: m.isMigrantWorker, isNewEmployment: m.isNewEmployment,
  };
}

function listWhere(user: SessionUser, filter: Partial<MemberListQuery>, orgPath: string | null) {
  const q = filter.q?.trim();
  return {
    AND: [
      memberScopeWhere(user, "member:read"),
      // a record merged into another (decision 009) is kept for the trail, not listed
      { supersededById: null },
      orgPath ? { org: { path: { startsWith: orgPath } } } : {},
      q ? { OR: [{ name: { contains: q } }, { phone: { contains: q } }, { org: { name: { contains: q } } }] } : {},
      filter.skillLevel ? { skillLevel: filter.skillLevel } : {},
      filter.employmentStatus ? { employmentStatus: filter.employmentStatus } : {},
    ],
  };
}

/** The path of the organisation a list is filtered to; members outside the caller's scope stay out either way. */
async function filterOrgPath(orgId: string | undefined) {
  if (!orgId) return null;
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { path: true } });
  if (!org) throw badRequest("筛选的组织不存在 / the organisation filter does not exist", [{ path: "orgId", message: "组织不存在 / not found" }]);
  return org.path;
}

export async function listMembers(user: SessionUser, filter: Partial<MemberListQuery> = {}) {
  assertPermission(user, "member:read");
  const page = filter.page ?? 1;
  const pageSize = Math.min(filter.pageSize ?? 50, 200);
  const where = listWhere(user, filter, await filterOrgPath(filter.orgId));
  const [total, rows] = await Promise.all([
    db.member.count({ where }),
    db.member.findMany({ where, include: memberInclude, orderBy: [{ name: "asc" }, { id: "asc" }], skip: (page - 1) * pageSize, take: pageSize }),
  ]);
  return { items: rows.map((m) => toMemberView(user, m)), total, page, pageSize };
}

export const MAX_EXPORT_ROWS = 50_000;

/** Every member the filters select (no paging), for the Excel export. */
export async function listMembersForExport(user: SessionUser, filter: Partial<MemberListQuery> = {}) {
  assertPermission(user, "member:read");
  const rows = await db.member.findMany({
    where: listWhere(user, filter, await filterOrgPath(filter.orgId)),
    include: memberInclude,
    orderBy: [{ org: { path: "asc" } }, { name: "asc" }, { id: "asc" }],
    take: MAX_EXPORT_ROWS,
  });
  return rows.map((m) => toMemberView(user, m));
}

export async function getMember(user: SessionUser, id: string) {
  const member = await findMember(id);
  if (!member) throw notFound("找不到该会员 / member not found");
  assertPermission(user, "member:read", member.org.path);
  return { member: toMemberView(user, member), canWrite: hasPermission(user, "member:write", member.org.path) };
}

/** Units the user may pick for a member (inside the member:write scope), or browse (member:read). */
export async function unitOptions(user: SessionUser, permission: "member:read" | "member:write") {
  const paths = userScope(user, permission);
  if (!paths.length) return [];
  return db.organisation.findMany({
    where: { OR: paths.map((p) => ({ path: { startsWith: p } })) },
    select: { id: true, name: true, path: true, depth: true },
    orderBy: { path: "asc" },
  });
}

async function requireWritableUnit(user: SessionUser, orgId: string) {
  const org = await db.organisation.findUnique({ where: { id: orgId }, select: { id: true, path: true } });
  if (!org) throw badRequest("所在单位不存在 / the unit does not exist", [{ path: "orgId", message: "所在单位不存在 / the unit does not exist" }]);
  assertPermission(user, "member:write", org.path);
  return org;
}

export const duplicateIdNumber = (detail = "") => {
  const message = `该身份证号已登记为会员${detail} / a member with this ID number already exists`;
  return new AppError(409, "duplicate_id_number", message, [{ path: "idNumber", message }]);
};

/**
 * Members in the user's member:write subtree holding this ID number (found by its keyed
 * hash, never by decrypting). Issue 10 item 5, decision 009: the check looks inside the
 * caller's own subtree only. A number recorded by another city is never reported, or
 * the check would confirm a full 身份证号 guessed from its mask and a birth date.
 */
function duplicatesInScopeWhere(user: SessionUser, idNumberHash: string) {
  return { AND: [memberScopeWhere(user, "member:write"), { idNumberHash, supersededById: null }] };
}

/** Refuses an ID number another member of the caller's own subtree already has. */
async function assertIdNumberFree(user: SessionUser, idNumberHash: string, exceptId?: string) {
  const other = await db.member.findFirst({ where: { ...duplicatesInScopeWhere(user, idNumberHash), ...(exceptId ? { id: { not: exceptId } } : {}) }, include: memberInclude });
  if (!other) return;
  throw duplicateIdNumber(`（${other.name}，${other.org.name}）`);
}

function memberData(input: MemberInput) {
  const { idNumber, ...rest } = input;
  return { ...rest, ...protectIdNumber(idNumber) };
}

export async function createMember(user: SessionUser, input: MemberInput, actor: Actor) {
  await requireWritableUnit(user, input.orgId);
  const data = memberData(input);
  await assertIdNumberFree(user, data.idNumberHash);
  const member = await db.$transaction(async (tx) => {
    const created = await tx.member.create({ data, include: memberInclude });
    await recordEvent(tx, actor, { action: "member.created", entityType: "Member", entityId: created.id, orgId: created.orgId, after: eventView(created) });
    return created;
  });
  return toMemberView(user, member);
}

/** The stored record as input values, so a partial change can be validated as a whole. */
function inputOf(m: MemberRow): Record<string, unknown> {
  return {
    name: m.name, sex: m.sex, ethnicity: m.ethnicity, birthDate: m.birthDate, idNumber: revealIdNumber(m.idNumberCipher),
    phone: m.phone, orgId: m.orgId, post: m.post, skillLevel: m.skillLevel, title: m.title, employmentStatus: m.employmentStatus,
    isFrontline: m.isFrontline, isMigrantWorker: m.isMigrantWorker, isNewEmployment: m.isNewEmployment,
  };
}

/**
 * Applies a change: absent (undefined) fields keep their value. The merged record is
 * validated with the same schema as a new one, so sex and date of birth keep agreeing
 * with the ID number.
 */
export async function updateMember(user: SessionUser, id: string, patch: MemberPatch | Record<string, unknown>, actor: Actor) {
  const before = await findMember(id);
  if (!before) throw notFound("找不到该会员 / member not found");
  assertPermission(user, "member:write", before.org.path);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  // A changed ID number re-derives sex and date of birth unless they are given too.
  if ("idNumber" in changes) {
    if (!("sex" in changes)) changes.sex = null;
    if (!("birthDate" in changes)) changes.birthDate = null;
  }
  const input = parseInput(MemberInputSchema, { ...inputOf(before), ...changes });
  if (input.orgId !== before.orgId) await requireWritableUnit(user, input.orgId);
  const data = memberData(input);
  const idChanged = data.idNumberHash !== before.idNumberHash;
  if (idChanged) await assertIdNumberFree(user, data.idNumberHash, id);
  const after = await db.$transaction(async (tx) => {
    const updated = await tx.member.update({
      where: { id },
      // Re-encrypting an unchanged number would only churn the ciphertext.
      data: idChanged ? data : { ...data, idNumberCipher: before.idNumberCipher },
      include: memberInclude,
    });
    await recordEvent(tx, actor, {
      action: "member.updated", entityType: "Member", entityId: id, orgId: updated.orgId, before: eventView(before), after: eventView(updated),
    });
    return updated;
  });
  return toMemberView(user, after);
}

// ---------------------------------------------------------------- bulk insert (Excel import)

/**
 * Inserts already validated members in the caller's transaction, with one
 * member.created event each. Written in batches: one statement per 500 rows instead
 * of two per row keeps a 2,000-row import to a few seconds.
 */
export async function insertMembers(tx: Tx, inputs: readonly MemberInput[], actor: Actor) {
  const ids: string[] = [];
  for (let i = 0; i < inputs.length; i += 500) {
    const created = await tx.member.createManyAndReturn({ data: inputs.slice(i, i + 500).map(memberData) });
    // The batch form of recordEvent: same columns, same JSON, never the clear ID number.
    await tx.event.createMany({
      data: created.map((m) => ({
        actorId: actor.userId, requestId: actor.requestId, action: "member.created", entityType: "Member",
        entityId: m.id, orgId: m.orgId, before: null, after: JSON.stringify({ ...eventView(m), via: "import" }),
      })),
    });
    ids.push(...created.map((m) => m.id));
  }
  return ids;
}

/**
 * Which of these hashes already belong to a member of the importer's own member:write
 * subtree (chunked: SQLite limits bound parameters). Numbers recorded elsewhere are not
 * reported: issue 10 item 5, decision 009.
 */
export async function existingIdNumberHashes(user: SessionUser, hashes: readonly string[]) {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db.member.findMany({
      where: { AND: [memberScopeWhere(user, "member:write"), { supersededById: null, idNumberHash: { in: hashes.slice(i, i + 500) } }] },
      select: { idNumberHash: true },
    });
    for (const r of rows) found.add(r.idNumberHash);
  }
  return found;
}

// ---------------------------------------------------------------- linking an account to its member

/** The record linked to the signed-in account, for its owner: the ID number stays masked. */
export async function getOwnMember(user: SessionUser) {
  const account = await db.user.findUnique({ where: { id: user.id }, select: { member: { include: memberInclude } } });
  const m = account?.member;
  if (!m) return null;
  return {
    name: m.name, sex: m.sex, ethnicity: m.ethnicity, birthDate: isoDay(m.birthDate), idNumber: m.idNumberMasked,
    phone: m.phone, orgName: m.org.name, post: m.post, skillLevel: m.skillLevel, title: m.title, employmentStatus: m.employmentStatus,
    isFrontline: m.isFrontline, isMigrantWorker: m.isMigrantWorker, isNewEmployment: m.isNewEmployment,
  };
}
