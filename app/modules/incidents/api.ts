import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { INCIDENT_KINDS } from "./incident-kinds";
import { IncidentFilterSchema, IncidentInputSchema } from "./schemas";

// The accident and incident register as JSON (rules A-12, N-21): the same services and schemas
// as /incidents. The permission is checked again with the organisation's scope in the service.

const Label = z.object({ zh: z.string(), en: z.string() });

export const IncidentSchema = z.object({
  id: z.string(),
  org: z.object({ id: z.string(), name: z.string() }),
  kind: z.enum(INCIDENT_KINDS),
  kindLabel: Label,
  severity: z.string().nullable(),
  severityLabel: Label.nullable(),
  occurredOn: z.string().describe("YYYY-MM-DD"),
  title: z.string(),
  description: z.string(),
  casualties: z.number().int().nullable(),
  createdAt: z.string(),
});

export const listIncidentsOp = defineOperation({
  operationId: "listIncidents",
  method: "get",
  path: "/incidents",
  summary: "事故与事件台账 / the accident and incident register",
  description: "调用者 incident:read 范围内的事故与事件，可按单位（含下级）、年份、类型筛选。/ Incidents within the caller's incident:read scope, optionally in one organisation's subtree, one year, one kind.",
  tags: ["incidents"],
  permission: "incident:read",
  query: IncidentFilterSchema,
  response: z.object({ items: z.array(IncidentSchema) }),
});

export const recordIncidentOp = defineOperation({
  operationId: "recordIncident",
  method: "post",
  path: "/incidents",
  summary: "登记事故或事件 / record an accident or incident",
  description: "生产安全事故、严重职业危害、群体性事件使单位三年内不得申报五一劳动奖和工人先锋号（rule N-21）；重伤及以上事故当年一票否决（rule A-12）。/ Recording runs the other domains' hooks in the same transaction.",
  tags: ["incidents"],
  permission: "incident:write",
  body: IncidentInputSchema,
  response: z.object({ id: z.string(), orgId: z.string(), kind: z.enum(INCIDENT_KINDS), severity: z.string().nullable(), occurredOn: z.string() }),
  successStatus: 201,
});

export const incidentOperations = [listIncidentsOp, recordIncidentOp];
