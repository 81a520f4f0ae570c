import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { pageOf } from "~/modules/api/common-schemas";
import { MemberInputSchema, MemberListQuerySchema, MemberPatchSchema, MemberSchema } from "./schemas";

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
  description: "身份证号按 GB 11643 校验；性别和出生日期可省略（取自身份证号），如提供须一致。身份证号已登记时答 409。/ The ID number is checked (GB 11643); sex and date of birth default to the ID number's and must agree with it. 409 when the ID number is already registered.",
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
