import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { db } from "~/utils/db.server";
import { readUploadForm } from "~/modules/files/files.server";
import { addSheetVersion, enrolUnit, getCycle, loadCycle, updateCycleSettings } from "~/modules/ankang/ankang.server";
import { cycleStandings, listTitles, recommendTitle, recordTitleDecisions, setTitleQuota, withdrawLapsedTitles } from "~/modules/ankang/titles.server";
import { enrolmentOptions, recommendOptions, titleRounds } from "~/modules/ankang/pages.server";
import { ORGANISING_UNIT_CATEGORY_CHOICES, ORGANISING_UNIT_UNION_TYPE_CHOICES, PRIZE_TIER_ROWS, SETTING_NUMBER_FIELDS, SHEET_EDIT_FIELDS, settingFieldValue, settingsFromForm, sheetEditorRows, sheetFromEditor } from "~/modules/ankang/page-forms";
import { SHEET_UPLOAD_MAX_BYTES } from "~/modules/ankang/sheet-excel.server";
import { importSheetFile } from "~/modules/ankang/imports.server";
import { SHEET_ROW_KINDS } from "~/modules/ankang/sheet-rows";
import { ANKANG_UPLOAD_MAX_BYTES, formFile } from "~/modules/ankang/uploads.server";
import { EnrolmentInputSchema, QuotaInputSchema, RecommendInputSchema } from "~/modules/ankang/schemas";
import type { Level } from "~/modules/ankang/settings";
import { TITLE_KINDS, type TitleKind } from "~/modules/ankang/eligibility";
import { useLocalise } from "~/utils/use-localise";
import { orgTypeLabel, unitCategoryLabel } from "~/modules/orgs/org-types";
import { joined } from "~/modules/ankang/bilingual";
import { localiseMessage, punctuation } from "~/utils/messages";
import { pageLocale } from "~/i18n/locale.server";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("ankangCycle", (d) => d.cycle.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const cycle = await getCycle(user, params.cycleId!).catch((e) => asResponse(e, request));
  const full = await loadCycle(db, cycle.id);
  const [options, standings, titles, rounds, recommend] = await Promise.all([
    enrolmentOptions(user, full),
    cycle.mayManage || cycle.mayReview ? cycleStandings(user, cycle.id) : Promise.resolve(null),
    listTitles(user, cycle.id).catch(() => null),
    titleRounds(),
    recommendOptions(cycle.id, cycle.enrolments),
  ]);
  const quotaOrgs = cycle.mayManage ? await db.organisation.findMany({ where: { path: { startsWith: cycle.orgPath }, type: { notIn: ["grassroots", "team"] } }, select: { id: true, name: true }, orderBy: { depth: "asc" }, take: 200 }) : [];
  const editorRows = cycle.mayManage ? sheetEditorRows(cycle.sheet?.definition ?? null) : [];
  return { cycle, options, standings, titles, rounds, quotaOrgs, recommend, editorRows };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  const cycleId = params.cycleId!;
  try {
    const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
    const form = multipart ? await readUploadForm(request, Math.max(ANKANG_UPLOAD_MAX_BYTES, SHEET_UPLOAD_MAX_BYTES)) : await request.formData();
    switch (form.get("intent")) {
      case "enrol": {
        await enrolUnit(user, cycleId, parseInput(EnrolmentInputSchema, {
          unitId: form.get("unitId"), hasCompetitionBody: form.get("hasCompetitionBody") === "on", hasPlan: form.get("hasPlan") === "on",
          agreementSignedOn: form.get("agreementSignedOn") || null, teamIds: form.getAll("teamIds").map(String), workerCount: form.get("workerCount") || 0,
        }), actor, formFile(form.get("agreementScan")));
        return { ok: true as const, message: null };
      }
      case "sheet-import": {
        await importSheetFile(user, cycleId, formFile(form.get("file")), String(form.get("title") ?? ""), actor);
        return { ok: true as const, message: null };
      }
      case "settings": {
        // issue 15 §"every number is a setting": the whole settings form, all or nothing
        const parsed = settingsFromForm((name) => { const v = form.get(name); return typeof v === "string" ? v : null; });
        if (!parsed.settings) throw badRequest(joined("设置有误，未保存", "the settings were not saved", parsed.issues.map((i) => i.message)), parsed.issues);
        await updateCycleSettings(user, cycleId, parsed.settings, actor);
        return { ok: true as const, message: null };
      }
      case "sheet-edit": {
        const title = String(form.get("title") ?? "").trim();
        const columns = Object.fromEntries(SHEET_EDIT_FIELDS.map((f) => [f, form.getAll(f).map(String)])) as Record<(typeof SHEET_EDIT_FIELDS)[number], string[]>;
        const { sheet: definition, issues } = sheetFromEditor(columns);
        if (!title) issues.unshift({ path: "title", message: "请填写评分表名称 / the sheet needs a title" });
        if (!definition || !title) throw badRequest(joined("评分表有误，未发布", "the sheet was not published", issues.map((i) => i.message)), issues);
        await addSheetVersion(user, cycleId, { title, definition }, actor);
        return { ok: true as const, message: null };
      }
      case "quota":
        await setTitleQuota(user, cycleId, parseInput(QuotaInputSchema, { orgId: form.get("orgId"), kind: form.get("kind"), allowed: form.get("allowed") }), actor);
        return { ok: true as const, message: null };
      case "recommend":
        await recommendTitle(user, cycleId, parseInput(RecommendInputSchema, { holderOrgId: form.get("holderOrgId"), kind: form.get("kind"), roundId: form.get("roundId"), memberId: form.get("memberId") || null, threeViolations: form.get("threeViolations") || 0 }), actor);
        return { ok: true as const, message: null };
      case "record": {
        const r = await recordTitleDecisions(user, cycleId, actor);
        return { ok: true as const, message: `${r.approved} / ${r.refused}` };
      }
      case "withdraw": {
        const r = await withdrawLapsedTitles(user, cycleId, actor);
        return { ok: true as const, message: r.withdrawn.map((w) => `${w.holderName}${punctuation(pageLocale(request)).colon}${localiseMessage(w.reason, pageLocale(request))}`).join(punctuation(pageLocale(request)).semicolon) || "0" };
      }
      default: throw badRequest("未知操作 / unknown action");
    }
  } catch (error) {
    return actionError(error, request);
  }
}

