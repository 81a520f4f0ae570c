import { describe, expect, it } from "vitest";
import { can, canNationally, scopePaths, type Grant } from "./permissions";

const cityA: Grant = { roleKey: "organiser", orgId: "a", orgPath: "/p/a/", permissions: ["org:read", "member:write"] };
const worker: Grant = { roleKey: "worker", orgId: "x", orgPath: "/p/a/x/", permissions: ["self:profile"] };

describe("permissions over an organisation subtree", () => {
  it("an organiser of city A may act inside A's subtree", () => {
    expect(can([cityA], "member:write", "/p/a/district/enterprise/")).toBe(true);
  });
  it("an organiser of city A may not act in city B or on the province itself", () => {
    expect(can([cityA], "member:write", "/p/b/")).toBe(false);
    expect(can([cityA], "member:write", "/p/")).toBe(false);
  });
  it("a path that merely starts with the same characters is not inside", () => {
    expect(can([{ ...cityA, orgPath: "/p/a/" }], "org:read", "/p/ab/")).toBe(false);
  });
  it("a permission the role lacks is refused everywhere", () => {
    expect(can([worker], "member:write", "/p/a/x/")).toBe(false);
  });
  it("scopePaths keeps only the outermost subtrees", () => {
    const nested: Grant = { ...cityA, orgId: "d", orgPath: "/p/a/d/" };
    expect(scopePaths([nested, cityA], "org:read")).toEqual(["/p/a/"]);
  });
  it("national data needs the permission over a top-level organisation, not over one city (calendar)", () => {
    const cityAdmin: Grant = { ...cityA, permissions: ["calendar:manage"] };
    const nationalAdmin: Grant = { ...cityA, orgId: "p", orgPath: "/p/", permissions: ["calendar:manage"] };
    expect(canNationally([cityAdmin], "calendar:manage")).toBe(false);
    expect(canNationally([nationalAdmin], "calendar:manage")).toBe(true);
    expect(canNationally([{ ...nationalAdmin, permissions: [] }], "calendar:manage")).toBe(false);
  });
});
