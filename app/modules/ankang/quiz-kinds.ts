import type { QuestionKind } from "./quiz";

/** The kind of a question from its Chinese (or English) label in a worksheet. */
export function questionKindOf(label: string): QuestionKind | null {
  const l = label.trim().toLowerCase();
  if (["单选", "单选题", "single"].includes(l)) return "single";
  if (["多选", "多选题", "multiple"].includes(l)) return "multiple";
  if (["判断", "判断题", "truefalse", "true/false"].includes(l)) return "truefalse";
  return null;
}
