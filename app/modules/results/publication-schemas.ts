import { z } from "zod";

// One zod schema per input, shared by the publication page's action and the JSON API.

/** Publish or re-publish: the notice period in days (default 5) and, for a re-publication, the reason. */
export const PublishSchema = z.object({
  noticeDays: z.coerce
    .number({ error: "公示天数须为 1–60 的整数 / notice days must be a whole number from 1 to 60" })
    .int("公示天数须为整数 / notice days must be a whole number")
    .min(1, "公示期至少 1 天 / at least 1 day")
    .max(60, "公示期最多 60 天 / at most 60 days")
    .default(5),
  reason: z
    .string()
    .trim()
    .max(500, "最多 500 字 / at most 500 characters")
    .optional()
    .transform((v) => v || null),
  /** rule S-4: publishing shares of a field below the minimum needs a written confirmation */
  smallFieldConfirmation: z
    .string()
    .trim()
    .max(500, "最多 500 字 / at most 500 characters")
    .optional()
    .transform((v) => v || null),
});
export type PublishInput = z.infer<typeof PublishSchema>;
