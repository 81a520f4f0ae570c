// The message catalogue: what the application says to people when something goes wrong,
// by stable code, in Chinese and English; and the one place that turns a message into the
// reader's language.
//
// Convention kept across the code base: a service throws an AppError whose message carries
// both languages, "中文 / English" (several such messages may be joined with "；"). Nothing
// shows such a text as it is: the boundaries (form actions, loaders' error responses, the
// JSON API, pages showing a stored message) pass it through `localiseMessage` with the
// reader's locale, which keeps the reader's half and drops rule codes ("(rule S-2/S-63)"):
// rule codes belong in code, tests and logs, not in what users read.
//
// Plain TypeScript, no server imports: pages use it in the browser too.

export type MessageLocale = "zh" | "en";
type Text = { zh: string; en: string };

/** Messages by code (the `code` of an API error). Services may use their own codes too. */
export const MESSAGE_CATALOGUE = {
  invalid_input: { zh: "输入有误", en: "Some input is not valid" },
  invalid_json: { zh: "请求体不是有效的 JSON", en: "The body is not valid JSON" },
  unsupported_media_type: { zh: "请求体必须是 JSON（Content-Type: application/json）", en: "The body must be JSON (Content-Type: application/json)" },
  method_not_allowed: { zh: "不支持该请求方法", en: "This method is not allowed here" },
  unauthorized: { zh: "请先登录", en: "Please sign in" },
  token_required: { zh: "需要 API 令牌：Authorization: Bearer <令牌>", en: "An API token is required: Authorization: Bearer <token>" },
  token_malformed: { zh: "Authorization 头格式应为 Bearer <令牌>", en: "The Authorization header must read: Bearer <token>" },
  token_invalid: { zh: "令牌无效、已过期或已吊销", en: "The token is invalid, expired or revoked" },
  forbidden: { zh: "没有权限访问此内容", en: "You do not have permission to do this" },
  not_found: { zh: "找不到该内容", en: "Not found" },
  internal_error: { zh: "服务器内部错误，请稍后重试", en: "Internal error: please try again later" },
  // Field-level messages for inputs a schema gives no message of its own (see zodIssueMessage).
  required: { zh: "此项必填", en: "This field is required" },
  empty: { zh: "此项不能为空", en: "This field cannot be empty" },
  wrong_type: { zh: "格式不正确", en: "The format is not right" },
  too_short: { zh: "至少 {min} 个字", en: "At least {min} characters" },
  too_long: { zh: "最多 {max} 个字", en: "At most {max} characters" },
  too_few: { zh: "至少需要 {min} 项", en: "At least {min} needed" },
  too_many: { zh: "最多 {max} 项", en: "At most {max} items" },
  too_small_number: { zh: "不能小于 {min}", en: "Must be at least {min}" },
  too_small_number_exclusive: { zh: "必须大于 {min}", en: "Must be more than {min}" },
  too_big_number: { zh: "不能大于 {max}", en: "Must be at most {max}" },
  too_big_number_exclusive: { zh: "必须小于 {max}", en: "Must be less than {max}" },
  not_whole_number: { zh: "请填写整数", en: "Give a whole number" },
  not_an_option: { zh: "不是可选的值", en: "Not one of the allowed values" },
  bad_email: { zh: "请填写有效的电子邮箱", en: "Give a valid e-mail address" },
  bad_date: { zh: "请填写有效的日期", en: "Give a valid date" },
  unknown_fields: { zh: "包含无法识别的字段", en: "Contains fields that are not known" },
} as const satisfies Record<string, Text>;
export type MessageCode = keyof typeof MESSAGE_CATALOGUE;

const fill = (text: string, params: Record<string, string | number> = {}) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));

/** A catalogue message in one language. */
export function messageFor(code: MessageCode, locale: MessageLocale, params?: Record<string, string | number>): string {
  return fill(MESSAGE_CATALOGUE[code][locale], params);
}

/** A catalogue message in both languages, "中文 / English", for an AppError (localised at the boundary). */
export function bilingual(code: MessageCode, params?: Record<string, string | number>): string {
  return joinBilingual(messageFor(code, "zh", params), messageFor(code, "en", params));
}

const joinBilingual = (zh: string, en: string) => `${zh}${/[）。」]$/.test(zh) ? "" : " "}/ ${en}`;

// ------------------------------------------------------------------ picking the reader's half

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const hasCjk = (text: string) => CJK.test(text);

