/**
 * 裁判回避 (recusal) and qualification: pure rules over plain data, no I/O.
 *
 * - rule S-30: a judge with an interest in, or a special relationship with, an entrant must recuse.
 *   Judges declare such relationships themselves (a member, a whole unit, or the event).
 * - rule S-31: a judge recuses from any event in which their own unit competes, and at most one
 *   judge per unit may judge an event.
 * - rule S-20: judges should be certified assessors (考评员), or 技师 or higher, or hold a 中级 or
 *   higher title. This is a warning, not a refusal: an organiser may have good reasons.
 *
 * Units are compared as the caller passes them: the server normalises both sides to the grassroots
 * unit (基层工会), so a judge from a team (班组) of an enterprise recuses from the whole enterprise.
 */

export type UnitRef = { id: string; name: string };

export type ConflictRef = {
  /** the declaration is about one entrant (member) */
  memberId?: string | null;
  /** … or about a whole unit */
  unitId?: string | null;
  unitName?: string | null;
  /** … limited to one event; null: every event */
  eventId?: string | null;
  reason: string;
};

export type JudgeForRecusal = {
  userId: string;
  displayName: string;
  unit: UnitRef | null;
  conflicts: readonly ConflictRef[];
  assessorCertNo?: string | null;
  skillLevel?: string | null;
  title?: string | null;
};

export type EntrantForRecusal = { memberId: string; unit: UnitRef };

export type AssignedJudge = { userId: string; displayName: string; unit: UnitRef | null };

export type RecusalReason = {
  rule: "S-30" | "S-31";
  code: "same-unit" | "declared-member" | "declared-unit" | "declared-event" | "unit-already-judging";
  /** Chinese first, then English */
  message: string;
};

export type QualificationWarning = { rule: "S-20"; code: "not-qualified"; message: string };

export type RecusalCheck = { refusals: RecusalReason[]; warnings: QualificationWarning[] };

/**
 * Why `judge` may not judge `eventId` (empty when they may), plus qualification warnings.
 * `entrants` are the event's entrants (approved registrations); `assigned` the judges already
 * assigned to the event (the judge themself is ignored there, so re-assigning to another session
 * or aspect is not refused by the one-per-unit rule).
 */
export function checkRecusal(input: {
  eventId: string;
  judge: JudgeForRecusal;
  entrants: readonly EntrantForRecusal[];
  assigned: readonly AssignedJudge[];
}): RecusalCheck {
  const { eventId, judge, entrants, assigned } = input;
  const refusals: RecusalReason[] = [];

  // rule S-31: "遇有本队参赛项目应回避"
  if (judge.unit && entrants.some((e) => e.unit.id === judge.unit!.id)) {
    refusals.push({
      rule: "S-31",
      code: "same-unit",
      message: `裁判与参赛选手来自同一单位（${judge.unit.name}），按规定应回避（S-31）/ the judge and an entrant come from the same unit (${judge.unit.name}): recusal required (S-31)`,
    });
  }

  // rule S-30: relationships the judge (or the organiser for them) declared.
  const relevant = judge.conflicts.filter((c) => !c.eventId || c.eventId === eventId);
  for (const conflict of relevant) {
    if (conflict.memberId) {
      if (entrants.some((e) => e.memberId === conflict.memberId)) {
        // The entrant is not named: after the draw their identity is blind (rule S-33).
        refusals.push({
          rule: "S-30",
          code: "declared-member",
          message: `裁判已申报与本赛项一名参赛选手存在利害关系（${conflict.reason}），按规定应回避（S-30）/ the judge declared a relationship with an entrant of this event (${conflict.reason}): recusal required (S-30)`,
        });
      }
    } else if (conflict.unitId) {
      if (entrants.some((e) => e.unit.id === conflict.unitId) && conflict.unitId !== judge.unit?.id) {
        const name = conflict.unitName ?? entrants.find((e) => e.unit.id === conflict.unitId)!.unit.name;
        refusals.push({
          rule: "S-30",
          code: "declared-unit",
          message: `裁判已申报与单位（${name}）存在利害关系（${conflict.reason}），该单位有选手参赛，按规定应回避（S-30）/ the judge declared a relationship with ${name} (${conflict.reason}), which has an entrant: recusal required (S-30)`,
        });
      }
    } else if (conflict.eventId === eventId) {
      refusals.push({
        rule: "S-30",
        code: "declared-event",
        message: `裁判已申报回避本赛项（${conflict.reason}）（S-30）/ the judge declared a conflict with this event (${conflict.reason}) (S-30)`,
      });
    }
  }

  // rule S-31: 同一单位的裁判人数不超过 1 人
  if (judge.unit) {
    const colleague = assigned.find((a) => a.userId !== judge.userId && a.unit?.id === judge.unit!.id);
    if (colleague) {
      refusals.push({
        rule: "S-31",
        code: "unit-already-judging",
        message: `本赛项已有同一单位（${judge.unit.name}）的裁判（${colleague.displayName}），每个单位至多一名裁判（S-31）/ ${colleague.displayName} from the same unit (${judge.unit.name}) already judges this event: at most one judge per unit (S-31)`,
      });
    }
  }

  return { refusals, warnings: qualificationWarnings(judge) };
}

/** Skill levels are stored as "二级/技师"; 技师 (level 2) and 高级技师 (level 1) qualify (rule S-20). */
export function isTechnicianOrHigher(skillLevel: string | null | undefined): boolean {
  if (!skillLevel) return false;
  return /(^|\/)\s*(一级|二级)|技师/.test(skillLevel);
}

// Professional titles at 中级 or above: 工程师, 经济师, 会计师, 讲师, 主管护师, 主治医师 …, and every
// 高级/副高/正高 title. 助理… and 员 titles are 初级.
const INTERMEDIATE_TITLE = /(高级|正高|副高|教授|研究员|主任|主管|主治|讲师|(?<!助理)(工程师|经济师|会计师|统计师|审计师))/;

export function isIntermediateTitleOrHigher(title: string | null | undefined): boolean {
  if (!title) return false;
  return INTERMEDIATE_TITLE.test(title);
}

/** rule S-20: a warning unless the judge is a certified assessor, a 技师 or higher, or has a 中级+ title. */
export function qualificationWarnings(judge: Pick<JudgeForRecusal, "assessorCertNo" | "skillLevel" | "title">): QualificationWarning[] {
  if (judge.assessorCertNo?.trim() || isTechnicianOrHigher(judge.skillLevel) || isIntermediateTitleOrHigher(judge.title)) return [];
  return [
    {
      rule: "S-20",
      code: "not-qualified",
      message: "裁判资格未登记：应为职业技能鉴定考评员，或具有技师及以上等级、中级及以上职称（S-20）/ no qualification on record: a judge should be a certified assessor, a technician or higher, or hold an intermediate or higher title (S-20)",
    },
  ];
}
