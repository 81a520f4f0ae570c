import { describe, expect, it } from "vitest";
import { contestStage, eventStage, lifecycleRefusal, registrationIsOpen, stagePrompt, STAGE_LABELS, STAGES, type ContestFacts, type EventFacts } from "./lifecycle";

const now = new Date("2026-12-01T00:00:00Z");
const day = 86_400_000;
const open: ContestFacts = { status: "open", registrationOpensAt: new Date(now.getTime() - day), registrationClosesAt: new Date(now.getTime() + day) };
const closed: ContestFacts = { ...open, status: "closed" };
const none: EventFacts = { drawnAt: null, marked: false, signedOff: false, publishedAt: null, noticeEndsAt: null };

describe("the lifecycle: 筹备 → 报名中 → 报名截止 → 抽签 → 比赛中 → 评分完成 → 公示中 → 已发布 → 归档", () => {
  it("labels every stage in both languages, in order", () => {
    expect(STAGES.map((s) => STAGE_LABELS[s].zh)).toEqual(["筹备", "报名中", "报名截止", "抽签", "比赛中", "评分完成", "公示中", "已发布", "归档"]);
  });

  it("walks an event through every stage from its facts", () => {
    expect(eventStage({ ...open, status: "draft" }, none, now)).toBe("preparing");
    expect(eventStage({ ...open, registrationOpensAt: new Date(now.getTime() + day) }, none, now)).toBe("preparing");
    expect(eventStage(open, none, now)).toBe("registration");
    expect(eventStage({ ...open, registrationClosesAt: now }, none, now)).toBe("registration_closed"); // closed by the clock
    expect(eventStage(closed, none, now)).toBe("registration_closed");
    const drawn = { ...none, drawnAt: now };
    expect(eventStage(closed, drawn, now)).toBe("drawn");
    expect(eventStage(closed, { ...drawn, marked: true }, now)).toBe("in_progress");
    expect(eventStage({ ...closed, status: "running" }, drawn, now)).toBe("in_progress");
    expect(eventStage(closed, { ...drawn, marked: true, signedOff: true }, now)).toBe("marked");
    const published = { ...drawn, marked: true, signedOff: true, publishedAt: now };
    expect(eventStage(closed, { ...published, noticeEndsAt: new Date(now.getTime() + 5 * day) }, now)).toBe("notice");
    expect(eventStage(closed, { ...published, noticeEndsAt: new Date(now.getTime() - 1) }, now)).toBe("published");
    expect(eventStage({ ...closed, status: "finished" }, published, now)).toBe("archived");
  });

  it("a contest is as far as its least advanced event", () => {
    const signed = { ...none, drawnAt: now, marked: true, signedOff: true };
    expect(contestStage(closed, [signed, { ...none, drawnAt: now }], now)).toBe("drawn");
    expect(contestStage(closed, [], now)).toBe("registration_closed");
    expect(contestStage(open, [signed], now)).toBe("registration");
  });

  it("registration is open only while the contest is open and the clock is inside the window", () => {
    expect(registrationIsOpen(open, now)).toBe(true);
    expect(registrationIsOpen(closed, now)).toBe(false);
    expect(registrationIsOpen({ ...open, registrationClosesAt: null }, now)).toBe(false);
  });
});

describe("each step has its guard", () => {
  it("no draw while registration is open; none after the contest started", () => {
    expect(lifecycleRefusal("draw", "registration")).toContain("报名尚未截止");
    expect(lifecycleRefusal("draw", "preparing")).toContain("报名尚未截止");
    expect(lifecycleRefusal("draw", "registration_closed")).toBeNull();
    expect(lifecycleRefusal("draw", "drawn")).toBeNull(); // a re-draw, checked further by the draw service
    expect(lifecycleRefusal("draw", "in_progress")).toContain("比赛已开始");
  });

  it("no late registration after the close", () => {
    expect(lifecycleRefusal("register", "registration")).toBeNull();
    expect(lifecycleRefusal("register", "registration_closed")).toContain("报名已截止");
    expect(lifecycleRefusal("register", "preparing")).toContain("尚未开始");
  });

  it("no publication before sign-off (rule S-24); archive only once published", () => {
    expect(lifecycleRefusal("publish", "in_progress")).toContain("签字");
    expect(lifecycleRefusal("publish", "marked")).toBeNull();
    expect(lifecycleRefusal("archive", "notice")).not.toBeNull();
    expect(lifecycleRefusal("archive", "published")).toBeNull();
  });
});

describe("the prompt at each stage (issue 12 item 2)", () => {
  const ids = { contestId: "c1", eventId: "e1" };
  it("every stage but the archive names a next step and who takes it", () => {
    for (const stage of STAGES) {
      const prompt = stagePrompt(stage, ids);
      if (stage === "archived") expect(prompt).toBeNull();
      else expect(prompt?.action).toBeTruthy();
    }
  });
  it("while registration is open: the organiser closes it, unit contacts register, and the draw is blocked with its reason", () => {
    const prompt = stagePrompt("registration", ids)!;
    expect(prompt).toMatchObject({ action: "closeRegistration", href: "/contests/c1", permission: "contest:manage", also: { href: "/registrations/unit", permission: "registration:unit" } });
    expect(prompt.blocked).toMatch(/^报名尚未截止，不能抽签/);
  });
  it("after the close the encryption officer draws on the event's draw page; late entries are refused", () => {
    expect(stagePrompt("registration_closed", ids)).toMatchObject({ action: "draw", href: "/events/e1/draw", permission: "judging:encrypt", blocked: expect.stringMatching(/^报名已截止/) });
  });
  it("while marking, the chief judge signs off at the console and publication waits for it (rule S-24)", () => {
    expect(stagePrompt("in_progress", ids)).toMatchObject({ action: "signOff", href: "/events/e1/console", permission: "judging:chief", blocked: expect.stringMatching(/^裁判长尚未签字确认成绩，不能公示/) });
    expect(stagePrompt("marked", ids)).toMatchObject({ action: "publish", href: "/events/e1/publication", blocked: null });
  });
  it("at the contest level, steps taken on each event have no single page", () => {
    expect(stagePrompt("registration_closed", { contestId: "c1" })?.href).toBeNull();
    expect(stagePrompt("published", { contestId: "c1" })).toMatchObject({ action: "archive", href: "/contests/c1" });
  });
});
