import { z } from "zod";

// Configuration comes from the environment and is validated once, at start.
// Documented in .env.example.
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .default("file:./data/gongsai.db")
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), {
      message: "DATABASE_URL 必须是 file:… (SQLite) 或 postgresql://… / must be file:… or postgresql://…",
    }),
  SESSION_SECRET: z.string().min(16, "SESSION_SECRET 至少 16 个字符 / at least 16 characters").default("dev-only-session-secret-change-me"),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, "DATA_KEY 必须是 64 位十六进制（32 字节）/ must be 64 hex characters")
    .default("0000000000000000000000000000000000000000000000000000000000000000"),
  SESSION_TTL_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_ACCOUNT_MAX_DELAY_SECONDS: z.coerce.number().int().positive().default(60),
  STORAGE_DIR: z.string().default("./data/files"),
  STORAGE_DRIVER: z.enum(["local"], { message: "STORAGE_DRIVER 目前只支持 local / only 'local' is available" }).default("local"),
  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SECURE_COOKIES: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    const message = `配置错误 / invalid configuration:\n${lines.join("\n")}\n参见 .env.example / see .env.example`;
    console.error(message);
    throw new Error(message);
  }
  if (parsed.data.NODE_ENV === "production" && parsed.data.SESSION_SECRET === "dev-only-session-secret-change-me" && process.env.ALLOW_DEMO_SECRETS !== "1") {
    throw new Error("生产环境必须设置 SESSION_SECRET / SESSION_SECRET must be set in production (or ALLOW_DEMO_SECRETS=1 for the demo)");
  }
  // 身份证号 encrypted with the all-zero demo key would be readable by anyone.
  if (parsed.data.NODE_ENV === "production" && !process.env.DATA_KEY && process.env.ALLOW_DEMO_SECRETS !== "1") {
    throw new Error("生产环境必须设置 DATA_KEY（64 位十六进制）/ DATA_KEY must be set in production (64 hex characters; or ALLOW_DEMO_SECRETS=1 for the demo)");
  }
  cached = parsed.data;
  return cached;
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);
