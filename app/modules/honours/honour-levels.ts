// Levels and sources of the honours register (荣誉库, issue 13 item 7). Pure data and rules.

export const HONOUR_LEVELS = ["national", "provincial", "city", "county", "enterprise"] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];

export const LEVEL_LABELS: Record<HonourLevel, { zh: string; en: string }> = {
  national: { zh: "全国", en: "National" },
  provincial: { zh: "省（部）级", en: "Provincial / ministerial" },
  city: { zh: "市级", en: "City" },
  county: { zh: "区县级", en: "County" },
  enterprise: { zh: "企业（系统）级", en: "Enterprise / system" },
};

/** Higher is more senior: rule N-17 asks for an honour "at or above" a level. */
export const LEVEL_RANK: Record<HonourLevel, number> = { enterprise: 1, county: 2, city: 3, provincial: 4, national: 5 };

export const atOrAbove = (level: string, floor: HonourLevel) => (LEVEL_RANK[level as HonourLevel] ?? 0) >= LEVEL_RANK[floor];

export const HONOUR_SOURCES = ["nomination", "contest", "labour", "ankang", "proposals", "manual"] as const;
export type HonourSource = (typeof HONOUR_SOURCES)[number];

export const SOURCE_LABELS: Record<HonourSource, { zh: string; en: string }> = {
  nomination: { zh: "评选表彰", en: "Nomination" },
  contest: { zh: "技能竞赛", en: "Skills contest" },
  labour: { zh: "劳动竞赛", en: "Labour competition" },
  ankang: { zh: "安康杯", en: "Ankang Cup" },
  proposals: { zh: "合理化建议与技术创新", en: "Proposals and innovations" },
  manual: { zh: "手工登记", en: "Entered by hand" },
};

/** Titles people pick most often (the form offers them; any title may be typed). */
export const COMMON_TITLES = [
  "全国劳动模范", "全国五一劳动奖章", "全国五一劳动奖状", "全国工人先锋号",
  "省劳动模范", "省五一劳动奖章", "省五一劳动奖状", "省工人先锋号", "省技术能手",
  "市劳动模范", "市五一劳动奖章", "市工人先锋号", "安康杯竞赛优胜单位", "安康杯竞赛优胜班组",
] as const;

/** Is this a 劳动模范 title (rule N-20 looks at these)? 先进工作者 is its public-sector twin. */
export const isModelWorkerTitle = (title: string) => /劳动模范|劳模|先进工作者/.test(title);

/** A live honour: not revoked. */
export const isLive = (h: { revokedAt: Date | string | null }) => !h.revokedAt;
