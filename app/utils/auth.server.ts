import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import argon2 from "argon2";
import { db } from "./db.server";
import { getEnv } from "./env.server";
import { AppError, forbidden, unauthorized } from "./errors";
export { forbidden };
import { can, scopePaths, type Grant } from "~/modules/users/permissions";
import type { PermissionKey } from "~/modules/users/roles";
import type { Actor } from "./actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { safeRedirect } from "./safe-redirect";

// Accounts: argon2id password hashes, a database session whose id travels in a
// signed httpOnly SameSite=Lax cookie, expiry, and a failed-login lock-out kept in
// the database (so it holds across server processes).

export const sessionCookie = createCookie("gs_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: getEnv().SECURE_COOKIES === "1",
  secrets: [getEnv().SESSION_SECRET],
});

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  locale: string;
  memberId: string | null;
  sessionId: string;
  grants: Grant[];
  roleKeys: string[];
  via: "session" | "token";
};

export const hashPassword = (password: string) =>
  argon2.hash(password, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

export async function verifyPassword(hash: string, password: string) {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

const userInclude = {
  grants: { include: { org: { select: { path: true } }, role: { include: { permissions: true } } } },
} as const;

type UserWithGrants = NonNullable<Awaited<ReturnType<typeof loadUser>>>;
function loadUser(userId: string) {
  return db.user.findUnique({ where: { id: userId }, include: userInclude });
}

export function toSessionUser(user: UserWithGrants, sessionId: string, via: "session" | "token"): SessionUser {
  const grants: Grant[] = user.grants.map((g) => ({
    roleKey: g.roleKey,
    orgId: g.orgId,
    orgPath: g.org.path,
    permissions: g.role.permissions.map((p) => p.permissionKey),
  }));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    memberId: user.memberId,
    sessionId,
    grants,
    roleKeys: [...new Set(grants.map((g) => g.roleKey))],
    via,
  };
}

/** The user behind an API token, with grants, or null if the account is disabled. */
export async function loadUserForToken(userId: string, tokenId: string): Promise<SessionUser | null> {
  const user = await loadUser(userId);
  if (!user || user.disabledAt) return null;
  return toSessionUser(user, `token:${tokenId}`, "token");
}

export async function getSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** The signed-in user, or null. Expired sessions and disabled accounts count as signed out. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await getSessionId(request);
  if (!sessionId) return null;
  const session = await db.session.findUnique({ where: { id: sessionId }, include: { user: { include: userInclude } } });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  return toSessionUser(session.user, session.id, "session");
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

/**
 * The signed-in user holding `permission` (over `orgPath` when given). Answers 403
 * otherwise. Every loader and action that reads or changes scoped data calls this.
 */
export async function requirePermission(request: Request, permission: PermissionKey, orgPath?: string) {
  const user = await requireUser(request);
  assertPermission(user, permission, orgPath);
  return user;
}

export function assertPermission(user: SessionUser, permission: PermissionKey, orgPath?: string) {
  // UI routes render the friendly 403 page from a thrown Response; the API layer
  // turns the same Response into its JSON error shape.
  if (!can(user.grants, permission, orgPath)) throw new Response(forbidden().message, { status: 403, statusText: "Forbidden" });
}

export const hasPermission = (user: SessionUser, permission: PermissionKey, orgPath?: string) =>
  can(user.grants, permission, orgPath);

export const userScope = (user: SessionUser, permission: PermissionKey) => scopePaths(user.grants, permission);

export function actorOf(user: SessionUser | null, context?: { requestId?: string } | unknown): Actor {
  const requestId = (context as { requestId?: string } | undefined)?.requestId ?? null;
  return { userId: user?.id ?? null, requestId };
}

// ---------------------------------------------------------------- login / logout

export type LoginResult = { ok: true; userId: string } | { ok: false; message: string; status: number };

async function throttleState(key: string) {
  return db.loginThrottle.findUnique({ where: { key } });
}

async function registerFailure(key: string, now: Date) {
  const { LOGIN_MAX_FAILURES, LOGIN_LOCK_MINUTES } = getEnv();
  const windowMs = LOGIN_LOCK_MINUTES * 60_000;
  const current = await throttleState(key);
  const fresh = !current || now.getTime() - current.windowStart.getTime() > windowMs;
  const failures = fresh ? 1 : current.failures + 1;
  const lockedUntil = failures >= LOGIN_MAX_FAILURES ? new Date(now.getTime() + windowMs) : null;
  await db.loginThrottle.upsert({
    where: { key },
    create: { key, failures, windowStart: now, lockedUntil },
    update: { failures, windowStart: fresh ? now : current.windowStart, lockedUntil },
  });
  return { failures, lockedUntil };
}

function lockMessage(until: Date, now: Date) {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `登录失败次数过多，账号已暂时锁定，请 ${minutes} 分钟后再试。/ Too many failed sign-ins: locked, try again in ${minutes} min.`;
}

export async function attemptLogin(username: string, password: string, actor: Actor, now = new Date()): Promise<LoginResult> {
  const { LOGIN_MAX_FAILURES } = getEnv();
  const key = `user:${username.toLowerCase()}`;
  const state = await throttleState(key);
  if (state?.lockedUntil && state.lockedUntil > now) {
    return { ok: false, status: 429, message: lockMessage(state.lockedUntil, now) };
  }
  const user = await db.user.findUnique({ where: { username } });
  const valid = user && !user.disabledAt ? await verifyPassword(user.passwordHash, password) : false;
  if (!user || !valid) {
    const { failures, lockedUntil } = await registerFailure(key, now);
    if (user) {
      await recordEvent(db, actor, { action: "user.login-failed", entityType: "User", entityId: user.id, after: { failures } });
    }
    if (lockedUntil) {
      if (user) await recordEvent(db, actor, { action: "user.locked", entityType: "User", entityId: user.id, after: { lockedUntil } });
      return { ok: false, status: 429, message: lockMessage(lockedUntil, now) };
    }
    const left = LOGIN_MAX_FAILURES - failures;
    return {
      ok: false,
      status: 401,
      message: `用户名或密码错误（还可尝试 ${left} 次）。/ Wrong username or password (${left} attempts left).`,
    };
  }
  await db.loginThrottle.deleteMany({ where: { key } });
  return { ok: true, userId: user.id };
}

export async function createSession(userId: string, request: Request, actor: Actor) {
  const ttl = getEnv().SESSION_TTL_HOURS * 3_600_000;
  const id = crypto.randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        id,
        userId,
        expiresAt: new Date(Date.now() + ttl),
        userAgent: request.headers.get("user-agent")?.slice(0, 200) ?? null,
        ip: request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() ?? null,
      },
    });
    await recordEvent(tx, { ...actor, userId }, { action: "user.login", entityType: "User", entityId: userId });
  });
  // Housekeeping: expired sessions are of no use to anyone.
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return sessionCookie.serialize(id, { maxAge: ttl / 1000 });
}

export async function logout(request: Request, actor: Actor) {
  const sessionId = await getSessionId(request);
  if (sessionId) {
    const deleted = await db.session.deleteMany({ where: { id: sessionId } });
    if (deleted.count > 0 && actor.userId) {
      await recordEvent(db, actor, { action: "user.logout", entityType: "User", entityId: actor.userId });
    }
  }
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0 }) } });
}

export async function changePassword(user: SessionUser, current: string, next: string, actor: Actor) {
  const record = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(record.passwordHash, current))) {
    throw new AppError(400, "wrong_password", "当前密码不正确 / The current password is wrong", [
      { path: "currentPassword", message: "当前密码不正确 / The current password is wrong" },
    ]);
  }
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } });
    // Other sessions end: a changed password should lock out whoever knew the old one.
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: user.sessionId } } });
    await recordEvent(tx, actor, { action: "user.password-changed", entityType: "User", entityId: user.id });
  });
}

export { safeRedirect, unauthorized };
