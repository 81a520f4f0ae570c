// Factories for integration tests: every test builds the data it needs, with unique
// names, so no test depends on another's leftovers.
import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { createSession, hashPassword } from "~/utils/auth.server";
import { seedRolesAndPermissions } from "../prisma/seed";
import { birthDateOf, makeIdNumber, sexOf } from "~/modules/members/id-number";
import { protectIdNumber } from "~/modules/members/id-protection.server";

export const uid = () => crypto.randomBytes(5).toString("hex");

let rolesReady: Promise<void> | undefined;
export const ensureRoles = () => (rolesReady ??= seedRolesAndPermissions());

export async function createOrg(input: { name?: string; type: string; parent?: { id: string; path: string; depth: number } | null; ownership?: string }) {
  const id = `t-${uid()}`;
  const parent = input.parent ?? null;
  return db.organisation.create({
    data: {
      id,
      name: input.name ?? `测试组织${id}`,
      type: input.type,
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
      depth: parent ? parent.depth + 1 : 0,
      ownership: input.ownership ?? null,
    },
  });
}

/** A small province: two cities, each with a district and an enterprise with one team. */
export async function createProvince() {
  const national = await createOrg({ type: "national", name: `全总${uid()}` });
  const province = await createOrg({ type: "provincial", parent: national });
  const cityA = await createOrg({ type: "city", parent: province, name: `甲市总工会${uid()}` });
  const cityB = await createOrg({ type: "city", parent: province, name: `乙市总工会${uid()}` });
  const districtA = await createOrg({ type: "county", parent: cityA });
  const districtB = await createOrg({ type: "county", parent: cityB });
  const enterpriseA = await createOrg({ type: "grassroots", parent: districtA, ownership: "非公" });
  const enterpriseB = await createOrg({ type: "grassroots", parent: districtB, ownership: "公有" });
  const teamA = await createOrg({ type: "team", parent: enterpriseA });
  return { national, province, cityA, cityB, districtA, districtB, enterpriseA, enterpriseB, teamA };
}

export const TEST_PASSWORD = "test-pass-2026";
let cachedHash: string | undefined;

export async function createUser(grants: { role: string; orgId: string }[] = [], opts: { username?: string; memberId?: string } = {}) {
  await ensureRoles();
  cachedHash ??= await hashPassword(TEST_PASSWORD);
  const username = opts.username ?? `u_${uid()}`;
  const user = await db.user.create({ data: { username, displayName: `测试用户${username}`, passwordHash: cachedHash, memberId: opts.memberId ?? null } });
  for (const g of grants) await db.roleGrant.create({ data: { userId: user.id, roleKey: g.role, orgId: g.orgId } });
  return user;
}

/** A Cookie header for a signed-in session of this user. */
export async function sessionCookieFor(userId: string) {
  const setCookie = await createSession(userId, new Request("http://localhost/login"), { userId: null, requestId: null });
  return setCookie.split(";")[0];
}

/** A valid, practically unique 身份证号: random birth date and sequence (10^7 combinations per region). */
export function validIdNumber(region = "330106", birth?: { y: number; m: number; d: number }) {
  const r = crypto.randomBytes(4);
  const date = birth ?? { y: 1966 + (r[0] % 38), m: 1 + (r[1] % 12), d: 1 + (r[2] % 28) };
  return makeIdNumber(region, date, crypto.randomInt(1000));
}

export async function createMember(orgId: string, overrides: Partial<{ name: string; employmentStatus: string; idNumber: string }> = {}) {
  const idNumber = overrides.idNumber ?? validIdNumber();
  return db.member.create({
    data: {
      name: overrides.name ?? `张${uid().slice(0, 2)}`,
      sex: sexOf(idNumber),
      ethnicity: "汉族",
      birthDate: birthDateOf(idNumber)!,
      ...protectIdNumber(idNumber),
      orgId,
      employmentStatus: overrides.employmentStatus ?? "职工",
    },
  });
}

/** Build a Request as a browser would send it. */
export function makeRequest(path: string, init: { method?: string; cookie?: string; form?: Record<string, string>; json?: unknown; token?: string; body?: BodyInit; headers?: Record<string, string> } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  let body: BodyInit | undefined = init.body;
  if (init.form) body = new URLSearchParams(init.form);
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers.set("Content-Type", "application/json");
  }
  return new Request(`http://localhost${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
}

export const ctx = { requestId: "test-request" };
