import { beforeAll, describe, expect, it } from "vitest";
import * as orgsRoute from "~/routes/api.v1.orgs";
import { createApiToken, findTokenOwners, flushTokenUse } from "~/modules/users/api-tokens.server";
import { readTokenUsers } from "~/modules/users/token-reader.server";
import { loadUserForToken, loadUsersForTokens } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { createProvince, createUser, ctx, makeRequest } from "../factories";

// Issue 15 (bench:ankang): tokens are read by the hundred (the tokens of one round of requests
// in one read) and their lastUsedAt is written in batches. Each request must still be answered as
// its own token's account, and a token revoked or an account disabled elsewhere is still refused.

let p: Awaited<ReturnType<typeof createProvince>>;
const tokens: Record<"a" | "b" | "revoked" | "disabled", { token: string; id: string; userId: string }> = {} as never;

const tokenFor = async (userId: string) => {
  const created = await createApiToken((await loadUserForToken(userId, "bootstrap"))!, { name: "batch" }, { userId, requestId: null });
  return { token: created.token, id: created.id, userId };
};
const listOrgs = (token: string) => orgsRoute.loader({ request: makeRequest("/api/v1/orgs", { token }), params: {}, context: ctx });

beforeAll(async () => {
  p = await createProvince();
  tokens.a = await tokenFor((await createUser([{ role: "organiser", orgId: p.cityA.id }])).id);
  tokens.b = await tokenFor((await createUser([{ role: "organiser", orgId: p.cityB.id }])).id);
  tokens.revoked = await tokenFor((await createUser([{ role: "organiser", orgId: p.cityA.id }])).id);
  tokens.disabled = await tokenFor((await createUser([{ role: "organiser", orgId: p.cityB.id }])).id);
  // changed by another server process: this process's revocation hook never ran
  await db.apiToken.update({ where: { id: tokens.revoked.id }, data: { revokedAt: new Date() } });
  await db.user.update({ where: { id: tokens.disabled.userId }, data: { disabledAt: new Date() } });
});

describe("API tokens read in one batch (issue 15)", () => {
  it("answers each request of one round as its own token's account; revoked and disabled are refused", async () => {
    const [a, b, revoked, disabled, unknown] = await Promise.all([
      listOrgs(tokens.a.token), listOrgs(tokens.b.token), listOrgs(tokens.revoked.token), listOrgs(tokens.disabled.token), listOrgs("gs_unknown_token_of_nobody"),
    ]);
    expect([a.status, b.status, revoked.status, disabled.status, unknown.status]).toEqual([200, 200, 401, 401, 401]);
    const idsA = (await a.json()).items.map((o: { id: string }) => o.id);
    const idsB = (await b.json()).items.map((o: { id: string }) => o.id);
    expect(idsA).toContain(p.cityA.id);
    expect(idsA).not.toContain(p.cityB.id);
    expect(idsB).toContain(p.cityB.id);
    expect(idsB).not.toContain(p.cityA.id);
  });

  it("writes lastUsedAt in a batch, not per request: set after the flush, for the used tokens only", async () => {
    const before = Date.now();
    await flushTokenUse();
    const rows = await db.apiToken.findMany({ where: { id: { in: [tokens.a.id, tokens.b.id, tokens.revoked.id] } }, select: { id: true, lastUsedAt: true } });
    const used = new Map(rows.map((r) => [r.id, r.lastUsedAt]));
    expect(used.get(tokens.a.id)).not.toBeNull();
    expect(used.get(tokens.b.id)).not.toBeNull();
    expect(Math.abs(used.get(tokens.a.id)!.getTime() - before)).toBeLessThan(60_000);
    expect(used.get(tokens.revoked.id)).toBeNull(); // a refused token is not recorded as used
  });

  it("on SQLite reads tokens directly (prepared statements) into the same accounts as Prisma; on PostgreSQL leaves it to Prisma", async () => {
    const all = [tokens.a.token, tokens.b.token, tokens.revoked.token, tokens.disabled.token, "gs_unknown_token_of_nobody"];
    const direct = await readTokenUsers(all);
    if (process.env.TEST_DATABASE === "postgres") {
      expect(direct).toBeNull();
      return;
    }
    const owners = await findTokenOwners(all);
    const users = await loadUsersForTokens([...owners.values()].map((o) => ({ tokenId: o.id, userId: o.userId })));
    const viaPrisma = new Map([...owners].flatMap(([token, owner]) => (users.get(owner.id) ? [[token, { tokenId: owner.id, user: users.get(owner.id)! }] as const] : [])));
    // revoked, disabled and unknown tokens are absent from both
    expect([...direct!.keys()].sort()).toEqual([tokens.a.token, tokens.b.token].sort());
    const sorted = (u: { grants: { roleKey: string; orgId: string; orgPath: string; permissions: readonly string[] }[] }) => ({ ...u, grants: u.grants.map((g) => ({ ...g, permissions: [...g.permissions].sort() })) });
    for (const token of [tokens.a.token, tokens.b.token]) {
      expect(direct!.get(token)!.tokenId).toBe(viaPrisma.get(token)!.tokenId);
      expect(sorted(direct!.get(token)!.user)).toEqual(sorted(viaPrisma.get(token)!.user));
      expect(direct!.get(token)!.user.grants[0]!.permissions.length).toBeGreaterThan(0);
    }
    // an expired token is refused by the direct read too
    await db.apiToken.update({ where: { id: tokens.b.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect([...(await readTokenUsers([tokens.a.token, tokens.b.token]))!.keys()]).toEqual([tokens.a.token]);
    await db.apiToken.update({ where: { id: tokens.b.id }, data: { expiresAt: null } });
  });
});
