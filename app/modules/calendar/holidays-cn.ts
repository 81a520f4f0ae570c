import type { DayKind } from "./working-days";

// 法定节假日 and 调休 working days as published by the State Council (国务院办公厅):
//  - 2025: 国办发明电〔2024〕12号 (2024-11-12). The 2025 revision of the holiday rules added
//    one day at 春节 (除夕) and one at 劳动节.
//  - 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04, published by Xinhua).
// The seed writes these; the administrator corrects or extends them at /admin/calendar.
type Published = { name: string; off: [string, string]; work?: string[] };

const PUBLISHED: Published[] = [
  // 2025
  { name: "元旦", off: ["2025-01-01", "2025-01-01"] },
  { name: "春节", off: ["2025-01-28", "2025-02-04"], work: ["2025-01-26", "2025-02-08"] },
  { name: "清明节", off: ["2025-04-04", "2025-04-06"] },
  { name: "劳动节", off: ["2025-05-01", "2025-05-05"], work: ["2025-04-27"] },
  { name: "端午节", off: ["2025-05-31", "2025-06-02"] },
  { name: "国庆节、中秋节", off: ["2025-10-01", "2025-10-08"], work: ["2025-09-28", "2025-10-11"] },
  // 2026
  { name: "元旦", off: ["2026-01-01", "2026-01-03"], work: ["2026-01-04"] },
  { name: "春节", off: ["2026-02-15", "2026-02-23"], work: ["2026-02-14", "2026-02-28"] },
  { name: "清明节", off: ["2026-04-04", "2026-04-06"] },
  { name: "劳动节", off: ["2026-05-01", "2026-05-05"], work: ["2026-05-09"] },
  { name: "端午节", off: ["2026-06-19", "2026-06-21"] },
  { name: "中秋节", off: ["2026-09-25", "2026-09-27"] },
  { name: "国庆节", off: ["2026-10-01", "2026-10-07"], work: ["2026-09-20", "2026-10-10"] },
];

function* daysBetween(from: string, to: string) {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) yield new Date(t).toISOString().slice(0, 10);
}

/** One row per day: every day off of each holiday, and each 调休 working weekend day. */
export const PUBLISHED_CALENDAR: { date: string; kind: DayKind; name: string }[] = PUBLISHED.flatMap((h) => [
  ...[...daysBetween(h.off[0], h.off[1])].map((date) => ({ date, kind: "holiday" as const, name: h.name })),
  ...(h.work ?? []).map((date) => ({ date, kind: "workday" as const, name: `${h.name}调休上班` })),
]);