export default function CyclePage() {
  const { t } = useTranslation("ankang");
  const { cycle, options, standings, titles, rounds, quotaOrgs, recommend, editorRows } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; message: string | null } | ActionFailure>();
  const sheet = cycle.sheet?.definition;
  const statusLabel = (s: string) => (s === "submitted" ? t("statusSubmitted") : s === "draft" ? t("statusDraft") : t("statusNone"));
  const L = useLocalise();
  return (
    <>
      <p><Link to="/ankang">← {t("back")}</Link></p>
      <h1>{cycle.name} · {t(`level_${cycle.level}`)}</h1>
      <p className="muted">{t("committee")}{L.colon}{L.list(cycle.committee.map((c) => c.orgName))}</p>
      <p className="toolbar"><Link className="button button-secondary" to={`/ankang/${cycle.id}/dashboard`}>{t("dashboard")}</Link></p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}{result.message ? ` ${result.message}` : ""}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}{result.issues.length > 1 ? <ul>{result.issues.map((i, k) => <li key={k}>{i.message}</li>)}</ul> : null}</div> : null}

      <section aria-labelledby="enrolments">
        <h2 id="enrolments">{t("enrolments")}{L.paren(cycle.enrolments.length)}</h2>
        <div className="table-wrap"><table>
          <thead><tr><th>{t("unit")}</th><th>{t("agreement")}</th><th>{t("teams")}</th><th>{t("workerCount")}</th><th>{t("self")}</th><th>{t("review")}</th></tr></thead>
          <tbody>{cycle.enrolments.map((e) => (
            <tr key={e.id}>
              <td><Link to={`/ankang/enrolments/${e.id}`}>{e.unitName}</Link>{e.vetoed ? <> <span className="badge">{t("vetoed")}</span></> : null}</td>
              <td>{e.agreementSigned ? t("signed") : t("notSigned")}</td><td>{e.teams}</td><td>{e.workerCount}</td>
              <td>{statusLabel(e.selfStatus)}{e.selfTotal != null ? ` ${e.selfTotal}` : ""}</td>
              <td>{statusLabel(e.reviewStatus)}{e.reviewTotal != null ? ` ${e.reviewTotal}` : ""}</td>
            </tr>
          ))}</tbody>
        </table></div>
      </section>

      {options.length && cycle.sheet ? (
        <Form method="post" encType="multipart/form-data" className="card stack" aria-labelledby="enrol">
          <h2 id="enrol">{t("enrol")}</h2>
          <input type="hidden" name="intent" value="enrol" />
          <div className="field"><label htmlFor="unitId">{t("unit")}</label><select id="unitId" name="unitId">{options.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></div>
          <fieldset className="field"><legend>{t("teams")}</legend>
            {options.flatMap((u) => u.teams.map((tm) => <label key={tm.id} className="checkbox"><input type="checkbox" name="teamIds" value={tm.id} /> {u.name} · {tm.name}</label>))}
          </fieldset>
          <label className="checkbox"><input type="checkbox" name="hasCompetitionBody" /> {t("competitionBody")}</label>
          <label className="checkbox"><input type="checkbox" name="hasPlan" /> {t("plan")}</label>
          <div className="grid">
            <div className="field"><label htmlFor="agreementSignedOn">{t("agreementSignedOn")}</label><input id="agreementSignedOn" name="agreementSignedOn" type="date" /></div>
            <div className="field"><label htmlFor="agreementScan">{t("agreementScan")}</label><input id="agreementScan" name="agreementScan" type="file" accept="image/jpeg,image/png,application/pdf" /></div>
            <div className="field"><label htmlFor="workerCount">{t("workerCount")}</label><input id="workerCount" name="workerCount" type="number" min={0} defaultValue={0} /></div>
          </div>
          <p><button className="button" type="submit">{t("enrol")}</button></p>
        </Form>
      ) : null}

      <section aria-labelledby="sheet">
        <h2 id="sheet">{t("sheet")}{cycle.sheet ? ` · ${t("sheetVersion")} ${cycle.sheet.version} · ${cycle.sheet.title}` : ""}</h2>
        {!sheet ? <p className="muted">{t("noSheet")}</p> : (
          <>
            <p><a className="button button-secondary" href={`/ankang/${cycle.id}/sheet.xlsx`}>{t("sheetExport")}</a></p>
            <div className="table-wrap"><table>
              <thead><tr><th>{t("item")}</th><th>{t("max")}</th><th>{t("deduction")}</th></tr></thead>
              <tbody>
                {sheet.sections.flatMap((s) => [
                  <tr key={`s-${s.code}`}><th colSpan={3}>{s.code} {s.title}{L.paren(s.items.reduce((a, i) => a + i.maxPoints, 0))}</th></tr>,
                  ...s.items.map((i) => <tr key={i.code}><td>{i.code} {i.title}</td><td>{i.maxPoints}</td><td>{i.deduction ? `${t("perMissing", { n: i.deduction.perMissing })}${L.colon}${L.list(i.deduction.elements)}` : ""}</td></tr>),
                ])}
              </tbody>
            </table></div>
            <p>{t("bonus")}{L.paren(t("bonusCap", { n: cycle.settings.bonusCap }))}{L.colon}{sheet.bonusItems.map((b) => `${b.title} ${b.maxPoints}`).join(L.semicolon) || t("none")}</p>
            <p>{t("vetoes")}{L.colon}{sheet.vetoItems.map((v) => v.title).join(L.semicolon) || t("none")}</p>
          </>
        )}
        {cycle.mayManage ? (
          <Form method="post" encType="multipart/form-data" className="toolbar card">
            <input type="hidden" name="intent" value="sheet-import" />
            <label htmlFor="sheetTitle">{t("name")}</label><input id="sheetTitle" name="title" />
            <label htmlFor="sheetFile">{t("sheetImport")}</label><input id="sheetFile" name="file" type="file" accept=".xlsx" required />
            <button className="button" type="submit">{t("sheetImport")}</button>
          </Form>
        ) : null}
        {cycle.mayManage ? (
          <Form method="post" className="card stack" aria-labelledby="sheetEdit">
            <h3 id="sheetEdit">{t("sheetEdit")}</h3>
            <p className="muted small">{t("sheetEditHelp")}</p>
            <input type="hidden" name="intent" value="sheet-edit" />
            <div className="field"><label htmlFor="sheetEditTitle">{t("sheetTitle")}</label><input id="sheetEditTitle" name="title" required defaultValue={cycle.sheet ? cycle.sheet.title : ""} /></div>
            <div className="table-wrap"><table>
              <thead><tr><th>{t("rowKind")}</th><th>{t("rowCode")}</th><th>{t("rowTitle")}</th><th>{t("max")}</th><th>{t("rowPer")}</th><th>{t("rowElements")}</th></tr></thead>
              <tbody>{editorRows.map((r, i) => (
                <tr key={i} data-testid="sheet-row">
                  <td><select name="rowKind" aria-label={`${t("rowKind")} ${i + 1}`} defaultValue={r.kind}><option value="">—</option>{Object.entries(SHEET_ROW_KINDS).map(([key, k]) => <option key={k} value={k}>{t(`sheetKind_${key as keyof typeof SHEET_ROW_KINDS}`)}</option>)}</select></td>
                  <td><input name="rowCode" aria-label={`${t("rowCode")} ${i + 1}`} defaultValue={r.code} size={6} /></td>
                  <td><input name="rowTitle" aria-label={`${t("rowTitle")} ${i + 1}`} defaultValue={r.title} /></td>
                  <td><input name="rowMax" aria-label={`${t("max")} ${i + 1}`} defaultValue={r.max} inputMode="decimal" size={5} /></td>
                  <td><input name="rowPer" aria-label={`${t("rowPer")} ${i + 1}`} defaultValue={r.per} inputMode="decimal" size={4} /></td>
                  <td><input name="rowElements" aria-label={`${t("rowElements")} ${i + 1}`} defaultValue={r.elements} /></td>
                </tr>
              ))}</tbody>
            </table></div>
            <p><button className="button" type="submit">{t("sheetPublish")}</button></p>
          </Form>
        ) : null}
      </section>

      {cycle.mayManage ? (
        <Form method="post" className="card stack" aria-labelledby="settings">
          <h2 id="settings">{t("settingsTitle")}</h2>
          <p className="muted small">{t("settingsHelp")}</p>
          <input type="hidden" name="intent" value="settings" />
          <div className="grid">
            {SETTING_NUMBER_FIELDS.map((f) => (
              <div className="field" key={f.name}><label htmlFor={`set-${f.name}`}>{t(`setting_${f.name}` as "settingsTitle")}</label>
                <input id={`set-${f.name}`} name={f.name} inputMode="decimal" defaultValue={settingFieldValue(cycle.settings, f)} /></div>
            ))}
            <div className="field"><label htmlFor="set-finalScoreSource">{t("setting_finalScoreSource")}</label>
              <select id="set-finalScoreSource" name="finalScoreSource" defaultValue={cycle.settings.finalScoreSource}><option value="review">{t("finalReview")}</option><option value="self">{t("finalSelf")}</option></select></div>
          </div>
          <label className="checkbox"><input type="checkbox" name="teamAllowsOpenHazards" defaultChecked={cycle.settings.teamAllowsOpenHazards} /> {t("setting_teamAllowsOpenHazards")}</label>
          <fieldset className="field"><legend>{t("setting_quizPrizeTiers")}</legend>
            {Array.from({ length: PRIZE_TIER_ROWS }, (_, i) => {
              const tier = cycle.settings.quizPrizeTiers[i];
              return (
                <div className="toolbar" key={i}>
                  <input name={`tierName${i}`} aria-label={`${t("tierName")} ${i + 1}`} defaultValue={tier?.name ?? ""} />
                  <input name={`tierCount${i}`} aria-label={`${t("tierCount")} ${i + 1}`} type="number" min={0} defaultValue={tier?.count ?? ""} />
                </div>
              );
            })}
          </fieldset>
          {/* rule A-8: who may be recommended as 优秀组织单位 */}
          <fieldset className="field"><legend>{t("setting_organisingUnitUnionTypes")}</legend>
            {ORGANISING_UNIT_UNION_TYPE_CHOICES.map((k) => (
              <label className="checkbox" key={k}><input type="checkbox" name={`organisingUnitUnionType.${k}`} defaultChecked={(cycle.settings.organisingUnitUnionTypes as string[]).includes(k)} /> {orgTypeLabel(k, L.locale)}</label>
            ))}
          </fieldset>
          <fieldset className="field"><legend>{t("setting_organisingUnitCategories")}</legend>
            {ORGANISING_UNIT_CATEGORY_CHOICES.map((k) => (
              <label className="checkbox" key={k}><input type="checkbox" name={`organisingUnitCategory.${k}`} defaultChecked={(cycle.settings.organisingUnitCategories as string[]).includes(k)} /> {unitCategoryLabel(k, L.locale)}</label>
            ))}
          </fieldset>
          <p><button className="button" type="submit">{t("settingsSave")}</button></p>
        </Form>
      ) : null}

      {standings ? (
        <section aria-labelledby="standings">
          <h2 id="standings">{t("standings")}</h2>
          <div className="table-wrap"><table>
            <thead><tr><th>{t("rank")}</th><th>{t("unit")}</th><th>{t("finalScore")}</th><th>{t("eligible")}</th><th>{t("reasons")}</th></tr></thead>
            <tbody>{standings.map((s) => (
              <tr key={s.unitId} data-testid="standing"><td>{s.rank ?? "—"}</td><td><Link to={`/ankang/enrolments/${s.enrolmentId}`}>{s.unitName}</Link></td><td>{s.score ?? "—"}</td><td>{s.eligible ? t("yes") : t("no")}{s.mayDay ? ` · ${t("mayDay")}` : ""}</td><td className="small">{s.refusals.map((r) => L.message(r)).join(L.semicolon)}</td></tr>
            ))}</tbody>
          </table></div>
        </section>
      ) : null}

      {titles ? (
        <section aria-labelledby="titles">
          <h2 id="titles">{t("titles")}</h2>
          {titles.titles.length ? (
            <div className="table-wrap"><table>
              <thead><tr><th>{t("holder")}</th><th>{t("kind")}</th><th>{t("finalScore")}</th><th>{t("status")}</th></tr></thead>
              <tbody>{titles.titles.map((x) => (
                <tr key={x.id}><td><Link to={`/ankang/titles/${x.id}`}>{x.holderName}</Link></td><td>{L.locale === "en" ? `${t(`level_${x.level as Level}`)} ${t(`titleKind_${x.kind as TitleKind}`)}` : `${t(`level_${x.level as Level}`)}${x.kindLabel}`}</td><td>{x.finalScore ?? "—"}</td><td>{t(`titleStatus_${x.status}` as "titleStatus_approved")}{x.withdrawnReason ? <div className="small">{L.message(x.withdrawnReason)}</div> : null}</td></tr>
              ))}</tbody>
            </table></div>
          ) : <p className="muted">{t("none")}</p>}
          <h3>{t("quotas")}</h3>
          <ul>{titles.quotas.map((q) => <li key={`${q.orgId}-${q.kind}`}>{q.orgName} · {t(`titleKind_${q.kind as TitleKind}`)} · {t("used")} {q.used} / {t("allowed")} {q.allowed}</li>)}</ul>
          {rounds.length && cycle.enrolments.length ? (
            <Form method="post" className="card stack" aria-labelledby="recommend">
              <h3 id="recommend">{t("recommend")}</h3>
              <input type="hidden" name="intent" value="recommend" />
              <p className="muted small">{t("recommendHelp")}</p>
              <div className="grid">
                <div className="field"><label htmlFor="kind">{t("kind")}</label><select id="kind" name="kind">{TITLE_KINDS.map((k) => <option key={k} value={k}>{t(`titleKind_${k}`)}</option>)}</select></div>
                <div className="field"><label htmlFor="holderOrgId">{t("holder")}</label><select id="holderOrgId" name="holderOrgId">{recommend.holders.map((h) => <option key={h.id} value={h.id}>{h.team ? `${t("teamHolder")}${L.colon}` : ""}{h.name}</option>)}</select></div>
                <div className="field"><label htmlFor="memberId">{t("recommendMember")}</label><select id="memberId" name="memberId"><option value="">—</option>{recommend.members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}</select></div>
                <div className="field"><label htmlFor="threeViolations">{t("threeViolations")}</label><input id="threeViolations" name="threeViolations" type="number" min={0} defaultValue={0} /></div>
                <div className="field"><label htmlFor="roundId">{t("round")}</label><select id="roundId" name="roundId">{rounds.map((r) => <option key={r.id} value={r.id}>{r.title}</option>)}</select></div>
              </div>
              <p><button className="button" type="submit">{t("recommend")}</button></p>
            </Form>
          ) : null}
          {cycle.mayManage ? (
            <>
              <Form method="post" className="toolbar card">
                <input type="hidden" name="intent" value="quota" />
                <label htmlFor="qOrg">{t("region")}</label><select id="qOrg" name="orgId">{quotaOrgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
                <label htmlFor="qKind">{t("kind")}</label><select id="qKind" name="kind">{TITLE_KINDS.map((k) => <option key={k} value={k}>{t(`titleKind_${k}`)}</option>)}</select>
                <label htmlFor="qAllowed">{t("quota")}</label><input id="qAllowed" name="allowed" type="number" min={0} defaultValue={1} />
                <button className="button button-secondary" type="submit">{t("save")}</button>
              </Form>
              <p className="toolbar">
                <Form method="post"><input type="hidden" name="intent" value="record" /><button className="button" type="submit">{t("recordDecisions")}</button></Form>
                <Form method="post"><input type="hidden" name="intent" value="withdraw" /><button className="button button-secondary" type="submit">{t("withdrawLapsed")}</button></Form>
              </p>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
