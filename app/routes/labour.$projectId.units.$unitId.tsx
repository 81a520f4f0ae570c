import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { readUploadForm } from "~/modules/files/files.server";
import { attachEvidence, EVIDENCE_MAX_BYTES, unitEvidencePage } from "~/modules/labour/evidence.server";
import { indicatorNameKey, periodLabel } from "~/modules/labour/labels";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

// A participating unit's own evidence (issue 14, brief ux item 1; rule L-11: the filed sheet
// carries its proof, L-9: the unit's own people take part): the unit contact of a 标段/工区/班组
// on the roster opens it from /labour (two clicks from the menu), on a phone, and attaches a photo
// or a PDF to each scored item of their own unit. The service checks everything again
// (evidence.server.ts): only the unit's people, only their unit, only scored items, nothing after
// the banners, a correction reason once the period is signed.

export const meta = titled<typeof loader>("labourUnitEvidence", (d) => `${d.unit.name} · ${d.project.name}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const periodId = new URL(request.url).searchParams.get("period");
  return unitEvidencePage(user, params.projectId!, params.unitId!, periodId).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; indicatorKey: string } | (ActionFailure & { indicatorKey?: string });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { projectId, unitId } = params as { projectId: string; unitId: string };
  let indicatorKey: string | undefined;
  try {
    const form = await readUploadForm(request, EVIDENCE_MAX_BYTES);
    indicatorKey = String(form.get("indicatorKey") ?? "");
    const periodId = String(form.get("periodId") ?? "");
    const correctionReason = String(form.get("correctionReason") ?? "") || undefined;
    await attachEvidence(user, projectId, periodId, { unitId, indicatorKey, file: form.get("file"), correctionReason }, actorOf(user, context));
    return { ok: true as const, indicatorKey };
  } catch (error) {
    const failed = actionError(error, request);
    const body = (await failed.json()) as ActionFailure;
    return Response.json({ ...body, indicatorKey }, { status: failed.status });
  }
}

const ACCEPTED = ["image/jpeg", "image/png", "application/pdf"];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");

function ItemForm({ item, periodId, signed, maxBytes, label }: { item: { key: string; evidence: unknown }; periodId: string; signed: boolean; maxBytes: number; label: string }) {
  const { t } = useTranslation("labour");
  const busy = useNavigation().formData?.get("indicatorKey") === item.key;
  // After hydration a file that is too large or of another type is refused before it is sent;
  // before it (and for anything the browser lets through) the server answers the same refusal.
  const [problem, setProblem] = useState<string | null>(null);
  const fileId = `file-${item.key}`;
  return (
    <Form method="post" encType="multipart/form-data" className="stack" aria-label={`${label} ${t("itemUpload")}`}>
      <input type="hidden" name="periodId" value={periodId} />
      <input type="hidden" name="indicatorKey" value={item.key} />
      <div className="field">
        <label htmlFor={fileId}>{t("evidenceFile")}</label>
        <input
          id={fileId} name="file" type="file" required accept={ACCEPTED.join(",")} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${fileId}-problem` : undefined}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            const message = !file ? null : file.size > maxBytes ? t("fileTooLarge", { size: mb(file.size), max: mb(maxBytes) }) : file.type && !ACCEPTED.includes(file.type) ? t("fileTypeBad") : null;
            setProblem(message);
            e.currentTarget.setCustomValidity(message ?? "");
          }}
        />
        {problem ? <p className="field-error" id={`${fileId}-problem`} role="alert">{problem}</p> : null}
      </div>
      {signed ? (
        <div className="field"><label htmlFor={`reason-${item.key}`}>{t("correctionReason")}</label><input id={`reason-${item.key}`} name="correctionReason" required maxLength={500} /></div>
      ) : null}
      <button className="button" type="submit" disabled={busy}>{item.evidence ? t("itemReplace") : t("itemUpload")}</button>
    </Form>
  );
}

export default function UnitEvidence() {
  const { t } = useTranslation("labour");
  const L = useLocalise();
  const d = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const name = (i: { key: string; name: string }) => {
    const key = indicatorNameKey(d.set, i);
    return key ? t(key) : i.name;
  };
  const label = (p: { label: string }) => periodLabel(p.label, L.locale, (k) => t(`templates.${k}`));
  const base = `/labour/${d.project.id}/periods/${d.period?.id}`;
  const itemName = (key: string) => name(d.items.find((i) => i.key === key) ?? { key, name: key });
  return (
    <>
      <p><Link to="/labour">← {t("title")}</Link></p>
      <h1>{t("unitEvidenceTitle", { unit: d.unit.name })}</h1>
      <p className="muted">{d.project.name}</p>
      <p className="muted small">{t("unitEvidenceHint", { max: mb(d.maxBytes) })}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("evidenceSavedFor", { item: itemName(result.indicatorKey) })}</div> : null}
      {result && !result.ok && !result.indicatorKey ? <div className="alert alert-error" role="alert">{L.message(result.message)}</div> : null}
      {!d.period ? <p className="muted">{t("noPeriodsYet")}</p> : (
        <>
          <Form method="get" className="toolbar">
            <label htmlFor="period">{t("unitPeriod")}</label>{" "}
            <select id="period" name="period" defaultValue={d.period.id}>
              {d.periods.map((p) => <option key={p.id} value={p.id}>{label(p)}{L.paren(t(`periodStatuses.${p.status}`, { defaultValue: p.status }))}</option>)}
            </select>{" "}
            <button className="button button-secondary" type="submit">{t("unitPeriodShow")}</button>
          </Form>
          <h2>{label(d.period)} <span className="muted small">{d.period.from} — {d.period.to} · {t(`periodStatuses.${d.period.status}`, { defaultValue: d.period.status })}</span></h2>
          {d.period.status === "awarded" ? <p className="alert" role="status">{t("periodAwardedClosed")}</p> : null}
          {d.period.status === "signed" ? <p className="alert" role="status">{t("periodSignedNote")}</p> : null}
          <ul className="cards" style={{ listStyle: "none", padding: 0 }}>
            {d.items.map((item) => (
              <li key={item.key} className="card" aria-labelledby={`item-${item.key}`}>
                <h3 id={`item-${item.key}`}>{name(item)}</h3>
                <p className="small">{item.scored ? `✓ ${t("itemScored")}` : t("itemNotScored")}</p>
                <p className="small">{t("itemFile")}{L.colon}{item.evidence ? <a href={`${base}/evidence/${item.evidence.id}`}>{item.evidence.filename}</a> : t("itemNoFile")}</p>
                {result && !result.ok && result.indicatorKey === item.key ? <div className="alert alert-error" role="alert">{L.message(result.message)}</div> : null}
                {item.scored && d.period!.status !== "awarded" ? (
                  <ItemForm item={item} periodId={d.period!.id} signed={d.period!.status === "signed"} maxBytes={d.maxBytes} label={name(item)} />
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
