import { z } from "zod";
import type { Operation } from "./operation";
import { ErrorResponseSchema } from "./common-schemas";

// Builds the OpenAPI 3.1 document from the operations' zod schemas (JSON Schema
// 2020-12, which OpenAPI 3.1 uses as is).

const jsonSchema = (schema: z.ZodType, io: "input" | "output") =>
  z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Record<string, unknown>;

function stripDialect(schema: Record<string, unknown>) {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}

function parametersOf(schema: z.ZodObject | undefined, location: "path" | "query") {
  if (!schema) return [];
  const js = stripDialect(jsonSchema(schema, "input")) as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: location,
      required: location === "path" ? true : (js.required ?? []).includes(name) && !("default" in prop),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: "输入有误 / invalid input",
  401: "未认证或令牌无效 / not authenticated",
  403: "没有权限 / forbidden",
  404: "不存在 / not found",
  409: "冲突 / conflict",
  415: "请求体必须是 JSON / body must be JSON",
  422: "业务规则不允许 / refused by a rule",
  429: "请求过多 / too many requests",
};

export function buildOpenApiDocument(operations: Operation[], info: { version: string; serverUrl?: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const errorStatuses = [...new Set([400, 401, 403, ...(op.errors ?? [])])].sort();
    paths[op.path] ??= {};
    paths[op.path][op.method] = {
      operationId: op.operationId,
      summary: op.summary,
      ...(op.description || op.permission
        ? { description: [op.description, op.permission ? `需要权限 / requires permission: \`${op.permission}\`` : null].filter(Boolean).join("\n\n") }
        : {}),
      tags: op.tags,
      ...(op.public ? { security: [] } : {}),
      parameters: [...parametersOf(op.params, "path"), ...parametersOf(op.query, "query")],
      ...(op.body
        ? { requestBody: { required: true, content: { "application/json": { schema: stripDialect(jsonSchema(op.body, "input")) } } } }
        : {}),
      responses: {
        [String(op.successStatus ?? 200)]: {
          description: "成功 / success",
          content: { [op.contentType ?? "application/json"]: { schema: stripDialect(jsonSchema(op.response, "output")) } },
        },
        ...Object.fromEntries(
          errorStatuses.map((status) => [
            String(status),
            { description: STATUS_TEXT[status] ?? "错误 / error", content: { "application/json": { schema: { $ref: "#/components/schemas/ErrorResponse" } } } },
          ]),
        ),
      },
    };
  }
  const errorSchema = stripDialect(jsonSchema(ErrorResponseSchema, "output"));
  return {
    openapi: "3.1.0",
    info: {
      title: "工赛 Gongsai API",
      version: info.version,
      description:
        "工会竞赛与荣誉平台的 JSON API。用个人 API 令牌认证：Authorization: Bearer <令牌>（在“我的账号 → API 令牌”创建）。权限与网页相同，按组织范围检查。\n\nThe JSON API of the Gongsai platform. Authenticate with a personal API token (Authorization: Bearer <token>); the same permission checks as the web interface apply.",
    },
    servers: [{ url: info.serverUrl ?? "/api/v1" }],
    security: [{ bearerAuth: [] }],
    tags: [...new Set(operations.flatMap((o) => o.tags))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "个人 API 令牌 / personal API token (gs_…)" },
      },
      schemas: { ErrorResponse: errorSchema },
    },
  };
}
