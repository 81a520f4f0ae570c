import { describe, expect, it } from "vitest";
import { CITY_LEVEL_OUTCOMES_EXAMPLE, DEFAULT_SCORING_SETTINGS, allocatePrizeTiers, determineOutcomes } from "~/modules/scoring";
import {
  VERIFY_CODE_PATTERN,
  ageOn,
  base32,
  certificateNumber,
  changedRows,
  computePublication,
  noticeEndsAt,
  parseCertificateNumber,
  planCertificates,
  planTeamCertificates,
  publicationBlockers,
  skillLevelNumber,
  teamStandings,
  type PublicationEntrant,
  type PublicationState,
} from "./publication-rules";

const READY: PublicationState = { problem: null, drawn: true, signedOff: true, recheckStatus: "passed", decrypted: true, entrants: 40, incomplete: [], unresolvedTies: 0 };

function entrant(i: number, overrides: Partial<PublicationEntrant> = {}, member: Partial<PublicationEntrant["member"]> = {}): PublicationEntrant {
  return {
    entrantId: `c${String(i).padStart(2, "0")}`,
    registrationId: `r${i}`,
    memberId: `m${i}`,
    stationCode: `A${String(i).padStart(2, "0")}`,
    name: `选手${i}`,
    unitId: "u1",
    unitName: "单位",
    rank: i,
    total: 10_000 - i * 100,
    totalText: "",
    scores: [],
    disqualifiedReason: null,
    member: { employmentStatus: "职工", birthDate: new Date(Date.UTC(1990, 0, 1)), sex: "男", skillLevel: "四级/中级工", ...member },
    ...overrides,
  };
}

const contestDay = new Date("2026-05-10T01:00:00Z");

describe("publicationBlockers", () => {
  it("allows a signed-off, re-checked, decrypted, complete event", () => {
    expect(publicationBlockers(READY)).toEqual([]);
    expect(publicationBlockers({ ...READY, recheckStatus: "completed" })).toEqual([]);
  });
  it("refuses before sign-off, decryption (S-34), during or after a failing re-check (S-40)", () => {
    expect(publicationBlockers({ ...READY, signedOff: false })[0]).toContain("签字");
    expect(publicationBlockers({ ...READY, decrypted: false })[0]).toContain("S-34");
    expect(publicationBlockers({ ...READY, recheckStatus: "full_required" })[0]).toContain("S-40");
    expect(publicationBlockers({ ...READY, recheckStatus: "open" })[0]).toContain("复核尚未完成");
    expect(publicationBlockers({ ...READY, recheckStatus: null })).toHaveLength(1);
  });
  it("refuses incomplete results and undecided ties (S-53)", () => {
    expect(publicationBlockers({ ...READY, incomplete: ["A01", "A02"] })[0]).toContain("A01、A02");
    expect(publicationBlockers({ ...READY, unresolvedTies: 1 })[0]).toContain("S-53");
  });
});

