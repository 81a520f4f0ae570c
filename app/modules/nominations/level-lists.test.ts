import { describe, expect, it } from "vitest";
import { checkStructureRatios, competitiveFromCounts, competitiveResults, CRITERION_FIELDS, RatioTally, RULE_KINDS, type Criterion, type RatioEntry, type RatioRule } from "./ratios";
import { controlCapRules, DEFAULT_RATIO_RULES, quotaRules } from "./domain";
import { countsInList, levelMembership, listSizes, roundMembership, sizesAfterHold, stateAt, type LevelState, type ListSubmission } from "./level-lists";

// Property-style, seeded: the running tallies and sizes a level's list keeps (issue 13's panel
// and round-validation targets) always equal a full recount of the list (rules N-10 … N-20,
// N-13, N-16), after any sequence of changes; the round's lists equal each level's own.

function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rnd = () => number;
const pick = <T,>(rnd: Rnd, xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
const int = (rnd: Rnd, n: number) => Math.floor(rnd() * n);

const VALUES: Record<(typeof CRITERION_FIELDS)[number], readonly string[]> = {
  award: ["奖章", "奖状", "先锋号"], kind: ["individual", "collective"], category: ["产业工人", "科教人员", "企业负责人", "县处级干部", "农民工", ""],
  quotaCategory: ["产业工人", "科教人员", "企业负责人", "先锋号", "奖状"], cadreRank: ["", "县处级", "厅局级"], ownership: ["公有", "非公"], unitType: ["企业", "事业", "机关"],
  sex: ["男", "女"], ethnicity: ["汉族", "回族"], isMigrantWorker: ["true", "false"], isNewEmployment: ["true", "false"], isFrontline: ["true", "false"],
  isTeamOrOffice: ["true", "false"], isKeyIndustry: ["true", "false"],
};

function entry(rnd: Rnd): RatioEntry {
  const v = (f: keyof typeof VALUES) => pick(rnd, VALUES[f]);
  const b = (f: keyof typeof VALUES) => v(f) === "true";
  return {
    award: v("award"), kind: v("kind"), category: v("category"), quotaCategory: v("quotaCategory"), cadreRank: v("cadreRank"), ownership: v("ownership"), unitType: v("unitType"),
    sex: v("sex"), ethnicity: v("ethnicity"), isMigrantWorker: b("isMigrantWorker"), isNewEmployment: b("isNewEmployment"), isFrontline: b("isFrontline"),
    isTeamOrOffice: b("isTeamOrOffice"), isKeyIndustry: b("isKeyIndustry"),
  };
}

function criterion(rnd: Rnd): Criterion {
  const field = pick(rnd, CRITERION_FIELDS);
  return { field, values: VALUES[field].filter(() => rnd() < 0.5) };
}

function rules(rnd: Rnd): RatioRule[] {
  const extra = Array.from({ length: int(rnd, 6) }, (_, i): RatioRule => {
    const kind = pick(rnd, RULE_KINDS);
    return { id: `r${i}`, label: `规则${i}`, kind, match: criterion(rnd), base: rnd() < 0.4 ? null : criterion(rnd), percent: int(rnd, 101), count: int(rnd, 40), hard: rnd() < 0.5 };
  });
  return [...quotaRules([{ category: "", limit: int(rnd, 320) }, { category: "先锋号", limit: int(rnd, 60) }]), ...controlCapRules({ 企业负责人: int(rnd, 30) }), ...DEFAULT_RATIO_RULES, ...extra];
}

describe("RatioTally equals a full recount (seeded random lists)", () => {
  it("built from 200 random lists of up to 300 names under random rules", () => {
    const rnd = random(13);
    for (let k = 0; k < 200; k++) {
      const rs = rules(rnd);
      const list = Array.from({ length: int(rnd, 301) }, () => entry(rnd));
      expect(new RatioTally(rs, list).results(), `list ${k}`).toEqual(checkStructureRatios(list, rs));
    }
  });

  it("after every one of 2,000 random changes (add, take off, reclassify) on 20 lists", () => {
    const rnd = random(2026);
    for (let k = 0; k < 20; k++) {
      const rs = rules(rnd);
      const list = Array.from({ length: 50 + int(rnd, 250) }, () => entry(rnd));
      const tally = new RatioTally(rs, list);
      for (let step = 0; step < 100; step++) {
        const op = rnd();
        if (op < 0.35 || list.length === 0) {
          const e = entry(rnd);
          list.push(e);
          tally.add(e);
        } else if (op < 0.7) {
          const [e] = list.splice(int(rnd, list.length), 1);
          tally.remove(e);
        } else {
          const i = int(rnd, list.length);
          const after = { ...list[i], ...(rnd() < 0.5 ? { category: pick(rnd, VALUES.category) } : { ownership: pick(rnd, VALUES.ownership), isTeamOrOffice: rnd() < 0.5 }) };
          tally.replace(list[i], after);
          list[i] = after;
        }
        expect(tally.results(), `list ${k} step ${step}`).toEqual(checkStructureRatios(list, rs));
      }
    }
  });
});

describe("差额 from two tallies equals a recount (rule N-16, seeded)", () => {
  it("on 200 random pools and lists chosen from them, with random percentages", () => {
    const rnd = random(16);
    for (let k = 0; k < 200; k++) {
      const quota = rules(rnd).filter((r) => r.id.startsWith("quota-"));
      const pool = Array.from({ length: int(rnd, 301) }, () => entry(rnd));
      const selected = pool.filter(() => rnd() < 0.7);
      const pct = pick(rnd, [100, 110, 120, 150, 200]);
      const poolTally = new RatioTally(quota, pool);
      const listTally = new RatioTally(quota, selected);
      expect(competitiveFromCounts(quota, pct, (r) => poolTally.countFor(r), (r) => listTally.countFor(r)), `pool ${k}`).toEqual(competitiveResults(quota, pct, pool, selected));
    }
  });
});

describe("a level's list (rules N-16, N-30)", () => {
  it("stands a submission at each level of its chain", () => {
    expect(stateAt({ currentLevel: 1, status: "pending" }, 0)).toBe("sent");
    expect(stateAt({ currentLevel: 1, status: "pending" }, 1)).toBe("here");
    expect(stateAt({ currentLevel: 1, status: "pending" }, 2)).toBeNull();
    expect(stateAt({ currentLevel: 2, status: "approved" }, 2)).toBe("sent");
    expect(stateAt({ currentLevel: 1, status: "returned" }, 1)).toBe("returned");
    expect(stateAt({ currentLevel: 1, status: "refused" }, 1)).toBe("refused");
    expect(stateAt({ currentLevel: 1, status: "refused" }, -1)).toBeNull();
  });

  it("the round's lists, built at once, equal each level's own (seeded random chains)", () => {
    const rnd = random(43);
    const orgs = Array.from({ length: 12 }, (_, i) => `org-${i}`);
    const subs: ListSubmission[] = Array.from({ length: 3000 }, (_, i) => {
      const levels = [pick(rnd, orgs.slice(0, 8)), pick(rnd, orgs.slice(8, 11)), "org-11"];
      return { id: `s${i}`, subjectId: `n${i}`, levels: JSON.stringify(levels), currentLevel: int(rnd, 3), status: pick(rnd, ["pending", "pending", "approved", "returned", "refused"]) };
    });
    const round = roundMembership(subs);
    for (const org of orgs) expect(round.get(org) ?? new Map(), org).toEqual(levelMembership(subs, org));
  });

  it("sizes moved by holds equal a recount (seeded)", () => {
    const rnd = random(7);
    const rows = Array.from({ length: 300 }, () => ({ state: pick(rnd, ["here", "here", "sent", "returned", "refused"] as LevelState[]), heldBack: rnd() < 0.2 }));
    let sizes = listSizes(rows);
    expect(sizes.included).toBe(rows.filter(countsInList).length);
    for (let step = 0; step < 500; step++) {
      const waiting = rows.filter((r) => r.state === "here");
      const row = pick(rnd, waiting);
      const heldBack = !row.heldBack;
      row.heldBack = heldBack;
      sizes = sizesAfterHold(sizes, heldBack);
      expect(sizes, `step ${step}`).toEqual(listSizes(rows));
    }
  });
});
