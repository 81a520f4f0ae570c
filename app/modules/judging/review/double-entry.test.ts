import { describe, expect, it } from "vitest";
import { compareEntries, enterPaperSheet } from "./double-entry";

describe("paper double entry (rule S-41)", () => {
  it("rule S-41: the first keying waits for a second person", () => {
    const first = enterPaperSheet(null, "clerk-a", { fit: 2500, finish: 4000 });
    expect(first.status).toBe("awaiting_second");
  });

  it("rule S-41: the same person may not key the second entry", () => {
    const first = enterPaperSheet(null, "clerk-a", { fit: 2500 });
    expect(() => enterPaperSheet(first, "clerk-a", { fit: 2500 })).toThrow(/另一人/);
  });

  it("rule S-41: a second keying that agrees is applied", () => {
    const first = enterPaperSheet(null, "clerk-a", { fit: 2500, finish: 4000 });
    const second = enterPaperSheet(first, "clerk-b", { finish: 4000, fit: 2500 });
    expect(second).toMatchObject({ status: "applied", differences: [], secondEntryById: "clerk-b" });
  });

  it("rule S-41 worked example: 25.00 keyed as 52.00 is flagged on that aspect only; the first keyer corrects and it applies", () => {
    const first = enterPaperSheet(null, "clerk-a", { fit: 2500, finish: 4000 });
    const second = enterPaperSheet(first, "clerk-b", { fit: 5200, finish: 4000 });
    expect(second).toMatchObject({ status: "mismatch", differences: ["fit"] });
    const again = enterPaperSheet(second, "clerk-a", { fit: 5200, finish: 4000 });
    expect(again.status).toBe("applied");
  });

  it("an aspect keyed only once counts as a difference", () => {
    expect(compareEntries({ a: 1, b: 2 }, { a: 1 })).toEqual(["b"]);
  });

  it("an applied sheet cannot be keyed again", () => {
    const applied = enterPaperSheet(enterPaperSheet(null, "a", { x: 1 }), "b", { x: 1 });
    expect(() => enterPaperSheet(applied, "c", { x: 2 })).toThrow(/已录入生效/);
  });
});
