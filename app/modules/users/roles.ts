// Roles and their permissions. This table is DATA: the seed writes it into the Role,
// Permission and RolePermission tables, and every check reads the database, so an
// installation can change what a role may do without a code change.
// A role is always granted over one organisation's subtree (RoleGrant.orgId).

export const PERMISSIONS = {
  "org:read": "查看组织 / view organisations",
  "org:write": "创建和修改组织 / create and edit organisations",
  "member:read": "查看会员 / view members",
  "member:read-id": "查看完整身份证号 / see full ID numbers",
  "member:write": "登记和修改会员 / create and edit members",
  "user:read": "查看账号和角色 / view accounts and roles",
  "user:manage": "管理账号和授权 / manage accounts and grants",
  "event-log:read": "查看操作日志 / read the event log",
  "contest:read": "查看竞赛 / view contests",
  "contest:manage": "组织竞赛 / organise contests",
  "registration:unit": "单位集体报名 / register a unit's entrants",
  "judging:score": "评分 / mark entrants",
  "judging:chief": "裁判长审核与签字 / chief-judge review and sign-off",
  "judging:encrypt": "加密与解密 / blind codes and decryption",
  "judging:supervise": "监督复核与仲裁 / re-check and arbitration",
  "award:review": "审核推荐 / review nominations",
  "award:committee": "评审委员会评审 / committee review",
  "award:manage": "组织评选表彰（轮次、名额、公示）/ run award rounds (rounds, quotas, notices)",
  "award:nominate": "基层推荐申报 / nominate from a grass-roots union",
  "calendar:manage": "维护节假日日历与评审设置 / keep the holiday calendar and review settings",
  "incident:read": "查看事故与事件台账 / view the accident and incident register",
  "incident:write": "登记事故与事件 / record accidents and incidents",
  "honour:read": "查看荣誉库 / view the honours register",
  "honour:write": "登记荣誉 / record honours",
  "consultation:answer": "答复征求意见（联审部门）/ answer consultations (consulted department)",
  "ankang:manage": "组织安康杯竞赛（周期、评分表、名额、称号、知识竞赛）/ run the Ankang Cup (cycles, sheets, quotas, titles, quiz)",
  "ankang:review": "安康杯考核与安全监督（可见隐患举报人）/ Ankang Cup assessment and safety supervision (sees hazard reporters)",
  "ankang:unit": "单位安康杯（报名、自评、隐患整改）/ a unit's Ankang Cup (enrolment, self-assessment, hazard handling)",
  "proposal:manage": "合理化建议与创新成果：收集、合并、送审、采纳、效益确认 / proposals and innovations: inbox, merge, review, adoption, benefit",
  "proposal:review": "合理化建议评审委员会打分 / score proposals on the review committee",
  "proposal:finance": "财务部门确认建议的实测经济效益 / the finance office confirms a proposal's measured benefit",
  "proposal:settings": "合理化建议设置（分数线、奖金、评审次数、推荐年限）/ proposal settings (grade thresholds, rewards, reviews a year, top-ten window)",
  "labour:read": "查看劳动竞赛 / view labour competitions",
  "labour:apply": "基层工会申报劳动竞赛项目 / apply for a labour-competition project",
  "labour:review": "审核推荐劳动竞赛项目 / review project applications",
  "labour:manage": "管理劳动竞赛（名录、流动红旗、奖罚台账）/ run labour competitions (roster, banners, ledger)",
  "labour:score": "劳动竞赛考评打分与签字 / score and sign labour-competition periods",
  "self:profile": "个人信息与成绩 / own profile and results",
} as const;

export type PermissionKey = keyof typeof PERMISSIONS;

export type RoleDefinition = {
  key: string;
  name: string;
  nameEn: string;
  permissions: PermissionKey[];
};

