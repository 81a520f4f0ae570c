import type { MarkingSchemeInput } from "~/modules/scoring";

/** A 焊工 scheme for tests: theory 30% + practical 70% (rule S-11). */
export const EXAMPLE_WELDING_SCHEME: MarkingSchemeInput = {
  components: [
    {
      id: "T", name: "理论知识", kind: "theory", weight: "0.3",
      modules: [{ id: "T1", name: "理论考试", criteria: [{ id: "T1.1", name: "笔试", aspects: [{ id: "T1-1", name: "理论考试成绩", kind: "measurement", max: "100", measurement: { mode: "agreed" } }] }] }],
    },
    {
      id: "P", name: "技能操作", kind: "practical", weight: "0.7",
      modules: [
        {
          id: "P1", name: "板对接焊",
          criteria: [
            {
              id: "P1.1", name: "焊缝尺寸",
              aspects: [
                { id: "P1-1", name: "焊缝宽度", kind: "measurement", max: "20", measurement: { mode: "steps", tolerance: "0.5", step: "0.5", deductionPerStep: "2" } },
                { id: "P1-2", name: "焊缝余高", kind: "measurement", max: "20", measurement: { mode: "full-or-zero", tolerance: "1" } },
              ],
            },
            { id: "P1.2", name: "外观", aspects: [{ id: "P1-3", name: "焊缝成形", kind: "judgement", max: "40" }] },
          ],
        },
        { id: "P2", name: "安全文明生产", criteria: [{ id: "P2.1", name: "安全", aspects: [{ id: "P2-1", name: "劳保与现场", kind: "judgement", max: "20" }] }] },
      ],
    },
  ],
};
