import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { assertPermission, hasPermission, type SessionUser } from "~/utils/auth.server";
import { AppError, badRequest, conflict, notFound } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { isoDay } from "./member-fields";
import { memberScopeWhere } from "./members.server";
import {
  afterFailure, formatLinkCode, isLinkThrottled, LINK_CODE_TTL_MS, linkCodeFromBytes, linkCodeState, normaliseLinkCode,
} from "./link-code";

// Who a member record is (issue 10 item 5, decision 009):
//  - the same person may be recorded by two unrelated subtrees; neither learns of the other.
//    Inside one member:write subtree, records sharing a 身份证号 hash are listed on
//    /members/duplicates and merged: the merged record keeps its row (supersededById) for the
//    trail, and its registrations, account link, conflicts and codes move to the kept one.
//  - an account is linked to a member only through a one-time code that the unit contact
//    (member:write over the member's unit) generates and hands to the worker. Typing a name
//    and an ID number links nothing any more.

export const IDENTITY_MESSAGES = {
  memberNotFound: "找不到该会员 / member not found",
  superseded: "该会员记录已并入另一条记录，请在保留的记录上操作 / this record was merged into another: use the kept record",
  memberAlreadyLinked: "该会员记录已关联账号，无需关联码 / this member record is already linked to an account",
  codeInvalid: "关联码不正确，请核对后重试；如已遗失，请联系本单位工会重新生成 / the link code is not right: check it, or ask your unit for a new one",
  codeExpired: "关联码已过期，请联系本单位工会重新生成 / the link code has expired: ask your unit for a new one",
  codeUsed: "关联码已使用过，请联系本单位工会重新生成 / the link code has been used already: ask your unit for a new one",
  takenByOther: "该会员记录已关联其他账号，如有疑问请联系本单位工会 / this member record is already linked to another account",
  alreadyLinked: "您的账号已关联会员记录 / your account is already linked to a member record",
  tooManyAttempts: "关联码错误次数过多，请 1 小时后再试 / too many wrong codes: try again in an hour",
  sameRecord: "请选择两条不同的记录 / choose two different records",
  notSamePerson: "两条记录的身份证号不同，不是同一人，不能合并 / the two records have different ID numbers: not the same person",
  bothLinked: "两条记录都已关联账号，请先联系系统管理员解除其中一个 / both records are linked to accounts: have an administrator unlink one first",
  bothRegistered: (event: string) => `两条记录都报名了「${event}」，请先撤回其中一条报名再合并 / both records are registered for "${event}": withdraw one first`,
  mergedMeanwhile: "该记录刚被他人合并，请刷新后再操作 / the record was merged meanwhile: reload",
} as const;

const memberInclude = { org: { select: { id: true, name: true, path: true } }, user: { select: { id: true } } } as const;

async function loadMember(id: string) {
  const member = await db.member.findUnique({ where: { id }, include: memberInclude });
  if (!member) throw notFound(IDENTITY_MESSAGES.memberNotFound);
  return member;
}

const hashCode = (code: string) => crypto.createHash("sha256").update(code).digest("hex");

function newCode() {
  for (;;) {
    try {
      return linkCodeFromBytes(crypto.randomBytes(32));
    } catch {
      // 32 bytes hold 12 usable ones except with negligible probability: draw again
    }
  }
}

// ---------------------------------------------------------------- link codes

/**
 * The unit contact's side: a fresh one-time code for this member (7 days, single use).
 * A new code replaces any earlier unused one. Only the code's hash is stored; the clear
 * code is answered once, to the person who will hand it over.
 */