export const ROLES: RoleDefinition[] = [
  {
    key: "admin",
    name: "系统管理员",
    nameEn: "System administrator",
    // Every permission but the blind-code mapping: only the 保密员 knows who holds which code
    // (rules S-33, S-34; docs/decisions/004-blind-marking.md). An installation can grant an
    // administrator the encryption officer's role; the grant is recorded in the event log.
    permissions: (Object.keys(PERMISSIONS) as PermissionKey[]).filter((p) => p !== "judging:encrypt"),
  },
  {
    key: "organiser",
    name: "组织者",
    // user:manage: organisers staff their contests themselves (judges, unit contacts, the committee
    // office) within their subtree, up to their own rank (grant-rules.ts, issue 12 item 1).
    nameEn: "Organiser",
    permissions: ["org:read", "org:write", "member:read", "member:write", "user:read", "user:manage", "event-log:read", "contest:read", "contest:manage", "award:manage", "incident:read", "incident:write", "honour:read", "honour:write", "ankang:manage", "ankang:review", "proposal:manage", "proposal:settings", "labour:read", "labour:review", "labour:manage", "self:profile"],
  },
  { key: "chief_judge", name: "裁判长", nameEn: "Chief judge", permissions: ["contest:read", "judging:score", "judging:chief", "self:profile"] },
  { key: "judge", name: "裁判", nameEn: "Judge", permissions: ["contest:read", "judging:score", "self:profile"] },
  {
    key: "encryption_officer",
    name: "加密裁判 / 保密员",
    nameEn: "Encryption officer",
    permissions: ["contest:read", "judging:encrypt", "member:read", "member:read-id", "self:profile"],
  },
  { key: "supervisor", name: "监督仲裁", nameEn: "Supervision and arbitration", permissions: ["contest:read", "judging:supervise", "self:profile"] },
  {
    key: "unit_contact",
    name: "单位联络员",
    nameEn: "Unit contact",
    permissions: ["org:read", "member:read", "member:write", "contest:read", "registration:unit", "self:profile"],
  },
  { key: "reviewer", name: "审核人", nameEn: "Reviewer", permissions: ["org:read", "member:read", "award:review", "event-log:read", "incident:read", "honour:read", "labour:read", "labour:review", "self:profile"] },
  {
    // 基层工会 contact for honours: nominates the unit's candidates and answers returns (issue 13)
    key: "grassroots_contact",
    name: "基层工会评选联络员",
    nameEn: "Grass-roots honours contact",
    permissions: ["org:read", "member:read", "award:nominate", "proposal:manage", "self:profile"],
  },
  // 安康杯 (issue 15): the union's safety staff and the co-organisers' (应急管理, 卫生健康) assessors
  { key: "safety_staff", name: "安全工作人员 / 考核组成员", nameEn: "Safety staff / assessor", permissions: ["org:read", "ankang:review", "self:profile"] },
  { key: "safety_contact", name: "单位安全联络员", nameEn: "Unit safety contact", permissions: ["org:read", "member:read", "ankang:unit", "award:nominate", "self:profile"] },
  {
    // 联审部门 (rule N-34): a department's account answers consultations on candidates
    key: "department_consultant",
    name: "联审部门联络人",
    nameEn: "Consulted department contact",
    permissions: ["consultation:answer", "self:profile"],
  },
  { key: "committee", name: "评审委员", nameEn: "Committee member", permissions: ["award:committee", "proposal:review", "self:profile"] },
  {
    // 劳动竞赛 organiser at a 基层工会 or a project's committee office: applies, keeps the roster, awards banners (issue 14)
    key: "labour_organiser",
    name: "劳动竞赛组织者",
    nameEn: "Labour-competition organiser",
    permissions: ["org:read", "labour:read", "labour:apply", "labour:manage", "labour:score", "incident:read", "incident:write", "self:profile"],
  },
  {
    // a member of a project's assessment committee: scores on a tablet and signs (rule L-11)
    key: "labour_committee",
    name: "劳动竞赛考评委员",
    nameEn: "Labour-competition committee member",
    permissions: ["labour:read", "labour:score", "self:profile"],
  },
  {
    // 财务 (issue 16 item 3): confirms or refuses the measured benefit the union office reported
    key: "finance",
    name: "财务人员（效益确认）",
    nameEn: "Finance officer (benefit confirmation)",
    permissions: ["proposal:finance", "self:profile"],
  },
  { key: "worker", name: "职工", nameEn: "Worker", permissions: ["contest:read", "self:profile"] },
];

export const ROLE_KEYS = ROLES.map((r) => r.key);
