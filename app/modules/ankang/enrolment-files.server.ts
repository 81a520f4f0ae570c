import { db } from "~/utils/db.server";
import type { SessionUser } from "~/utils/auth.server";
import { forbidden, notFound } from "~/utils/errors";
import { attachmentListItem } from "~/modules/files/api-upload";
import { readFile } from "~/modules/files/files.server";
import { canSeeEnrolment, entriesOf, loadEnrolment } from "./ankang.server";

// An enrolment's files as the API lists and serves them (issue 15 item 8): the signed
// 劳动安全卫生专项协议书 scan (rule A-3), the self-assessment's evidence per item and the ten
// actions' activity photos (rule A-4). Access as on the enrolment page and /ankang/files/:id:
// the unit, the cycle's managers and its assessment team (canSeeEnrolment); 403 for anyone else.

const FILE_NOT_FOUND = "该参赛单位没有这个文件 / this enrolment has no such file";
const AGREEMENT_LABEL = "劳动安全卫生专项协议书 / signed safety agreement";

type Slot = { fileId: string; kind: "agreement" | "evidence" | "activity"; label: string; itemCode?: string; activityId?: string };

async function slotsOf(user: SessionUser, enrolmentId: string): Promise<Slot[]> {
  const { enrolment, cycle } = await loadEnrolment(db, enrolmentId);
  if (!canSeeEnrolment(user, cycle, enrolment)) throw forbidden();
  const self = await db.ankangAssessment.findUnique({ where: { enrolmentId_kind: { enrolmentId, kind: "self" } } });
  const activities = await db.ankangActivity.findMany({ where: { enrolmentId, photoFileId: { not: null } }, orderBy: { heldOn: "asc" }, select: { id: true, title: true, photoFileId: true } });
  return [
    ...(enrolment.agreementFileId ? [{ fileId: enrolment.agreementFileId, kind: "agreement" as const, label: AGREEMENT_LABEL }] : []),
    ...entriesOf(self).items.flatMap((i) => (i.fileIds ?? []).map((fileId) => ({ fileId, kind: "evidence" as const, label: `${i.itemCode} 佐证材料 / evidence`, itemCode: i.itemCode }))),
    ...activities.map((a) => ({ fileId: a.photoFileId!, kind: "activity" as const, label: a.title, activityId: a.id })),
  ];
}

/** The enrolment's files: agreement, evidence (with its item) and activity photos (with the activity). */
export async function listEnrolmentFiles(user: SessionUser, enrolmentId: string) {
  const slots = await slotsOf(user, enrolmentId);
  const files = await db.storedFile.findMany({ where: { id: { in: slots.map((s) => s.fileId) } }, select: { id: true, filename: true, mimeType: true, size: true, createdAt: true } });
  return {
    attachments: slots.flatMap((s) => {
      const f = files.find((x) => x.id === s.fileId);
      return f ? [{ ...attachmentListItem(f, s.label), kind: s.kind, ...(s.itemCode ? { itemCode: s.itemCode } : {}), ...(s.activityId ? { activityId: s.activityId } : {}) }] : [];
    }),
  };
}

/** One of the enrolment's files: it must be this enrolment's (404), and the reader may see it (403). */
export async function readEnrolmentFile(user: SessionUser, enrolmentId: string, fileId: string) {
  const slots = await slotsOf(user, enrolmentId);
  if (!slots.some((s) => s.fileId === fileId)) throw notFound(FILE_NOT_FOUND);
  return readFile(fileId);
}
