import { describe, expect, it } from "vitest";
import { QUESTION_EXAMPLES, rowsToQuestions } from "./question-rows";

describe("quiz questions from worksheet rows (rule A-14 question bank)", () => {
  it("reads single, multiple and true/false questions", () => {
    const r = rowsToQuestions(QUESTION_EXAMPLES.map((cells, i) => ({ row: i + 2, cells })));
    expect(r.problems).toEqual([]);
    expect(r.questions.map((q) => [q.kind, q.answer.join(""), q.points])).toEqual([["single", "B", 1], ["multiple", "ABC", 2], ["truefalse", "A", 1]]);
  });
  it("names each bad row", () => {
    const r = rowsToQuestions([
      { row: 2, cells: ["问答", "x题目", "a", "b", null, null, null, null, "A", 1] },
      { row: 3, cells: ["单选", "两个答案", "a", "b", null, null, null, null, "AB", 1] },
      { row: 4, cells: ["多选", "答案不在选项", "a", "b", null, null, null, null, "AC", 1] },
    ]);
    expect(r.questions).toEqual([]);
    expect(r.problems.map((p) => p.slice(0, 5))).toEqual(["第 2 行", "第 3 行", "第 4 行"]);
  });
});
