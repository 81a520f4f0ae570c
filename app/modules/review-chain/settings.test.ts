import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, settingsFrom } from "./settings";
import { checkNoticeWindow, noticeHold, objectionProblems, objectionWindowProblem } from "./notice-rules";

describe("settings", () => {
  it("defaults: grass-roots notice ≥ 5 working days (rule N-31), anonymous reports not examined (N-33)", () => {
    expect(settingsFrom([])).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.noticeMinimumGrassroots).toEqual({ kind: "working", days: 5 });
  });
  it("stored rows override, broken rows fall back", () => {
    const s = settingsFrom([{ key: "noticeMinimumHigher", value: '{"kind":"calendar","days":7}' }, { key: "examineAnonymousObjections", value: "nonsense" }]);
    expect(s.noticeMinimumHigher).toEqual({ kind: "calendar", days: 7 });
    expect(s.examineAnonymousObjections).toBe(false);
  });
});

describe("notice window (rules N-31, N-33)", () => {
  it("refuses a window shorter than the rule, and calendar days where working days are asked", () => {
    const min = { kind: "working" as const, days: 5 };
    expect(checkNoticeWindow("working", 5, min)).toBeNull();
    expect(checkNoticeWindow("working", 4, min)).toContain("5");
    expect(checkNoticeWindow("calendar", 7, min)).toContain("工作日");
    expect(checkNoticeWindow("working", 5, { kind: "calendar", days: 7 })).toContain("7");
    expect(checkNoticeWindow("calendar", 7, { kind: "calendar", days: 7 })).toBeNull();
  });
});

describe("objections (rule N-33)", () => {
  const base = { content: "事迹与实际不符", hasLetter: false };
  it("an individual gives a real name and a phone", () => {
    expect(objectionProblems({ ...base, kind: "individual", realName: "", phone: "" }).map((p) => p.field)).toEqual(["realName", "phone"]);
    expect(objectionProblems({ ...base, kind: "individual", realName: "王芳", phone: "12345" }).map((p) => p.field)).toEqual(["phone"]);
    expect(objectionProblems({ ...base, kind: "individual", realName: "王芳", phone: "13805712345" })).toEqual([]);
    expect(objectionProblems({ ...base, kind: "individual", realName: "王芳", phone: "0571-87654321" })).toEqual([]);
  });
  it("a unit names itself and attaches its sealed letter", () => {
    expect(objectionProblems({ ...base, kind: "unit", unitName: "杭州锅炉集团" }).map((p) => p.field)).toEqual(["letter"]);
    expect(objectionProblems({ ...base, kind: "unit", unitName: "杭州锅炉集团", hasLetter: true })).toEqual([]);
  });
  it("an anonymous report needs only its content", () => {
    expect(objectionProblems({ ...base, kind: "anonymous" })).toEqual([]);
    expect(objectionProblems({ kind: "anonymous", content: " ", hasLetter: false }).map((p) => p.field)).toEqual(["content"]);
  });
  it("objections are taken from the first to the last day of the window", () => {
    const n = { status: "open", startsOn: "2026-04-28", endsOn: "2026-05-07" };
    expect(objectionWindowProblem(n, "2026-04-27")).not.toBeNull();
    expect(objectionWindowProblem(n, "2026-04-28")).toBeNull();
    expect(objectionWindowProblem(n, "2026-05-07")).toBeNull();
    expect(objectionWindowProblem(n, "2026-05-08")).not.toBeNull();
    expect(objectionWindowProblem({ ...n, status: "closed" }, "2026-05-01")).not.toBeNull();
  });
});

describe("noticeHold: no recommendation or approval before the notice ends or with an open objection", () => {
  const entry = (over: Partial<{ status: string; endsOn: string; objections: { status: string; toExamine: boolean }[] }> = {}) => ({
    status: over.status ?? "listed", notice: { endsOn: over.endsOn ?? "2026-05-07" }, objections: over.objections ?? [],
  });
  it("holds until the day after the last day", () => {
    expect(noticeHold([entry()], "2026-05-07")).toContain("2026-05-07");
    expect(noticeHold([entry()], "2026-05-08")).toBeNull();
  });
  it("an open examined objection holds; an anonymous one left unexamined does not; a withdrawn candidate stays held", () => {
    expect(noticeHold([entry({ objections: [{ status: "assigned", toExamine: true }] })], "2026-05-08")).toContain("异议");
    expect(noticeHold([entry({ objections: [{ status: "recorded", toExamine: false }] })], "2026-05-08")).toBeNull();
    expect(noticeHold([entry({ objections: [{ status: "closed", toExamine: true }] })], "2026-05-08")).toBeNull();
    expect(noticeHold([entry({ status: "withdrawn" })], "2026-05-08")).toContain("撤下");
  });
  it("no notice at the level, nothing holds", () => {
    expect(noticeHold([], "2026-01-01")).toBeNull();
  });
});
