// The closed lists a member record draws from, and the layout of the member
// spreadsheet. Pure data: shared by the form, the Excel import/export and the API.

export const SEXES = ["男", "女"] as const;
export type Sex = (typeof SEXES)[number];

/** 国家职业资格 / 职业技能等级, five levels, 五级 lowest (DOMAIN-RULES §5). */
export const SKILL_LEVELS = ["五级/初级工", "四级/中级工", "三级/高级工", "二级/技师", "一级/高级技师"] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/** Only 职工 can become 技术能手 (DOMAIN-RULES §5, skills-contest registration). */
export const EMPLOYMENT_STATUSES = ["职工", "学生", "其他"] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/** GB/T 3304 民族: the 56 nationalities, plus its codes 97 and 98. */
export const ETHNICITIES = [
  "汉族", "蒙古族", "回族", "藏族", "维吾尔族", "苗族", "彝族", "壮族", "布依族", "朝鲜族",
  "满族", "侗族", "瑶族", "白族", "土家族", "哈尼族", "哈萨克族", "傣族", "黎族", "傈僳族",
  "佤族", "畲族", "高山族", "拉祜族", "水族", "东乡族", "纳西族", "景颇族", "柯尔克孜族", "土族",
  "达斡尔族", "仫佬族", "羌族", "布朗族", "撒拉族", "毛南族", "仡佬族", "锡伯族", "阿昌族", "普米族",
  "塔吉克族", "怒族", "乌孜别克族", "俄罗斯族", "鄂温克族", "德昂族", "保安族", "裕固族", "京族", "塔塔尔族",
  "独龙族", "鄂伦春族", "赫哲族", "门巴族", "珞巴族", "基诺族", "其他未识别民族", "外国血统中国籍人士",
] as const;

/** "汉" and "汉族" are both written on forms; the stored value is the full name. */
export function normaliseEthnicity(raw: string): string {
  const value = raw.trim();
  if ((ETHNICITIES as readonly string[]).includes(value)) return value;
  const withSuffix = `${value}族`;
  return (ETHNICITIES as readonly string[]).includes(withSuffix) ? withSuffix : value;
}

export const MEMBER_FLAGS = ["isFrontline", "isMigrantWorker", "isNewEmployment"] as const;
export type MemberFlag = (typeof MEMBER_FLAGS)[number];

/** Form checkboxes send "on", spreadsheets 是/否, the API booleans. */
export function parseFlag(value: unknown): boolean | unknown {
  if (value === undefined || value === null || value === false || value === true) return value ?? false;
  if (typeof value === "number") return value !== 0;
  if (typeof value !== "string") return value;
  const text = value.trim().toLowerCase();
  if (["", "否", "no", "n", "false", "0", "off"].includes(text)) return false;
  if (["是", "yes", "y", "true", "1", "on", "√", "✓"].includes(text)) return true;
  return value;
}

/** A calendar date from a form ("1990-05-17"), a spreadsheet ("1990/5/17", "19900517", a date cell) or JSON. */
export function parseCalendarDate(value: unknown): Date | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return new Date(Date.UTC(value.getUTCFullYear(), value.getUTCMonth(), value.getUTCDate()));
  }
  if (typeof value !== "string") return null;
  const match = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?(?:T.*)?$/.exec(value.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

// ------------------------------------------------------------------ the spreadsheet

export type SheetColumnKey =
  | "name" | "sex" | "ethnicity" | "birthDate" | "idNumber" | "phone" | "unit" | "unitId"
  | "post" | "skillLevel" | "title" | "employmentStatus" | MemberFlag;

/** Export and import share these headers; the template is an export with no rows. */
export const SHEET_COLUMNS: { key: SheetColumnKey; header: string; width: number; required?: boolean }[] = [
  { key: "name", header: "姓名", width: 12, required: true },
  { key: "sex", header: "性别", width: 6 },
  { key: "ethnicity", header: "民族", width: 10, required: true },
  { key: "birthDate", header: "出生日期", width: 12 },
  { key: "idNumber", header: "身份证号", width: 22, required: true },
  { key: "phone", header: "手机号", width: 14 },
  { key: "unit", header: "所在单位", width: 32 },
  { key: "unitId", header: "单位编号", width: 14 },
  { key: "post", header: "岗位", width: 14 },
  { key: "skillLevel", header: "技能等级", width: 14 },
  { key: "title", header: "专业技术职称", width: 14 },
  { key: "employmentStatus", header: "人员身份", width: 10 },
  { key: "isFrontline", header: "一线职工", width: 10 },
  { key: "isMigrantWorker", header: "农民工", width: 8 },
  { key: "isNewEmployment", header: "新就业形态", width: 10 },
];

export const headerOf = (key: SheetColumnKey | "orgId") =>
  key === "orgId" ? "所在单位" : SHEET_COLUMNS.find((c) => c.key === key)?.header ?? key;

// ------------------------------------------------------------------ uploads

export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

export const UPLOAD_MESSAGES = {
  missing: "请选择要导入的 Excel 文件 / choose an Excel file to import",
  notXlsx: "只接受 .xlsx 格式的 Excel 文件（旧版 .xls 请先另存为 .xlsx）/ only .xlsx files are accepted",
  tooLarge: "文件超过 5 MB，请拆分后分批导入 / the file is larger than 5 MB: split it",
  unreadable: "无法读取该文件，请确认是用 Excel 或 WPS 保存的 .xlsx 文件 / the file could not be read as .xlsx",
} as const;
export type UploadProblem = keyof typeof UPLOAD_MESSAGES;

/** Checks an upload before anything parses it: a name ending .xlsx, a zip signature, ≤ 5 MB. */
export function findUploadProblem(file: { name: string; size: number; head: Uint8Array }): UploadProblem | null {
  if (!file.name && file.size === 0) return "missing";
  if (file.size > MAX_IMPORT_BYTES) return "tooLarge";
  if (!/\.xlsx$/i.test(file.name.trim())) return "notXlsx";
  // An .xlsx file is a zip archive: it starts with "PK\x03\x04".
  const zip = file.head.length >= 4 && file.head[0] === 0x50 && file.head[1] === 0x4b && file.head[2] === 0x03 && file.head[3] === 0x04;
  return zip ? null : "notXlsx";
}

/** An HTML form leaves unticked checkboxes out; for a change that must mean "no", not "keep". */
export function withUntickedFlags(form: Record<string, unknown>): Record<string, unknown> {
  return { ...form, ...Object.fromEntries(MEMBER_FLAGS.map((flag) => [flag, form[flag] ?? "否"])) };
}
