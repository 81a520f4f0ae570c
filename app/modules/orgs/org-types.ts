// The union hierarchy (组织体系): which kind of organisation sits under which.
// 全总 → 省级总工会 / 全国产业工会 → 市 → 区县 / 产业工会 → 街道、乡镇、园区 → 基层工会 → 班组 / 科室

export const ORG_TYPES = {
  national: { zh: "中华全国总工会", en: "All-China Federation of Trade Unions", parents: [] },
  provincial: { zh: "省级总工会", en: "Provincial federation", parents: ["national"] },
  national_industry: { zh: "全国产业工会", en: "National industry union", parents: ["national"] },
  city: { zh: "市总工会", en: "City federation", parents: ["provincial"] },
  county: { zh: "区县总工会", en: "District or county federation", parents: ["city"] },
  industry: { zh: "产业工会", en: "Industry union", parents: ["city", "provincial", "national_industry"] },
  street: { zh: "街道、乡镇、园区工会", en: "Sub-district, township or park union", parents: ["county"] },
  grassroots: { zh: "基层工会", en: "Enterprise or institution union", parents: ["street", "county", "industry", "city"] },
  team: { zh: "班组 / 科室", en: "Team or office", parents: ["grassroots"] },
  // 联审部门 (rule N-34): a government department consulted on candidates (税务, 市场监管, 纪委 …),
  // kept under the union body that consults it so its account's scope is one node.
  department: { zh: "联审部门", en: "Consulted department", parents: ["national", "provincial", "city", "county"] },
} as const satisfies Record<string, { zh: string; en: string; parents: readonly string[] }>;

export type OrgType = keyof typeof ORG_TYPES;
export const ORG_TYPE_KEYS = Object.keys(ORG_TYPES) as OrgType[];
export const OWNERSHIPS = ["公有", "非公"] as const;

// 单位类别: what kind of body an organisation is, where a rule needs more than its place in the
// union tree. Rule A-8: 优秀组织单位 is chosen from 乡镇(街道)-level-or-higher safety regulators,
// industry regulators, unions, or 规模以上 (above-scale) enterprises.
export const UNIT_CATEGORIES = {
  safetyRegulator: { zh: "安全生产监管部门", en: "Work-safety regulator" },
  industryRegulator: { zh: "行业主管部门", en: "Industry regulator" },
  aboveScaleEnterprise: { zh: "规模以上企业", en: "Above-scale enterprise" },
} as const satisfies Record<string, { zh: string; en: string }>;

export type UnitCategory = keyof typeof UNIT_CATEGORIES;
export const UNIT_CATEGORY_KEYS = Object.keys(UNIT_CATEGORIES) as UnitCategory[];
export const isUnitCategory = (value: string): value is UnitCategory => value in UNIT_CATEGORIES;

/** A unit category's name in the reader's language (the stored key when unknown). */
export function unitCategoryLabel(key: string, locale: "zh" | "en"): string {
  return isUnitCategory(key) ? UNIT_CATEGORIES[key][locale] : key;
}

export function canBeChildOf(child: OrgType, parent: OrgType | null): boolean {
  const allowed = ORG_TYPES[child].parents as readonly string[];
  return parent === null ? allowed.length === 0 : allowed.includes(parent);
}

export const isOrgType = (value: string): value is OrgType => value in ORG_TYPES;

/** An organisation type's name in the reader's language (the stored key when unknown). */
export function orgTypeLabel(key: string, locale: "zh" | "en"): string {
  return isOrgType(key) ? ORG_TYPES[key][locale] : key;
}
