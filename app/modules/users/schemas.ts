import { z } from "zod";
import { isCommonPassword, passwordProblem } from "./password-policy";

export const LoginSchema = z.object({
  username: z.string().trim().min(1, "请输入用户名 / Enter your username").max(64),
  password: z.string().min(1, "请输入密码 / Enter your password").max(256),
  redirectTo: z.string().optional(),
});

export const PasswordSchema = z
  .string()
  .min(10, "密码至少 10 个字符 / at least 10 characters")
  .max(128, "密码最多 128 个字符 / at most 128 characters")
  .refine((p) => /\p{L}/u.test(p) && /\d/.test(p), "密码需同时包含字母和数字 / use both letters and digits")
  // The password policy (password-policy.ts); the username check needs the username, so the
  // account schema and the password change add it.
  .refine((p) => !isCommonPassword(p), "这是常见密码，很容易被猜中，请换一个 / this is a common password, easily guessed: choose another");

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "请输入当前密码 / Enter your current password"),
    newPassword: PasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "两次输入的新密码不一致 / The new passwords differ",
  });

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

// The character rule passes on an empty string so that a blank username gets only the length message.
export const UsernameSchema = z
  .string()
  .trim()
  .min(3, "用户名至少 3 个字符 / username: at least 3 characters")
  .max(32, "用户名最多 32 个字符 / username: at most 32 characters")
  .regex(/^$|^[a-z0-9][a-z0-9._-]*$/, "用户名只能用小写字母、数字和 . _ -，并以字母或数字开头 / username: lower-case letters, digits, . _ - only");

const DisplayNameSchema = z
  .string()
  .trim()
  .min(1, "请填写姓名 / displayName is required")
  .max(60, "姓名最多 60 个字 / displayName: at most 60 characters");

const RoleKeySchema = z.string().trim().min(1, "请选择角色 / roleKey is required").max(40);
const OrgIdSchema = z.string().trim().min(1, "请选择组织 / orgId is required").max(64);

/** A role over one organisation's subtree: the grant form and POST /users/{userId}/grants. */
export const GrantInputSchema = z.object({
  roleKey: RoleKeySchema.describe("角色 / role key, e.g. organiser"),
  orgId: OrgIdSchema.describe("授权范围：该组织及其下级 / the organisation whose subtree the role covers"),
});
export type GrantInput = z.infer<typeof GrantInputSchema>;

/**
 * A new account with an initial password and an optional first grant. The same flat
 * shape serves the form and POST /users; roleKey and orgId come together or not at all.
 */
export const CreateUserSchema = z
  .object({
    username: UsernameSchema,
    displayName: DisplayNameSchema,
    // Optional: without one the service generates a one-time password and answers it once.
    password: z.preprocess(blankToUndefined, PasswordSchema.optional()).describe("初始密码（可选，留空则生成一次性密码）/ initial password (optional: a one-time password is generated)"),
    roleKey: z.preprocess(blankToUndefined, RoleKeySchema.optional()).describe("首个角色（可选）/ first role (optional)"),
    orgId: z.preprocess(blankToUndefined, OrgIdSchema.optional()).describe("首个角色的组织（可选）/ its organisation (optional)"),
  })
  .superRefine((v, ctx) => {
    if (v.roleKey && !v.orgId) ctx.addIssue({ code: "custom", path: ["orgId"], message: "选择了角色就要选择组织 / orgId is required with roleKey" });
    const problem = v.password ? passwordProblem(v.password, v.username) : null;
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
    if (v.orgId && !v.roleKey) ctx.addIssue({ code: "custom", path: ["roleKey"], message: "选择了组织就要选择角色 / roleKey is required with orgId" });
  });
export type CreateUserInput = z.infer<typeof CreateUserSchema>;

/** The token form: days arrive as text and may be left empty (no expiry). */
export const CreateTokenFormSchema = z.object({
  name: z.string().trim().min(1, "请填写令牌名称 / name is required").max(60, "名称最多 60 个字 / name: at most 60 characters"),
  expiresInDays: z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ message: "有效天数必须是数字 / expiresInDays must be a number" })
      .int("有效天数必须是整数 / expiresInDays must be a whole number")
      .min(1, "有效天数至少 1 天 / expiresInDays: at least 1")
      .max(3650, "有效天数最多 3650 天 / expiresInDays: at most 3650")
      .optional(),
  ),
});

export const UserListQuerySchema = z.object({
  q: z.preprocess(blankToUndefined, z.string().trim().max(64).optional()).describe("用户名或姓名包含 / username or name contains"),
  page: z.coerce.number().int().min(1).default(1).describe("1-based page number"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
