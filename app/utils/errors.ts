// One error type for the whole application: a status, a stable machine code, and a
// message for people (Chinese first, then English; the boundaries show the reader's half,
// see messages.ts). Routes turn it into a friendly
// page; the API turns it into {"error": {"code", "message", "issues"}}.
import { bilingual } from "./messages";

export type FieldIssue = { path: string; message: string };

/** The message for one field among a form's issues (used by pages in the browser too). */
export function issueFor(issues: FieldIssue[] | undefined, path: string) {
  return issues?.find((i) => i.path === path)?.message;
}

export class AppError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
    public issues: FieldIssue[] = [],
    /** extra facts for API clients, answered beside code and message (the stored mark of a key conflict, the current mark of a stale entry) */
    public details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "AppError";
  }
}

export const badRequest = (message: string, issues: FieldIssue[] = [], code = "invalid_input") =>
  new AppError(400, code, message, issues);
export const unauthorized = (message = bilingual("unauthorized")) => new AppError(401, "unauthorized", message);
export const forbidden = (message = bilingual("forbidden")) =>
  new AppError(403, "forbidden", message);
export const notFound = (message = bilingual("not_found")) => new AppError(404, "not_found", message);
export const conflict = (message: string, code = "conflict") => new AppError(409, code, message);

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
