// 纸质评分表双人录入 (paper sheets keyed in twice), rule S-41: the signed original
// stays separate from what is entered; staff key a sheet in, a SECOND person keys it
// in again, and only when the two agree are the values applied. The same person may
// never be both: a typist who misreads a digit once will misread it again.

export type PaperValues = Record<string, number>; // aspectId → hundredths

export class DoubleEntryError extends Error {
  constructor(public code: "same_person" | "already_applied", message: string) {
    super(message);
    this.name = "DoubleEntryError";
  }
}

/** The aspects whose two entries differ (an aspect keyed only once counts as differing), sorted. */
export function compareEntries(first: PaperValues, second: PaperValues): string[] {
  const aspects = new Set([...Object.keys(first), ...Object.keys(second)]);
  return [...aspects].filter((a) => first[a] === undefined || second[a] === undefined || first[a] !== second[a]).sort();
}

export type PaperSheetState = {
  status: "awaiting_second" | "mismatch" | "applied";
  firstValues: PaperValues;
  firstEntryById: string;
  secondValues: PaperValues | null;
  secondEntryById: string | null;
};

export type PaperEntryOutcome = {
  status: "awaiting_second" | "mismatch" | "applied";
  firstValues: PaperValues;
  firstEntryById: string;
  secondValues: PaperValues | null;
  secondEntryById: string | null;
  differences: string[];
};

/**
 * One keying of a sheet by `byId`. The first keying waits for a second person. A
 * second keying by someone else is compared: equal → applied, else mismatch with the
 * differing aspects. After a mismatch either keyer may key their side again (the
 * first person corrects the first entry, anyone else replaces the second), and the
 * two are compared again — still never the same person for both.
 */
export function enterPaperSheet(current: PaperSheetState | null, byId: string, values: PaperValues): PaperEntryOutcome {
  if (!current) {
    return { status: "awaiting_second", firstValues: values, firstEntryById: byId, secondValues: null, secondEntryById: null, differences: [] };
  }
  if (current.status === "applied") throw new DoubleEntryError("already_applied", "该纸质评分表已录入生效 / this sheet has already been applied");
  let first = current.firstValues;
  let firstBy = current.firstEntryById;
  let second = current.secondValues;
  let secondBy = current.secondEntryById;
  if (byId === current.firstEntryById) {
    if (current.status === "awaiting_second") {
      throw new DoubleEntryError("same_person", "第二次录入必须由另一人完成 / the second entry must be made by a different person (rule S-41)");
    }
    first = values; // the first keyer corrects their own entry after a mismatch
  } else {
    second = values;
    secondBy = byId;
  }
  if (second === null || secondBy === null) throw new DoubleEntryError("same_person", "缺少第二次录入 / the second entry is missing");
  if (firstBy === secondBy) throw new DoubleEntryError("same_person", "两次录入不得为同一人 / the two entries must be made by different people (rule S-41)");
  const differences = compareEntries(first, second);
  return { status: differences.length ? "mismatch" : "applied", firstValues: first, firstEntryById: firstBy, secondValues: second, secondEntryById: secondBy, differences };
}
