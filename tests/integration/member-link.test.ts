import { beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { db } from "~/utils/db.server";
import { loadUserForToken } from "~/utils/auth.server";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { maskIdNumber } from "~/modules/members/id-number";
import { LINK_CODE_MAX_FAILURES } from "~/modules/members/link-code";
import * as memberRoute from "~/routes/members.$memberId";
import * as ownMemberRoute from "~/routes/account.member";
import * as apiLinkCodes from "~/routes/api.v1.members.$memberId.link-codes";
import * as apiMeMember from "~/routes/api.v1.me.member";
import { createMember, createProvince, createUser, ctx, makeRequest, sessionCookieFor, uid, validIdNumber } from "../factories";

// Issue 10 item 5 (decision 009): an account is linked to a member record only through a
// one-time code that the unit contact (member:write over the member's unit) generates.
// Codes are random, stored hashed, expire after 7 days, are used once, and wrong codes are
// throttled per account.

let p: Awaited<ReturnType<typeof createProvince>>;
let contact: { id: string; cookie: string; token: string };
let outsider: { id: string; cookie: string; token: string };

async function account(grants: { role: string; orgId: string }[]) {
  const user = await createUser(grants);
  const loaded = (await loadUserForToken(user.id, "bootstrap"))!;
  const token = (await createApiToken(loaded, { name: "link test" }, { userId: user.id, requestId: null })).token;
  return { id: user.id, cookie: await sessionCookieFor(user.id), token };
}

async function outcome(promise: Promise<unknown>): Promise<{ status: number; body: any }> {
  try {
    const value = await promise;
    if (value instanceof Response) {
      const text = await value.text();
      let body: unknown = text;
      try { body = JSON.parse(text); } catch { /* not JSON */ }
      return { status: value.status, body };
    }
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
    throw thrown;
  }
}

const generateOnPage = (cookie: string, memberId: string) =>
  outcome(memberRoute.action({ request: makeRequest(`/members/${memberId}`, { cookie, form: { intent: "link-code" } }), params: { memberId }, context: ctx }));

const redeemOnPage = (cookie: string, code: string) =>
  outcome(ownMemberRoute.action({ request: makeRequest("/account/member", { cookie, form: { code } }), params: {}, context: ctx }));

const worker = async () => {
  const user = await createUser([{ role: "worker", orgId: p.enterpriseA.id }]);
  return { id: user.id, cookie: await sessionCookieFor(user.id) };
};

const memberOfA = () => createMember(p.enterpriseA.id, { name: `关联${uid().slice(0, 3)}`, idNumber: validIdNumber() });

beforeAll(async () => {
  p = await createProvince();
  contact = await account([{ role: "unit_contact", orgId: p.enterpriseA.id }]);
  outsider = await account([{ role: "unit_contact", orgId: p.enterpriseB.id }]);
});

describe("the unit contact generates a code on the member's page", () => {
  it("answers the code once, stores only its hash, and logs the event without it", async () => {
    const member = await memberOfA();
    const res = await generateOnPage(contact.cookie, member.id);
    expect(res.status).toBe(200);
    const { code, expiresAt } = res.body.issued;
    expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const days = (new Date(expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const rows = await db.memberLinkCode.findMany({ where: { memberId: member.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].codeHash).toBe(crypto.createHash("sha256").update(code.replace(/-/g, "")).digest("hex"));
    expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ""));
    const event = await db.event.findFirstOrThrow({ where: { action: "member.link-code-created", entityId: member.id } });
    expect(event.after).not.toContain(code.replace(/-/g, ""));
    expect(event.after).not.toContain(code);
    // the page then says a code is waiting
    const page = await memberRoute.loader({ request: makeRequest(`/members/${member.id}`, { cookie: contact.cookie }), params: { memberId: member.id }, context: ctx });
    expect(page.link).toEqual({ linked: false, pendingCodeExpiresAt: expiresAt });
  });

  it("a contact of another unit is refused: 403 and no code", async () => {
    const member = await memberOfA();
    expect((await generateOnPage(outsider.cookie, member.id)).status).toBe(403);
    const res = await apiLinkCodes.action({ request: makeRequest(`/api/v1/members/${member.id}/link-codes`, { token: outsider.token, json: {} }), params: { memberId: member.id }, context: ctx });
    expect(res.status).toBe(403);
    expect(await db.memberLinkCode.count({ where: { memberId: member.id } })).toBe(0);
  });

  it("the API answers 201 with the code; a new code voids the earlier unused one", async () => {
    const member = await memberOfA();
    const first = (await generateOnPage(contact.cookie, member.id)).body.issued.code;
    const res = await apiLinkCodes.action({ request: makeRequest(`/api/v1/members/${member.id}/link-codes`, { token: contact.token, json: {} }), params: { memberId: member.id }, context: ctx });
    expect(res.status).toBe(201);
    const second = (await res.json()).code;
    expect(second).not.toBe(first);
    const w = await worker();
    const old = await redeemOnPage(w.cookie, first);
    expect(old.status).toBe(400);
    expect(old.body.message).toMatch(/已过期/);
    expect((await redeemOnPage(w.cookie, second)).body).toEqual({ ok: true });
  });
});

describe("the worker redeems the code", () => {
  it("links the account, records the event, shows the masked record; the code cannot be used again", async () => {
    const idNumber = validIdNumber();
    const member = await createMember(p.enterpriseA.id, { name: `本人${uid().slice(0, 3)}`, idNumber });
    const code = (await generateOnPage(contact.cookie, member.id)).body.issued.code as string;
    const w = await worker();
    expect((await redeemOnPage(w.cookie, code.toLowerCase().replace(/-/g, " "))).body).toEqual({ ok: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: w.id } })).memberId).toBe(member.id);
    const event = await db.event.findFirstOrThrow({ where: { action: "user.member-linked", entityId: w.id } });
    expect(JSON.parse(event.after!)).toMatchObject({ memberId: member.id, via: "link-code" });
    expect(event.after).not.toContain(idNumber);
    const page = await ownMemberRoute.loader({ request: makeRequest("/account/member", { cookie: w.cookie }), params: {}, context: ctx });
    expect(page.member?.idNumber).toBe(maskIdNumber(idNumber));
    expect((await db.memberLinkCode.findFirstOrThrow({ where: { memberId: member.id } })).usedById).toBe(w.id);

    const other = await worker();
    const again = await redeemOnPage(other.cookie, code);
    expect(again.status).toBe(400);
    expect(again.body.message).toMatch(/已使用/);
    expect((await db.user.findUniqueOrThrow({ where: { id: other.id } })).memberId).toBeNull();
    // once linked, the contact is told so instead of getting a new code
    const more = await generateOnPage(contact.cookie, member.id);
    expect(more.status).toBe(409);
  });

  it("an expired code links nothing", async () => {
    const member = await memberOfA();
    const code = (await generateOnPage(contact.cookie, member.id)).body.issued.code as string;
    await db.memberLinkCode.updateMany({ where: { memberId: member.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const w = await worker();
    const res = await redeemOnPage(w.cookie, code);
    expect(res.status).toBe(400);
    expect(res.body.message).toMatch(/已过期/);
    expect((await db.user.findUniqueOrThrow({ where: { id: w.id } })).memberId).toBeNull();
  });

  it("wrong codes are throttled per account: after five, even the right code waits (429)", async () => {
    const member = await memberOfA();
    const code = (await generateOnPage(contact.cookie, member.id)).body.issued.code as string;
    const w = await worker();
    for (let i = 0; i < LINK_CODE_MAX_FAILURES; i++) {
      const wrong = await redeemOnPage(w.cookie, `ABCD-EFGH-JK${i + 2}${i + 3}`);
      expect(wrong.status).toBe(400);
    }
    const blocked = await redeemOnPage(w.cookie, code);
    expect(blocked.status).toBe(429);
    expect((await db.user.findUniqueOrThrow({ where: { id: w.id } })).memberId).toBeNull();
    expect((await db.memberLinkCode.findFirstOrThrow({ where: { memberId: member.id } })).usedAt).toBeNull();
    // another account is not held up by this one's failures
    const fresh = await worker();
    expect((await redeemOnPage(fresh.cookie, code)).body).toEqual({ ok: true });
  });

  it("POST /me/member redeems by API; two accounts racing for one code: exactly one wins", async () => {
    const member = await memberOfA();
    const code = (await generateOnPage(contact.cookie, member.id)).body.issued.code as string;
    const racers = await Promise.all([0, 1].map(() => account([{ role: "worker", orgId: p.enterpriseA.id }])));
    const results = await Promise.all(racers.map((r) =>
      apiMeMember.action({ request: makeRequest("/api/v1/me/member", { token: r.token, json: { code } }), params: {}, context: ctx })));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses[0]).toBe(200);
    expect(statuses[1]).toBeGreaterThanOrEqual(400);
    const winner = results.find((r) => r.status === 200)!;
    expect(await winner.json()).toMatchObject({ memberId: member.id, name: member.name });
    expect(await db.user.count({ where: { memberId: member.id } })).toBe(1);
    const code2 = await apiMeMember.action({ request: makeRequest("/api/v1/me/member", { token: racers[0].token, json: { code: "  " } }), params: {}, context: ctx });
    expect(code2.status).toBe(400);
    expect((await code2.json()).error.issues[0].path).toBe("body.code");
  });
});
