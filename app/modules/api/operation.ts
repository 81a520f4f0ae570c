import type { z } from "zod";
import type { PermissionKey } from "~/modules/users/roles";

// An API operation is defined once, as data: its path, its zod schemas and the
// permission it needs. The route module executes it (app/utils/api.server.ts) and the
// OpenAPI document is generated from the same object (app/modules/api/openapi.ts), so
// every endpoint is documented by construction.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

export type Operation<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodObject = z.ZodObject,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI path under /api/v1, with {param} placeholders */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  /** the permission the caller needs (checked again, with its scope, in the service) */
  permission?: PermissionKey;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  successStatus?: number;
  /** the success response's media type (default application/json; e.g. text/event-stream for feeds) */
  contentType?: string;
  /** answers without a token (e.g. certificate verification): documented with `security: []` */
  public?: boolean;
  /** error statuses this operation can answer besides 400/401/403 */
  errors?: number[];
};

export function defineOperation<P extends z.ZodObject, Q extends z.ZodObject, B extends z.ZodType, R extends z.ZodType>(
  op: Operation<P, Q, B, R>,
): Operation<P, Q, B, R> {
  return op;
}
