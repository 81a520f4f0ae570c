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
import { awardLabel, nominationValue } from "~/modules/nominations/domain";
import { useLocalise } from "~/utils/use-localise";

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
  const { t: tr } = useTranslation("reviewChain");
  const { t: tm } = useTranslation("members");
  const L = useLocalise();
  const v = (value: string | null | undefined) => nominationValue(value, L.locale);
  const { nomination: n, campaign, unit, member, submission, honour, editable, options } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const individual = n.kind === "individual";
  return (
    <>
      <p><Link to={`/campaigns/${campaign.id}`}>← {campaign.title}</Link></p>
      <h1>{n.name} <span className="muted small">{awardLabel(n.award, L.locale)}</span></h1>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {result?.ok ? <div className="alert alert-ok" role="status">{tc("status.saved")}</div> : null}
      {submission ? (
        <p className={submission.status === "returned" ? "alert alert-error" : "muted"}>
          {submission.status === "returned" ? t("returned", { reason: submission.returnReason ?? "" }) : `${t("chain")}${L.colon}${submission.levels.join(" → ")} · ${t("status")}${L.colon}${submission.status === "pending" ? t("submitted", { level: submission.levels[submission.currentLevel] ?? "" }) : tr(`statuses.${submission.status}`)}`}{" "}
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
              <Row label={t("sex")} value={v(n.sex)} />
              <Row label={t("ethnicity")} value={v(n.ethnicity)} />
              <Row label={t("birthMonth")} value={n.birthMonth} />
              <Row label={tm("idNumber")} value={member?.idNumberMasked} />
              <Row label={t("education")} value={v(n.education)} />
              <Row label={t("politicalStatus")} value={v(n.politicalStatus)} />
              <Row label={t("post")} value={n.post} />
              <Row label={t("unitType")} value={v(n.unitType)} />
              <Row label={t("ownership")} value={v(n.ownership)} />
              <Row label={t("category")} value={individual ? v(n.category) : n.isTeamOrOffice ? v("班组/科室") : ""} />
              <Row label={t("cadreRank")} value={v(n.cadreRank)} />
              <Row label={t("sectionCategory")} value={L.list([n.isMigrantWorker && t("isMigrantWorker"), n.isNewEmployment && t("isNewEmployment"), n.isFrontline && t("isFrontline"), n.isLeader && t("isLeader")])} />
              <Row label={t("priorHonours")} value={n.priorHonours.map((h) => `${h.year} ${h.level} ${h.title} ${h.issuer}`).join(L.semicolon)} />
              <Row label={t("rewardsPenalties")} value={n.rewardsPenalties} />
              <Row label={t("deedsShort")} value={n.deedsShort} />
              <Row label={t("deedsLong")} value={n.deedsLong} />
              <Row label={t("congress")} value={n.congressDate ? `${n.congressDate}${L.colon}${t("congressPresent")} ${n.congressPresent}${L.comma}${t("congressFor")} ${n.congressFor}${L.comma}${t("congressAgainst")} ${n.congressAgainst}` : ""} />
              <Row label={t("poll")} value={n.pollTotal ? `${n.pollFor} / ${n.pollTotal}` : ""} />
              <Row label={t("localNotice")} value={n.localNoticeStart ? t("localNoticeSpan", { start: n.localNoticeStart, end: n.localNoticeEnd, days: n.localNoticeDays, outcome: v(n.localNoticeOutcome) }) : ""} />
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
