import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { PublishSchema } from "./publication-schemas";

// Results (issue 6 part B) over the JSON API: published results as JSON or CSV, publishing
// and re-publishing, and certificate verification. Before publication only organisers, the
// chief judge and supervisors get results, with names only after decryption (rule S-34).

const EventParams = z.object({ eventId: z.string().min(1) });
const TAGS = ["results"];
const iso = z.string().describe("ISO 8601");
const PrizeCounts = z.object({ first: z.number().int(), second: z.number().int(), third: z.number().int(), honourable: z.number().int() });

export const ResultsSchema = z.object({
  event: z.object({ id: z.string(), name: z.string(), trade: z.string(), groupName: z.string(), contestId: z.string(), contestName: z.string(), orgName: z.string() }),
  published: z.boolean().describe("false: live results with the prize tiers the engine would give (preview)"),
  version: z.number().int().nullable(),
  publishedAt: iso.nullable(),
  noticeEndsAt: iso.nullable(),
  identity: z.boolean().describe("false: names and units withheld (blind marking, rules S-33, S-34)"),
  components: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
  rows: z.array(z.object({
    registrationId: z.string().nullable(),
    rank: z.number().int().nullable().describe("null: disqualified (rule S-44)"),
    stationCode: z.string(),
    name: z.string().nullable(),
    unitName: z.string().nullable(),
    scores: z.array(z.string()).describe("component scores in scheme order, 2 decimals"),
    totalText: z.string(),
    prizeLabel: z.string().nullable(),
    outcomes: z.array(z.string()),
    disqualified: z.boolean(),
  })),
});

export const getResultsOp = defineOperation({
  operationId: "getEventResults",
  method: "get",
  path: "/events/{eventId}/results",
  summary: "赛项成绩（已公示版本或预览）/ an event's results (published version, or a preview)",
  description: "公示后：最新公示版本，凡可查看竞赛者均可读取。公示前：仅组织者、裁判长、监督仲裁组，解密前无姓名。/ After publication: the latest published version. Before: organisers, chief judge and supervisors only, without names until decryption.",
  tags: TAGS,
  permission: "contest:read",
  params: EventParams,
  response: ResultsSchema,
  errors: [404],
});

export const getResultsCsvOp = defineOperation({
  operationId: "getEventResultsCsv",
  method: "get",
  path: "/events/{eventId}/results.csv",
  summary: "赛项成绩 CSV（UTF-8 带 BOM，Excel 可直接打开）/ results as CSV (UTF-8 with BOM)",
  description: "返回 text/csv；列：名次、工位号、姓名、单位、各分项、总分、奖项、奖励与晋升。访问规则同 getEventResults。/ Answers text/csv; same access as getEventResults.",
  tags: TAGS,
  permission: "contest:read",
  params: EventParams,
  response: z.string().describe("text/csv"),
  contentType: "text/csv",
  errors: [404],
});

export const publishResultsOp = defineOperation({
  operationId: "publishEventResults",
  method: "post",
  path: "/events/{eventId}/publication",
  summary: "发布或重新发布成绩公示 / publish or re-publish an event's results",
  description:
    "须全部场次签字锁定（S-24）、复核通过（S-40）、已解密（S-34）。首次公示生成第 1 版并向获奖者颁发证书；之后成绩有变动时须填写原因重新公示（第 n+1 版），受影响的证书作废并重新颁发。/ Needs sign-off, a passed re-check and decryption. Version 1 issues certificates to prize winners; after a change, a re-publication needs a reason, creates version n+1 and reissues or revokes the affected certificates.",
  tags: TAGS,
  permission: "contest:manage",
  params: EventParams,
  body: PublishSchema,
  response: z.object({
    id: z.string(), eventId: z.string(), version: z.number().int(), publishedAt: iso, noticeDays: z.number().int(), noticeEndsAt: iso, reason: z.string().nullable(),
    fieldSize: z.number().int(), counts: PrizeCounts, warnings: z.array(z.string()),
    certificates: z.object({
      issued: z.array(z.object({ id: z.string(), number: z.string(), registrationId: z.string(), prize: z.string(), kind: z.enum(["individual", "team"]).describe("team: a member's certificate of the team's award (S-2)") })),
      revoked: z.number().int(),
      kept: z.number().int(),
    }),
  }),
  successStatus: 201,
  errors: [404, 409],
});

export const CertificateRecordSchema = z.object({
  number: z.string(), name: z.string(), unitName: z.string(), contestName: z.string(), eventName: z.string(), prize: z.string(),
  outcomes: z.array(z.string()), issuer: z.string(), issuedAt: iso, status: z.enum(["valid", "revoked"]), revokedAt: iso.nullable(),
  kind: z.enum(["individual", "team"]), teamName: z.string().nullable().describe("the team, on a certificate of a team award (S-2)"),
});

export const verifyCertificateOp = defineOperation({
  operationId: "verifyCertificate",
  method: "get",
  path: "/certificates/verify/{code}",
  summary: "核验证书（无需令牌）/ verify a certificate (no token needed)",
  description: "按证书二维码中的核验码返回服务器保存的证书记录；未知核验码答 404。此接口公开，不需要令牌。/ The server's record for a verification code; 404 for an unknown code. Public: no token needed.",
  tags: TAGS,
  params: z.object({ code: z.string().min(1) }),
  response: CertificateRecordSchema,
  public: true,
  errors: [404],
});

export const publicationOperations = [getResultsOp, getResultsCsvOp, publishResultsOp, verifyCertificateOp];
