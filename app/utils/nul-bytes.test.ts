import { describe, expect, it } from "vitest";
import { withoutNulBytes } from "./nul-bytes";

describe("withoutNulBytes (React 18 streaming NUL bytes)", () => {
  it("drops the stray NUL between two Chinese characters and keeps the text whole", () => {
    const encoded = new TextEncoder().encode("评分点名称");
    const broken = new Uint8Array([...encoded.slice(0, 3), 0, 0, ...encoded.slice(3)]);
    expect(new TextDecoder().decode(broken)).toContain("\0");
    expect(new TextDecoder().decode(withoutNulBytes(broken))).toBe("评分点名称");
  });
  it("returns a clean chunk as it is", () => {
    const clean = new TextEncoder().encode("<p>权重（如 0.3）</p>");
    expect(withoutNulBytes(clean)).toBe(clean);
  });
});