export async function createLinkCode(user: SessionUser, memberId: string, actor: Actor, now = new Date()) {
  const member = await loadMember(memberId);
  assertPermission(user, "member:write", member.org.path);
  if (member.supersededById) throw conflict(IDENTITY_MESSAGES.superseded, "member_superseded");
  if (member.user) throw conflict(IDENTITY_MESSAGES.memberAlreadyLinked, "member_linked");
  const code = newCode();
  const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
  await db.$transaction(async (tx) => {
    await tx.memberLinkCode.updateMany({ where: { memberId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const created = await tx.memberLinkCode.create({ data: { codeHash: hashCode(code), memberId, createdById: user.id, expiresAt } });
    // never the code itself: the event log is read by more people than the unit contact
    await recordEvent(tx, actor, {
      action: "member.link-code-created", entityType: "Member", entityId: memberId, orgId: member.orgId,
      after: { codeId: created.id, expiresAt: expiresAt.toISOString() },
    });
  });
  return { code: formatLinkCode(code), expiresAt: expiresAt.toISOString() };
}

/** Whether the member is linked, and until when an unused code waits (for the member's page). */
export async function linkStatus(memberId: string, now = new Date()) {
  const [member, pending] = await Promise.all([
    db.member.findUnique({ where: { id: memberId }, select: { user: { select: { username: true } } } }),
    db.memberLinkCode.findFirst({ where: { memberId, usedAt: null, expiresAt: { gt: now } }, orderBy: { expiresAt: "desc" }, select: { expiresAt: true } }),
  ]);
  return { linked: !!member?.user, pendingCodeExpiresAt: pending?.expiresAt.toISOString() ?? null };
}

const throttleKey = (userId: string) => `member-link:${userId}`;

async function countFailure(userId: string, now: Date) {
  const key = throttleKey(userId);
  const current = await db.loginThrottle.findUnique({ where: { key } });
  const next = afterFailure(current, now);
  await db.loginThrottle.upsert({ where: { key }, create: { key, ...next }, update: next });
}

/**
 * The worker's side: redeems a one-time code and links the signed-in account to that
 * member. Wrong codes are counted per account (5 an hour), so guessing gets nowhere.
 */
export async function redeemLinkCode(user: SessionUser, typed: string, actor: Actor, now = new Date()) {
  const account = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { memberId: true } });
  if (account.memberId) throw new AppError(409, "already_linked", IDENTITY_MESSAGES.alreadyLinked);
  const throttle = await db.loginThrottle.findUnique({ where: { key: throttleKey(user.id) } });
  if (isLinkThrottled(throttle, now)) throw new AppError(429, "too_many_attempts", IDENTITY_MESSAGES.tooManyAttempts);

  const code = normaliseLinkCode(typed);
  const row = code ? await db.memberLinkCode.findUnique({ where: { codeHash: hashCode(code) }, include: { member: { include: memberInclude } } }) : null;
  const state = row ? linkCodeState(row, now) : null;
  if (!row || state !== "usable") {
    await countFailure(user.id, now);
    const message = state === "expired" ? IDENTITY_MESSAGES.codeExpired : state === "used" ? IDENTITY_MESSAGES.codeUsed : IDENTITY_MESSAGES.codeInvalid;
    throw badRequest(message, [{ path: "code", message }], state ? `code_${state}` : "code_invalid");
  }
  const member = row.member;
  if (member.supersededById) throw conflict(IDENTITY_MESSAGES.superseded, "member_superseded");
  if (member.user && member.user.id !== user.id) throw conflict(IDENTITY_MESSAGES.takenByOther, "member_taken");
  try {
    await db.$transaction(async (tx) => {
      // single use even when two people type the same code at once
      const used = await tx.memberLinkCode.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now, usedById: user.id } });
      if (used.count !== 1) throw badRequest(IDENTITY_MESSAGES.codeUsed, [{ path: "code", message: IDENTITY_MESSAGES.codeUsed }], "code_used");
      await tx.user.update({ where: { id: user.id }, data: { memberId: member.id } });
      await recordEvent(tx, actor, {
        action: "user.member-linked", entityType: "User", entityId: user.id, orgId: member.orgId,
        before: { memberId: null }, after: { memberId: member.id, name: member.name, idNumberMasked: member.idNumberMasked, via: "link-code", codeId: row.id },
      });
    });
  } catch (error) {
    // User.memberId is unique: another account took the record a moment ago
    if ((error as { code?: string } | null)?.code === "P2002") throw conflict(IDENTITY_MESSAGES.takenByOther, "member_taken");
    throw error;
  }
  await db.loginThrottle.deleteMany({ where: { key: throttleKey(user.id) } });
  return { memberId: member.id, name: member.name, orgName: member.org.name };
}

// ---------------------------------------------------------------- duplicates inside one subtree

export type DuplicateGroup = {
  members: {
    id: string; name: string; idNumberMasked: string; birthDate: string; orgId: string; orgName: string;
    linked: boolean; registrations: number; createdAt: string;
  }[];
};

/**
 * Records of the same person (same 身份证号 hash) inside the user's member:write subtree.
 * Only records the user may write are compared, so the page says nothing about other
 * subtrees (decision 009).
 */
