import { describe, expect, it } from "vitest";
import { grantsInScope, missingForGrant, removesOwnLastAdmin } from "./grant-rules";
import type { Grant } from "./permissions";

const admin: Grant = { roleKey: "admin", orgId: "zj", orgPath: "/n/zj/", permissions: ["user:manage", "org:read", "org:write", "member:read"] };
const narrowManager: Grant = { roleKey: "custom", orgId: "hz", orgPath: "/n/zj/hz/", permissions: ["user:manage", "org:read"] };

describe("who may grant a role", () => {
  it("an admin of the province may grant a role inside the province", () => {
    expect(missingForGrant([admin], ["org:read", "member:read"], "/n/zj/hz/")).toEqual([]);
  });
  it("nobody may grant outside their subtree", () => {
    expect(missingForGrant([admin], ["org:read"], "/n/js/")).toEqual(["user:manage", "org:read"]);
  });
  it("a manager may not hand out permissions they do not hold", () => {
    expect(missingForGrant([narrowManager], ["org:read", "org:write"], "/n/zj/hz/")).toEqual(["org:write"]);
  });
  it("a role without permissions still needs user:manage", () => {
    expect(missingForGrant([], [], "/n/zj/")).toEqual(["user:manage"]);
  });
});

describe("the last admin grant", () => {
  it("refuses to revoke one's own only admin grant", () => {
    expect(removesOwnLastAdmin("me", { userId: "me", roleKey: "admin" }, 1)).toBe(true);
  });
  it("allows it when another admin grant remains", () => {
    expect(removesOwnLastAdmin("me", { userId: "me", roleKey: "admin" }, 2)).toBe(false);
  });
  it("allows revoking someone else's admin grant and one's own other roles", () => {
    expect(removesOwnLastAdmin("me", { userId: "other", roleKey: "admin" }, 1)).toBe(false);
    expect(removesOwnLastAdmin("me", { userId: "me", roleKey: "organiser" }, 1)).toBe(false);
  });
});

describe("grants a viewer sees", () => {
  it("keeps only grants inside the scope, not look-alike prefixes", () => {
    const grants = [{ orgPath: "/n/zj/hz/x/" }, { orgPath: "/n/zj/nb/" }, { orgPath: "/n/zj/hzz/" }];
    expect(grantsInScope(grants, ["/n/zj/hz/"])).toEqual([{ orgPath: "/n/zj/hz/x/" }]);
  });
});
