import { isAppError, type FieldIssue } from "./errors";

/** Form actions: an AppError becomes `{ ok: false, message, issues }` with its status; anything else is rethrown. */
export function actionError(error: unknown) {
  if (isAppError(error)) {
    if (error.status === 403 || error.status === 404) throw new Response(error.message, { status: error.status });
    return Response.json({ ok: false as const, message: error.message, issues: error.issues }, { status: error.status });
  }
  throw error;
}

export type ActionFailure = { ok: false; message: string; issues: FieldIssue[] };

/** Loaders: an AppError becomes a Response carrying its message, for the error boundary. */
export function asResponse(error: unknown): never {
  if (isAppError(error)) throw new Response(error.message, { status: error.status });
  throw error;
}

export function issueFor(issues: FieldIssue[] | undefined, path: string) {
  return issues?.find((i) => i.path === path)?.message;
}
