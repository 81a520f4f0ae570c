import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { historyKey } from "./history";
import { proposalsText } from "./i18n";

// Issue 16: the history shows readable steps, not event codes. Every proposal.* event the module
// records has its label in both languages.

const dir = join(process.cwd(), "app/modules/proposals");
const recorded = new Set(readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith(".test.ts")).flatMap((f) => [...readFileSync(join(dir, f), "utf8").matchAll(/"(proposal\.[a-z-]+)"/g)].map((m) => m[1])));

describe("history labels (issue 16)", () => {
  it("finds the module's event codes", () => {
    expect(recorded.has("proposal.adopted")).toBe(true);
    expect(recorded.size).toBeGreaterThan(15);
  });
  it("gives every recorded event of a proposal a label in Chinese and in English", () => {
    const zh = proposalsText.zh as Record<string, string>;
    const en = proposalsText.en as Record<string, string>;
    // not steps of one proposal: the import batch's event and the review session's committee
    for (const code of [...recorded].filter((c) => c !== "proposal.import" && c !== "proposal.committee-named")) {
      const key = historyKey(code);
      expect(key, code).not.toBe("history_other");
      expect(zh[key], code).toMatch(/[\u4e00-\u9fff]/);
      expect(en[key], code).toMatch(/^[A-Z]/);
    }
  });
  it("an unknown code reads as another step, never as the code", () => {
    expect(historyKey("review-chain.approved")).toBe("history_other");
    expect(proposalsText.zh.history_other).toBe("其他办理事项");
  });
});
