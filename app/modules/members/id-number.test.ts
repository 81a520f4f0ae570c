import { describe, expect, it } from "vitest";
import { birthDateOf, checkDigit, findIdNumberProblem, makeIdNumber, maskIdNumber, sexOf } from "./id-number";

describe("身份证号 (GB 11643)", () => {
  it("computes the MOD 11-2 check character of the standard's own example", () => {
    // GB 11643-1999 appendix example: 11010519491231002X
    expect(checkDigit("11010519491231002")).toBe("X");
    expect(findIdNumberProblem("11010519491231002X")).toBeNull();
  });
  it("accepts a lower-case x and surrounding spaces", () => {
    expect(findIdNumberProblem(" 11010519491231002x ")).toBeNull();
  });
  it("refuses a wrong check digit", () => {
    expect(findIdNumberProblem("110105194912310021")).toBe("checkDigit");
  });
  it("refuses an impossible birth date", () => {
    const body = "42010219990231001"; // 31 February
    expect(findIdNumberProblem(body + checkDigit(body))).toBe("birthDate");
  });
  it("refuses the wrong length or letters", () => {
    expect(findIdNumberProblem("4201021990")).toBe("format");
    expect(findIdNumberProblem("42010219900101A01X")).toBe("format");
  });
  it("masks all but the region prefix and the last four", () => {
    expect(maskIdNumber("420102199001011234")).toBe("4201**********1234");
  });
  it("reads birth date and sex", () => {
    const id = makeIdNumber("420102", { y: 1990, m: 5, d: 17 }, 37);
    expect(birthDateOf(id)?.toISOString().slice(0, 10)).toBe("1990-05-17");
    expect(sexOf(id)).toBe("男");
    expect(findIdNumberProblem(id)).toBeNull();
  });
});
