import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { readUploadForm } from "~/modules/files/files.server";
import { handleHazard, listHazards, reportHazard } from "~/modules/ankang/hazards.server";
import { HazardActionSchema, HazardReportSchema } from "~/modules/ankang/schemas";
import { ANKANG_UPLOAD_MAX_BYTES, formFile } from "~/modules/ankang/uploads.server";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled("hazards");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const hazards = await listHazards(user);
  return { hazards, hasMember: !!user.memberId };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const actor = actorOf(user, context);
  try {
    const form = await readUploadForm(request, ANKANG_UPLOAD_MAX_BYTES);
    const intent = String(form.get("intent") ?? "");
    if (intent === "report") {
      await reportHazard(user, parseInput(HazardReportSchema, { place: form.get("place"), description: form.get("description"), anonymous: form.get("anonymous") === "on" }), actor, new Date(), formFile(form.get("photo")));
      return { ok: true as const, intent };
    }
    const hazardId = String(form.get("hazardId") ?? "");
    if (intent === "assign") await handleHazard(user, hazardId, parseInput(HazardActionSchema, { action: "assign", assignee: form.get("assignee"), dueOn: form.get("dueOn") || undefined }), actor);
    else if (intent === "fix") await handleHazard(user, hazardId, parseInput(HazardActionSchema, { action: "fix", fixNote: form.get("fixNote") }), actor, new Date(), formFile(form.get("fixPhoto")));
    else if (intent === "close") await handleHazard(user, hazardId, parseInput(HazardActionSchema, { action: "close" }), actor, new Date(), formFile(form.get("closePhoto")));
    else throw badRequest("未知操作 / unknown action");
    return { ok: true as const, intent };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Hazards() {
  const { t } = useTranslation("ankang");
  const { hazards, hasMember } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; intent: string } | ActionFailure>();
  const busy = useNavigation().state === "submitting";
  const L = useLocalise();
  return (
    <>
      <h1>{t("hazards")}</h1>
      <p className="muted">{t("hazardsHelp")}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {hasMember ? (
        <Form method="post" encType="multipart/form-data" className="card stack" aria-labelledby="report" replace>
          <h2 id="report">{t("reportHazard")}</h2>
          <input type="hidden" name="intent" value="report" />
          <div className="field"><label htmlFor="place">{t("place")}</label><input id="place" name="place" required maxLength={200} /></div>
          <div className="field"><label htmlFor="description">{t("description")}</label><textarea id="description" name="description" required rows={3} maxLength={2000} /></div>
          <div className="field"><label htmlFor="photo">{t("photo")}</label><input id="photo" name="photo" type="file" accept="image/jpeg,image/png" capture="environment" /></div>
          <label className="checkbox"><input type="checkbox" name="anonymous" /> {t("anonymous")}</label>
          <p><button className="button" type="submit" disabled={busy}>{t("reportHazard")}</button></p>
        </Form>
      ) : null}
      {hazards.length === 0 ? <p className="muted">{t("noHazards")}</p> : hazards.map((h) => (
        <article key={h.id} className="card" aria-labelledby={`h-${h.id}`} data-testid="hazard">
          <h3 id={`h-${h.id}`}>{h.place} · <span className={h.overdue ? "badge" : "badge badge-grey"}>{t(`hazardStatus_${h.status}`)}{h.overdue ? ` · ${t("overdue")}` : ""}</span></h3>
          <p>{h.description}</p>
          <p className="muted small">
            {h.unitName}{h.teamName ? ` · ${h.teamName}` : ""} · {t("reporter")}{L.colon}{h.reporter ?? t("anonymousShown")} · {h.reportedAt.slice(0, 10)} · {t("due")}{L.colon}{h.dueAt.slice(0, 10)}
            {h.assignee ? ` · ${t("assignee")}${L.colon}${h.assignee}` : ""}
          </p>
          {h.photoFileId ? <p><a href={`/ankang/files/${h.photoFileId}`}>{t("photo")}</a></p> : null}
          {h.fixNote ? <p className="small">{t("fixNote")}{L.colon}{h.fixNote}{h.fixPhotoId ? <> · <a href={`/ankang/files/${h.fixPhotoId}`}>{t("photo")}</a></> : null}</p> : null}
          {h.closePhotoId ? <p className="small"><a href={`/ankang/files/${h.closePhotoId}`}>{t("closePhoto")}</a></p> : null}
          {h.mayHandle && h.status !== "closed" ? (
            <div className="stack">
              {h.status === "reported" || h.status === "assigned" ? (
                <Form method="post" encType="multipart/form-data" className="toolbar">
                  <input type="hidden" name="intent" value="assign" /><input type="hidden" name="hazardId" value={h.id} />
                  <label htmlFor={`assignee-${h.id}`}>{t("assignee")}</label>
                  <input id={`assignee-${h.id}`} name="assignee" required defaultValue={h.assignee ?? ""} />
                  <label htmlFor={`due-${h.id}`}>{t("due")}</label>
                  <input id={`due-${h.id}`} name="dueOn" type="date" defaultValue={h.dueAt.slice(0, 10)} />
                  <button className="button button-secondary" type="submit">{t("assign")}</button>
                </Form>
              ) : null}
              <Form method="post" encType="multipart/form-data" className="stack">
                <input type="hidden" name="intent" value="fix" /><input type="hidden" name="hazardId" value={h.id} />
                <div className="field"><label htmlFor={`fix-${h.id}`}>{t("fixNote")}</label><textarea id={`fix-${h.id}`} name="fixNote" rows={2} required defaultValue={h.fixNote ?? ""} /></div>
                <div className="field"><label htmlFor={`fixPhoto-${h.id}`}>{t("photo")}</label><input id={`fixPhoto-${h.id}`} name="fixPhoto" type="file" accept="image/jpeg,image/png" /></div>
                <p><button className="button button-secondary" type="submit">{t("fix")}</button></p>
              </Form>
              <Form method="post" encType="multipart/form-data" className="toolbar">
                <input type="hidden" name="intent" value="close" /><input type="hidden" name="hazardId" value={h.id} />
                <label htmlFor={`closePhoto-${h.id}`}>{t("closePhoto")}</label>
                <input id={`closePhoto-${h.id}`} name="closePhoto" type="file" accept="image/jpeg,image/png" capture="environment" />
                <button className="button" type="submit">{t("close")}</button>
              </Form>
            </div>
          ) : null}
        </article>
      ))}
    </>
  );
}
