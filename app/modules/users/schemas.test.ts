import { describe, expect, it } from "vitest";
import { UsernameSchema } from "./schemas";

// A blank or too-short username gets one message, not every rule's message joined together.
describe("UsernameSchema", () => {
  it("a blank username gives only the length message", () => {
    const r = UsernameSchema.safeParse("   ");
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.message)).toEqual(["用户名至少 3 个字符 / username: at least 3 characters"]);
  });
  it("a short username with a bad character still says what is wrong with the characters", () => {
    const r = UsernameSchema.safeParse("A!");
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.length).toBe(2);
  });
  it("accepts a good username", () => {
    expect(UsernameSchema.parse(" judge.wang ")).toBe("judge.wang");
  });
});
