import { beforeAll, describe, expect, it } from "vitest";
import { loader as eventLogLoader } from "~/routes/admin.events";
import { action as orgAction } from "~/routes/orgs.$orgId";
import { createProvince, createUser, ctx, makeRequest, sessionCookieFor } from "../factories";

// Issue 2: every mutation writes an event in the same transaction, and the admin page shows it,
// scoped to the reader's subtree.
let p: Awaited<ReturnType<typeof createProvince>>;
let cookieA: string;
let cookieB: string;
let createdId: string;

beforeAll(async () => {
  p = await createProvince();
  cookieA = await sessionCookieFor((await createUser([{ role: "organiser", orgId: p.cityA.id }])).id);
  cookieB = await sessionCookieFor((await createUser([{ role: "organiser", orgId: p.cityB.id }])).id);
  const result = (await orgAction({
    request: makeRequest(`/orgs/${p.districtA.id}`, { cookie: cookieA, form: { intent: "create-child", name: "日志测试街道工会", type: "street" } }),
    params: { orgId: p.districtA.id }, context: ctx,
  })) as { ok: boolean; id: string };
  createdId = result.id;
});

describe("the event log page", () => {
  it("shows the organiser the change they made, with before/after and the request id", async () => {
    const data = await eventLogLoader({ request: makeRequest("/admin/events?action=org.created", { cookie: cookieA }), params: {}, context: ctx });
    const row = data.events.find((e) => e.entityId === createdId);
    expect(row?.action).toBe("org.created");
    expect(JSON.parse(row!.after!).name).toBe("日志测试街道工会");
    expect(row?.requestId).toBe("test-request");
  });

  it("does not show city A's change to the organiser of city B", async () => {
    const data = await eventLogLoader({ request: makeRequest("/admin/events?action=org.created", { cookie: cookieB }), params: {}, context: ctx });
    expect(data.events.some((e) => e.entityId === createdId)).toBe(false);
  });

  it("refuses a worker with 403", async () => {
    const worker = await createUser([{ role: "worker", orgId: p.teamA.id }]);
    const cookie = await sessionCookieFor(worker.id);
    await expect(eventLogLoader({ request: makeRequest("/admin/events", { cookie }), params: {}, context: ctx })).rejects.toMatchObject({ status: 403 });
  });
});
