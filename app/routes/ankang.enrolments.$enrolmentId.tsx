import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { db } from "~/utils/db.server";
import { readUploadForm } from "~/modules/files/files.server";
import { entriesOf, getEnrolment, type NewEvidence, loadCycle, loadEnrolment, logActivity, saveReview, saveSelfAssessment, sheetOf } from "~/modules/ankang/ankang.server";
import { reviewerOptions } from "~/modules/ankang/pages.server";
import { ANKANG_UPLOAD_MAX_BYTES, formFile } from "~/modules/ankang/uploads.server";
import { ActivityInputSchema, AssessmentInputSchema, type EntriesInput } from "~/modules/ankang/schemas";
import { TEN_ACTION_KEYS, type TenAction } from "~/modules/ankang/standard-sheets";
import type { SheetDefinition } from "~/modules/ankang/sheet";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

export const meta = titled<typeof loader>("ankangEnrolment", (d) => d.e.unitName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const e = await getEnrolment(user, params.enrolmentId!).catch((err) => asResponse(err, request));
  const reviewers = e.mayReview ? (await reviewerOptions(await loadCycle(db, e.cycleId))).filter((r) => r.id !== user.id) : [];
  return { e, reviewers };
}

/** The item-by-item form to entries (keeping each item's evidence) and the new evidence files, which the service checks and stores. */
function entriesFromForm(form: FormData, sheet: SheetDefinition, previous: EntriesInput): { entries: EntriesInput; evidence: NewEvidence } {
  const evidence: NewEvidence = [];
  const prev = new Map(previous.items.map((i) => [i.itemCode, i]));
  const items: EntriesInput["items"] = [];
  for (const item of sheet.sections.flatMap((s) => s.items)) {
    const raw = String(form.get(`score-${item.code}`) ?? "").trim();
    const missing = form.getAll(`missing-${item.code}`).map(String);
    const note = String(form.get(`note-${item.code}`) ?? "").trim();
    const file = formFile(form.get(`file-${item.code}`));
    if (file) evidence.push({ itemCode: item.code, file });
    const fileIds = [...(prev.get(item.code)?.fileIds ?? [])];
    const useMissing = item.deduction && form.get(`bydeduction-${item.code}`) === "on";
    if (!raw && !useMissing) { if (note || fileIds.length || file) items.push({ itemCode: item.code, score: null, note, fileIds }); continue; }
    const score = raw ? Number(raw) : null;
    if (raw && !Number.isFinite(score)) throw badRequest(`${item.code}：得分须为数字 / the score must be a number`);
    items.push({ itemCode: item.code, ...(useMissing ? { missing } : { score }), note, fileIds });
  }
  const bonus = sheet.bonusItems.map((b) => ({ itemCode: b.code, score: Number(form.get(`bonus-${b.code}`) || 0) })).filter((b) => b.score !== 0);
  return { entries: { items, bonus, vetoes: form.getAll("veto").map(String) }, evidence };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  const enrolmentId = params.enrolmentId!;
  try {
    const form = await readUploadForm(request, ANKANG_UPLOAD_MAX_BYTES);
    const intent = String(form.get("intent") ?? "");
    const { enrolment } = await loadEnrolment(db, enrolmentId);
    const sheet = sheetOf(await db.ankangSheetVersion.findUniqueOrThrow({ where: { id: enrolment.sheetVersionId } }));
    if (intent === "self" || intent === "review") {
      const previous = entriesOf(await db.ankangAssessment.findUnique({ where: { enrolmentId_kind: { enrolmentId, kind: intent } } }));
      const { entries, evidence } = entriesFromForm(form, sheet, previous);
      const input = parseInput(AssessmentInputSchema, { entries, submit: form.get("submit") === "1", reviewerIds: form.getAll("reviewerIds").map(String) });
      const r = intent === "self" ? await saveSelfAssessment(user, enrolmentId, input, actor, evidence) : await saveReview(user, enrolmentId, input, actor);
      return { ok: true as const, total: r.total };
    }
    if (intent === "activity") {
      await logActivity(user, enrolmentId, parseInput(ActivityInputSchema, { action: form.get("action"), title: form.get("title"), heldOn: form.get("heldOn"), participants: form.get("participants"), itemCodes: form.getAll("itemCodes").map(String) }), actor, formFile(form.get("photo")));
      return { ok: true as const, total: null };
    }
    throw badRequest("未知操作 / unknown action");
  } catch (error) {
    return actionError(error, request);
  }
}

type Side = { status: string; entries: EntriesInput };

