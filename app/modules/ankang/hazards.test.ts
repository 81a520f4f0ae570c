import { describe, expect, it } from "vitest";
import { hazardTransition, isOverdue, teamHazardCounts } from "./hazards";

describe("hazard handling (rules A-4, A-8)", () => {
  it("refuses closing without a fix record", () => {
    const r = hazardTransition({ status: "assigned", fixNote: null, fixPhotoId: null }, "close", { closePhotoId: "p" });
    expect(r).toEqual({ ok: false, reason: expect.stringContaining("没有整改记录") });
    expect(hazardTransition({ status: "fixed", fixNote: "  ", fixPhotoId: null }, "close", { closePhotoId: "p" }).ok).toBe(false);
  });
  it("closes a fixed hazard with a photo", () => {
    expect(hazardTransition({ status: "fixed", fixNote: "更换护栏", fixPhotoId: null }, "close", { closePhotoId: "p" })).toEqual({ ok: true, status: "closed" });
    expect(hazardTransition({ status: "fixed", fixNote: "更换护栏", fixPhotoId: null }, "close", {}).ok).toBe(false);
  });
  it("a closed hazard stays closed", () => {
    for (const a of ["assign", "fix", "close"] as const) expect(hazardTransition({ status: "closed", fixNote: "x", fixPhotoId: null }, a).ok).toBe(false);
  });
  it("counts open and overdue hazards for a team", () => {
    const now = new Date("2026-06-10T00:00:00Z");
    const hs = [
      { status: "closed" as const, dueAt: "2026-06-01T00:00:00Z" },
      { status: "assigned" as const, dueAt: "2026-06-01T00:00:00Z" },
      { status: "reported" as const, dueAt: "2026-06-20T00:00:00Z" },
    ];
    expect(isOverdue(hs[1]!, now)).toBe(true);
    expect(teamHazardCounts(hs, now)).toEqual({ openHazards: 2, overdueHazards: 1 });
  });
});
