import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { OrgInputSchema, OrgSchema, OrgUpdateSchema } from "./schemas";
import { ORG_TYPE_KEYS } from "./org-types";

const OrgIdParams = z.object({ orgId: z.string().min(1) });

export const listOrgsOp = defineOperation({
  operationId: "listOrganisations",
  method: "get",
  path: "/orgs",
  summary: "组织列表（本人权限范围内）/ organisations in the caller's scope",
  tags: ["organisations"],
  permission: "org:read",
  query: z.object({
    q: z.string().optional().describe("名称包含 / name contains"),
    type: z.enum(ORG_TYPE_KEYS as [string, ...string[]]).optional(),
    parentId: z.string().optional(),
  }),
  response: z.object({ items: z.array(OrgSchema) }),
});

export const getOrgOp = defineOperation({
  operationId: "getOrganisation",
  method: "get",
  path: "/orgs/{orgId}",
  summary: "组织详情 / one organisation",
  tags: ["organisations"],
  permission: "org:read",
  params: OrgIdParams,
  response: OrgSchema.extend({ memberCount: z.number().int(), childCount: z.number().int() }),
  errors: [404],
});

export const createOrgOp = defineOperation({
  operationId: "createOrganisation",
  method: "post",
  path: "/orgs",
  summary: "新建下级组织 / create a sub-organisation",
  tags: ["organisations"],
  permission: "org:write",
  body: OrgInputSchema,
  response: OrgSchema,
  successStatus: 201,
});

export const updateOrgOp = defineOperation({
  operationId: "updateOrganisation",
  method: "patch",
  path: "/orgs/{orgId}",
  summary: "修改组织 / update an organisation",
  tags: ["organisations"],
  permission: "org:write",
  params: OrgIdParams,
  body: OrgUpdateSchema,
  response: OrgSchema,
  errors: [404],
});

export const orgOperations = [listOrgsOp, getOrgOp, createOrgOp, updateOrgOp];