function ScoreForm({ intent, side, sheet, reviewers }: { intent: "self" | "review"; side: Side; sheet: SheetDefinition; reviewers: { id: string; displayName: string }[] }) {
  const { t } = useTranslation("ankang");
  const by = new Map(side.entries.items.map((i) => [i.itemCode, i]));
  const bonus = new Map(side.entries.bonus.map((b) => [b.itemCode, b.score]));
  const L = useLocalise();
  return (
    <Form method="post" encType="multipart/form-data" className="stack" aria-label={intent === "self" ? t("self") : t("review")}>
      <input type="hidden" name="intent" value={intent} />
      <div className="table-wrap"><table>
        <thead><tr><th>{t("item")}</th><th>{t("max")}</th><th>{t("score")}</th><th>{t("note")}</th>{intent === "self" ? <th>{t("evidence")}</th> : null}</tr></thead>
        <tbody>
          {sheet.sections.flatMap((s) => [
            <tr key={`s-${s.code}`}><th colSpan={5}>{s.code} {s.title}</th></tr>,
            ...s.items.map((i) => {
              const e = by.get(i.code);
              return (
                <tr key={i.code}>
                  <td><label htmlFor={`${intent}-score-${i.code}`}>{i.code} {i.title}</label>
                    {i.deduction ? (
                      <div className="small">
                        <label className="checkbox"><input type="checkbox" name={`bydeduction-${i.code}`} defaultChecked={!!e?.missing} /> {t("perMissing", { n: i.deduction.perMissing })}{L.comma}{t("missingElements")}{L.colon}</label>
                        {i.deduction.elements.map((el) => <label key={el} className="checkbox"><input type="checkbox" name={`missing-${i.code}`} value={el} defaultChecked={e?.missing?.includes(el)} /> {el}</label>)}
                      </div>
                    ) : null}
                  </td>
                  <td>{i.maxPoints}</td>
                  <td><input id={`${intent}-score-${i.code}`} name={`score-${i.code}`} type="number" step="0.5" min={0} inputMode="decimal" defaultValue={e?.score ?? ""} style={{ width: "6em" }} /></td>
                  <td><input name={`note-${i.code}`} aria-label={`${i.code} ${t("note")}`} defaultValue={e?.note ?? ""} /></td>
                  {intent === "self" ? <td>{(e?.fileIds ?? []).map((f, k) => <a key={f} href={`/ankang/files/${f}`}>#{k + 1} </a>)}<input name={`file-${i.code}`} type="file" aria-label={`${i.code} ${t("evidence")}`} accept="image/jpeg,image/png,application/pdf" /></td> : null}
                </tr>
              );
            }),
          ])}
        </tbody>
      </table></div>
      {sheet.bonusItems.length ? (
        <fieldset className="field"><legend>{t("bonus")}</legend>
          {sheet.bonusItems.map((b) => <label key={b.code} className="inline">{b.title}{L.paren(`≤ ${b.maxPoints}`)}<input name={`bonus-${b.code}`} type="number" step="0.5" min={0} max={b.maxPoints} defaultValue={bonus.get(b.code) ?? ""} style={{ width: "5em" }} /></label>)}
        </fieldset>
      ) : null}
      {sheet.vetoItems.length ? (
        <fieldset className="field"><legend>{t("vetoes")}</legend>
          {sheet.vetoItems.map((v) => <label key={v.code} className="checkbox"><input type="checkbox" name="veto" value={v.code} defaultChecked={side.entries.vetoes.includes(v.code)} /> {v.title}</label>)}
        </fieldset>
      ) : null}
      {intent === "review" ? (
        <div className="field"><label htmlFor="reviewerIds">{t("reviewTeam", { n: 2 })}</label>
          <select id="reviewerIds" name="reviewerIds" multiple size={4}>{reviewers.map((r) => <option key={r.id} value={r.id}>{r.displayName}</option>)}</select>
        </div>
      ) : null}
      <p className="toolbar">
        <button className="button button-secondary" type="submit" name="submit" value="0">{t("saveDraft")}</button>
        <button className="button" type="submit" name="submit" value="1">{t("submit")}</button>
      </p>
    </Form>
  );
}

export default function EnrolmentPage() {
  const { t } = useTranslation("ankang");
  const { e, reviewers } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; total: number | null } | ActionFailure>();
  const statusLabel = (s: string) => (s === "submitted" ? t("statusSubmitted") : s === "draft" ? t("statusDraft") : t("statusNone"));
  const L = useLocalise();
  // the unit's evidence per item, for the unit and the assessment team alike
  const evidence = new Map(e.self.entries.items.map((i) => [i.itemCode, i.fileIds ?? []]));
  return (
    <>
      <p><Link to={`/ankang/${e.cycleId}`}>← {e.cycleName}</Link></p>
      <h1>{e.unitName}</h1>
      <p className="muted">
        {t("agreement")}{L.colon}{e.agreementSignedOn ? `${t("signed")} ${e.agreementSignedOn}` : t("notSigned")}{e.agreementFileId ? <> · <a href={`/ankang/files/${e.agreementFileId}`}>{t("agreementScan")}</a></> : null}
        {" · "}{t("teams")}{L.colon}{L.list(e.teams.map((x) => x.name)) || t("none")} · {t("workerCount")} {e.workerCount}
      </p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}{result.total != null ? ` ${t("total")} ${result.total}` : ""}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}

      <section aria-labelledby="conditions" className="card">
        <h2 id="conditions">{t("conditions")}</h2>
        <ul>{e.conditions.map((c) => <li key={c.code} data-testid="condition"><span className={c.met ? "badge badge-grey" : "badge"}>{c.met ? t("met") : t("notMet")}</span> {L.message(c.reason)}</li>)}</ul>
        <p>{t("finalScore")}{L.colon}<strong data-testid="final-score">{e.finalScore ?? "—"}</strong> / {e.fullMarks}{e.vetoes.length ? ` · ${t("vetoed")}${L.colon}${L.list(e.vetoes)}` : ""}</p>
      </section>

      <section aria-labelledby="diff">
        <h2 id="diff">{t("self")} / {t("review")} · {t("difference")}</h2>
        <p className="muted">{t("self")}{L.colon}{statusLabel(e.self.status)}{e.self.result ? ` · ${t("total")} ${e.self.result.total}` : ""} · {t("review")}{L.colon}{statusLabel(e.review.status)}{e.review.result ? ` · ${t("total")} ${e.review.result.total}` : ""}{e.review.reviewers.length ? L.paren(L.list(e.review.reviewers)) : ""}</p>
        <div className="table-wrap"><table>
          <thead><tr><th>{t("item")}</th><th>{t("self")}</th><th>{t("review")}</th><th>{t("difference")}</th><th>{t("evidence")}</th></tr></thead>
          <tbody>{e.differences.map((d) => <tr key={d.itemCode} data-testid="difference"><td>{d.itemCode} {d.title}</td><td>{d.self ?? "—"}</td><td>{d.review ?? "—"}</td><td>{d.difference == null ? "—" : d.difference > 0 ? `+${d.difference}` : d.difference}</td><td>{(evidence.get(d.itemCode) ?? []).map((f, k) => <a key={f} href={`/ankang/files/${f}`}>#{k + 1} </a>)}</td></tr>)}</tbody>
        </table></div>
      </section>

      {e.mayEdit && e.self.status !== "submitted" ? (<section aria-labelledby="self-form"><h2 id="self-form">{t("self")}</h2><ScoreForm intent="self" side={e.self} sheet={e.sheet} reviewers={[]} /></section>) : null}
      {e.mayReview && e.review.status !== "submitted" ? (<section aria-labelledby="review-form"><h2 id="review-form">{t("review")}</h2><ScoreForm intent="review" side={e.self.status === "submitted" && e.review.status === "none" ? e.self : e.review} sheet={e.sheet} reviewers={reviewers} /></section>) : null}

      <section aria-labelledby="activities">
        <h2 id="activities">{t("activities")}</h2>
        {e.activities.length ? (
          <ul>{e.activities.map((a) => <li key={a.id}>{a.heldOn} · {t(`tenAction_${a.action as TenAction}`)} · {a.title} · {t("participants")} {a.participants}{a.itemCodes.length ? ` · ${t("supports")} ${L.list(a.itemCodes)}` : ""}{a.photoFileId ? <> · <a href={`/ankang/files/${a.photoFileId}`}>{t("photo")}</a></> : null}</li>)}</ul>
        ) : <p className="muted">{t("none")}</p>}
        {e.mayEdit ? (
          <Form method="post" encType="multipart/form-data" className="card stack">
            <input type="hidden" name="intent" value="activity" />
            <div className="grid">
              <div className="field"><label htmlFor="action">{t("action")}</label><select id="action" name="action">{TEN_ACTION_KEYS.map((k) => <option key={k} value={k}>{t(`tenAction_${k}`)}</option>)}</select></div>
              <div className="field"><label htmlFor="title">{t("activity")}</label><input id="title" name="title" required /></div>
              <div className="field"><label htmlFor="heldOn">{t("heldOn")}</label><input id="heldOn" name="heldOn" type="date" required /></div>
              <div className="field"><label htmlFor="participants">{t("participants")}</label><input id="participants" name="participants" type="number" min={0} required /></div>
              <div className="field"><label htmlFor="photo">{t("photo")}</label><input id="photo" name="photo" type="file" accept="image/jpeg,image/png" /></div>
            </div>
            <fieldset className="field"><legend>{t("supports")}</legend>
              {e.sheet.sections.flatMap((s) => s.items).map((i) => <label key={i.code} className="inline"><input type="checkbox" name="itemCodes" value={i.code} /> {i.code}</label>)}
            </fieldset>
            <p><button className="button" type="submit">{t("logActivity")}</button></p>
          </Form>
        ) : null}
      </section>
    </>
  );
}
