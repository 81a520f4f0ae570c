import { describe, expect, it } from "vitest";
import { PUBLISHED_CALENDAR } from "./holidays-cn";
import { addWorkingDays, beijingDate, calendarOf, countWorkingDays, isIsoDate, isWorkingDay, windowEndDate } from "./working-days";

const cal = calendarOf(PUBLISHED_CALENDAR);

describe("the published calendar", () => {
  it("has the State Council's day counts (2026 春节 9 days, 国庆 7, 2025 国庆中秋 8)", () => {
    const days = (name: string, year: string) => PUBLISHED_CALENDAR.filter((d) => d.kind === "holiday" && d.name === name && d.date.startsWith(year)).length;
    expect(days("春节", "2026")).toBe(9);
    expect(days("国庆节", "2026")).toBe(7);
    expect(days("国庆节、中秋节", "2025")).toBe(8);
    expect(days("劳动节", "2026")).toBe(5);
  });
  it("调休 working days are weekend days", () => {
    for (const d of PUBLISHED_CALENDAR.filter((x) => x.kind === "workday")) expect([0, 6]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
  });
});

describe("working days across holidays and 调休", () => {
  it("a 调休 Saturday is a working day, a holiday Monday is not", () => {
    expect(isWorkingDay("2026-05-09", cal)).toBe(true); // Saturday worked after 劳动节
    expect(isWorkingDay("2026-05-04", cal)).toBe(false); // Monday in 劳动节
    expect(isWorkingDay("2026-05-10", cal)).toBe(false); // ordinary Sunday
    expect(isWorkingDay("2026-05-11", cal)).toBe(true);
  });
  it("a 5-working-day notice from 2026-04-28 (Tue) spans 劳动节; from 04-30 it ends on the 调休 Saturday 05-09", () => {
    // 4/28 Tue, 4/29 Wed, 4/30 Thu, (5/1–5/5 off), 5/6 Wed is the 4th, 5/7 Thu the 5th
    expect(windowEndDate("2026-04-28", 5, "working", cal)).toBe("2026-05-07");
    expect(windowEndDate("2026-04-29", 5, "working", cal)).toBe("2026-05-08");
    expect(windowEndDate("2026-04-30", 5, "working", cal)).toBe("2026-05-09");
    expect(countWorkingDays("2026-04-30", "2026-05-09", cal)).toBe(5);
  });
  it("春节 2026: 2/14 (Sat) is worked, 2/15–2/23 off, 2/28 (Sat) worked", () => {
    expect(windowEndDate("2026-02-12", 5, "working", cal)).toBe("2026-02-25"); // 12 Thu, 13 Fri, 14 Sat(调休), 24 Tue, 25 Wed
    expect(countWorkingDays("2026-02-14", "2026-02-28", cal)).toBe(1 + 4 + 1); // 14, 24–27, 28
    expect(addWorkingDays("2026-02-13", 1, cal)).toBe("2026-02-14");
  });
  it("a window opening on a holiday starts counting at the next working day", () => {
    expect(windowEndDate("2025-10-01", 1, "working", cal)).toBe("2025-10-09");
    expect(windowEndDate("2025-09-27", 2, "working", cal)).toBe("2025-09-29"); // Sat (ordinary), Sun 9/28 worked, Mon
  });
  it("calendar days count every day", () => {
    expect(windowEndDate("2024-03-12", 7, "calendar", cal)).toBe("2024-03-18"); // Hubei 2024: 3/12–3/18 (rule N-33)
    expect(windowEndDate("2026-04-28", 5, "calendar", cal)).toBe("2026-05-02");
  });
  it("without calendar rows, weekends alone are off", () => {
    expect(countWorkingDays("2027-01-01", "2027-01-31", new Map())).toBe(21);
  });
  it("dates are checked and Beijing time decides the day", () => {
    expect(isIsoDate("2026-02-30")).toBe(false);
    expect(isIsoDate("2026-02-28")).toBe(true);
    expect(beijingDate(new Date("2026-04-30T16:30:00Z"))).toBe("2026-05-01");
    expect(() => addWorkingDays("2026-13-01", 1, cal)).toThrow();
  });
});
