// A project's settings, stored as JSON beside its indicator set: every number of the rules is a
// setting with its documented default (issue 14). Pure.
import { DEFAULT_BANNER_RULES, DEFAULT_PLACE_REWARDS, type BannerRule, type PlaceRewards } from "./periods";
import { DEFAULT_VETO_RULES, DEFAULT_TEAM_VETO_SETTINGS, type TeamVetoSettings, type VetoRule } from "./vetoes";
import { DEFAULT_EVENT_TABLE, type EventTypeRow } from "./event-table";
import { DEFAULT_YEAR_END_SETTINGS, type YearEndSettings } from "./year-end";
import { DEFAULT_CAMPAIGN, type CampaignSettings } from "./safe-days";
import { DEFAULT_TEAM_AWARD, type TeamAwardRule } from "./team-award";

export type LabourSettings = {
  /** rule L-11: committee members who must score and sign a period */
  minSigners: number;
  /** indicator keys that separate equal totals, in order */
  tieBreaks: string[];
  banners: BannerRule[];
  placeRewards: PlaceRewards[];
  vetoRules: VetoRule[];
  teamVetoes: TeamVetoSettings;
  /** rule L-7: the monthly best-team award (月度优秀班组) of each period */
  teamAward: TeamAwardRule;
  eventTable: EventTypeRow[];
  yearEnd: YearEndSettings;
  /** 百日 campaigns only */
  campaign: Omit<CampaignSettings, "start"> | null;
};

export function defaultSettings(kind: "project" | "campaign", tieBreaks: string[] = []): LabourSettings {
  return {
    minSigners: 3,
    tieBreaks,
    banners: DEFAULT_BANNER_RULES,
    placeRewards: DEFAULT_PLACE_REWARDS,
    vetoRules: DEFAULT_VETO_RULES,
    teamVetoes: DEFAULT_TEAM_VETO_SETTINGS,
    teamAward: DEFAULT_TEAM_AWARD,
    eventTable: DEFAULT_EVENT_TABLE,
    yearEnd: DEFAULT_YEAR_END_SETTINGS,
    campaign: kind === "campaign" ? DEFAULT_CAMPAIGN : null,
  };
}

/** Reads stored settings, filling what an older project lacks from the defaults. */
export function readSettings(json: string, kind: "project" | "campaign"): LabourSettings {
  const stored = JSON.parse(json) as Partial<LabourSettings>;
  return { ...defaultSettings(kind), ...stored };
}
