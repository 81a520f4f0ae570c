import type { z } from "zod";
import { badRequest, type FieldIssue } from "./errors";

/** Parse with a zod schema; bad input becomes one AppError naming every field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw badRequest(`输入有误：${issues.map((i) => (i.path ? `${i.path}: ` : "") + i.message).join("；")}`, issues);
}

export const formObject = (form: FormData) => Object.fromEntries(form.entries());
