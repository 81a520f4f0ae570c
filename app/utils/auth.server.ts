import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import argon2 from "argon2";
import { db } from "./db.server";
import { getEnv } from "./env.server";
import { AppError, forbidden, unauthorized } from "./errors";
export { forbidden };
import { can, canNationally, scopePaths, type Grant } from "~/modules/users/permissions";
import type { PermissionKey } from "~/modules/users/roles";
import type { Actor } from "./actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { safeRedirect } from "./safe-redirect";
import { passwordProblem } from "~/modules/users/password-policy";

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
  /** the password was chosen by someone else (a one-time password): change it before anything else */
  mustChangePassword: boolean;
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

/** What toSessionUser reads of an account: a Prisma row with its grants, or the direct token read's (token-reader.server.ts). */
type AccountWithGrants = Pick<UserWithGrants, "id" | "username" | "displayName" | "locale" | "memberId" | "mustChangePassword"> & {
  grants: { roleKey: string; orgId: string; org: { path: string }; role: { permissions: { permissionKey: string }[] } }[];
};

export function toSessionUser(user: AccountWithGrants, sessionId: string, via: "session" | "token"): SessionUser {
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
    mustChangePassword: user.mustChangePassword,
  };
}

/** The user behind an API token, with grants, or null if the account is disabled. */
export async function loadUserForToken(userId: string, tokenId: string): Promise<SessionUser | null> {
  const user = await loadUser(userId);
  if (!user || user.disabledAt) return null;
  return toSessionUser(user, `token:${tokenId}`, "token");
}

/**
 * The accounts behind many tokens at once (the API's batch loader, issue 15): one read of the
 * users with their grants for the lot. Keyed by token id; a disabled or missing account is absent.
 */
export async function loadUsersForTokens(owners: { tokenId: string; userId: string }[]): Promise<Map<string, SessionUser>> {
  const users = await db.user.findMany({ where: { id: { in: [...new Set(owners.map((o) => o.userId))] } }, include: userInclude });
  const byId = new Map(users.map((u) => [u.id, u]));
  const out = new Map<string, SessionUser>();
  for (const { tokenId, userId } of owners) {
    const user = byId.get(userId);
    if (user && !user.disabledAt) out.set(tokenId, toSessionUser(user, `token:${tokenId}`, "token"));
  }
  return out;
}

export async function getSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

/** The signed-in user, or null. Expired sessions and disabled accounts count as signed out. */
export async function getUser(request: Request): Promise<SessionUser | null> {
  const sessionId = await getSessionId(request);
  if (!sessionId) return null;
  const session = await db.session.findUnique({ where: { id: sessionKey(sessionId) }, include: { user: { include: userInclude } } });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  return toSessionUser(session.user, session.id, "session");
}

/** Where an account that must change its password may still go: the change itself, and signing out. */
export const PASSWORD_CHANGE_PATH = "/account";
const OPEN_WHILE_PASSWORD_CHANGE_DUE = new Set([PASSWORD_CHANGE_PATH, "/logout", "/set-locale"]);

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  const url = new URL(request.url);
  if (!user) {
    throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  // A one-time password leads to the password change, page after page, until it is done (issue 12).
  if (user.mustChangePassword && user.via === "session" && !OPEN_WHILE_PASSWORD_CHANGE_DUE.has(url.pathname)) {
    throw redirect(passwordChangeUrl(url.pathname + url.search));
  }
  return user;
}

export const passwordChangeUrl = (redirectTo: string) =>
  `${PASSWORD_CHANGE_PATH}?${new URLSearchParams({ redirectTo: safeRedirect(redirectTo) })}`;

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

