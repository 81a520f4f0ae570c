// Pure rules of the 公示 (public notice) and its objections (rules N-31, N-33).

export const NOTICE_MESSAGES = {
  notEnded: (endsOn: string) => `公示期至 ${endsOn} 结束，公示结束前不能上报或批准 / the public notice runs until ${endsOn}: no recommendation or approval before it ends`,
  openObjection: "该候选人尚有未办结的异议，核查结束前不能上报或批准 / an objection against this candidate is still open",
  withdrawnByObjection: "该候选人经异议核查已被撤下 / the candidate was withdrawn after an objection",
  windowTooShort: (min: number, kind: WindowKind) => `公示期不能少于 ${min} 个${kind === "working" ? "工作日" : "自然日"} / the notice must run at least ${min} ${kind === "working" ? "working" : "calendar"} days`,
  noEntries: "请至少选择一名公示对象 / choose at least one candidate for the notice",
  noticeClosed: "该公示已结束，不再受理异议 / the notice has ended: objections are no longer taken",
  notYetOpen: (startsOn: string) => `该公示自 ${startsOn} 起受理异议 / the notice opens on ${startsOn}`,
  realNameRequired: "个人反映须提供真实姓名 / an individual must give their real name",
  phoneRequired: "请留下联系电话，以便核实 / give a phone number so the matter can be checked",
  phoneInvalid: "联系电话格式不正确 / the phone number is not valid",
  unitNameRequired: "单位反映须写明单位名称 / a unit must give its name",
  letterRequired: "单位反映须上传加盖公章的书面材料 / a unit must attach its sealed letter",
  contentRequired: "请写明反映的问题 / describe the matter",
  alreadyDecided: "该异议已办结 / the objection is already closed",
  notAssigned: "请先指定核查人 / assign someone to check it first",
  findingRequired: "请填写核查结论 / give the finding",
} as const;

export const WINDOW_KINDS = ["calendar", "working"] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export const OBJECTION_KINDS = ["individual", "unit", "anonymous"] as const;
export type ObjectionKind = (typeof OBJECTION_KINDS)[number];

export const OBJECTION_KIND_LABELS: Record<ObjectionKind, string> = { individual: "个人实名", unit: "单位（盖章）", anonymous: "匿名" };
export const OBJECTION_STATUS_LABELS: Record<string, string> = { received: "已受理", assigned: "核查中", closed: "已办结", recorded: "已登记（匿名不核查）" };
export const OUTCOME_LABELS: Record<string, string> = { keep: "异议不成立，保留候选人", withdraw: "异议成立，撤下候选人" };

/** The minimum window the rules ask for (rule N-31: ≥ 5 working days at the grass roots; N-33: 5–7 days above). */
export function checkNoticeWindow(kind: WindowKind, days: number, minimum: { kind: WindowKind; days: number }): string | null {
  // A working-day minimum is not met by calendar days (a 5-day notice over a weekend has 3 working days).
  if (minimum.kind === "working" && kind === "calendar") return NOTICE_MESSAGES.windowTooShort(minimum.days, "working");
  if (days < minimum.days) return NOTICE_MESSAGES.windowTooShort(minimum.days, minimum.kind === "working" ? "working" : kind);
  return null;
}

export type ObjectionInput = { kind: ObjectionKind; realName?: string | null; phone?: string | null; unitName?: string | null; hasLetter: boolean; content: string };

const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/;

/** What is missing from an objection (rule N-33: individuals give a real name and contact, units seal a letter). */
export function objectionProblems(o: ObjectionInput): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!o.content.trim()) problems.push({ field: "content", message: NOTICE_MESSAGES.contentRequired });
  if (o.kind === "individual") {
    if (!o.realName?.trim()) problems.push({ field: "realName", message: NOTICE_MESSAGES.realNameRequired });
    if (!o.phone?.trim()) problems.push({ field: "phone", message: NOTICE_MESSAGES.phoneRequired });
    else if (!PHONE.test(o.phone.trim())) problems.push({ field: "phone", message: NOTICE_MESSAGES.phoneInvalid });
  }
  if (o.kind === "unit") {
    if (!o.unitName?.trim()) problems.push({ field: "unitName", message: NOTICE_MESSAGES.unitNameRequired });
    if (!o.hasLetter) problems.push({ field: "letter", message: NOTICE_MESSAGES.letterRequired });
    if (o.phone?.trim() && !PHONE.test(o.phone.trim())) problems.push({ field: "phone", message: NOTICE_MESSAGES.phoneInvalid });
  }
  return problems;
}

/** Is an objection still holding its candidate? Anonymous reports hold only when they are examined. */
export const isOpenObjection = (o: { status: string; toExamine: boolean }) => o.toExamine && o.status !== "closed";

/**
 * Why a level may not yet send a candidate up or approve it, given the notices of that level
 * listing the candidate (null = nothing holds it). `today` is a Beijing date, YYYY-MM-DD.
 */
export function noticeHold(
  entries: readonly { status: string; notice: { endsOn: string }; objections: readonly { status: string; toExamine: boolean }[] }[],
  today: string,
): string | null {
  for (const e of entries) {
    if (e.status === "withdrawn") return NOTICE_MESSAGES.withdrawnByObjection;
    if (e.objections.some(isOpenObjection)) return NOTICE_MESSAGES.openObjection;
    if (today <= e.notice.endsOn) return NOTICE_MESSAGES.notEnded(e.notice.endsOn);
  }
  return null;
}

/** Objections may be filed from the first to the last day of the window, inclusive. */
export function objectionWindowProblem(notice: { status: string; startsOn: string; endsOn: string }, today: string): string | null {
  if (notice.status !== "open" || today > notice.endsOn) return NOTICE_MESSAGES.noticeClosed;
  if (today < notice.startsOn) return NOTICE_MESSAGES.notYetOpen(notice.startsOn);
  return null;
}
