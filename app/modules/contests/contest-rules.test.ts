import { describe, expect, it } from "vitest";
import { contestDateProblems, copyFromTemplate, registrationReadiness, type TemplateContest } from "./contest-rules";
import { chinaDay, formatChinaDay } from "./dates";
import { ContestInputSchema } from "./schemas";
import { EXAMPLE_WELDING_SCHEME } from "./test-schemes";

const day = (d: string, edge: "start" | "end" = "start") => chinaDay(d, edge)!;

describe("contest dates are China calendar days", () => {
  it("a window opens at 00:00 and closes at 23:59:59 Beijing time", () => {
    expect(day("2026-11-01").toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(day("2026-12-10", "end").toISOString()).toBe("2026-12-10T15:59:59.000Z");
    expect(formatChinaDay(day("2026-12-10", "end"))).toBe("2026-12-10");
    expect(chinaDay("2026-02-30", "start")).toBeNull();
  });

  it("the contest schema reads days, timestamps and blanks, and names a bad date", () => {
    const parsed = ContestInputSchema.parse({ name: "大赛", orgId: "o", registrationOpensAt: "2026-11-01", registrationClosesAt: "", startsAt: "2026-12-18T01:00:00Z" });
    expect(parsed.registrationOpensAt?.toISOString()).toBe("2026-10-31T16:00:00.000Z");
    expect(parsed.registrationClosesAt).toBeNull();
    expect(parsed.startsAt?.toISOString()).toBe("2026-12-18T01:00:00.000Z");
    const bad = ContestInputSchema.safeParse({ name: "大赛", orgId: "o", endsAt: "12/18/2026" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["endsAt"], message: expect.stringContaining("比赛结束日期") });
  });

  it("hosts may be typed one per line or separated by 、", () => {
    expect(ContestInputSchema.parse({ name: "大赛", orgId: "o", hosts: "杭州市总工会\n杭州市人力资源和社会保障局、杭州市科学技术局" }).hosts).toEqual([
      "杭州市总工会", "杭州市人力资源和社会保障局", "杭州市科学技术局",
    ]);
  });

  it("names contradicting dates", () => {
    expect(contestDateProblems({ registrationOpensAt: day("2026-12-01"), registrationClosesAt: day("2026-11-01", "end") }).map((p) => p.path)).toEqual(["registrationClosesAt"]);
    expect(contestDateProblems({ registrationClosesAt: day("2026-12-20", "end"), startsAt: day("2026-12-18"), endsAt: day("2026-12-17", "end") }).map((p) => p.path)).toEqual([
      "endsAt", "registrationClosesAt",
    ]);
  });
});

const event = (id: string, scheme: unknown) => ({ id, name: `赛项${id}`, markingScheme: JSON.stringify(scheme), scoringSettings: "{}" });

describe("whether registration may open", () => {
  const window = { registrationOpensAt: day("2026-11-01"), registrationClosesAt: day("2026-12-10", "end") };

  it("needs the window and at least one event", () => {
    const { problems } = registrationReadiness({}, []);
    expect(problems.map((p) => p.path)).toEqual(["registrationOpensAt", "registrationClosesAt", "events"]);
    expect(problems[0].message).toMatch(/^请先填写报名开始日期/);
  });

  it("refuses an event whose scheme the engine refuses, naming the event and the problem", () => {
    const broken = structuredClone(EXAMPLE_WELDING_SCHEME);
    broken.components[1].weight = "0.6";
    const { problems } = registrationReadiness(window, [event("a", EXAMPLE_WELDING_SCHEME), event("b", broken), event("c", { components: [] })]);
    expect(problems.map((p) => p.path)).toEqual(["events.b.markingScheme", "events.c.markingScheme"]);
    expect(problems[0].message).toContain("赛项「赛项b」");
    expect(problems[0].message).toContain("权重之和必须等于 1");
  });

  it("passes with warnings when theory is above 30% (rule S-10)", () => {
    const heavy = structuredClone(EXAMPLE_WELDING_SCHEME);
    heavy.components[0].weight = "0.4";
    heavy.components[1].weight = "0.6";
    const { problems, warnings } = registrationReadiness(window, [event("a", heavy)]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([expect.objectContaining({ eventId: "a", eventName: "赛项a", message: expect.stringContaining("S-10") })]);
  });
});

describe("a new contest from a template", () => {
  const template: TemplateContest = {
    id: "old", kind: "skills", level: "city", contestClass: "一类", hosts: '["杭州市总工会"]', coHosts: "[]",
    appealWindowMinutes: 120, noticeText: "通知", rulesFileId: "file-1", visibility: "public",
    committee: [{ group: "office", name: "周建华", duty: "主任", userId: null, sortOrder: 0 }],
    events: [
      {
        name: "焊工 职工组", trade: "焊工", groupName: "职工组", mode: "individual", teamSize: null, stages: "[]",
        markingScheme: JSON.stringify(EXAMPLE_WELDING_SCHEME), scoringSettings: '{"judgeAggregation":"mean"}', minFieldSize: 30,
        unitQuota: 3, eligibility: '{"employmentStatuses":["职工"]}', sortOrder: 0,
      },
    ],
  };

  it("copies the contest's fields, committee and events, with blank dates, as a draft that remembers its template", () => {
    const copy = copyFromTemplate(template);
    expect(copy.contest).toMatchObject({
      level: "city", contestClass: "一类", hosts: '["杭州市总工会"]', rulesFileId: "file-1", status: "draft", templateId: "old",
      registrationOpensAt: null, registrationClosesAt: null, startsAt: null, endsAt: null,
    });
    expect(copy.committee).toEqual([{ group: "office", name: "周建华", duty: "主任", userId: null, sortOrder: 0 }]);
    expect(copy.events[0]).toEqual(template.events[0]);
    expect(copy.events[0]).not.toHaveProperty("id");
  });
});
