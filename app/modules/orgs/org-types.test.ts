import { describe, expect, it } from "vitest";
import { canBeChildOf } from "./org-types";

describe("the union hierarchy", () => {
  it("a city federation sits under a provincial federation, not directly under 全总", () => {
    expect(canBeChildOf("city", "provincial")).toBe(true);
    expect(canBeChildOf("city", "national")).toBe(false);
  });
  it("teams sit only under a grass-roots union", () => {
    expect(canBeChildOf("team", "grassroots")).toBe(true);
    expect(canBeChildOf("team", "county")).toBe(false);
  });
  it("only 全总 may be a root", () => {
    expect(canBeChildOf("national", null)).toBe(true);
    expect(canBeChildOf("provincial", null)).toBe(false);
  });
});