describe("computePublication", () => {
  it("rule S-60: 40 ranked entrants → 4 / 8 / 12 and 优胜奖 to place 20, as the engine allocates", () => {
    const list = Array.from({ length: 40 }, (_, i) => entrant(i + 1));
    const result = computePublication(list, DEFAULT_SCORING_SETTINGS, contestDay);
    expect(result.counts).toEqual({ first: 4, second: 8, third: 12, honourable: 0 });
    const engine = allocatePrizeTiers(list.map((e) => ({ entrantId: e.entrantId, rank: e.rank! })), DEFAULT_SCORING_SETTINGS.prizes);
    expect(result.rows.map((r) => r.prize)).toEqual(engine.awards.sort((a, b) => a.rank - b.rank).map((a) => a.tier));
    expect(result.rows[0].prizeLabel).toBe("一等奖");
    expect(result.rows[39].prizeLabel).toBeNull();
    expect(result.belowMinimumFieldSize).toBe(false);
  });

  it("rules S-62, S-63: top 5 employees are 全国技术能手; a student in the top 5 gets promotion only", () => {
    const list = Array.from({ length: 30 }, (_, i) => entrant(i + 1, {}, i === 1 ? { employmentStatus: "学生" } : {}));
    const result = computePublication(list, DEFAULT_SCORING_SETTINGS, contestDay);
    const labels = (rank: number) => result.rows.find((r) => r.rank === rank)!.outcomes.map((o) => o.label);
    expect(labels(1)).toEqual(["全国技术能手", "晋升技师（二级）", "推荐全国五一劳动奖章"]);
    expect(labels(2)).toEqual(["晋升高级工（三级）"]);
    expect(labels(6)).toEqual(["晋升高级工（三级）"]);
    expect(labels(21)).toEqual([]);
    // places 6–20 are promoted only if they won a prize: 30 entrants → 3 + 6 + 9 prizes, so 19 and 20 are not
    expect(labels(18)).toEqual(["晋升高级工（三级）"]);
    expect(labels(19)).toEqual([]);
    expect(result.refusals.some((r) => r.registrationId === "r19" && r.reason.includes("未获奖"))).toBe(true);
    expect(result.refusals.some((r) => r.registrationId === "r2" && r.reason.includes("S-63"))).toBe(true);
    const engine = determineOutcomes(
      list.filter((e) => e.rank! <= 18).map((e) => ({ entrantId: e.entrantId, rank: e.rank!, employment: e.member.employmentStatus === "学生" ? "student" : "employee", skillLevel: 4 })),
      DEFAULT_SCORING_SETTINGS.outcomes,
    );
    expect(result.rows.flatMap((r) => r.outcomes).length).toBe(engine.grants.length);
  });

  it("rule S-66: age on the contest day and sex come from the member record", () => {
    const outcomes = CITY_LEVEL_OUTCOMES_EXAMPLE;
    const list = [
      entrant(1, {}, { birthDate: new Date(Date.UTC(1990, 4, 11)), sex: "女" }), // 35 on 2026-05-10 (birthday tomorrow)
      entrant(2, {}, { birthDate: new Date(Date.UTC(1990, 4, 10)) }), // 36 today
    ];
    const result = computePublication(list, { ...DEFAULT_SCORING_SETTINGS, outcomes }, contestDay);
    expect(result.rows[0].outcomes.map((o) => o.label)).toContain("青年岗位能手");
    expect(result.rows[0].outcomes.map((o) => o.label)).toContain("巾帼建功标兵");
    expect(result.rows[1].outcomes.map((o) => o.label)).not.toContain("青年岗位能手");
    expect(result.rows[1].outcomes.map((o) => o.label)).not.toContain("巾帼建功标兵");
  });

  it("an entrant who is neither 职工 nor 学生 only gets outcomes with no employment filter", () => {
    const fixed = { ...DEFAULT_SCORING_SETTINGS.prizes, mode: "fixed-counts" as const };
    const result = computePublication([entrant(1, {}, { employmentStatus: "其他", sex: "女", birthDate: new Date(Date.UTC(1995, 0, 1)) })], { ...DEFAULT_SCORING_SETTINGS, prizes: fixed, outcomes: CITY_LEVEL_OUTCOMES_EXAMPLE }, contestDay);
    expect(result.rows[0].outcomes.map((o) => o.label)).toEqual(["青年岗位能手", "巾帼建功标兵"]);
    expect(result.refusals.filter((r) => r.reason.includes("neither")).length).toBe(3);
  });

  it("rule S-4 and tier-boundary ties are reported as the engine's warnings; disqualified entrants are listed unranked", () => {
    const list = [entrant(1), entrant(2, { rank: 1 }), entrant(3, { rank: 3 }), entrant(4, { rank: null, disqualifiedReason: "冒名顶替（S-44）" })];
    const result = computePublication(list, { ...DEFAULT_SCORING_SETTINGS, prizes: { ...DEFAULT_SCORING_SETTINGS.prizes, mode: "fixed-counts" } }, contestDay);
    expect(result.belowMinimumFieldSize).toBe(true);
    expect(result.warnings.some((w) => w.includes("S-4"))).toBe(true);
    expect(result.warnings.filter((w) => /^[a-zA-Z][\w.]*: /.test(w))).toEqual([]); // no field path in front of a message for people
    expect(result.warnings.some((w) => w.includes("并列"))).toBe(true);
    expect(result.rows.map((r) => r.prizeLabel)).toEqual(["一等奖", "一等奖", "二等奖", null]);
    expect(result.rows[3]).toMatchObject({ rank: null, disqualifiedReason: "冒名顶替（S-44）" });
  });
});

