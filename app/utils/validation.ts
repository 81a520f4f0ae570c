import type { z } from "zod";
import { badRequest, type FieldIssue } from "./errors";
import { joinIssueMessages, zodIssueMessage } from "./messages";

/**
 * Parse with a zod schema; bad input becomes one AppError with an issue per field. The message
 * people read lists the problems without field paths (the issues carry the paths for the form).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input, { error: zodIssueMessage });
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  throw badRequest(joinIssueMessages(issues.map((i) => i.message)), issues);
}

export const formObject = (form: FormData) => Object.fromEntries(form.entries());
