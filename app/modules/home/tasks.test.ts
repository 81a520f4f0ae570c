import { describe, expect, it } from "vitest";
import { daysBetween, endingSoon, orderTasks, sheetsLeft, task, totalTasks } from "./tasks";

describe("home to-do list (issue 12 item 3)", () => {
  it("counts days between Beijing dates across month ends", () => {
    expect(daysBetween("2026-04-29", "2026-05-02")).toBe(3);
    expect(daysBetween("2026-05-02", "2026-04-29")).toBe(-3);
    expect(daysBetween("2026-12-31", "2026-12-31")).toBe(0);
  });

  it("a notice (rule N-33) is ending from three days before its last day until that day", () => {
    expect(endingSoon("2026-05-10", "2026-05-06")).toBe(false);
    expect(endingSoon("2026-05-10", "2026-05-07")).toBe(true);
    expect(endingSoon("2026-05-10", "2026-05-10")).toBe(true);
    expect(endingSoon("2026-05-10", "2026-05-11")).toBe(false);
    expect(endingSoon("2026-05-10", "2026-05-09", 0)).toBe(false);
  });

  it("sheets left never go below zero", () => {
    expect(sheetsLeft({ stations: 12, done: 5 })).toBe(7);
    expect(sheetsLeft({ stations: 3, done: 5 })).toBe(0);
  });

  it("nothing to do is no task", () => {
    expect(task("sheetsToMark", 0, "/judging/e1")).toBeNull();
    expect(task("sheetsToMark", Number.NaN, "/judging/e1")).toBeNull();
    expect(task("sheetsToMark", 2, "/judging/e1", { subject: "焊工" })).toEqual({ kind: "sheetsToMark", count: 2, to: "/judging/e1", subject: "焊工", dueOn: null, daysLeft: null });
  });

  it("orders dated tasks by urgency first, then by kind, then by count", () => {
    const today = "2026-05-08";
    const ordered = orderTasks([
      task("reviewSubmissions", 9, "/reviews"),
      task("registrationApprovals", 1, "/registrations/review"),
      task("reviewNoticesEnding", 1, "/review-notices/b", { dueOn: "2026-05-10", today }),
      null,
      task("resultNoticesEnding", 1, "/events/x/publication", { dueOn: "2026-05-07", today }),
      task("sheetsToMark", 3, "/judging/a", { subject: "钳工" }),
      task("sheetsToMark", 8, "/judging/b", { subject: "焊工" }),
    ]);
    expect(ordered.map((t) => t.to)).toEqual(["/events/x/publication", "/review-notices/b", "/registrations/review", "/judging/b", "/judging/a", "/reviews"]);
    expect(ordered[0].daysLeft).toBe(-1);
    expect(totalTasks(ordered)).toBe(23);
  });
});
