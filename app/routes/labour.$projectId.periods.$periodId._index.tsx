import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { hasSigningPin } from "~/modules/judging/signing.server";
import { awardPeriod, getPeriod, recordLabourEvent, recordProjectAccident, recordScores, recordTeamMonth, signPeriod } from "~/modules/labour/labour.server";
import { AccidentInputSchema, LabourEventInputSchema, ScoresInputSchema, SignInputSchema, TeamMonthInputSchema } from "~/modules/labour/schemas";
import { useLocalise } from "~/utils/use-localise";
import { indicatorNameKey, periodLabel } from "~/modules/labour/labels";
import { useKeptActionData, useLabourLive } from "~/modules/labour/use-live";
import { titled } from "~/utils/meta";
import { readUploadForm } from "~/modules/files/files.server";
import { attachEvidence, EVIDENCE_MAX_BYTES, periodEvidence } from "~/modules/labour/evidence.server";
import { HEAT_COLOURS, heatMap } from "~/modules/labour/heat-map";

// One assessment period (rules L-3, L-4, L-11): the committee scores on a tablet and signs with
// its PINs, events and accidents are recorded, the banners go out, and the ranking follows the
// project's live feed (decision 005): another member's score shows without a reload.

export const meta = titled<typeof loader>("labourPeriod", (d, locale) => `${periodLabel(d.period.label, locale)} · ${d.project.name}`);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const d = await getPeriod(user, params.projectId!, params.periodId!).catch((error: unknown) => asResponse(error, request));
  const [usesPin, evidence] = await Promise.all([hasSigningPin(user.id), periodEvidence(user, params.periodId!)]);
  return { ...d, usesPin, evidence };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, context);
  const { projectId, periodId } = params as { projectId: string; periodId: string };
  try {
    // the evidence upload is multipart: parsed with the shared size limit (app/modules/files)
    const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
    const form = multipart ? await readUploadForm(request, EVIDENCE_MAX_BYTES) : await request.formData();
    const raw = Object.fromEntries(form) as Record<string, string>;
    switch (raw.intent) {
      case "evidence":
        await attachEvidence(user, projectId, periodId, { unitId: String(raw.unitId ?? ""), indicatorKey: String(raw.indicatorKey ?? ""), file: form.get("file"), correctionReason: typeof raw.correctionReason === "string" ? raw.correctionReason : undefined }, actor);
        return { ok: true as const, done: "evidence" };
      case "scores": {
        const entries = Object.entries(raw).flatMap(([k, v]) => {
          const m = /^s:([^:]+):(.+)$/.exec(k);
          return m && v.trim() ? [{ unitId: m[1], indicatorKey: m[2], value: v.trim() }] : [];
        });
        const quantities = new Map<string, { unitId: string; indicatorKey: string; plan?: string; actual?: string }>();
        for (const [k, v] of Object.entries(raw)) {
          const m = /^(plan|actual):([^:]+):(.+)$/.exec(k);
          if (!m || !v.trim()) continue;
          const key = `${m[2]}:${m[3]}`;
          const q = quantities.get(key) ?? { unitId: m[2], indicatorKey: m[3] };
          q[m[1] as "plan" | "actual"] = v.trim();
          quantities.set(key, q);
        }
        const input = parseInput(ScoresInputSchema, { entries: [...entries, ...quantities.values()], correctionReason: raw.correctionReason || undefined });
        await recordScores(user, projectId, periodId, input, actor);
        return { ok: true as const, done: "scores" };
      }
      case "sign":
        await signPeriod(user, projectId, periodId, parseInput(SignInputSchema, raw), actor);
        return { ok: true as const, done: "sign" };
      case "award":
        await awardPeriod(user, projectId, periodId, actor);
        return { ok: true as const, done: "award" };
      case "team-month":
        await recordTeamMonth(user, projectId, periodId, parseInput(TeamMonthInputSchema, { ...raw, correctionReason: raw.correctionReason || undefined }), actor);
        return { ok: true as const, done: "team-month" };
      case "event":
        await recordLabourEvent(user, projectId, parseInput(LabourEventInputSchema, { ...raw, accidentId: raw.accidentId || undefined }), actor);
        return { ok: true as const, done: "event" };
      case "accident":
        await recordProjectAccident(user, projectId, parseInput(AccidentInputSchema, raw), actor);
        return { ok: true as const, done: "accident" };
      default:
        return Response.json({ ok: false, message: "未知操作 / unknown action", issues: [] }, { status: 400 });
    }
  } catch (error) {
    return actionError(error, request);
  }
}

