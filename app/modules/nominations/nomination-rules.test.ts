import { describe, expect, it } from "vitest";
import { deadlineFor, deadlineProblem, formProblems, submitProblems, type SubmitFacts } from "./nomination-rules";
import { NominationInputSchema } from "./schemas";

const complete: SubmitFacts = {
  kind: "individual", deedsShort: "扎根一线二十年。", isLeader: false,
  congressDate: "2026-02-10", congressPresent: 120, congressFor: 110, congressAgainst: 4,
  pollTotal: null, pollFor: null,
  localNoticeStart: "2026-02-11", localNoticeEnd: "2026-02-24", localNoticeOutcome: "无异议", localNoticeWorkingDays: 5,
};

describe("the form (DOMAIN-RULES §5)", () => {
  it("short deeds over 500 characters are refused with the reason (counted in characters, not bytes)", () => {
    const base = { campaignId: "c", award: "奖章", orgId: "o", name: "王" };
    expect(NominationInputSchema.safeParse({ ...base, deedsShort: "字".repeat(500) }).success).toBe(true);
    const over = NominationInputSchema.safeParse({ ...base, deedsShort: "字".repeat(501) });
    expect(over.success).toBe(false);
    expect(over.error?.issues[0].message).toContain("简要事迹不能超过 500 字");
  });

  it("exactly one 人员类别 for a person, none for a collective", () => {
    expect(formProblems({ award: "奖章", categories: ["产业工人"], name: "王", cadreRank: "" })).toEqual([]);
    expect(formProblems({ award: "奖章", categories: ["产业工人", "农民工"], name: "王", cadreRank: "" })[0].message).toContain("只能选择一项");
    expect(formProblems({ award: "奖章", categories: [], name: "王", cadreRank: "" })[0].field).toBe("categories");
    expect(formProblems({ award: "先锋号", categories: ["产业工人"], name: "焊接班", cadreRank: "" })[0].field).toBe("categories");
    expect(formProblems({ award: "奖章", categories: ["县处级干部"], name: "王", cadreRank: "" })[0].field).toBe("cadreRank");
  });

  it("the API may send the category as a list; two are parsed and then refused", () => {
    const parsed = NominationInputSchema.parse({ campaignId: "c", award: "奖章", orgId: "o", name: "王", categories: ["产业工人", "农民工"] });
    expect(parsed.categories).toHaveLength(2);
    expect(NominationInputSchema.safeParse({ campaignId: "c", award: "奖章", orgId: "o", categories: "工程师" }).success).toBe(false);
  });
});

describe("the grass-roots step (rules N-31, N-32)", () => {
  it("complete material passes after the unit's notice has ended", () => {
    expect(submitProblems(complete, "2026-02-25")).toEqual([]);
    expect(submitProblems(complete, "2026-02-24")[0].message).toContain("结束后方可上报");
  });

  it("the congress decision must be recorded and carried by a majority", () => {
    expect(submitProblems({ ...complete, congressDate: null }, "2026-03-01")[0].field).toBe("congressDate");
    expect(submitProblems({ ...complete, congressFor: 60, congressAgainst: 10 }, "2026-03-01")[0].message).toContain("半数");
    expect(submitProblems({ ...complete, congressFor: 115, congressAgainst: 10 }, "2026-03-01")[0].message).toContain("不能超过到会人数");
  });

  it("a leader needs ≥ 85 % in the opinion poll (rule N-32)", () => {
    const leader = { ...complete, isLeader: true };
    expect(submitProblems(leader, "2026-03-01")[0].message).toContain("民意测评");
    expect(submitProblems({ ...leader, pollTotal: 100, pollFor: 84 }, "2026-03-01")[0].message).toContain("84%");
    expect(submitProblems({ ...leader, pollTotal: 100, pollFor: 85 }, "2026-03-01")).toEqual([]);
  });

  it("the unit's notice runs at least 5 working days (rule N-31)", () => {
    expect(submitProblems({ ...complete, localNoticeWorkingDays: 4 }, "2026-03-01")[0].message).toContain("仅 4 个工作日");
    expect(submitProblems({ ...complete, localNoticeOutcome: null }, "2026-03-01")[0].field).toBe("localNoticeStart");
  });
});

describe("deadlines (rule N-38)", () => {
  it("the deadline day still counts; the day after is late", () => {
    const deadlines = [{ scope: "grassroots", date: "2026-03-10" }];
    expect(deadlineProblem(deadlineFor(deadlines, "grassroots"), "2026-03-10")).toBeNull();
    expect(deadlineProblem(deadlineFor(deadlines, "grassroots"), "2026-03-11")).toContain("视为自动放弃");
    expect(deadlineProblem(deadlineFor(deadlines, "org-x"), "2030-01-01")).toBeNull();
  });
});