describe("re-publication", () => {
  const rows = computePublication(Array.from({ length: 10 }, (_, i) => entrant(i + 1)), DEFAULT_SCORING_SETTINGS, contestDay).rows;

  it("finds the lines that changed", () => {
    expect(changedRows(rows, rows)).toEqual([]);
    const live = rows.map((r) => (r.registrationId === "r3" ? { ...r, total: r.total + 1 } : r));
    expect(changedRows(rows, live)).toEqual(["r3"]);
    expect(changedRows(rows, live.slice(1))).toEqual(["r1", "r3"]);
  });

  it("keeps unchanged certificates, reissues changed ones, revokes lost prizes", () => {
    const active = rows.filter((r) => r.prizeLabel).map((r) => ({ id: `cert-${r.registrationId}`, registrationId: r.registrationId, prize: r.prizeLabel!, outcomes: r.outcomes.map((o) => o.label) }));
    const swapped = rows.map((r) => {
      if (r.registrationId === "r1") return { ...r, prize: "second" as const, prizeLabel: "二等奖" };
      if (r.registrationId === "r2") return { ...r, prize: null, prizeLabel: null };
      return r;
    });
    const plan = planCertificates(active, swapped);
    expect(plan.revoke.sort()).toEqual(["cert-r1", "cert-r2"]);
    expect(plan.issue.map((r) => r.registrationId)).toEqual(["r1"]);
    expect(plan.keep).toHaveLength(active.length - 2);
  });
});

describe("numbers, codes, dates", () => {
  it("certificate numbers", () => {
    expect(certificateNumber(2026, 3, 1)).toBe("GS2026-003-0001");
    expect(parseCertificateNumber("GS2026-003-0012")).toEqual({ year: 2026, eventSeq: 3, serial: 12 });
    expect(parseCertificateNumber("GS26-1-1")).toBeNull();
  });
  it("base32 of 16 bytes is 26 characters (RFC 4648 test vector)", () => {
    expect(base32(new TextEncoder().encode("foobar"))).toBe("mzxw6ytboi");
    const code = base32(new Uint8Array(16).fill(255));
    expect(code).toHaveLength(26);
    expect(VERIFY_CODE_PATTERN.test(code)).toBe(true);
  });
  it("age on the contest day in China's time zone; notice end; skill levels", () => {
    // 2026-05-09T17:00Z is already 10 May in China
    expect(ageOn(new Date(Date.UTC(1990, 4, 10)), new Date("2026-05-09T17:00:00Z"))).toBe(36);
    expect(ageOn(new Date(Date.UTC(1990, 4, 10)), new Date("2026-05-09T15:00:00Z"))).toBe(35);
    expect(noticeEndsAt(new Date("2026-05-10T00:00:00Z"), 5).toISOString()).toBe("2026-05-15T00:00:00.000Z");
    expect([skillLevelNumber("二级/技师"), skillLevelNumber("高级工"), skillLevelNumber("五级"), skillLevelNumber(null), skillLevelNumber("x")]).toEqual([2, 3, 5, null, null]);
  });
});