export async function listDuplicates(user: SessionUser): Promise<DuplicateGroup[]> {
  assertPermission(user, "member:write");
  const where = { AND: [memberScopeWhere(user, "member:write"), { supersededById: null }] };
  const groups = await db.member.groupBy({ by: ["idNumberHash"], where, having: { idNumberHash: { _count: { gt: 1 } } } });
  if (!groups.length) return [];
  const rows = await db.member.findMany({
    where: { AND: [where, { idNumberHash: { in: groups.map((g) => g.idNumberHash) } }] },
    include: { ...memberInclude, _count: { select: { registrations: true } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const byHash = new Map<string, DuplicateGroup["members"]>();
  for (const m of rows) {
    const list = byHash.get(m.idNumberHash) ?? [];
    list.push({
      id: m.id, name: m.name, idNumberMasked: m.idNumberMasked, birthDate: isoDay(m.birthDate), orgId: m.orgId, orgName: m.org.name,
      linked: !!m.user, registrations: m._count.registrations, createdAt: m.createdAt.toISOString(),
    });
    byHash.set(m.idNumberHash, list);
  }
  return [...byHash.values()].filter((g) => g.length > 1).map((members) => ({ members })).sort((a, b) => a.members[0].name.localeCompare(b.members[0].name, "zh"));
}

/**
 * Merges `mergeId` into `keepId` (same person, both in the user's member:write subtree):
 * registrations, the account link, declared conflicts and link codes move to the kept
 * record; the merged one points to it (supersededById) and stays for the trail.
 */
export async function mergeMembers(user: SessionUser, input: { keepId: string; mergeId: string }, actor: Actor) {
  if (input.keepId === input.mergeId) throw badRequest(IDENTITY_MESSAGES.sameRecord, [{ path: "mergeId", message: IDENTITY_MESSAGES.sameRecord }], "same_record");
  const [keep, merge] = await Promise.all([loadMember(input.keepId), loadMember(input.mergeId)]);
  assertPermission(user, "member:write", keep.org.path);
  assertPermission(user, "member:write", merge.org.path);
  if (keep.supersededById || merge.supersededById) throw conflict(IDENTITY_MESSAGES.mergedMeanwhile, "member_superseded");
  if (keep.idNumberHash !== merge.idNumberHash) throw badRequest(IDENTITY_MESSAGES.notSamePerson, [{ path: "mergeId", message: IDENTITY_MESSAGES.notSamePerson }], "not_same_person");
  if (keep.user && merge.user) throw conflict(IDENTITY_MESSAGES.bothLinked, "both_linked");

  return db.$transaction(async (tx) => {
    const [keepRegs, mergeRegs] = await Promise.all([
      tx.registration.findMany({ where: { memberId: keep.id }, select: { eventId: true } }),
      tx.registration.findMany({ where: { memberId: merge.id }, select: { eventId: true, event: { select: { name: true } } } }),
    ]);
    const keepEvents = new Set(keepRegs.map((r) => r.eventId));
    const clash = mergeRegs.find((r) => keepEvents.has(r.eventId));
    if (clash) throw conflict(IDENTITY_MESSAGES.bothRegistered(clash.event.name), "both_registered");

    const marked = await tx.member.updateMany({ where: { id: merge.id, supersededById: null }, data: { supersededById: keep.id } });
    if (marked.count !== 1) throw conflict(IDENTITY_MESSAGES.mergedMeanwhile, "member_superseded");
    const movedRegistrations = (await tx.registration.updateMany({ where: { memberId: merge.id }, data: { memberId: keep.id } })).count;
    if (merge.user) await tx.user.update({ where: { id: merge.user.id }, data: { memberId: keep.id } });
    await tx.conflictDeclaration.updateMany({ where: { memberId: merge.id }, data: { memberId: keep.id } });
    await tx.memberLinkCode.updateMany({ where: { memberId: merge.id }, data: { memberId: keep.id } });
    await recordEvent(tx, actor, {
      action: "member.merged", entityType: "Member", entityId: merge.id, orgId: merge.orgId,
      before: { supersededById: null, name: merge.name, orgId: merge.orgId, idNumberMasked: merge.idNumberMasked },
      after: { supersededById: keep.id, keptName: keep.name, keptOrgId: keep.orgId, movedRegistrations, movedAccount: !!merge.user },
    });
    return { keptId: keep.id, mergedId: merge.id, movedRegistrations, movedAccount: !!merge.user };
  });
}

/** For navigation and pages: may this user look for duplicates at all? */
export const canManageDuplicates = (user: SessionUser) => hasPermission(user, "member:write");


