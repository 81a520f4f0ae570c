// Grounds for revoking an honour (rules N-40, N-41, N-42). Pure data.

export const REVOCATION_GROUNDS = {
  criminal: { zh: "受到刑事处罚", en: "Criminal punishment", rule: "N-40" },
  party_discipline: { zh: "受到开除党籍、留党察看或政务撤职以上处分", en: "Expelled from the Party, Party probation or dismissal-level sanction", rule: "N-40" },
  moral: { zh: "道德品质败坏", en: "Moral corruption", rule: "N-40" },
  deeds_untrue: { zh: "主要模范事迹严重失实", en: "Main deeds seriously untrue", rule: "N-42" },
  fraud: { zh: "弄虚作假骗取荣誉，或推荐时隐瞒严重问题、违反程序", en: "Fraud, or serious problems hidden or procedure broken at nomination", rule: "N-41" },
  major_accident: { zh: "发生重大安全生产事故或严重职业危害", en: "Major safety accident or serious occupational hazard", rule: "N-41" },
  mass_incident: { zh: "发生群体性事件", en: "Mass incident", rule: "N-41" },
  illegal_departure: { zh: "非法离境", en: "Illegal departure from China", rule: "N-42" },
  other_serious: { zh: "其他严重违法违纪行为", en: "Other serious violations", rule: "N-40" },
} as const;

export type RevocationGround = keyof typeof REVOCATION_GROUNDS;
export const REVOCATION_GROUND_KEYS = Object.keys(REVOCATION_GROUNDS) as [RevocationGround, ...RevocationGround[]];

/** The reason text kept on the revoked honour: the grounds' labels, then the details. */
export function revocationReasonText(grounds: readonly string[], details: string): string {
  const labels = grounds.map((g) => REVOCATION_GROUNDS[g as RevocationGround]?.zh ?? g);
  return [labels.join("；"), details.trim()].filter(Boolean).join("：").slice(0, 1000);
}
