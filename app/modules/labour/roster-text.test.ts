import { describe, expect, it } from "vitest";
import { parseRosterText } from "./roster-text";

describe("roster lines of the apply form", () => {
  it("reads kind, name, parent and start date, Chinese or ASCII commas", () => {
    expect(parseRosterText("标段,一标段\n工区，一工区，一标段\n\n建设者,张伟,一工区,2025-03-01").lines).toEqual([
      { kind: "section", name: "一标段" },
      { kind: "area", name: "一工区", parent: "一标段" },
      { kind: "builder", name: "张伟", parent: "一工区", startOnSite: "2025-03-01" },
    ]);
  });
  it("reads the fourth column of a 标段 as the organisation behind it (rules L-7, A-12)", () => {
    expect(parseRosterText("标段,一标段,,一标段项目部\n建设者,张伟,钢筋班,2025-03-01").lines).toEqual([
      { kind: "section", name: "一标段", orgName: "一标段项目部" },
      { kind: "builder", name: "张伟", parent: "钢筋班", startOnSite: "2025-03-01" },
    ]);
  });
  it("names the bad line", () => {
    const r = parseRosterText("标段,一标段\n车间,一车间\n班组");
    expect(r.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(r.problems[0].message).toMatch(/^第 2 行/);
  });
});
