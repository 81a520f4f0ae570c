import { db, type Tx } from "~/utils/db.server";
import { assertNationalPermission, type SessionUser } from "~/utils/auth.server";
import { badRequest } from "~/utils/errors";
import type { Actor } from "~/utils/actor";
import { recordEvent } from "~/modules/events/event-log.server";
import { SETTINGS_SCHEMA, settingsFrom, type ReviewSettings } from "./settings";

export async function loadReviewSettings(client: Tx | typeof db = db): Promise<ReviewSettings> {
  return settingsFrom(await client.reviewSetting.findMany());
}

/** The administrator changes settings (calendar:manage); each change is an event. */
export async function saveReviewSettings(user: SessionUser, input: unknown, actor: Actor) {
  assertNationalPermission(user, "calendar:manage");
  const parsed = SETTINGS_SCHEMA.partial().safeParse(input);
  if (!parsed.success) throw badRequest("设置有误，请检查后重试 / invalid settings", parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  return db.$transaction(async (tx) => {
    const before = await loadReviewSettings(tx);
    for (const [key, value] of Object.entries(parsed.data)) {
      if (value === undefined) continue;
      await tx.reviewSetting.upsert({ where: { key }, create: { key, value: JSON.stringify(value) }, update: { value: JSON.stringify(value) } });
    }
    const after = await loadReviewSettings(tx);
    await recordEvent(tx, actor, { action: "review-settings.saved", entityType: "ReviewSetting", before, after });
    return after;
  });
}
