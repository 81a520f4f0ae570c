import { describe, expect, it } from "vitest";
import { reviewerRecusal } from "./recusal";
import { DEFAULT_PROPOSAL_SETTINGS } from "./settings";
import { disputeBlock, reviewSessionLabel, reviewSessionOf, topTenProblems, transition } from "./workflow";

describe("state machine", () => {
  it("the happy path", () => {
    expect(transition("draft", "submit")).toEqual({ ok: true, to: "submitted" });
    expect(transition("submitted", "send_to_review")).toEqual({ ok: true, to: "in_review" });
    expect(transition("in_review", "adopt")).toEqual({ ok: true, to: "adopted" });
    expect(transition("adopted", "implement")).toEqual({ ok: true, to: "implemented" });
    expect(transition("implemented", "confirm_benefit")).toEqual({ ok: true, to: "benefit_confirmed" });
    expect(transition("in_review", "reject")).toEqual({ ok: true, to: "not_adopted" });
    expect(transition("submitted", "merge")).toEqual({ ok: true, to: "merged" });
  });
  it("withdrawal only until review", () => {
    expect(transition("draft", "withdraw").ok).toBe(true);
    expect(transition("submitted", "withdraw").ok).toBe(true);
    const late = transition("in_review", "withdraw");
    expect(late.ok).toBe(false);
    if (!late.ok) expect(late.message).toMatch(/^已进入评审的建议不能撤回/);
  });
  it("no skipping: a benefit cannot be confirmed before implementation", () => {
    expect(transition("adopted", "confirm_benefit").ok).toBe(false);
    expect(transition("not_adopted", "adopt").ok).toBe(false);
  });
});

describe("rule I-2: the dispute block", () => {
  it("an open dispute blocks; a resolved one does not", () => {
    expect(disputeBlock([{ kind: "ip", status: "open" }])).toMatch(/^存在未解决的知识产权争议/);
    expect(disputeBlock([{ kind: "authorship", status: "open" }, { kind: "ip", status: "open" }])).toMatch(/署名、知识产权/);
    expect(disputeBlock([{ kind: "ip", status: "resolved" }])).toBeNull();
    expect(disputeBlock([])).toBeNull();
  });
});

describe("rule I-2: review sessions twice a year", () => {
  it("January–June is the first, July–December the second", () => {
    expect(reviewSessionOf("2026-06-30", 2)).toBe("2026-1");
    expect(reviewSessionOf("2026-07-01", 2)).toBe("2026-2");
    expect(reviewSessionLabel("2026-2", 2)).toBe("2026年下半年");
    expect(reviewSessionOf("2026-12-31", 4)).toBe("2026-4");
  });
});

describe("recusal of co-authors' colleagues (as S-31 for judges)", () => {
  const authors = [{ memberId: "m1", unitId: "u1", unitName: "杭钢", teamId: "t1", teamName: "炼钢一班" }, { memberId: "m2", unitId: "u2", teamId: "t2" }];
  it("own proposal, same team, same unit are refused", () => {
    expect(reviewerRecusal({ memberId: "m2", unitId: "u9", teamId: null }, authors)?.code).toBe("own-proposal");
    expect(reviewerRecusal({ memberId: "x", unitId: "u1", teamId: "t1" }, authors)?.code).toBe("same-team");
    const sameUnit = reviewerRecusal({ memberId: "x", unitId: "u1", teamId: "t5" }, authors);
    expect(sameUnit?.code).toBe("same-unit");
    expect(sameUnit?.message).toMatch(/杭钢/);
  });
  it("a member of another unit may score", () => {
    expect(reviewerRecusal({ memberId: "x", unitId: "u3", teamId: "t3" }, authors)).toBeNull();
    expect(reviewerRecusal({ memberId: null, unitId: null, teamId: null }, authors)).toBeNull();
  });
});

describe("rule I-3: top-ten eligibility", () => {
  const base = { kind: "innovation" as const, state: "benefit_confirmed" as const, completedYear: 2025, disputes: [] };
  it("an implemented result inside the window with no dispute is eligible", () => {
    expect(topTenProblems(base, 2026, DEFAULT_PROPOSAL_SETTINGS)).toEqual([]);
    expect(topTenProblems({ ...base, state: "implemented" }, 2026, DEFAULT_PROPOSAL_SETTINGS)).toEqual([]);
  });
  it("a disputed result is refused (I-2)", () => {
    expect(topTenProblems({ ...base, disputes: [{ kind: "ip", status: "open" }] }, 2026, DEFAULT_PROPOSAL_SETTINGS)[0]).toMatch(/知识产权争议/);
  });
  it("outside the window, or not implemented, is refused", () => {
    expect(topTenProblems({ ...base, completedYear: 2023 }, 2026, DEFAULT_PROPOSAL_SETTINGS)).toHaveLength(1);
    expect(topTenProblems({ ...base, kind: "proposal", completedYear: 2024 }, 2026, DEFAULT_PROPOSAL_SETTINGS)).toHaveLength(1);
    expect(topTenProblems({ ...base, state: "adopted" }, 2026, DEFAULT_PROPOSAL_SETTINGS)).toHaveLength(1);
  });
});
