import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";

// Leaderboards and the live feed (issue 6, items 1, 2, 9). Public boards need no token; a
// members-only contest's boards need a signed-in member (token or session); `view=live` needs
// a committee or judging role. Entrants appear by station code until the results are
// published (public) or decrypted (live) — rules S-33, S-34.

const EventParams = z.object({ eventId: z.string().min(1) });
const TAGS = ["results"];

const ViewQuery = z.object({
  view: z.enum(["public", "live"]).default("public").describe("public（默认，封榜时为封榜时刻的排名）| live（组委会与裁判：实时，不受封榜影响）"),
});

export const BoardRowSchema = z.object({
  id: z.string().describe("the blind code's id: stable, not identifying"),
  rank: z.number().int().nullable().describe("null: disqualified (rule S-44)"),
  code: z.string().describe("工位号 station code"),
  name: z.string().nullable().describe("null until names may be shown"),
  unit: z.string().nullable(),
  total: z.number().int().describe("hundredths of a point"),
  totalText: z.string(),
  scores: z.array(z.string()).describe("component scores in scheme order"),
  complete: z.boolean().describe("every aspect has a mark"),
  disqualified: z.boolean(),
});

export const BoardSchema = z.object({
  eventId: z.string(),
  eventName: z.string(),
  contestId: z.string(),
  contestName: z.string(),
  mode: z.string().describe("individual | team"),
  view: z.enum(["public", "live"]),
  identity: z.enum(["codes", "names"]),
  frozen: z.boolean().describe("the public board shows the standings as of frozenAt"),
  frozenAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  decrypted: z.boolean(),
  problem: z.string().nullable().describe("why the event cannot be scored (e.g. an invalid marking scheme)"),
  components: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), weightPercent: z.number() })),
  version: z.string().describe("changes whenever what the board shows changes; the feed's patches name it"),
  rowCount: z.number().int(),
  rows: z.array(BoardRowSchema),
});

export const TeamBoardSchema = z.object({
  eventId: z.string(),
  eventName: z.string(),
  view: z.enum(["public", "live"]),
  identity: z.enum(["codes", "names"]),
  frozen: z.boolean(),
  version: z.string(),
  teamMode: z.string().describe("sum-of-members (S-55) | best-k-per-event (S-56)"),
  rows: z.array(z.object({
    id: z.string(), rank: z.number().int(), name: z.string().describe("the team's name, or its members' station codes before names may be shown"),
    unit: z.string().nullable(), codes: z.array(z.string()), total: z.number().int(), totalText: z.string(), counted: z.number().int(),
  })),
});

export const FreezeSchema = z.object({
  at: z.iso.datetime({ offset: true }).nullable().optional().describe("冻结时刻（ISO 8601），省略为现在 / when the board freezes; omitted: now"),
});

const FreezeResponse = z.object({ eventId: z.string(), frozenAt: z.string().nullable(), publishedAt: z.string().nullable() });

export const getLeaderboardOp = defineOperation({
  operationId: "getLeaderboard",
  method: "get",
  path: "/events/{eventId}/leaderboard",
  summary: "赛项排行榜（JSON）/ an event's leaderboard (JSON)",
  description:
    "公开竞赛无需令牌；仅限会员的竞赛需登录会员；view=live 仅限组委会与裁判（contest:manage、judging:*）。解密前与公示前只显示工位号。" +
    "封榜期间公开榜为封榜时刻的排名。/ No token for a public contest; members-only contests need a signed-in member; " +
    "view=live is for the committee and judges and ignores the freeze. Station codes only until decryption (live) or publication (public).",
  tags: TAGS,
  params: EventParams,
  query: ViewQuery,
  response: BoardSchema,
  errors: [404],
});

export const getTeamLeaderboardOp = defineOperation({
  operationId: "getTeamLeaderboard",
  method: "get",
  path: "/events/{eventId}/leaderboard/teams",
  summary: "团体排行榜（规则 S-55、S-56）/ team leaderboard (rules S-55, S-56)",
  description: "访问规则同个人榜。/ Same access rules as the individual board.",
  tags: TAGS,
  params: EventParams,
  query: ViewQuery,
  response: TeamBoardSchema,
  errors: [404],
});

export const getLiveFeedOp = defineOperation({
  operationId: "getLiveFeed",
  method: "get",
  path: "/events/{eventId}/feed",
  summary: "实时成绩推送（text/event-stream）/ live result feed (server-sent events)",
  description: [
    "**Content-Type: text/event-stream**（不是 JSON）。访问规则同排行榜。/ **Content-Type: text/event-stream** (not JSON). Same access as the leaderboard.",
    "事件 / events:",
    "- `hello` `{\"version\", \"board\"}` on connect (`board` is the whole board when it has ≤ 200 rows, else null: GET the leaderboard);",
    "- `patch` `{\"base\", \"version\", \"at\", \"rows\": [BoardRow], \"removed\": [id]}`: apply when you hold `base`, else GET the leaderboard;",
    "- `board`: the whole board (small boards, e.g. when it was frozen or names became visible);",
    "- `reload` `{\"version\", \"at\", \"frozen\"}`: GET the leaderboard again;",
    "- `: ping` comment every 15 s. Reconnect on close (EventSource does; `retry: 3000`).",
    "Browser pages use /events/{eventId}/live (same stream, session cookie).",
  ].join("\n"),
  contentType: "text/event-stream",
  tags: TAGS,
  params: EventParams,
  query: ViewQuery,
  response: z.string().describe("text/event-stream"),
  errors: [404],
});

export const freezeOp = defineOperation({
  operationId: "freezeLeaderboard",
  method: "post",
  path: "/events/{eventId}/freeze",
  summary: "封榜：从某一时刻起公开榜不再变化 / freeze the public board from a moment on",
  description: "组织者（contest:manage）或裁判长（judging:chief）。实时榜不受影响。/ Organiser or chief judge. The live view keeps changing.",
  tags: TAGS,
  params: EventParams,
  body: FreezeSchema,
  response: FreezeResponse,
  errors: [404],
});

export const unfreezeOp = defineOperation({
  operationId: "unfreezeLeaderboard",
  method: "delete",
  path: "/events/{eventId}/freeze",
  summary: "解除封榜 / unfreeze the public board",
  description: "组织者或裁判长。/ Organiser or chief judge.",
  tags: TAGS,
  params: EventParams,
  response: FreezeResponse,
  errors: [404],
});

export const resultsOperations = [getLeaderboardOp, getTeamLeaderboardOp, getLiveFeedOp, freezeOp, unfreezeOp];
