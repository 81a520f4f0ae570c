import { z } from "zod";
import { defineOperation } from "~/modules/api/operation";
import { ResolveRecusalSchema } from "./schemas";

// The encryption officer's recusal queue (issue 10 item 2, rules S-30, S-33): conflicts that
// judges declared with a unit after the draw, and the officer's reassignment.

const AssignmentSchema = z.object({
  id: z.string(), userId: z.string(), judgeName: z.string(), role: z.string(),
  sessionId: z.string().nullable(), sessionName: z.string().nullable(), aspectIds: z.array(z.string()),
});

const RequestSchema = z.object({
  id: z.string(),
  status: z.enum(["open", "reassigned", "dismissed"]).or(z.string()),
  createdAt: z.string(), resolvedAt: z.string().nullable(), resolution: z.string().nullable(),
  judgeId: z.string(), judgeName: z.string(), unitName: z.string().nullable(), reason: z.string(), declaredAt: z.string().nullable(),
  assignments: z.array(AssignmentSchema),
  affectedStations: z.array(z.string()).describe("station codes of the unit's entrants in the judge's current scope (the encryption officer only)"),
});

export const listRecusalRequestsOp = defineOperation({
  operationId: "listRecusalRequests",
  method: "get",
  path: "/events/{eventId}/recusal-requests",
  summary: "回避申请（保密员）/ Recusal requests queued for the encryption officer",
  description: "A judge's conflict with a unit declared after the draw does not change their board; it waits here for the encryption officer, who knows which stations it concerns.",
  tags: ["judging"],
  permission: "judging:encrypt",
  params: z.object({ eventId: z.string().min(1) }),
  response: z.object({
    event: z.object({ id: z.string(), name: z.string(), contestName: z.string(), blinded: z.boolean() }),
    requests: z.array(RequestSchema),
    assignments: z.array(AssignmentSchema),
    sessions: z.array(z.object({ id: z.string(), name: z.string() })),
  }),
  errors: [404],
});

export const resolveRecusalRequestOp = defineOperation({
  operationId: "resolveRecusalRequest",
  method: "post",
  path: "/recusal-requests/{requestId}/resolution",
  summary: "处理回避申请 / Reassign a judge for a recusal request",
  description: "swap: exchange the judge's assignment (session and aspects) with another judge's; move: put it in another session; remove: take the judge off the event; dismiss: no entrant of the unit is in the judge's scope. Refused (409) when the judge would still mark an entrant of the unit.",
  tags: ["judging"],
  permission: "judging:encrypt",
  params: z.object({ requestId: z.string().min(1) }),
  body: ResolveRecusalSchema,
  response: z.object({
    id: z.string(),
    status: z.string(),
    resolution: z.object({ action: z.string(), assignmentId: z.string().nullable(), withAssignmentId: z.string().nullable(), sessionId: z.string().nullable(), note: z.string().nullable() }),
  }),
  errors: [404, 409],
});

export const recusalOperations = [listRecusalRequestsOp, resolveRecusalRequestOp];
