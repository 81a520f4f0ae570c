import { describe, expect, it } from "vitest";
import { CONTEST_LEVELS, defaultContestLevel } from "./event-rules";
import { ORG_TYPE_KEYS } from "~/modules/orgs/org-types";

// Issue 12 item 7: a new contest's level follows the organising union, so a city federation's
// organiser does not start from a national contest.
describe("defaultContestLevel", () => {
  it("maps each union level to the contest level it runs", () => {
    expect(defaultContestLevel("national")).toBe("national");
    expect(defaultContestLevel("provincial")).toBe("provincial");
    expect(defaultContestLevel("city")).toBe("city");
    expect(defaultContestLevel("county")).toBe("county");
    expect(defaultContestLevel("grassroots")).toBe("enterprise");
  });
  it("gives a contest level for every organisation type and a safe one for an unknown type", () => {
    for (const type of ORG_TYPE_KEYS) expect(CONTEST_LEVELS).toContain(defaultContestLevel(type));
    expect(defaultContestLevel(undefined)).toBe("city");
    expect(defaultContestLevel("nonsense")).toBe("city");
  });
});
