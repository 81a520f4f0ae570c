/**
 * The one error class of the scoring module. Every refusal names the field it is about, in
 * Chinese first and then English, so a form can show it beside the input and an official can
 * read it without a translator.
 */
export type ScoringIssue = { path: string; message: string };

export class ScoringInputError extends Error {
  readonly issues: ScoringIssue[];

  constructor(issues: ScoringIssue[]) {
    super(issues.map((i) => i.message).join("\n"));
    this.name = "ScoringInputError";
    this.issues = issues;
  }
}

/**
 * `{ path: "components[1].weight", message: "权重之和必须等于 1（当前为 0.9）/ weights must sum to 1" }`:
 * the path says where (for forms and API clients), the message is for people (no path in it).
 */
export function describeIssue(path: string, chinese: string, english: string): ScoringIssue {
  // Full-width closing punctuation already carries its own spacing in Chinese typesetting.
  const gap = /[）。」]$/.test(chinese) ? "" : " ";
  return { path, message: `${chinese}${gap}/ ${english}` };
}

/** Collects issues while validating, then throws them all at once so a form can show every problem. */
export class IssueCollector {
  readonly issues: ScoringIssue[] = [];

  add(path: string, chinese: string, english: string): void {
    this.issues.push(describeIssue(path, chinese, english));
  }

  throwIfAny(): void {
    if (this.issues.length > 0) throw new ScoringInputError(this.issues);
  }
}

/** Formats a path like ["components", 1, "weight"] as `components[1].weight`. */
export function formatPath(segments: ReadonlyArray<PropertyKey>): string {
  let path = "";
  for (const segment of segments) {
    if (typeof segment === "number") path += `[${segment}]`;
    else path += path === "" ? String(segment) : `.${String(segment)}`;
  }
  return path === "" ? "(root)" : path;
}

type ZodLikeIssue = { path: ReadonlyArray<PropertyKey>; message: string };

/**
 * Turns zod's issues into ours. Parse with `{ error: zodIssueMessage }` (utils/messages.ts) so
 * that the messages are already in both languages and free of type jargon.
 */
export function issuesFromZod(issues: ReadonlyArray<ZodLikeIssue>, prefix: ReadonlyArray<PropertyKey> = []): ScoringIssue[] {
  return issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message }));
}
