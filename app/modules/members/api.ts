import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { pageOf } from "~/modules/api/common-schemas";
import { MemberInputSchema, MemberListQuerySchema, MemberPatchSchema, MemberSchema, MergeMembersSchema, RedeemLinkCodeSchema } from "./schemas";

const MemberIdParams = z.object({ memberId: z.string().min(1) });

export const listMembersOp = defineOperation({
  operationId: "listMembers",
  method: "get",
  path: "/members",
  summary: "会员列表（本人权限范围内，分页）/ members in the caller's scope, paged",
  description: "身份证号仅对在该会员所在单位拥有 member:read-id 权限者完整显示，其余为脱敏形式。/ ID numbers are masked unless the caller holds member:read-id over the member's unit.",
  tags: ["members"],
  permission: "member:read",
  query: MemberListQuerySchema,
  response: pageOf(MemberSchema),
  errors: [400],
});

export const getMemberOp = defineOperation({
  operationId: "getMember",
  method: "get",
  path: "/members/{memberId}",
  summary: "会员详情 / one member",
  tags: ["members"],
  permission: "member:read",
  params: MemberIdParams,
  response: MemberSchema,
  errors: [404],
});

export const createMemberOp = defineOperation({
  operationId: "createMember",
  method: "post",
  path: "/members",
  summary: "登记会员 / register a member",
  description: "身份证号按 GB 11643 校验；性别和出生日期可省略（取自身份证号），如提供须一致。身份证号已在调用者 member:write 范围内登记时答 409；范围外的登记不影响答复。/ The ID number is checked (GB 11643); sex and date of birth default to the ID number's and must agree with it. 409 when the ID number is already registered inside the caller's member:write subtree; records elsewhere do not change the answer.",
  tags: ["members"],
  permission: "member:write",
  body: MemberInputSchema,
  response: MemberSchema,
  successStatus: 201,
  errors: [409],
});

export const updateMemberOp = defineOperation({
  operationId: "updateMember",
  method: "patch",
  path: "/members/{memberId}",
  summary: "修改会员 / update a member",
  description: "只改提供的字段；null 清空可选字段。改后的完整记录按登记时的规则校验。/ Only the given fields change; null clears an optional field. The resulting record is validated as a new one would be.",
  tags: ["members"],
  permission: "member:write",
  params: MemberIdParams,
  body: MemberPatchSchema,
  response: MemberSchema,
  errors: [404, 409],
});

export const memberOperations = [listMembersOp, getMemberOp, createMemberOp, updateMemberOp];

// ---------------------------------------------------------------- identity (issue 10 item 5, decision 009)

const DuplicateMemberSchema = z.object({
  id: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  birthDate: z.string().describe("YYYY-MM-DD"),
  orgId: z.string(),
  orgName: z.string(),
  linked: z.boolean().describe("是否已关联账号 / whether an account is linked to it"),
  registrations: z.number().int(),
  createdAt: z.string(),
});

export const listMemberDuplicatesOp = defineOperation({
  operationId: "listMemberDuplicates",
  method: "get",
  path: "/members/duplicates",
  summary: "本人范围内的重复会员记录 / records of the same person inside the caller's subtree",
  description: "身份证号相同的会员记录，仅比较调用者有 member:write 权限的范围；范围外的记录不参与比较，也不会被提及。/ Records sharing an ID number, compared only inside the caller's member:write subtree; records elsewhere are neither compared nor mentioned.",
  tags: ["members"],
  permission: "member:write",
  response: z.object({ groups: z.array(z.object({ members: z.array(DuplicateMemberSchema) })) }),
});

export const mergeMembersOp = defineOperation({
  operationId: "mergeMembers",
  method: "post",
  path: "/members/merge",
  summary: "合并同一人的两条会员记录 / merge two records of the same person",
  description: "mergeId 的报名、账号关联、回避声明和关联码转到 keepId；被并入的记录保留并指向保留的记录。两条都须在调用者 member:write 范围内且身份证号相同。/ Registrations, the account link, conflicts and link codes move from mergeId to keepId; the merged record stays and points to the kept one. Both must be in the caller's member:write scope with the same ID number.",
  tags: ["members"],
  permission: "member:write",
  body: MergeMembersSchema,
  response: z.object({ keptId: z.string(), mergedId: z.string(), movedRegistrations: z.number().int(), movedAccount: z.boolean() }),
  errors: [404, 409],
});

export const createLinkCodeOp = defineOperation({
  operationId: "createMemberLinkCode",
  method: "post",
  path: "/members/{memberId}/link-codes",
  summary: "生成账号关联码（一次性，7 天有效）/ a one-time code that links the worker's account (7 days)",
  description: "由单位工会交给本人，本人在「我的账号 → 关联会员信息」或 POST /me/member 输入。新码使旧的未用码失效；只保存码的哈希，明码只在此答复中出现一次。/ Handed to the worker, who enters it on /account/member or POST /me/member. A new code voids earlier unused ones; only its hash is stored and the clear code appears in this answer only.",
  tags: ["members"],
  permission: "member:write",
  params: MemberIdParams,
  response: z.object({ code: z.string().describe("如 7KQM-2W9D-XH4T / e.g. 7KQM-2W9D-XH4T"), expiresAt: z.string() }),
  successStatus: 201,
  errors: [404, 409],
});

export const redeemLinkCodeOp = defineOperation({
  operationId: "linkMyMember",
  method: "post",
  path: "/me/member",
  summary: "用关联码把本人账号关联到会员记录 / link the caller's account to a member record with a one-time code",
  description: "错误的码按账号计数，每小时最多 5 次。/ Wrong codes are counted per account: at most 5 an hour (then 429).",
  tags: ["members"],
  body: RedeemLinkCodeSchema,
  response: z.object({ memberId: z.string(), name: z.string(), orgName: z.string() }),
  errors: [409, 429],
});

export const memberIdentityOperations = [listMemberDuplicatesOp, mergeMembersOp, createLinkCodeOp, redeemLinkCodeOp];
