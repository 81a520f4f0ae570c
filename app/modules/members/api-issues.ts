import { isAppError } from "~/utils/errors";

/** The API names body fields "body.<field>"; a PATCH is validated after merging, so its issues get the prefix here. */
export const prefixIssues = (prefix: string) => (error: unknown): never => {
  if (isAppError(error)) {
    error.issues = error.issues.map((i) => ({ ...i, path: i.path.startsWith(`${prefix}.`) ? i.path : `${prefix}.${i.path}` }));
  }
  throw error;
};
