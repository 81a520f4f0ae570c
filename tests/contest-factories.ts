// Contest factories for integration tests, shared by the contests, registration and
// draws tests: each call builds its own contest or event with unique names.
import { db } from "~/utils/db.server";
import { DEFAULT_SCORING_SETTINGS, type MarkingSchemeInput } from "~/modules/scoring";
import { chinaDay } from "~/modules/contests/dates";
import { uid } from "./factories";

/** A valid scheme: theory 30% + practical 70% (rule S-11), one judged and one measured aspect. */
export const VALID_SCHEME: MarkingSchemeInput = {
  components: [
    {
      id: "T", name: "理论", kind: "theory", weight: "0.3",
      modules: [{ id: "T1", name: "理论考试", criteria: [{ id: "T1.1", name: "笔试", aspects: [{ id: "T1-1", name: "理论成绩", kind: "measurement", max: "100", measurement: { mode: "agreed" } }] }] }],
    },
    {
      id: "P", name: "实操", kind: "practical", weight: "0.7",
      modules: [{
        id: "P1", name: "实操任务",
        criteria: [{
          id: "P1.1", name: "质量",
          aspects: [
            { id: "P1-1", name: "外观", kind: "judgement", max: "60" },
            { id: "P1-2", name: "尺寸", kind: "measurement", max: "40", measurement: { mode: "steps", tolerance: "0.5", step: "0.1", deductionPerStep: "5" } },
          ],
        }],
      }],
    },
  ],
};

type ContestOverrides = Partial<{
  name: string; status: string; level: string; contestClass: string; hosts: string[]; templateId: string | null;
  /** China calendar days "YYYY-MM-DD", or null for none */
  registrationOpensAt: string | null; registrationClosesAt: string | null; startsAt: string | null; endsAt: string | null;
}>;

/** A contest of `orgId`; by default a draft with a registration window and contest dates in the future. */
export async function createContest(orgId: string, overrides: ContestOverrides = {}) {
  const day = (value: string | null | undefined, fallback: string, edge: "start" | "end") =>
    value === null ? null : chinaDay(value ?? fallback, edge);
  return db.contest.create({
    data: {
      orgId,
      name: overrides.name ?? `测试竞赛${uid()}`,
      level: overrides.level ?? "city",
      contestClass: overrides.contestClass ?? "一类",
      hosts: JSON.stringify(overrides.hosts ?? ["测试总工会"]),
      status: overrides.status ?? "draft",
      templateId: overrides.templateId ?? null,
      registrationOpensAt: day(overrides.registrationOpensAt, "2030-01-01", "start"),
      registrationClosesAt: day(overrides.registrationClosesAt, "2030-02-28", "end"),
      startsAt: day(overrides.startsAt, "2030-03-10", "start"),
      endsAt: day(overrides.endsAt, "2030-03-12", "end"),
    },
  });
}

type EventOverrides = Partial<{
  name: string; trade: string; groupName: string; mode: "individual" | "team"; teamSize: number | null;
  scheme: unknown; scoringSettings: unknown; eligibility: unknown; stages: unknown; minFieldSize: number; unitQuota: number | null; sortOrder: number;
}>;

/** An event of `contestId` with a valid marking scheme (VALID_SCHEME) unless told otherwise. */
export async function createEvent(contestId: string, overrides: EventOverrides = {}) {
  const trade = overrides.trade ?? `工种${uid().slice(0, 4)}`;
  const groupName = overrides.groupName ?? "职工组";
  return db.contestEvent.create({
    data: {
      contestId,
      name: overrides.name ?? `${trade} ${groupName}`,
      trade,
      groupName,
      mode: overrides.mode ?? "individual",
      teamSize: overrides.teamSize ?? (overrides.mode === "team" ? 3 : null),
      markingScheme: JSON.stringify(overrides.scheme ?? VALID_SCHEME),
      scoringSettings: JSON.stringify(overrides.scoringSettings ?? DEFAULT_SCORING_SETTINGS),
      eligibility: JSON.stringify(overrides.eligibility ?? { employmentStatuses: ["职工"] }),
      stages: JSON.stringify(overrides.stages ?? [{ key: "final", name: "决赛" }]),
      minFieldSize: overrides.minFieldSize ?? 30,
      unitQuota: overrides.unitQuota ?? null,
      sortOrder: overrides.sortOrder ?? 0,
    },
  });
}
