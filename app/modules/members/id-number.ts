// 公民身份号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit
// sequence (odd = male, even = female) and an ISO 7064 MOD 11-2 check character.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";

export function checkDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdNumberProblem = "format" | "birthDate" | "checkDigit";

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  format: "身份证号应为 18 位：17 位数字加 1 位数字或 X / must be 17 digits plus a digit or X",
  birthDate: "身份证号中的出生日期无效 / the birth date inside the ID number is invalid",
  checkDigit: "身份证号校验位不正确，请核对 / the check digit is wrong",
};

export function normaliseIdNumber(raw: string): string {
  return raw.trim().replace(/\s+/g, "").toUpperCase();
}

/** The first problem with an 18-character ID number, or null when it is valid. */
export function findIdNumberProblem(raw: string, today = new Date()): IdNumberProblem | null {
  const id = normaliseIdNumber(raw);
  if (!/^\d{17}[\dX]$/.test(id)) return "format";
  const birth = birthDateOf(id);
  if (!birth || birth > today || birth.getUTCFullYear() < 1900) return "birthDate";
  if (checkDigit(id.slice(0, 17)) !== id[17]) return "checkDigit";
  return null;
}

export function isValidIdNumber(raw: string): boolean {
  return findIdNumberProblem(raw) === null;
}

export function birthDateOf(id: string): Date | null {
  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d ? date : null;
}

export function sexOf(id: string): "男" | "女" {
  return Number(id[16]) % 2 === 1 ? "男" : "女";
}

/** 4201**********1234: region prefix and last four only. */
export function maskIdNumber(raw: string): string {
  const id = normaliseIdNumber(raw);
  return `${id.slice(0, 4)}${"*".repeat(Math.max(0, id.length - 8))}${id.slice(-4)}`;
}

/** Builds a valid ID number (for demo data and tests). */
export function makeIdNumber(region: string, birth: { y: number; m: number; d: number }, sequence: number): string {
  const body = `${region}${birth.y}${String(birth.m).padStart(2, "0")}${String(birth.d).padStart(2, "0")}${String(sequence).padStart(3, "0")}`;
  return body + checkDigit(body);
}