/** For national data (holiday calendar, review settings): the permission held over a top-level organisation. */
export function assertNationalPermission(user: SessionUser, permission: PermissionKey) {
  if (!canNationally(user.grants, permission)) throw new Response(forbidden().message, { status: 403, statusText: "Forbidden" });
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

// Sign-in throttling (decisions/006-web-security.md). No lock-out: a lock-out per username
// let anyone lock out the encryption officer by typing wrong passwords. Instead, two
// counters of recent failures, each with its own growing delay before the next attempt:
//   - per address (the client's IP as server.mjs sees it through the trusted proxy): a
//     guesser is slowed whatever usernames it tries, up to LOGIN_LOCK_MINUTES;
//   - per account (across addresses): distributed guessing is slowed too, but the delay
//     never grows beyond LOGIN_ACCOUNT_MAX_DELAY_SECONDS, so the owner waits seconds, not
//     a quarter of an hour.
// Delays start only after failures (LOGIN_MAX_FAILURES free ones per account, 4× that per
// address), so signing in many times, as the tests do, is never slowed. An attempt inside a
// delay is refused without trying the password and counts nothing. The counters are keyed
// by the typed name, not by a user, so unknown and known names answer alike; an unknown
// name costs a password check against a dummy hash (constant time).

const ADDRESS_KEY = (address: string) => `addr:${address}`;
const ACCOUNT_KEY = (username: string) => `user:${username.toLowerCase()}`;

type ThrottleRule = { key: string; free: number; maxDelayMs: number };

function throttleRules(username: string, address: string): ThrottleRule[] {
  const env = getEnv();
  return [
    { key: ADDRESS_KEY(address), free: env.LOGIN_MAX_FAILURES * 4, maxDelayMs: env.LOGIN_LOCK_MINUTES * 60_000 },
    { key: ACCOUNT_KEY(username), free: env.LOGIN_MAX_FAILURES, maxDelayMs: env.LOGIN_ACCOUNT_MAX_DELAY_SECONDS * 1000 },
  ];
}

/** The delay after `failures` failures: none for the free ones, then 1 s, 2 s, 4 s … up to the rule's cap. */
export function loginDelayMs(failures: number, free: number, maxDelayMs: number) {
  if (failures < free) return 0;
  return Math.min(maxDelayMs, 1000 * 2 ** Math.min(30, failures - free));
}

async function registerFailure(rule: ThrottleRule, now: Date) {
  // Failures are forgotten after a quiet window as long as the longest delay.
  const windowMs = getEnv().LOGIN_LOCK_MINUTES * 60_000;
  const current = await db.loginThrottle.findUnique({ where: { key: rule.key } });
  const fresh = !current || now.getTime() - Math.max(current.windowStart.getTime(), current.lockedUntil?.getTime() ?? 0) > windowMs;
  const failures = fresh ? 1 : current.failures + 1;
  const delay = loginDelayMs(failures, rule.free, rule.maxDelayMs);
  const lockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
  await db.loginThrottle.upsert({
    where: { key: rule.key },
    create: { key: rule.key, failures, windowStart: now, lockedUntil },
    update: { failures, windowStart: fresh ? now : current.windowStart, lockedUntil },
  });
  return lockedUntil;
}

function waitMessage(until: Date, now: Date) {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} 分钟 / ${Math.ceil(seconds / 60)} min` : `${seconds} 秒 / ${seconds} s`;
  const [zh, en] = wait.split(" / ");
  return `登录失败次数较多，请 ${zh}后再试。/ Too many failed sign-ins: try again in ${en}.`;
}

const WRONG_CREDENTIALS = "用户名或密码错误。/ Wrong username or password.";

// A real argon2id hash of a random password, so an unknown username costs what a known one does.
let dummyHash: Promise<string> | undefined;
const dummyPasswordHash = () => (dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex")));

/**
 * Checks a sign-in. `address` is the client's address (server.mjs passes it as
 * context.clientAddress); without one, all such attempts share one address counter.
 */
export async function attemptLogin(username: string, password: string, actor: Actor, now = new Date(), address = "unknown"): Promise<LoginResult> {
  const rules = throttleRules(username, address);
  const states = await db.loginThrottle.findMany({ where: { key: { in: rules.map((r) => r.key) } } });
  const waitUntil = states.map((s) => s.lockedUntil).filter((d): d is Date => !!d && d > now).sort((a, b) => b.getTime() - a.getTime())[0];
  if (waitUntil) return { ok: false, status: 429, message: waitMessage(waitUntil, now) };

  const user = await db.user.findUnique({ where: { username } });
  const hash = user && !user.disabledAt ? user.passwordHash : await dummyPasswordHash();
  const valid = (await verifyPassword(hash, password)) && !!user && !user.disabledAt;
  if (!user || !valid) {
    const until = (await Promise.all(rules.map((r) => registerFailure(r, now)))).filter((d): d is Date => !!d).sort((a, b) => b.getTime() - a.getTime())[0];
    if (user) await recordEvent(db, actor, { action: "user.login-failed", entityType: "User", entityId: user.id, after: { address } });
    if (until) return { ok: false, status: 429, message: `${WRONG_CREDENTIALS} ${waitMessage(until, now)}` };
    return { ok: false, status: 401, message: WRONG_CREDENTIALS };
  }
  // The account's counter ends with a success; the address's does not (a guesser holding
  // one valid account must not reset its own counter by signing in with it).
  await db.loginThrottle.deleteMany({ where: { key: ACCOUNT_KEY(username) } });
  return { ok: true, userId: user.id };
}

// Session ids travel in the cookie; the table keeps only their SHA-256, so a copy of the
// database (a backup, a read-only replica) holds no usable session.
export const sessionKey = (token: string) => crypto.createHash("sha256").update(token).digest("base64url");

/** Cookies get Secure when configured or when the request came over HTTPS (directly or via a trusted proxy). */
export const secureCookiesFor = (request: Request) => getEnv().SECURE_COOKIES === "1" || new URL(request.url).protocol === "https:";

export async function createSession(userId: string, request: Request, actor: Actor, clientAddress?: string) {
  const ttl = getEnv().SESSION_TTL_HOURS * 3_600_000;
  const token = crypto.randomBytes(32).toString("base64url");
  await db.$transaction(async (tx) => {
    await tx.session.create({
      data: {
        id: sessionKey(token),
        userId,
        expiresAt: new Date(Date.now() + ttl),
        userAgent: request.headers.get("user-agent")?.slice(0, 200) ?? null,
        ip: clientAddress ?? null,
      },
    });
    await recordEvent(tx, { ...actor, userId }, { action: "user.login", entityType: "User", entityId: userId });
  });
  // Housekeeping: expired sessions are of no use to anyone.
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  return sessionCookie.serialize(token, { maxAge: ttl / 1000, secure: secureCookiesFor(request) });
}

export async function logout(request: Request, actor: Actor) {
  const sessionId = await getSessionId(request);
  if (sessionId) {
    const deleted = await db.session.deleteMany({ where: { id: sessionKey(sessionId) } });
    if (deleted.count > 0 && actor.userId) {
      await recordEvent(db, actor, { action: "user.logout", entityType: "User", entityId: actor.userId });
    }
  }
  return redirect("/login", { headers: { "Set-Cookie": await sessionCookie.serialize("", { maxAge: 0, secure: secureCookiesFor(request) }) } });
}

export async function changePassword(user: SessionUser, current: string, next: string, actor: Actor) {
  const record = await db.user.findUniqueOrThrow({ where: { id: user.id } });
  if (!(await verifyPassword(record.passwordHash, current))) {
    throw new AppError(400, "wrong_password", "当前密码不正确 / The current password is wrong", [
      { path: "currentPassword", message: "当前密码不正确 / The current password is wrong" },
    ]);
  }
  const problem = passwordProblem(next, record.username);
  // The one-time password is known to whoever created the account: it cannot be kept.
  if (!problem && current === next) {
    const message = "新密码不能与当前密码相同 / the new password must differ from the current one";
    throw new AppError(400, "same_password", message, [{ path: "newPassword", message }]);
  }
  if (problem) throw new AppError(400, "weak_password", problem, [{ path: "newPassword", message: problem }]);
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date(), mustChangePassword: false } });
    // Other sessions end: a changed password should lock out whoever knew the old one.
    await tx.session.deleteMany({ where: { userId: user.id, id: { not: user.sessionId } } });
    await recordEvent(tx, actor, { action: "user.password-changed", entityType: "User", entityId: user.id });
  });
}

export { safeRedirect, unauthorized };