// "(rule S-2/S-63)", "（S-30、S-31）", "(S-30, S-31)", "（规则 S-35）", "，规则 S-14）", "rules S-50–S-52":
// rule codes are for code, tests and logs, not for what people read.
const CODE = String.raw`(?<![\w-])[SNAIL]-\d+[a-z]?`;
const CODES = String.raw`${CODE}(?:\s*(?:[、,/，–-]|and|和|or|或)\s*${CODE})*`;
const RULE_CODE = new RegExp(String.raw`\s*[（(]\s*(?:rules?\s+|规则\s*)?${CODES}\s*[）)]|\s*(?:\brules?\s+|规则\s*)${CODES}|\s*${CODES}`, "gi");

/** Drops rule codes from a text people read. */
export function stripRuleCodes(text: string): string {
  if (!/(?<![\w-])[SNAIL]-\d/.test(text)) return text;
  return text
    .replace(RULE_CODE, "")
    .replace(/\s*[，,、]\s*([）)])/g, "$1")
    .replace(/[（(]\s*[）)]/g, "")
    .replace(/\s+([，。；：,.;:）)])/g, "$1")
    .trim();
}

// The separator between the two halves: a slash followed by a space ("中文 / English",
// "中文）/ English"). A slash inside a word ("S-2/S-63", "五级/初级工") is not one.
const SEPARATOR = /\s?\/\s+/g;

/** Splits one "中文 / English" message into its halves (null when it is not bilingual). */
function splitBilingual(text: string): Text | null {
  for (const match of text.matchAll(SEPARATOR)) {
    const zh = text.slice(0, match.index);
    const en = text.slice(match.index! + match[0].length);
    if (hasCjk(zh) && /[A-Za-z]{2,}/.test(en)) return { zh: zh.trim(), en: en.trim() };
  }
  return null;
}

/**
 * The reader's half of a message in both languages, without rule codes. Handles several
 * messages joined with "；" (each "中文 / English"), and messages in one language only (kept,
 * as they are all there is). Safe to call twice.
 */
export function localiseMessage(text: string | null | undefined, locale: MessageLocale): string {
  if (!text) return "";
  const parts: string[] = [];
  let pending = "";
  for (const piece of text.split(/；|\n/)) {
    const candidate = pending ? `${pending}；${piece}` : piece;
    const halves = splitBilingual(candidate);
    if (halves) {
      parts.push(halves[locale]);
      pending = "";
    } else pending = candidate;
  }
  if (pending) {
    // No English half anywhere in what is left: a one-language message. An English reader
    // still gets it (there is nothing else), minus rule codes.
    parts.push(pending);
  }
  const joined = [...new Set(parts.map((p) => stripRuleCodes(p)).filter(Boolean))].join(locale === "zh" ? "；" : "; ");
  return joined;
}

// ------------------------------------------------------------------ zod

type ZodIssueLike = {
  code?: string; input?: unknown; origin?: string; minimum?: number | bigint; maximum?: number | bigint;
  inclusive?: boolean; format?: string; expected?: string;
};

/**
 * The message for a zod issue the schema gave no message of its own: in both languages, with
 * no field path and no type jargon. Pass as `{ error: zodIssueMessage }` to safeParse.
 */
export function zodIssueMessage(issue: ZodIssueLike): string {
  const n = (v: number | bigint | undefined) => (typeof v === "bigint" ? Number(v) : v ?? 0);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return bilingual("required");
      if (issue.expected === "int") return bilingual("not_whole_number");
      if (issue.expected === "date") return bilingual("bad_date");
      return bilingual("wrong_type");
    case "too_small": {
      const min = n(issue.minimum);
      if (issue.origin === "string") return min <= 1 ? bilingual("empty") : bilingual("too_short", { min });
      if (issue.origin === "array" || issue.origin === "set") return bilingual("too_few", { min: Math.max(1, min) });
      return bilingual(issue.inclusive === false ? "too_small_number_exclusive" : "too_small_number", { min });
    }
    case "too_big": {
      const max = n(issue.maximum);
      if (issue.origin === "string") return bilingual("too_long", { max });
      if (issue.origin === "array" || issue.origin === "set") return bilingual("too_many", { max });
      return bilingual(issue.inclusive === false ? "too_big_number_exclusive" : "too_big_number", { max });
    }
    case "invalid_value":
    case "invalid_union":
    case "invalid_enum_value":
      return bilingual("not_an_option");
    case "invalid_format":
    case "invalid_string":
      if (issue.format === "email") return bilingual("bad_email");
      if (issue.format === "date" || issue.format === "datetime") return bilingual("bad_date");
      return bilingual("wrong_type");
    case "not_multiple_of":
      return bilingual("not_whole_number");
    case "unrecognized_keys":
      return bilingual("unknown_fields");
    default:
      return bilingual("invalid_input");
  }
}

/** The issues' messages as one text (each once), for an AppError: "请选择赛项 / choose an event；…". */
export function joinIssueMessages(messages: readonly string[]): string {
  return [...new Set(messages)].join("；") || bilingual("invalid_input");
}

