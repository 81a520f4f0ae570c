import { describe, expect, it } from "vitest";
import { grantRankOver, grantRefusal, grantsInScope, missingForGrant, removesOwnLastAdmin } from "./grant-rules";
import type { Grant } from "./permissions";
import { ROLES } from "./roles";

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

// Issue 12 item 1: organisers staff their contests without the administrator.
const role = (key: string) => {
  const r = ROLES.find((x) => x.key === key)!;
  return { key: r.key, permissions: r.permissions };
};
const organiser: Grant = { roleKey: "organiser", orgId: "hz", orgPath: "/n/zj/hz/", permissions: role("organiser").permissions };
const organiserActor = { id: "org-1", grants: [organiser] };
const hzUnit = { path: "/n/zj/hz/u1/" };

describe("what an organiser may grant (grantRefusal)", () => {
  it("the organiser role carries user:manage (permissions are data: roles.ts, seeded and migrated)", () => {
    expect(role("organiser").permissions).toContain("user:manage");
  });
  it.each(["judge", "chief_judge", "unit_contact", "reviewer", "committee", "supervisor", "worker", "organiser"])(
    "grants %s inside their subtree though it may carry permissions they do not use",
    (key) => {
      expect(grantRefusal(organiserActor, role(key), hzUnit, "someone-else")).toBeNull();
    },
  );
  it("never grants the administrator role", () => {
    expect(grantRefusal(organiserActor, role("admin"), hzUnit)?.code).toBe("admin_only");
  });
  it("never appoints an encryption officer (rules S-33, S-34: the mapping stays with the 保密员)", () => {
    expect(grantRefusal(organiserActor, role("encryption_officer"), hzUnit)?.code).toBe("encryption_officer");
  });
  it("grants nothing outside their subtree, nor on a look-alike path", () => {
    expect(grantRefusal(organiserActor, role("judge"), { path: "/n/zj/nb/" })?.code).toBe("outside_subtree");
    expect(grantRefusal(organiserActor, role("judge"), { path: "/n/zj/hzz/" })?.code).toBe("outside_subtree");
    expect(grantRefusal(organiserActor, role("judge"), { path: "/n/zj/" })?.code).toBe("outside_subtree");
  });
  it("does not give themselves, by rank, permissions they lack", () => {
    const refusal = grantRefusal(organiserActor, role("chief_judge"), hzUnit, "org-1");
    expect(refusal?.code).toBe("self_escalation");
    expect(refusal?.missing).toEqual(expect.arrayContaining(["judging:chief", "judging:score"]));
    // a role whose permissions they already hold is no escalation
    expect(grantRefusal(organiserActor, role("organiser"), hzUnit, "org-1")).toBeNull();
  });
  it("a rank comes only from a grant that also carries user:manage over the organisation", () => {
    const unitContact: Grant = { roleKey: "unit_contact", orgId: "u1", orgPath: "/n/zj/hz/u1/", permissions: role("unit_contact").permissions };
    expect(grantRankOver([unitContact], "/n/zj/hz/u1/")).toBe(0);
    expect(grantRankOver([organiser, unitContact], "/n/zj/hz/u1/")).toBe(50);
    expect(grantRankOver([organiser], "/n/zj/nb/")).toBe(0);
  });
  it("a manager of a lower rank cannot grant above it", () => {
    const reviewerManager: Grant = { roleKey: "reviewer", orgId: "hz", orgPath: "/n/zj/hz/", permissions: [...role("reviewer").permissions, "user:manage"] };
    expect(grantRefusal({ id: "r", grants: [reviewerManager] }, role("organiser"), hzUnit)?.code).toBe("above_own_rank");
    expect(grantRefusal({ id: "r", grants: [reviewerManager] }, role("judge"), hzUnit)).toBeNull();
  });
  it("an installation's own role (not on the ladder) needs every permission it carries", () => {
    const custom = { key: "custom_auditor", permissions: ["event-log:read", "judging:supervise"] };
    const refusal = grantRefusal(organiserActor, custom, hzUnit);
    expect(refusal).toMatchObject({ code: "missing_permissions", missing: ["judging:supervise"] });
    expect(refusal?.message).toMatch(/^不能授予超出您自身权限的角色/);
  });
  it("an administrator holding every permission there may grant the administrator role", () => {
    expect(grantRefusal({ id: "a", grants: [admin] }, { key: "admin", permissions: admin.permissions }, { path: "/n/zj/hz/" })).toBeNull();
  });
  it("every refusal is Chinese first", () => {
    for (const key of ["admin", "encryption_officer"]) expect(grantRefusal(organiserActor, role(key), hzUnit)?.message).toMatch(/^[\u4e00-\u9fa5]/);
  });
});
