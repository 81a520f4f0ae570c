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

/** `components[1].weight: 权重之和必须等于 1（当前为 0.9）/ weights must sum to 1` */
export function describeIssue(path: string, chinese: string, english: string): ScoringIssue {
  // Full-width closing punctuation already carries its own spacing in Chinese typesetting.
  const gap = /[）。」]$/.test(chinese) ? "" : " ";
  return { path, message: `${path}: ${chinese}${gap}/ ${english}` };
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

type ZodLikeIssue = { code: string; path: ReadonlyArray<PropertyKey>; message: string; expected?: unknown; values?: unknown };

/** Turns zod's (English) issues into ours: Chinese first, then zod's English text. */
export function issuesFromZod(issues: ReadonlyArray<ZodLikeIssue>, prefix: ReadonlyArray<PropertyKey> = []): ScoringIssue[] {
  return issues.map((issue) => {
    const path = formatPath([...prefix, ...issue.path]);
    const chinese =
      issue.code === "invalid_type"
        ? issue.message.includes("received undefined")
          ? "必填项缺失"
          : "类型不正确"
        : issue.code === "too_small"
          ? "数值过小或内容为空"
          : issue.code === "too_big"
            ? "数值过大或内容过长"
            : issue.code === "invalid_value" || issue.code === "invalid_union"
              ? "取值无效"
              : issue.code === "unrecognized_keys"
                ? "包含无法识别的字段"
                : "格式不正确";
    return describeIssue(path, chinese, issue.message);
  });
}
