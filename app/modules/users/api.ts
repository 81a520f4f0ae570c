import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";

export const ApiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("令牌的前几位，用于区分 / first characters, to tell tokens apart"),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const CreateTokenSchema = z.object({
  name: z.string().trim().min(1, "请填写令牌名称 / name is required").max(60, "名称最多 60 个字 / at most 60 characters"),
  expiresInDays: z.number().int().min(1).max(3650).optional().describe("有效天数；不填则长期有效 / days until expiry"),
});

export const listTokensOp = defineOperation({
  operationId: "listApiTokens",
  method: "get",
  path: "/tokens",
  summary: "我的 API 令牌 / my API tokens",
  tags: ["tokens"],
  response: z.object({ items: z.array(ApiTokenSchema) }),
});

export const createTokenOp = defineOperation({
  operationId: "createApiToken",
  method: "post",
  path: "/tokens",
  summary: "创建 API 令牌（令牌只返回这一次）/ create a token (returned once)",
  tags: ["tokens"],
  body: CreateTokenSchema,
  response: ApiTokenSchema.extend({ token: z.string().describe("完整令牌，只显示一次 / the full token, shown once") }),
  successStatus: 201,
});

export const revokeTokenOp = defineOperation({
  operationId: "revokeApiToken",
  method: "delete",
  path: "/tokens/{tokenId}",
  summary: "吊销 API 令牌 / revoke a token",
  tags: ["tokens"],
  params: z.object({ tokenId: z.string().min(1) }),
  response: ApiTokenSchema,
  errors: [404],
});

export const tokenOperations = [listTokensOp, createTokenOp, revokeTokenOp];
