import { can, type Grant } from "~/modules/users/permissions";
import type { PermissionKey } from "~/modules/users/roles";

// Every page about one event (赛项), grouped by the stage of the contest, with the
// permissions that open it. The event page shows the ones the user holds over the
// contest's organisation; the pages themselves still check on the server.

/** What the event's state must be for a link to lead anywhere (beyond the permission). */
export type EventLinkState = {
  /** the results have been published (成绩公示) */
  published: boolean;
  /** the user is assigned to judge this event */
  assignedJudge: boolean;
  /** the user is an entrant of this event, or may act as a team leader (unit contact) */
  entrantOrLeader: boolean;
};

export type EventLink = {
  key: string;
  to: (ids: { eventId: string; contestId: string }) => string;
  anyOf: PermissionKey[];
  /** shown only when this holds: a link the page would refuse (403) or not find (404) is left out */
  when?: keyof EventLinkState;
};
export type EventLinkGroup = { key: string; links: EventLink[] };

const ev = (suffix: string) => ({ eventId }: { eventId: string }) => `/events/${eventId}/${suffix}`;

export const EVENT_LINK_GROUPS: EventLinkGroup[] = [
  {
    key: "registration",
    links: [
      { key: "register", to: ({ eventId }) => `/registrations/new?eventId=${eventId}`, anyOf: ["self:profile"] },
      { key: "registerUnit", to: ({ eventId }) => `/registrations/unit?eventId=${eventId}`, anyOf: ["registration:unit"] },
      { key: "review", to: () => "/registrations/review", anyOf: ["registration:unit", "contest:manage"] },
    ],
  },
  {
    key: "day",
    links: [
      { key: "sessions", to: ev("sessions"), anyOf: ["contest:manage"] },
      { key: "draw", to: ev("draw"), anyOf: ["judging:encrypt"] },
      { key: "startList", to: ev("start-list"), anyOf: ["contest:manage", "judging:encrypt", "judging:chief"] },
      { key: "codes", to: ev("codes"), anyOf: ["judging:score", "judging:chief", "judging:encrypt"] },
      { key: "checkIn", to: () => "/check-in", anyOf: ["judging:encrypt", "contest:manage"] },
    ],
  },
  {
    key: "judging",
    links: [
      { key: "judges", to: ev("judges"), anyOf: ["contest:manage", "judging:chief"] },
      { key: "tablet", to: ({ eventId }) => `/judging/${eventId}`, anyOf: ["judging:score"], when: "assignedJudge" },
      { key: "console", to: ev("console"), anyOf: ["judging:chief"] },
      { key: "paper", to: ev("paper"), anyOf: ["judging:chief", "contest:manage"] },
      { key: "theory", to: ev("theory"), anyOf: ["judging:chief", "contest:manage"] },
      { key: "recheck", to: ev("recheck"), anyOf: ["judging:supervise"] },
      { key: "recusals", to: ev("recusals"), anyOf: ["judging:encrypt"] },
      { key: "decrypt", to: ev("decrypt"), anyOf: ["judging:encrypt"] },
      { key: "appeals", to: ev("appeals"), anyOf: ["judging:supervise"] },
      { key: "fileAppeal", to: ({ eventId }) => `/appeals/new?eventId=${eventId}`, anyOf: ["self:profile"], when: "entrantOrLeader" },
    ],
  },
  {
    key: "results",
    links: [
      { key: "leaderboard", to: ({ eventId }) => `/leaderboard/${eventId}`, anyOf: ["contest:read"] },
      { key: "liveBoard", to: ({ eventId }) => `/leaderboard/${eventId}?view=live`, anyOf: ["contest:manage", "judging:score", "judging:chief", "judging:supervise"] },
      { key: "bigScreen", to: ({ eventId }) => `/leaderboard/${eventId}/screen`, anyOf: ["contest:manage"] },
      { key: "publication", to: ev("publication"), anyOf: ["contest:manage"] },
      { key: "notice", to: ({ eventId }) => `/results/${eventId}`, anyOf: ["contest:read"], when: "published" },
      { key: "charts", to: ev("charts"), anyOf: ["contest:manage", "judging:chief"] },
      { key: "exportXlsx", to: ev("export.xlsx"), anyOf: ["contest:manage", "judging:chief", "judging:supervise"] },
    ],
  },
];

const ANY_STATE: EventLinkState = { published: true, assignedJudge: true, entrantOrLeader: true };

/**
 * The groups of links this user may open for an event of a contest owned by the organisation at
 * `orgPath`, given the event's state for this user (without it, links are chosen by permission only).
 */
export function eventLinksFor(grants: readonly Grant[], orgPath: string, ids: { eventId: string; contestId: string }, state: EventLinkState = ANY_STATE) {
  return EVENT_LINK_GROUPS.map((group) => ({
    key: group.key,
    links: group.links
      .filter((link) => link.anyOf.some((p) => (p === "self:profile" ? can(grants, p) : can(grants, p, orgPath))))
      .filter((link) => !link.when || state[link.when])
      .map((link) => ({ key: link.key, to: link.to(ids) })),
  })).filter((group) => group.links.length > 0);
}
