// The password policy (decisions/006-web-security.md), applied whenever a password is set
// or changed (a new account, a password change). Passwords already stored, such as the
// demo accounts' `gongsai2026`, are not re-checked at sign-in.
//   - at least 10 characters (and at most 128), with letters and digits;
//   - not the username, and not containing it;
//   - not a common password (the list below: the most frequent leaked passwords, Chinese
//     sites' favourites included, and their obvious variants with digits appended).

export const PASSWORD_MIN_LENGTH = 10;

const COMMON = [
  "123456", "123456789", "12345678", "1234567890", "password", "qwerty", "abc123", "111111", "123123", "000000",
  "iloveyou", "admin", "welcome", "letmein", "monkey", "dragon", "football", "baseball", "sunshine", "princess",
  "qwertyuiop", "asdfghjkl", "zxcvbnm", "1q2w3e4r", "1qaz2wsx", "qazwsx", "passw0rd", "p@ssw0rd", "password1",
  "woaini", "woaini1314", "5201314", "1314520", "a123456", "a12345678", "a123456789", "aa123456", "abc123456",
  "qq123456", "zxc123456", "asd123456", "wang123456", "li123456", "zhang123456", "admin123", "admin888",
  "root123", "test123", "gongsai", "gonghui", "zhigong", "changeme", "default", "secret", "master", "superman",
].map((p) => p.toLowerCase());

/** A password without the digits or punctuation people add at its end (`password2026!` → `password`). */
const stem = (password: string) => password.toLowerCase().replace(/[\d\W_]+$/u, "");

export function isCommonPassword(password: string) {
  const lower = password.toLowerCase();
  if (COMMON.includes(lower) || COMMON.includes(stem(lower))) return true;
  // One character repeated, or a run of the keyboard's digits.
  if (/^(.)\1*$/u.test(lower)) return true;
  return "12345678901234567890".includes(lower) || "09876543210987654321".includes(lower);
}

/** What is wrong with a new password, or null when it passes the policy. Chinese first. */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 个字符 / at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > 128) return "密码最多 128 个字符 / at most 128 characters";
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return "密码需同时包含字母和数字 / use both letters and digits";
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) return "密码不能包含用户名 / the password must not contain the username";
  if (isCommonPassword(password)) return "这是常见密码，很容易被猜中，请换一个 / this is a common password, easily guessed: choose another";
  return null;
}
