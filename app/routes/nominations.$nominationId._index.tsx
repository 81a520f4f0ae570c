import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { titled } from "~/utils/meta";
import { readUploadForm } from "~/modules/files/files.server";
import { attachToNomination, getNomination, nominationFormOptions, saveNomination, submitNomination } from "~/modules/nominations/nominations.server";
import { NominationInputSchema } from "~/modules/nominations/schemas";
import { NominationForm } from "~/modules/nominations/components";
import { AWARDS, type AwardKey } from "~/modules/nominations/domain";

export const meta = titled<typeof loader>("nomination", (d) => d.nomination.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return (async () => {
    const view = await getNomination(user, params.nominationId!);
    const options = view.editable ? await nominationFormOptions(user, view.campaign.id) : null;
    return { ...view, options };
  })().catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; message: string } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  const id = params.nominationId!;
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const form = await readUploadForm(request);
      await attachToNomination(user, id, form.get("file"), String(form.get("label") ?? ""), actor);
      return { ok: true, message: "attached" } satisfies Result;
    }
    const form = await request.formData();
    if (form.get("intent") === "submit") {
      await submitNomination(user, id, actor);
      return { ok: true, message: "submitted" } satisfies Result;
    }
    const input = parseInput(NominationInputSchema, { ...Object.fromEntries(form), categories: form.getAll("categories") });
    await saveNomination(user, input, actor, id);
    return { ok: true, message: "saved" } satisfies Result;
  } catch (error) {
    return actionError(error, request);
  }
}

const Row = ({ label, value }: { label: string; value: React.ReactNode }) => (value === "" || value === null || value === undefined ? null : <tr><th scope="row">{label}</th><td>{value}</td></tr>);

export default function NominationPage() {
  const { t } = useTranslation("nominations");
  const { t: tc } = useTranslation();
  const { nomination: n, campaign, unit, member, submission, honour, editable, options } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const individual = n.kind === "individual";
  return (
    <>
      <p><Link to={`/campaigns/${campaign.id}`}>← {campaign.title}</Link></p>
      <h1>{n.name} <span className="muted small">{AWARDS[n.award as AwardKey]?.label ?? n.award}</span></h1>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {result?.ok ? <div className="alert alert-ok" role="status">{tc("status.saved")}</div> : null}
      {submission ? (
        <p className={submission.status === "returned" ? "alert alert-error" : "muted"}>
          {submission.status === "returned" ? t("returned", { reason: submission.returnReason ?? "" }) : `${t("chain")}：${submission.levels.join(" → ")} · ${t("status")}：${submission.status === "pending" ? t("submitted", { level: submission.levels[submission.currentLevel] ?? "" }) : submission.status}`}{" "}
          <Link to={`/reviews/${submission.id}`}>{t("openChain")}</Link>
        </p>
      ) : null}
      <p><a href={`/nominations/${n.id}/form.pdf`}>{t("formPdf")}</a></p>
      {honour ? <p><Link to={`/honours/${honour.id}`}>{t(honour.revoked ? "honourRevoked" : "honourEntry", { title: honour.title, year: honour.year })}</Link></p> : null}

      {editable && options ? (
        <>
          <NominationForm
            campaignId={campaign.id} awards={options.campaign.awards} units={options.units} members={options.members} issues={result && !result.ok ? result.issues : undefined}
            submitLabel={t("saveDraft")} values={{ ...n, orgId: unit.id }}
          />
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="submit" />
            <p className="muted small">{t("submitHelp")}</p>
            <button className="button" type="submit">{t("submit")}</button>
          </Form>
        </>
      ) : (
        <section className="card">
          <table>
            <tbody>
              <Row label={t("unit")} value={unit.name} />
              <Row label={t("sex")} value={n.sex} />
              <Row label={t("ethnicity")} value={n.ethnicity} />
              <Row label={t("birthMonth")} value={n.birthMonth} />
              <Row label="身份证号" value={member?.idNumberMasked} />
              <Row label={t("education")} value={n.education} />
              <Row label={t("politicalStatus")} value={n.politicalStatus} />
              <Row label={t("post")} value={n.post} />
              <Row label={t("unitType")} value={n.unitType} />
              <Row label={t("ownership")} value={n.ownership} />
              <Row label={t("category")} value={individual ? n.category : n.isTeamOrOffice ? "班组/科室" : ""} />
              <Row label={t("cadreRank")} value={n.cadreRank} />
              <Row label={t("sectionCategory")} value={[n.isMigrantWorker && t("isMigrantWorker"), n.isNewEmployment && t("isNewEmployment"), n.isFrontline && t("isFrontline"), n.isLeader && t("isLeader")].filter(Boolean).join("、")} />
              <Row label={t("priorHonours")} value={n.priorHonours.map((h) => `${h.year} ${h.level} ${h.title} ${h.issuer}`).join("；")} />
              <Row label={t("rewardsPenalties")} value={n.rewardsPenalties} />
              <Row label={t("deedsShort")} value={n.deedsShort} />
              <Row label={t("deedsLong")} value={n.deedsLong} />
              <Row label={t("congress")} value={n.congressDate ? `${n.congressDate}：${t("congressPresent")} ${n.congressPresent}，${t("congressFor")} ${n.congressFor}，${t("congressAgainst")} ${n.congressAgainst}` : ""} />
              <Row label={t("poll")} value={n.pollTotal ? `${n.pollFor} / ${n.pollTotal}` : ""} />
              <Row label={t("localNotice")} value={n.localNoticeStart ? t("localNoticeSpan", { start: n.localNoticeStart, end: n.localNoticeEnd, days: n.localNoticeDays, outcome: n.localNoticeOutcome ?? "" }) : ""} />
            </tbody>
          </table>
        </section>
      )}

      <section className="card" aria-labelledby="attachments">
        <h2 id="attachments">{t("sectionAttachments")}</h2>
        {n.attachments.length ? <ul>{n.attachments.map((a) => <li key={a.fileId}><a href={`/files/${a.fileId}?download=1`}>{a.label}</a></li>)}</ul> : <p className="muted">{t("noAttachments")}</p>}
        {editable ? (
          <Form method="post" encType="multipart/form-data">
            <div className="field"><label htmlFor="label">{t("attachLabel")}</label><input id="label" name="label" maxLength={60} /></div>
            <div className="field"><label htmlFor="file">{t("file")}</label><input id="file" name="file" type="file" accept="application/pdf,image/jpeg,image/png" required /></div>
            <button className="button secondary" type="submit">{t("attach")}</button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
