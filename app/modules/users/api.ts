import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { pageOf } from "~/modules/api/common-schemas";
import { CreateUserSchema, GrantInputSchema, UserListQuerySchema } from "./schemas";
import { MAX_ACCOUNT_ROWS } from "./account-import";

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

// ---------------------------------------------------------------- accounts and grants

export const GrantSchema = z.object({
  id: z.string(),
  roleKey: z.string(),
  roleName: z.string(),
  roleNameEn: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  createdAt: z.string(),
});

export const UserSummarySchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  createdAt: z.string(),
  grants: z.array(GrantSchema).describe("在您权限范围内的授权 / the grants inside the caller's scope"),
  hiddenGrantCount: z.number().int().describe("范围外的授权数量 / grants outside the caller's scope, not shown"),
});

export const UserDetailSchema = UserSummarySchema.extend({
  locale: z.string(),
  memberLinked: z.boolean(),
  member: z
    .object({ id: z.string(), name: z.string(), orgId: z.string(), orgName: z.string() })
    .nullable()
    .describe("关联的会员；无 member:read 权限时为 null / the linked member, null without member:read over it"),
  grants: z.array(GrantSchema.extend({ canRevoke: z.boolean() })),
});

export const MeSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: z.string(),
  via: z.enum(["session", "token"]).describe("认证方式 / how the caller authenticated"),
  roles: z.array(z.string()),
  permissions: z.array(z.string()).describe("在任一组织上拥有的权限 / permissions held over at least one organisation"),
  grants: z.array(
    z.object({ roleKey: z.string(), orgId: z.string(), orgName: z.string(), orgPath: z.string(), permissions: z.array(z.string()) }),
  ),
});

const UserIdParams = z.object({ userId: z.string().min(1) });

export const meOp = defineOperation({
  operationId: "getMe",
  method: "get",
  path: "/me",
  summary: "当前调用者：角色、权限与范围 / the caller: roles, permissions and scopes",
  tags: ["users"],
  response: MeSchema,
});

export const listUsersOp = defineOperation({
  operationId: "listUsers",
  method: "get",
  path: "/users",
  summary: "账号列表（本人权限范围内）/ accounts in the caller's scope",
  description: "列出至少有一项授权在调用者范围内的账号；有 user:manage 的调用者还能看到尚无任何授权的账号。/ Accounts with at least one grant inside the caller's scope; callers with user:manage also see accounts without any grant.",
  tags: ["users"],
  permission: "user:read",
  query: UserListQuerySchema,
  response: pageOf(UserSummarySchema),
});

export const getUserOp = defineOperation({
  operationId: "getUser",
  method: "get",
  path: "/users/{userId}",
  summary: "账号详情与授权 / one account with its grants",
  tags: ["users"],
  permission: "user:read",
  params: UserIdParams,
  response: UserDetailSchema,
  errors: [404],
});

export const createUserOp = defineOperation({
  operationId: "createUser",
  method: "post",
  path: "/users",
  summary: "新建账号（可同时授予首个角色）/ create an account, optionally with a first grant",
  description: "组织者可在本组织范围内创建账号并授予不高于自身的角色。不给 password 时生成一次性密码，只在此返回一次；新账号首次登录须修改密码。/ Organisers create accounts inside their subtree and grant roles up to their own. Without a password a one-time password is generated and returned only here; the holder must change it at the first sign-in.",
  tags: ["users"],
  permission: "user:manage",
  body: CreateUserSchema,
  response: UserDetailSchema.extend({
    oneTimePassword: z.string().nullable().describe("生成的一次性密码，只返回这一次；调用者给了密码时为 null / the generated one-time password, returned once; null when the caller gave a password"),
    mustChangePassword: z.boolean(),
  }),
  successStatus: 201,
  errors: [409],
});

export const listUserGrantsOp = defineOperation({
  operationId: "listUserGrants",
  method: "get",
  path: "/users/{userId}/grants",
  summary: "账号的授权（本人权限范围内）/ an account's grants inside the caller's scope",
  tags: ["users"],
  permission: "user:read",
  params: UserIdParams,
  response: z.object({ items: z.array(GrantSchema) }),
  errors: [404],
});

export const addGrantOp = defineOperation({
  operationId: "addGrant",
  method: "post",
  path: "/users/{userId}/grants",
  summary: "授予角色 / grant a role over an organisation's subtree",
  description: "组织须在调用者的 user:manage 范围内，且角色的权限不能超出调用者自身的权限。/ The organisation must be inside the caller's user:manage scope, and the role may not carry permissions the caller lacks there.",
  tags: ["users"],
  permission: "user:manage",
  params: UserIdParams,
  body: GrantInputSchema,
  response: GrantSchema,
  successStatus: 201,
  errors: [404, 409],
});

export const revokeGrantOp = defineOperation({
  operationId: "revokeGrant",
  method: "delete",
  path: "/users/{userId}/grants/{grantId}",
  summary: "撤销授权 / revoke a grant",
  description: "不能撤销自己唯一的系统管理员授权（422）。/ Your own last admin grant cannot be revoked (422).",
  tags: ["users"],
  permission: "user:manage",
  params: z.object({ userId: z.string().min(1), grantId: z.string().min(1) }),
  response: GrantSchema,
  errors: [404, 422],
});

const cell = z.union([z.string().max(200), z.number()]).nullish();
export const ImportAccountsBodySchema = z.object({
  rows: z
    .array(z.object({
      username: cell.describe("用户名 / username"),
      displayName: cell.describe("姓名 / name"),
      phone: cell.describe("手机（可空）/ mobile number (optional)"),
      unit: cell.describe("单位：组织名称或编号 / unit: the organisation's name or id"),
      role: cell.describe("角色：中文名、英文名或角色键 / role: its Chinese or English name, or its key"),
    }))
    .min(1, "请至少提供一个账号 / give at least one account")
    .max(MAX_ACCOUNT_ROWS, `一次最多导入 ${MAX_ACCOUNT_ROWS} 个账号 / at most ${MAX_ACCOUNT_ROWS} accounts`),
});

export const ImportedAccountSchema = z.object({
  row: z.number().int().describe("在 rows 中的序号，从 1 起 / position in rows, from 1"),
  id: z.string(), username: z.string(), displayName: z.string(), orgName: z.string(), roleName: z.string(),
  oneTimePassword: z.string().describe("一次性密码，只返回这一次 / the one-time password, returned only here"),
});

export const importAccountsOp = defineOperation({
  operationId: "importAccounts",
  method: "post",
  path: "/users/import",
  summary: "批量导入账号（全部成功或全部不导入）/ import accounts, all or nothing",
  description: "与 Excel 导入（/users/import）规则相同：每行一个账号及其在某单位上的角色，只能授予不高于调用者自身的角色；任一行有误则不导入任何账号，422 的 issues 以 body.rows.N.字段 指出每一行的问题。成功时一次性返回每个账号的一次性密码。/ The rules of the Excel import: one account per row with a role over a unit, up to the caller's own rank; any bad row imports nothing (422, issues at body.rows.N.field). On success each account's one-time password is returned once.",
  tags: ["users"],
  permission: "user:manage",
  body: ImportAccountsBodySchema,
  response: z.object({ accounts: z.array(ImportedAccountSchema) }),
  successStatus: 201,
  errors: [409, 422],
});

export const userOperations = [meOp, listUsersOp, getUserOp, createUserOp, listUserGrantsOp, addGrantOp, revokeGrantOp, importAccountsOp];
