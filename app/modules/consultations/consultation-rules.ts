// 征求意见 / 联审 (rule N-34): which departments are consulted about which candidate, and
// whether a candidate's answers hold it. Pure.

export const DEPARTMENTS = {
  market_regulation: { zh: "市场监督管理部门", en: "Market regulator", match: /市场监督管理|市场监管|工商/ },
  tax: { zh: "税务部门", en: "Tax", match: /税务/ },
  human_resources: { zh: "人力资源和社会保障部门", en: "Human resources and social security", match: /人力资源|人社|劳动保障/ },
  emergency: { zh: "应急管理部门", en: "Emergency management (work safety)", match: /应急管理|安全生产/ },
  environment: { zh: "生态环境部门", en: "Ecology and environment", match: /生态环境|环保|环境保护/ },
  audit: { zh: "审计部门", en: "Audit", match: /审计/ },
  discipline: { zh: "纪检监察机关", en: "Discipline inspection and supervision", match: /纪委|纪检|监察/ },
  organisation: { zh: "组织部门", en: "Party organisation department", match: /组织部/ },
} as const;
export type Department = keyof typeof DEPARTMENTS;
export const DEPARTMENT_KEYS = Object.keys(DEPARTMENTS) as [Department, ...Department[]];

export const CANDIDATE_TYPES = {
  enterprise_head: { zh: "企业负责人", en: "Enterprise head" },
  cadre: { zh: "党政领导干部、机关事业单位干部", en: "Party or government cadre" },
  enterprise_unit: { zh: "企业（奖状单位）", en: "Enterprise (collective award)" },
  frontline: { zh: "一线职工与农民", en: "Front-line worker or farmer" },
} as const;
export type CandidateType = keyof typeof CANDIDATE_TYPES;

/** The candidate's type from the nomination form's fields (DOMAIN-RULES §5). */
export function candidateTypeOf(n: { kind: string; award: string; category: string; cadreRank: string; unitType: string; isLeader: boolean }): CandidateType {
  if (n.kind === "collective") return n.unitType === "企业" || n.award === "奖状" ? "enterprise_unit" : "frontline";
  if (n.category === "企业负责人" || n.category === "乡镇企业负责人") return "enterprise_head";
  if (n.cadreRank || n.category === "县处级干部" || ((n.unitType === "机关" || n.unitType === "事业") && n.isLeader)) return "cadre";
  return "frontline";
}

/**
 * Rule N-34: enterprise heads (and 奖状 enterprises) → 市场监管, 税务, 人社, 应急管理, 生态环境;
 * state-owned or state-controlled also 审计 and 纪检监察; cadres → 纪检监察 and 组织部;
 * front-line workers: none by default.
 */
export function departmentsFor(type: CandidateType, stateOwned: boolean): Department[] {
  const enterprise: Department[] = ["market_regulation", "tax", "human_resources", "emergency", "environment"];
  if (type === "enterprise_head" || type === "enterprise_unit") return stateOwned ? [...enterprise, "audit", "discipline"] : enterprise;
  if (type === "cadre") return ["discipline", "organisation"];
  return [];
}

export type TaskState = { status: string; dueOn: Date | string; ruling: string | null; department: string };

/**
 * What holds the candidate (null: nothing). An unanswered request holds until its deadline (silence
 * afterwards counts as no objection); a reported problem holds until a reviewer rules it cleared.
 */
export function consultationHold(tasks: readonly TaskState[], today: string): string | null {
  const label = (t: TaskState) => DEPARTMENTS[t.department as Department]?.zh ?? t.department;
  const problem = tasks.find((t) => t.status === "problem" && t.ruling !== "cleared");
  if (problem) {
    return problem.ruling === "upheld"
      ? `${label(problem)}反馈的问题已认定，该对象不能推荐 / a department's problem was upheld: the candidate cannot go on`
      : `${label(problem)}反馈了问题，须由审核人认定后方可推荐 / a department reported a problem: a reviewer must rule on it first`;
  }
  const waiting = tasks.find((t) => t.status === "open" && (typeof t.dueOn === "string" ? t.dueOn.slice(0, 10) : t.dueOn.toISOString().slice(0, 10)) >= today);
  if (waiting) return `正在征求${label(waiting)}意见，反馈期限届满前不能推荐 / waiting for a department's opinion until its deadline`;
  return null;
}