// ------------------------------------------------------------------ data values shown to readers

/**
 * English names of the Chinese values the platform stores (options of its forms, statuses,
 * levels, prizes): an English reader sees these instead of the stored Chinese.
 */
export const VALUE_LABELS_EN: Record<string, string> = {
  "五级/初级工": "Level 5 (junior worker)", "四级/中级工": "Level 4 (intermediate worker)", "三级/高级工": "Level 3 (senior worker)",
  "二级/技师": "Level 2 (technician)", "一级/高级技师": "Level 1 (senior technician)",
  技师: "technician", 高级技师: "senior technician", 高级工: "senior worker", 中级工: "intermediate worker", 初级工: "junior worker",
  职工: "employee", 学生: "student", 其他: "other", 男: "male", 女: "female", 是: "yes", 否: "no",
  公有: "public", 非公: "non-public", 一类: "class I", 二类: "class II",
  职工组: "Employees", 学生组: "Students", 教师组: "Teachers", 初赛: "Heats", 决赛: "Final",
  一等奖: "First prize", 二等奖: "Second prize", 三等奖: "Third prize", 优秀奖: "Honourable mention", 优胜奖: "Merit award",
  团体一等奖: "Team first prize", 团体二等奖: "Team second prize", 团体三等奖: "Team third prize", 团体奖: "Team award",
  全国技术能手: "National Technical Expert", 省技术能手: "Provincial Technical Expert", 市技术能手: "City Technical Expert",
  青年岗位能手: "Young Post Expert", 巾帼建功标兵: "Women's Achievement Pacesetter",
  全国五一劳动奖章: "National May Day Labour Medal", 推荐全国五一劳动奖章: "Nominated for the National May Day Labour Medal",
  省五一劳动奖章: "Provincial May Day Labour Medal", 市五一劳动奖章: "City May Day Labour Medal",
};

/** A stored value (or "a；b" list of them) in the reader's language; unknown values stay as they are. */
export function valueLabel(value: string | null | undefined, locale: MessageLocale): string {
  if (!value) return "";
  if (locale === "zh") return value;
  return value.split("；").map((part) => {
    const v = part.trim();
    if (VALUE_LABELS_EN[v]) return VALUE_LABELS_EN[v];
    const nomination = /^推荐(.+)$/.exec(v);
    if (nomination && VALUE_LABELS_EN[nomination[1]]) return `Nominated for the ${VALUE_LABELS_EN[nomination[1]]}`;
    const province = /^(.+省)(技术能手|五一劳动奖章)$/.exec(v);
    if (province) return `${VALUE_LABELS_EN[province[2] === "技术能手" ? "省技术能手" : "全国五一劳动奖章"]?.replace(/^National |^Provincial /, "Provincial ")} (${province[1]})`;
    const promotion = /^晋升(.+?)(（.+）)?$/.exec(v);
    if (promotion) return `promoted to ${VALUE_LABELS_EN[promotion[1]] ?? promotion[1]}`;
    return v;
  }).join("; ");
}

/**
 * The punctuation that joins words on a page, in the reader's language: Chinese uses full-width
 * marks (名单：甲、乙（3）), English half-width ones with spaces (List: A, B (3)).
 */
export function punctuation(locale: MessageLocale) {
  const en = locale === "en";
  return {
    colon: en ? ": " : "：",
    comma: en ? ", " : "，",
    semicolon: en ? "; " : "；",
    /** Items of a list: "甲、乙" / "A, B". */
    list: (items: readonly (string | number | null | undefined | false)[]) => items.filter((x) => x !== null && x !== undefined && x !== false && x !== "").join(en ? ", " : "、"),
    /** A remark in brackets after a word: "甲（3）" / "A (3)". */
    paren: (text: string | number) => (en ? ` (${text})` : `（${text}）`),
  };
}

/** A day in words for the reader ("2026年12月7日" / "7 December 2026"), in China's time zone. */
export function formatLongDate(value: string | number | Date | null | undefined, locale: MessageLocale): string {
  if (value === null || value === undefined || value === "") return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleDateString(locale === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });
}

/** A date and time for the reader, in China's time zone (the contest's), the same on server and browser. */
export function formatDateTime(value: string | number | Date | null | undefined, locale: MessageLocale, withTime = true): string {
  if (value === null || value === undefined || value === "") return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  return date.toLocaleString(locale === "en" ? "en-GB" : "zh-CN", {
    timeZone: "Asia/Shanghai", year: "numeric", month: locale === "en" ? "short" : "2-digit", day: "2-digit",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hour12: false } : {}),
  });
}