const pts = (h: number) => (h / 100).toFixed(2);

export default function LabourPeriod() {
  const { t } = useTranslation("labour");
  const L = useLocalise();
  const { message } = L;
  const d = useLoaderData<typeof loader>();
  const result = useKeptActionData(useActionData<ActionFailure | { ok: true; done: string }>());
  const indicatorName = (i: { key: string; name: string }) => {
    const key = indicatorNameKey(d.set, i);
    return key ? t(key) : i.name;
  };
  const eventLabel = (key: string | undefined, label: string) => (key ? t(`eventTypes.${key}`, { defaultValue: label }) : label);
  const live = useLabourLive(d.project.id);
  const base = `/labour/${d.project.id}/periods/${d.period.id}`;
  const rubric = d.set.indicators.filter((i) => i.method === "rubric");
  const quantity = d.set.indicators.filter((i) => i.method === "quantity");
  const scored = d.units.filter((u) => u.kind !== "team");
  const mine = (unitId: string, key: string) => d.myScores.find((s) => s.unitId === unitId && s.indicatorKey === key)?.value;
  const qty = (unitId: string, key: string) => d.quantities.find((s) => s.unitId === unitId && s.indicatorKey === key);
  const open = d.period.status !== "awarded";
  const groups = ["section", "area", "team"] as const;
  const evidenceOf = (unitId: string) => d.evidence.filter((e) => e.unitId === unitId);
  const indicatorNameOf = (key: string) => {
    const found = d.set.indicators.find((i) => i.key === key);
    return found ? indicatorName(found) : key;
  };
  const unitName = (id: string) => d.units.find((u) => u.id === id)?.name ?? id;
  const evidenceItems = d.set.indicators.filter((i) => i.method === "rubric" || (i.method === "quantity" && d.canManage));
  return (
    <>
      <p><Link to={`/labour/${d.project.id}`}>← {d.project.name}</Link></p>
      <h1>{periodLabel(d.period.label, L.locale, (k) => t(`templates.${k}`))}</h1>
      <p className="muted">{d.period.from} — {d.period.to} · {t("signatures")} {d.signatures.length}/{d.settings.minSigners}{d.signatures.length ? L.paren(L.list(d.signatures.map((s) => s.name))) : ""} · {t("missing")} {d.missing.length} · <span data-live={live ? "on" : "off"}>{live ? t("live") : t("liveReconnecting")}</span></p>
      <p className="toolbar">
        <Link className="button button-secondary" to={`${base}/screen`}>{t("screen")}</Link>
        <a className="button button-secondary" href={`${base}/notice.pdf`} download>{t("noticePdf")}</a>
        <a className="button button-secondary" href={`${base}/notice.xlsx`} download>{t("noticeXlsx")}</a>
        {d.canScore && open ? <Link className="button button-secondary" to={`${base}/import`}>{t("import")}</Link> : null}
      </p>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{message(result.message)}</div> : null}
      {result?.ok ? <div className="alert" role="status">{t("saved")}</div> : null}

      <section aria-labelledby="board">
        <h2 id="board">{t("board")}</h2>
        {groups.map((g) => {
          const rows = d.board.filter((r) => r.group === g);
          if (!rows.length) return null;
          return (
            <table key={g} className="small">
              <caption>{t(`groups.${g}`)}</caption>
              <thead><tr><th>{t("rank")}</th><th>{t("unit")}</th>{d.set.indicators.map((i) => <th key={i.key}>{indicatorName(i)}</th>)}<th>{t("total")}</th><th>{t("banners")}</th></tr></thead>
              <tbody>{rows.map((r) => (
                <tr key={r.unitId}>
                  <td>{r.rank ?? t("disqualified")}</td><td>{r.name}{r.reasons.length ? <div className="muted small">{r.reasons.map((x) => message(x)).join(L.semicolon)}</div> : null}
                    {evidenceOf(r.unitId).length ? <div className="small">{evidenceOf(r.unitId).map((e) => <a key={e.id} href={`${base}/evidence/${e.id}`} title={e.filename}>📎 {indicatorNameOf(e.indicatorKey)}</a>).reduce<React.ReactNode[]>((a, x) => (a.length ? [...a, " ", x] : [x]), [])}</div> : null}</td>
                  {d.set.indicators.map((i) => <td key={i.key}>{pts(r.scores[i.key] ?? 0)}</td>)}
                  <td><strong>{pts(r.total)}</strong></td>
                  <td>{d.banners.some((b) => b.unitId === r.unitId) ? (r.group === "team" ? "🏅" : "🚩") : ""}</td>
                </tr>
              ))}</tbody>
            </table>
          );
        })}
      </section>

      <section className="card" aria-labelledby="heat">
        <h2 id="heat">{t("chartHeat")}</h2>
        <p className="muted small">{t("chartHeatHint")}</p>
        <table className="small heat-map" data-testid="heat-map">
          <thead><tr><th>{t("unit")}</th>{d.set.indicators.map((i) => <th key={i.key}>{indicatorName(i)}</th>)}</tr></thead>
          <tbody>{heatMap(d.set, d.board).map((r) => (
            <tr key={r.unitId}>
              <th scope="row">{unitName(r.unitId)} <span className="muted">{t(`kinds.${r.group}` as "kinds.section")}</span></th>
              {r.cells.map((c) => (
                <td key={c.key} data-level={c.level} style={{ ...HEAT_COLOURS[c.level], textAlign: "right" }} title={`${pts(c.score)} / ${pts(c.max)}`}>{Math.round(c.rate / 100)}%</td>
              ))}
            </tr>
          ))}</tbody>
        </table>
      </section>

      {d.canScore && open ? (
        <Form method="post" className="card" aria-labelledby="scores">
          <input type="hidden" name="intent" value="scores" />
          <h2 id="scores">{t("scoresEntry")}</h2>
          <p className="muted small">{t("scoresHint")}</p>
          <table className="small">
            <thead><tr><th>{t("unit")}</th>{rubric.map((i) => <th key={i.key}>{indicatorName(i)}{L.paren(`≤${pts(i.max)}`)}</th>)}</tr></thead>
            <tbody>{scored.map((u) => (
              <tr key={u.id}><th scope="row">{u.name}</th>{rubric.map((i) => (
                <td key={i.key}><input aria-label={`${u.name} ${indicatorName(i)}`} name={`s:${u.id}:${i.key}`} inputMode="decimal" size={5} defaultValue={mine(u.id, i.key) !== undefined && mine(u.id, i.key) !== null ? pts(mine(u.id, i.key)!) : ""} /></td>
              ))}</tr>
            ))}</tbody>
          </table>
          {quantity.length && d.canManage ? (
            <>
              <h3>{t("quantities")}</h3>
              <table className="small">
                <thead><tr><th>{t("unit")}</th>{quantity.map((i) => <th key={i.key} colSpan={2}>{indicatorName(i)}{L.paren(`${t("plan")} / ${t("actual")}`)}</th>)}</tr></thead>
                <tbody>{scored.map((u) => (
                  <tr key={u.id}><th scope="row">{u.name}</th>{quantity.map((i) => (
                    <td key={i.key} colSpan={2}>
                      <input aria-label={`${u.name} ${indicatorName(i)} ${t("plan")}`} name={`plan:${u.id}:${i.key}`} inputMode="numeric" size={5} defaultValue={qty(u.id, i.key)?.plan ?? ""} />
                      {" / "}
                      <input aria-label={`${u.name} ${indicatorName(i)} ${t("actual")}`} name={`actual:${u.id}:${i.key}`} inputMode="numeric" size={5} defaultValue={qty(u.id, i.key)?.actual ?? ""} />
                    </td>
                  ))}</tr>
                ))}</tbody>
              </table>
            </>
          ) : null}
          {d.period.status === "signed" ? <div className="field"><label htmlFor="correctionReason">{t("correctionReason")}</label><input id="correctionReason" name="correctionReason" maxLength={500} /></div> : null}
          <button className="button" type="submit">{t("save")}</button>
        </Form>
      ) : null}

      {d.canScore && open && !d.signedByMe ? (
        <Form method="post" className="card" aria-labelledby="sign">
          <input type="hidden" name="intent" value="sign" />
          <h2 id="sign">{t("sign")}</h2>
          <p className="muted small">{t("signHint")}</p>
          {d.usesPin
            ? <div className="field"><label htmlFor="pin">{t("pin")}</label><input id="pin" name="pin" type="password" inputMode="numeric" autoComplete="off" required /></div>
            : <div className="field"><label htmlFor="password">{t("password")}</label><input id="password" name="password" type="password" autoComplete="current-password" required /></div>}
          <button className="button" type="submit">{t("sign")}</button>
        </Form>
      ) : d.signedByMe ? <p className="muted">{t("signed")}</p> : null}

      {d.canManage && open ? (
        <Form method="post" className="card" aria-labelledby="award">
          <input type="hidden" name="intent" value="award" />
          <h2 id="award">{t("award")}</h2>
          <p className="muted small">{t("awardHint")}</p>
          <button className="button" type="submit">{t("award")}</button>
        </Form>
      ) : null}

      {d.teamAward.length ? (
        <section aria-labelledby="team-award">
          <h2 id="team-award">{t("teamAward")}</h2>
          <p className="muted small">{t("teamAwardHint", { min: d.settings.teamVetoes.minAttendancePercent })}</p>
          <table className="small" data-testid="team-award">
            <thead><tr><th>{t("rank")}</th><th>{t("unit")}</th><th>{t("total")}</th><th>{t("attendance")}</th><th>{t("teamAwardStatus")}</th></tr></thead>
            <tbody>{d.teamAward.map((r) => (
              <tr key={r.unitId}>
                <td>{r.rank ?? t("disqualified")}</td><td>{r.name}</td><td>{pts(r.total)}</td>
                <td>{r.attendance === null ? "—" : `${pts(r.attendance)}%`}</td>
                <td>{r.won ? <strong>🏅 {t("teamAwardWon")}</strong> : r.eligible ? t("teamAwardEligible") : r.reasons.map((x) => message(x)).join(L.semicolon)}</td>
              </tr>
            ))}</tbody>
          </table>
          {d.canScore && open ? (
            <Form method="post" className="card" aria-label={t("attendanceRecord")}>
              <input type="hidden" name="intent" value="team-month" />
              <div className="field"><label htmlFor="tm-unit">{t("unit")}</label>
                <select id="tm-unit" name="unitId">{d.teamAward.map((r) => <option key={r.unitId} value={r.unitId}>{r.name}</option>)}</select></div>
              <div className="field"><label htmlFor="tm-att">{t("attendance")}</label><input id="tm-att" name="attendance" inputMode="decimal" size={6} required /></div>
              <div className="field"><label><input type="checkbox" name="fightingOrTheft" /> {t("fightingOrTheft")}</label></div>
              {d.period.status === "signed" ? <div className="field"><label htmlFor="tm-reason">{t("correctionReason")}</label><input id="tm-reason" name="correctionReason" maxLength={500} /></div> : null}
              <button className="button" type="submit">{t("attendanceRecord")}</button>
            </Form>
          ) : null}
        </section>
      ) : null}

      <section aria-labelledby="evidence">
        <h2 id="evidence">{t("evidence")}</h2>
        {d.evidence.length ? (
          <ul>{d.evidence.map((e) => (
            <li key={e.id}>{unitName(e.unitId)} · {indicatorNameOf(e.indicatorKey)} · {t(`evidenceBy.${e.by}`)}{e.byName ? L.paren(e.byName) : ""} · <a href={`${base}/evidence/${e.id}`}>{e.filename}</a></li>
          ))}</ul>
        ) : <p className="muted">{t("evidenceNone")}</p>}
        {d.canScore && open ? (
          <Form method="post" encType="multipart/form-data" className="card" aria-label={t("evidenceUpload")}>
            <input type="hidden" name="intent" value="evidence" />
            <p className="muted small" id="evidence-hint">{t("evidenceHint")}</p>
            <div className="field"><label htmlFor="evi-unit">{t("unit")}</label>
              <select id="evi-unit" name="unitId">{scored.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></div>
            <div className="field"><label htmlFor="evi-item">{t("evidenceItem")}</label>
              <select id="evi-item" name="indicatorKey">{evidenceItems.map((i) => <option key={i.key} value={i.key}>{indicatorName(i)}</option>)}</select></div>
            <div className="field"><label htmlFor="evi-file">{t("evidenceFile")}</label>
              <input id="evi-file" name="file" type="file" accept="image/jpeg,image/png,application/pdf" required aria-describedby="evidence-hint" /></div>
            {d.period.status === "signed" ? <div className="field"><label htmlFor="evi-reason">{t("correctionReason")}</label><input id="evi-reason" name="correctionReason" required maxLength={500} /></div> : null}
            <button className="button" type="submit">{t("evidenceUpload")}</button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="events">
        <h2 id="events">{t("events")}</h2>
        {d.events.length ? <ul>{d.events.map((e) => <li key={e.id}>{e.date} · {e.name} · {eventLabel(e.typeKey, e.label)}{L.paren(`${e.points > 0 ? "+" : ""}${pts(e.points)}`)}{e.note ? ` · ${e.note}` : ""}</li>)}</ul> : <p className="muted">—</p>}
        {d.canScore && open ? (
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="event" />
            <div className="field"><label htmlFor="ev-unit">{t("unit")}</label>
              <select id="ev-unit" name="unitId">{d.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></div>
            <div className="field"><label htmlFor="ev-type">{t("eventType")}</label>
              <select id="ev-type" name="typeKey">{d.settings.eventTable.map((e) => <option key={e.key} value={e.key}>{eventLabel(e.key, e.label)}{L.paren(`${e.points > 0 ? "+" : ""}${pts(e.points)}`)}</option>)}</select></div>
            <div className="field"><label htmlFor="ev-date">{t("date")}</label><input id="ev-date" name="date" type="date" defaultValue={d.period.to} required /></div>
            <div className="field"><label htmlFor="ev-acc">{t("linkedAccident")}</label>
              <select id="ev-acc" name="accidentId"><option value="">{t("noneOption")}</option>{d.accidents.map((a) => <option key={a.id} value={a.id}>{a.date} {a.unitName}</option>)}</select></div>
            <div className="field"><label htmlFor="ev-note">{t("note")}</label><input id="ev-note" name="note" maxLength={500} /></div>
            <button className="button" type="submit">{t("record")}</button>
          </Form>
        ) : null}
      </section>

      {d.canManage ? (
        <Form method="post" className="card" aria-labelledby="accident">
          <input type="hidden" name="intent" value="accident" />
          <h2 id="accident">{t("accident")}</h2>
          <p className="muted small">{t("accidentHint")}</p>
          <div className="field"><label htmlFor="ac-unit">{t("unit")}</label>
            <select id="ac-unit" name="unitId">{d.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></div>
          <div className="field"><label htmlFor="ac-kind">{t("accidentKind")}</label>
            <select id="ac-kind" name="kind">{(["safety_accident", "quality_accident"] as const).map((k) => <option key={k} value={k}>{t(`accidentKinds.${k}`)}</option>)}</select></div>
          <div className="field"><label htmlFor="ac-sev">{t("severity")}</label>
            <select id="ac-sev" name="severity">{(["minor_injury", "serious_injury", "fatal", "general", "major", "severe"] as const).map((k) => <option key={k} value={k}>{t(`severities.${k}`)}</option>)}</select></div>
          <div className="field"><label htmlFor="ac-date">{t("date")}</label><input id="ac-date" name="occurredOn" type="date" required /></div>
          <div className="field"><label htmlFor="ac-title">{t("accidentTitle")}</label><input id="ac-title" name="title" required maxLength={120} /></div>
          <button className="button" type="submit">{t("record")}</button>
        </Form>
      ) : null}
    </>
  );
}
