import type { SheetDefinition } from "./sheet";

// The sheets the seed installs. The section totals, basic conditions, bonus cap, veto item and the
// three deductions of 组织领导 are those of rule A-10 (a city-level sheet); the split of each
// section into items below that level is ours, written so that every section adds up to its total.
// The national sheet is rule A-9 as far as it is known (2024-03-08 version, partial): only the
// captured sections; an organiser completes it in the editor or by Excel import.

export const CITY_SHEET_A10: SheetDefinition = {
  sections: [
    {
      code: "1", title: "组织领导", items: [
        { code: "1.1", title: "成立安康杯竞赛组委会，主要领导任主任，工会主席为主要成员，机构健全", maxPoints: 4, deduction: { perMissing: 1, elements: ["主要领导任主任", "工会主席为主要成员", "机构健全", "成员分工明确"] } },
        { code: "1.2", title: "制定竞赛实施方案，目标任务明确", maxPoints: 4, actions: ["training"] },
        { code: "1.3", title: "定期研究部署、检查、评比、表彰", maxPoints: 4 },
      ],
    },
    {
      code: "2", title: "安全管理", items: [
        { code: "2.1", title: "安全生产责任制全员覆盖", maxPoints: 7 },
        { code: "2.2", title: "安全管理机构和网络健全", maxPoints: 6 },
        { code: "2.3", title: "安全生产规章制度和操作规程完善", maxPoints: 6 },
        { code: "2.4", title: "隐患排查治理（含职工吹哨人报告）闭环管理", maxPoints: 8, actions: ["whistleblower"] },
        { code: "2.5", title: "应急预案与应急演练", maxPoints: 8, actions: ["drill"] },
      ],
    },
    {
      code: "3", title: "劳动保护与职业健康", items: [
        { code: "3.1", title: "劳动防护用品按标准配发并正确使用", maxPoints: 7 },
        { code: "3.2", title: "职业病危害因素检测与告知", maxPoints: 6 },
        { code: "3.3", title: "职业健康检查与档案", maxPoints: 6 },
        { code: "3.4", title: "女职工劳动保护", maxPoints: 6, actions: ["family"] },
      ],
    },
    {
      code: "4", title: "基层组织安全生产建设", items: [
        { code: "4.1", title: "班组安全建设（班前会、安全员、安全活动）", maxPoints: 8, actions: ["team"] },
        { code: "4.2", title: "职工安全健康素质培训", maxPoints: 7, actions: ["training", "outreach"] },
      ],
    },
    {
      code: "5", title: "群众监督参与", items: [
        { code: "5.1", title: "工会劳动保护监督检查员队伍健全并开展监督", maxPoints: 7, actions: ["supervision"] },
        { code: "5.2", title: "职工参与安全管理、合理化建议", maxPoints: 6, actions: ["coBuilding", "roleModels", "culture"] },
      ],
    },
  ],
  bonusItems: [
    { code: "B1", title: "安全生产工作获上级表彰或经验推广", maxPoints: 2 },
    { code: "B2", title: "安全文化作品获奖或被上级媒体展播", maxPoints: 2 },
    { code: "B3", title: "安全生产技术创新成果", maxPoints: 2 },
  ],
  vetoItems: [{ code: "V1", title: "未组织开展竞赛活动" }],
};

export const NATIONAL_SHEET_A9_PARTIAL: SheetDefinition = {
  sections: [
    {
      code: "1", title: "组织领导", items: [
        { code: "1.1", title: "机构健全", maxPoints: 3 },
        { code: "1.2", title: "主要领导任组委会主任", maxPoints: 2 },
        { code: "1.3", title: "计划、部署、方案、检查、评比、表彰、奖励", maxPoints: 2 },
      ],
    },
    {
      code: "2", title: "法规学习培训教育宣传", items: [
        { code: "2.1", title: "法规学习", maxPoints: 5, actions: ["outreach"] },
        { code: "2.2", title: "培训", maxPoints: 3, actions: ["training"] },
        { code: "2.3", title: "教育", maxPoints: 4 },
        { code: "2.4", title: "宣传", maxPoints: 3, actions: ["culture"] },
        { code: "2.5", title: "其他", maxPoints: 3 },
      ],
    },
    {
      code: "3", title: "班组安全建设", items: [
        { code: "3.1", title: "班组安全建设 一", maxPoints: 6, actions: ["team"] },
        { code: "3.2", title: "班组安全建设 二", maxPoints: 4, actions: ["team"] },
      ],
    },
    {
      code: "4", title: "安全管理（部分）", items: [
        { code: "4.1", title: "机构网络", maxPoints: 3 },
        { code: "4.2", title: "计划方案", maxPoints: 2 },
        { code: "4.3", title: "全员安全生产责任制", maxPoints: 3 },
      ],
    },
  ],
  bonusItems: [],
  vetoItems: [{ code: "V1", title: "未组织开展竞赛活动" }],
};

/** rule A-4: the ten actions of 2025–2026 */
export const TEN_ACTIONS = {
  outreach: "职工安全健康普法科普",
  training: "安全健康素质培训",
  drill: "应急演练",
  culture: "安全文化作品展播",
  family: "职工安康家庭",
  whistleblower: "安全生产吹哨人",
  team: "班组安全建设",
  roleModels: "劳动保护典型选树",
  supervision: "工会劳动保护监督",
  coBuilding: "安全共建",
} as const;
export type TenAction = keyof typeof TEN_ACTIONS;
export const TEN_ACTION_KEYS = Object.keys(TEN_ACTIONS) as [TenAction, ...TenAction[]];
