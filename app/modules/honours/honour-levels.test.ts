import { describe, expect, it } from "vitest";
import { atOrAbove, isLive, isModelWorkerTitle } from "./honour-levels";

describe("honour levels", () => {
  it("rule N-17: a national or provincial honour is at or above provincial; a city one is not", () => {
    expect(atOrAbove("national", "provincial")).toBe(true);
    expect(atOrAbove("provincial", "provincial")).toBe(true);
    expect(atOrAbove("city", "provincial")).toBe(false);
    expect(atOrAbove("nonsense", "enterprise")).toBe(false);
  });
  it("rule N-20: recognises 劳动模范 titles and their public-sector twin", () => {
    expect(isModelWorkerTitle("浙江省劳动模范")).toBe(true);
    expect(isModelWorkerTitle("杭州市先进工作者")).toBe(true);
    expect(isModelWorkerTitle("全国五一劳动奖章")).toBe(false);
  });
  it("a revoked honour is not live", () => {
    expect(isLive({ revokedAt: null })).toBe(true);
    expect(isLive({ revokedAt: new Date() })).toBe(false);
  });
});
