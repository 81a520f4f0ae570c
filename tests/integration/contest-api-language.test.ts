import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "~/modules/users/api-tokens.server";
import { loadUserForToken } from "~/utils/auth.server";
import * as openRoute from "~/routes/api.v1.contests.$contestId.open-registration";
import * as archiveRoute from "~/routes/api.v1.contests.$contestId.archive";
import { createProvince, createUser, ctx, makeRequest } from "../factories";
import { createContest } from "../contest-factories";

// Issue 12 item 9: the contest API answers errors in the request's language (Accept-Language),
// past the schema too: the domain's refusals (a contest not ready to open, a step out of turn).

const CJK = /[\u3400-\u9fff]/;
let token: string;
let p: Awaited<ReturnType<typeof createProvince>>;

beforeAll(async () => {
  p = await createProvince();
  const user = await createUser([{ role: "organiser", orgId: p.cityA.id }]);
  const sessionUser = (await loadUserForToken(user.id, "bootstrap"))!;
  token = (await createApiToken(sessionUser, { name: "language" }, { userId: user.id, requestId: null })).token;
});

async function post(route: { action: (args: never) => Response | Promise<Response> }, path: string, params: Record<string, string>, lang: string, json: unknown = {}) {
  const res = await route.action({ request: makeRequest(path, { token, method: "POST", json, headers: { "Accept-Language": lang } }), params, context: ctx } as never);
  return { status: res.status, body: await res.json() };
}

describe("contest API errors in the request's language", () => {
  it("a contest without events cannot open registration: the refusal is whole in English or in Chinese", async () => {
    const contest = await createContest(p.cityA.id, { contestClass: "一类" });
    const en = await post(openRoute, `/api/v1/contests/${contest.id}/open-registration`, { contestId: contest.id }, "en-GB,en;q=0.9");
    expect(en.status).toBe(400);
    expect(en.body.error.code).toBe("not_ready");
    expect(en.body.error.message).toMatch(/^Registration cannot open yet: /);
    expect(CJK.test(en.body.error.message), en.body.error.message).toBe(false);
    for (const issue of en.body.error.issues) expect(CJK.test(issue.message), issue.message).toBe(false);
    const zh = await post(openRoute, `/api/v1/contests/${contest.id}/open-registration`, { contestId: contest.id }, "zh-CN");
    expect(zh.status).toBe(400);
    expect(zh.body.error.message).toMatch(/^还不能开放报名：/);
    expect(zh.body.error.message).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
  });

  it("archiving a contest still in preparation is refused in the reader's language", async () => {
    const contest = await createContest(p.cityA.id, { status: "draft" });
    const en = await post(archiveRoute, `/api/v1/contests/${contest.id}/archive`, { contestId: contest.id }, "en");
    expect(en.status).toBeGreaterThanOrEqual(400);
    expect(CJK.test(en.body.error.message), en.body.error.message).toBe(false);
    const zh = await post(archiveRoute, `/api/v1/contests/${contest.id}/archive`, { contestId: contest.id }, "zh-CN");
    expect(CJK.test(zh.body.error.message), zh.body.error.message).toBe(true);
  });
});