describe("team standings (rules S-2, S-55, S-56)", () => {
  // published rows: r1 95.00, r2 90.00, r3 88.00, r4 85.00, r5 80.00 (disqualified), r6 70.00 (no team)
  const rows = computePublication([1, 2, 3, 4, 5, 6].map((i) => entrant(i, { total: [0, 9500, 9000, 8800, 8500, 8000, 7000][i], totalText: ["", "95.00", "90.00", "88.00", "85.00", "80.00", "70.00"][i], disqualifiedReason: i === 5 ? "违规 / rule breach" : null })), DEFAULT_SCORING_SETTINGS, contestDay).rows;
  const membership = new Map([
    ["r1", { teamId: "A", completionTime: 3000 }], ["r4", { teamId: "A", completionTime: 3000 }],
    ["r2", { teamId: "B", completionTime: 2000 }], ["r3", { teamId: "B", completionTime: 2500 }],
    ["r5", { teamId: "C", completionTime: 1000 }],
  ]);
  const teams = new Map([["A", { name: "杭汽轮一队", unitName: "杭汽轮" }], ["B", { name: "西子二队", unitName: "西子联合" }], ["C", { name: "三队", unitName: "某单位" }]]);

  it("S-55: the sum of the members' totals; equal sums go to the shorter total time; awards for the first three", () => {
    const standings = teamStandings(rows, membership, teams, { mode: "sum-of-members", bestK: 3 });
    // A = 95 + 85 = 180.00 (time 6000), B = 90 + 88 = 178.00; C's only member is disqualified
    expect(standings.map((t) => [t.name, t.rank, t.totalText, t.award])).toEqual([
      ["杭汽轮一队", 1, "180.00", "团体第一名"],
      ["西子二队", 2, "178.00", "团体第二名"],
    ]);
    expect(standings[0].members.map((m) => [m.name, m.counted])).toEqual([["选手1", true], ["选手4", true]]);
  });

  it("S-55 tie on total: the team with the shorter total completion time ranks first", () => {
    const tied = new Map(membership);
    tied.set("r4", { teamId: "A", completionTime: 3000 });
    const even = rows.map((r) => (r.registrationId === "r4" ? { ...r, total: 8300, totalText: "83.00" } : r)); // A = 95 + 83 = 178.00 = B
    const standings = teamStandings(even, tied, teams, { mode: "sum-of-members", bestK: 3 });
    expect(standings.map((t) => [t.name, t.rank])).toEqual([["西子二队", 1], ["杭汽轮一队", 2]]); // B 4500 < A 6000
  });

  it("S-56: only each team's best k count; the others are listed as not counted", () => {
    const standings = teamStandings(rows, membership, teams, { mode: "best-k-per-event", bestK: 1 });
    expect(standings.map((t) => [t.name, t.totalText])).toEqual([["杭汽轮一队", "95.00"], ["西子二队", "90.00"]]);
    expect(standings[0].members.map((m) => [m.name, m.counted])).toEqual([["选手1", true], ["选手4", false]]);
  });

  it("an event without teams has no standings", () => {
    expect(teamStandings(rows, new Map(), teams, { mode: "sum-of-members", bestK: 3 })).toEqual([]);
  });
});

describe("team certificates (rule S-2)", () => {
  const team = (name: string, rank: number, award: string | null, members: string[]) => ({
    teamId: name, name, unitName: "单位", rank, total: 0, totalText: "0.00", award,
    members: members.map((registrationId) => ({ registrationId, name: registrationId, stationCode: "", totalText: "", counted: true })),
  });

  it("every member of an awarded team gets one; teams without an award get none", () => {
    const plan = planTeamCertificates([], [team("一队", 1, "团体第一名", ["r1", "r2"]), team("四队", 4, null, ["r7"])]);
    expect(plan.issue).toEqual([
      { registrationId: "r1", prize: "团体第一名", teamName: "一队" },
      { registrationId: "r2", prize: "团体第一名", teamName: "一队" },
    ]);
  });

  it("keeps certificates that still hold, revokes and replaces those that changed, revokes those with no award left", () => {
    const active = [
      { id: "c1", registrationId: "r1", prize: "团体第一名", teamName: "一队" },
      { id: "c2", registrationId: "r3", prize: "团体第二名", teamName: "二队" },
      { id: "c3", registrationId: "r5", prize: "团体第三名", teamName: "三队" },
    ];
    const plan = planTeamCertificates(active, [team("一队", 1, "团体第一名", ["r1"]), team("二队", 3, "团体第三名", ["r3"]), team("三队", 4, null, ["r5"])]);
    expect(plan.keep).toEqual(["c1"]);
    expect(plan.revoke.sort()).toEqual(["c2", "c3"]);
    expect(plan.issue).toEqual([{ registrationId: "r3", prize: "团体第三名", teamName: "二队" }]);
  });
});
