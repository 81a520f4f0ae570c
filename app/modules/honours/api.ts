import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { HONOUR_LEVELS, HONOUR_SOURCES } from "./honour-levels";
import { HonourSearchSchema, ManualHonourSchema } from "./schemas";

// The honours register (荣誉库) as JSON: the same services and schemas as /honours and
// /my-honours. The permission is checked again with the holder's unit in the service.

const Label = z.object({ zh: z.string(), en: z.string() });

export const HonourSchema = z.object({
  id: z.string(),
  holder: z.object({ kind: z.enum(["member", "org"]), id: z.string(), name: z.string() }),
  unit: z.object({ id: z.string(), name: z.string() }).describe("the holder's unit (a member's organisation, or the organisation itself)"),
  title: z.string(),
  level: z.enum(HONOUR_LEVELS),
  levelLabel: Label,
  year: z.number().int(),
  issuingBody: z.string(),
  source: z.enum(HONOUR_SOURCES),
  sourceLabel: Label,
  certificate: z.object({ id: z.string(), verifyCode: z.string() }).nullable().describe("the certificate /verify checks, when one was issued"),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
});

export const searchHonoursOp = defineOperation({
  operationId: "searchHonours",
  method: "get",
  path: "/honours",
  summary: "荣誉库查询 / search the honours register",
  description: "调用者 honour:read 范围内的荣誉，按姓名、单位、称号、年度、级别查询；默认不含已撤销的。/ Honours within the caller's scope; revoked ones only with includeRevoked.",
  tags: ["honours"],
  permission: "honour:read",
  query: HonourSearchSchema,
  response: z.object({ items: z.array(HonourSchema) }),
});

export const recordHonourOp = defineOperation({
  operationId: "recordHonour",
  method: "post",
  path: "/honours",
  summary: "登记历史荣誉 / enter an honour by hand",
  description: "获奖个人（memberId）或获奖集体（orgId）二选一。/ Exactly one of memberId and orgId.",
  tags: ["honours"],
  permission: "honour:write",
  body: ManualHonourSchema,
  response: HonourSchema,
  successStatus: 201,
});

export const myHonoursOp = defineOperation({
  operationId: "myHonours",
  method: "get",
  path: "/me/honours",
  summary: "我的荣誉 / the caller's own honours",
  tags: ["honours"],
  permission: "self:profile",
  response: z.object({ linked: z.boolean().describe("false when the account has no member record"), items: z.array(HonourSchema) }),
});

export const honourOperations = [searchHonoursOp, recordHonourOp, myHonoursOp];
