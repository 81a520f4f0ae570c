import { z } from "zod";

export const LoginSchema = z.object({
  username: z.string().trim().min(1, "请输入用户名 / Enter your username").max(64),
  password: z.string().min(1, "请输入密码 / Enter your password").max(256),
  redirectTo: z.string().optional(),
});

export const PasswordSchema = z
  .string()
  .min(10, "密码至少 10 个字符 / at least 10 characters")
  .max(128, "密码最多 128 个字符 / at most 128 characters")
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), "密码需同时包含字母和数字 / use both letters and digits");

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
