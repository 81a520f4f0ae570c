import { stripRuleCodes } from "~/utils/messages";
import { common } from "./common";
import { orgsText } from "~/modules/orgs/i18n";
import { membersText } from "~/modules/members/i18n";
import { usersText } from "~/modules/users/i18n";
import { eventsText } from "~/modules/events/i18n";
import { contestsText } from "~/modules/contests/i18n";
import { registrationText } from "~/modules/registration/i18n";
import { drawsText } from "~/modules/draws/i18n";
import { leaderboardText } from "~/modules/results/i18n";
import { publicationText } from "~/modules/results/publication-i18n";
import { reviewText } from "~/modules/judging/review/i18n";
import { judgingText } from "~/modules/judging/i18n";
import { publicNoticeText, reviewChainText } from "~/modules/review-chain/i18n";
import { ankangText } from "~/modules/ankang/i18n";
import { labourText } from "~/modules/labour/i18n";
import { nominationsText } from "~/modules/nominations/i18n";
import { pageTitlesText } from "./page-titles";
import { incidentsText } from "~/modules/incidents/i18n";
import { honoursText } from "~/modules/honours/i18n";
import { consultationsText } from "~/modules/consultations/i18n";
import { homeText } from "~/modules/home/i18n";
import { proposalsText } from "~/modules/proposals/i18n";

// Every domain's strings, one i18next namespace each. Add a domain: import its
// `{ zh, en }` object and list it here (one line each, so parallel additions merge cleanly).
const domains = {
  common, orgs: orgsText, members: membersText, users: usersText, events: eventsText, contests: contestsText, registration: registrationText, draws: drawsText, judging: judgingText, review: reviewText, leaderboard: leaderboardText, publication: publicationText, reviewChain: reviewChainText, publicNotice: publicNoticeText, titles: pageTitlesText,
  incidents: incidentsText,
  honours: honoursText,
  consultations: consultationsText,
  home: homeText,
  ankang: ankangText,
  proposals: proposalsText,
  labour: labourText,
  nominations: nominationsText,
};

export const LOCALES = ["zh", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh";
export const NAMESPACES = Object.keys(domains);

/** Rule codes ("（规则 S-4）") stay in the domains' files for the engineers; readers never see them. */
function withoutRuleCodes(value: unknown): unknown {
  if (typeof value === "string") return stripRuleCodes(value);
  if (Array.isArray(value)) return value.map(withoutRuleCodes);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutRuleCodes(v)]));
  return value;
}

export const resources = Object.fromEntries(
  LOCALES.map((lng) => [lng, Object.fromEntries(Object.entries(domains).map(([ns, text]) => [ns, withoutRuleCodes(text[lng])]))]),
) as unknown as Record<Locale, Record<string, Record<string, unknown>>>;

export const isLocale = (value: unknown): value is Locale => LOCALES.includes(value as Locale);
