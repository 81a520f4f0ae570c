import type { PermissionKey } from "~/modules/users/roles";

// The kinds of submission the review chain carries, and which permission each step needs.
// A domain that sends things up the chain (安康杯 recommendations, 劳动竞赛 project
// applications) adds its entry here; the chain itself knows nothing else about them.

export type SubjectType = {
  label: string;
  labelEn: string;
  /** create rounds, set quotas, hold 公示 */
  manage: PermissionKey;
  /** review at a level (granted over that level's organisation) */
  review: PermissionKey;
  /** submit, correct and withdraw for the submitting unit */
  submit: PermissionKey;
  /** where the subject is shown, from its id */
  href?: (subjectId: string) => string;
  /** the round's organising office (manage over its top) may also submit for a unit below it */
  managerMaySubmit?: boolean;
};

export const SUBJECT_TYPES: Record<string, SubjectType> = {
  "honours.nomination": {
    label: "评选表彰推荐",
    labelEn: "Honours nomination",
    manage: "award:manage",
    review: "award:review",
    submit: "award:nominate",
  },
  // 安康杯 titles (issue 15, rule A-15): the unit recommends, the unions' safety staff review level by level
  "ankang.title": {
    label: "安康杯称号推荐",
    labelEn: "Ankang Cup title recommendation",
    manage: "ankang:manage",
    review: "ankang:review",
    submit: "ankang:unit",
    managerMaySubmit: true,
    href: (subjectId) => `/ankang/titles/${subjectId}`,
  },
  // rule I-3: the yearly top ten (十佳合理化建议 / 十大技术创新成果): units nominate, experts review, 公示
  "proposals.top-ten": {
    label: "十佳合理化建议 / 十大技术创新成果推荐",
    labelEn: "Top-ten proposals and innovations",
    manage: "award:manage",
    review: "award:review",
    submit: "proposal:manage",
    href: (subjectId) => `/proposals/${subjectId}`,
  },
  // rules N-40 … N-42: the original nominating unit reports a revocation upward level by level
  "honours.revocation": {
    label: "撤销荣誉称号",
    labelEn: "Honour revocation",
    manage: "award:manage",
    review: "award:review",
    submit: "award:nominate",
  },
  // 劳动竞赛 project applications (rule L-2): a 基层工会 applies, the higher unions recommend level by level
  "competition.project": {
    label: "劳动竞赛项目申报",
    labelEn: "Labour-competition project",
    manage: "labour:manage",
    review: "labour:review",
    submit: "labour:apply",
    href: (projectId) => `/labour/${projectId}`,
  },
};

export const SUBJECT_TYPE_KEYS = Object.keys(SUBJECT_TYPES) as [string, ...string[]];

export function subjectTypeOf(key: string): SubjectType {
  const type = SUBJECT_TYPES[key];
  if (!type) throw new Error(`unknown review subject type ${key}`);
  return type;
}

/** A subject type's name in the reader's language (an unknown key stays as it is). */
export const subjectTypeLabel = (key: string, lang: "zh" | "en") => {
  const type = SUBJECT_TYPES[key];
  return type ? (lang === "en" ? type.labelEn : type.label) : key;
};
