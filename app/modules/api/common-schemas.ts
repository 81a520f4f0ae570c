import { z } from "zod";

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe("stable machine code, e.g. invalid_input, unauthorized, forbidden, not_found"),
      message: z.string().describe("for people: Chinese first, then English"),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).describe("one entry per invalid field"),
      requestId: z.string().nullable(),
      current: z
        .object({ value: z.number().int().describe("hundredths"), valueText: z.string(), version: z.number().int() })
        .optional()
        .describe("409 mark_conflict: the mark as the server holds it now (the entry was typed over an older version)"),
    }),
  })
;

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1).describe("1-based page number"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const IdParamsSchema = (name: string) => z.object({ [name]: z.string().min(1) });
