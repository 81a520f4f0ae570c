import { describe, expect, it } from "vitest";
import { appealDeadline, checkAppealWindow } from "./appeal-window";

const end = new Date("2026-05-10T08:00:00Z"); // 16:00 Beijing time

describe("appeal window (rule S-42)", () => {
  it("rule S-42: the default window closes 2 hours after the event ends", () => {
    expect(appealDeadline(end, 120)?.toISOString()).toBe("2026-05-10T10:00:00.000Z");
  });

  it("rule S-42: an appeal at the deadline is accepted, one minute later it is refused", () => {
    expect(checkAppealWindow(new Date("2026-05-10T10:00:00Z"), end, 120).open).toBe(true);
    const late = checkAppealWindow(new Date("2026-05-10T10:01:00Z"), end, 120);
    expect(late.open).toBe(false);
    if (!late.open) expect(late.message).toMatch(/申诉期已过.*18:00/);
  });

  it("rule S-43: the window is a setting (20 minutes)", () => {
    expect(checkAppealWindow(new Date("2026-05-10T08:21:00Z"), end, 20).open).toBe(false);
    expect(checkAppealWindow(new Date("2026-05-10T08:20:00Z"), end, 20).open).toBe(true);
  });

  it("an event without an end time keeps the window open", () => {
    expect(checkAppealWindow(new Date(), null, 120)).toEqual({ open: true, deadline: null });
  });
});
