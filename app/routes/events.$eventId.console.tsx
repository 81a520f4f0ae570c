import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { loadConsole, requestRemark, resolveFlag, signOff } from "~/modules/judging/review/console.server";
import { hasSigningPin } from "~/modules/judging/signing.server";
import { correctMark, markHistory } from "~/modules/judging/review/corrections.server";
import { CorrectionSchema, FlagResolutionSchema, RemarkRequestSchema, SignOffSchema } from "~/modules/judging/review/schemas";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

// 裁判长控制台 (rules S-21…S-24, S-34): matrix by station code, flags, calibration,
// re-mark requests or rulings that flagged marks stand, sign-off, corrections with
// reasons and each mark's history.

export const meta = titled<typeof loader>("console", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:chief");
  const data = await loadConsole(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
  const markId = new URL(request.url).searchParams.get("mark");
  const history = markId ? await markHistory(user, markId).catch((error: unknown) => asResponse(error, request)) : null;
  if (history && history.mark.eventId !== data.event.id) throw new Response("Not found", { status: 404 });
  return { ...data, history, signWithPin: await hasSigningPin(user.id) };
}

type Result = { ok: true; intent: string } | (ActionFailure & { intent?: string });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:chief");
  const form = Object.fromEntries(await request.formData());
  const actor = actorOf(user, context);
  const intent = String(form.intent ?? "");
  try {
    if (intent === "remark") {
      await requestRemark(user, params.eventId!, parseInput(RemarkRequestSchema, form), actor);
    } else if (intent === "resolve-flag") {
      await resolveFlag(user, params.eventId!, parseInput(FlagResolutionSchema, form), actor);
    } else if (intent === "sign-off") {
      await signOff(user, params.eventId!, parseInput(SignOffSchema, form), actor);
    } else if (intent === "correct") {
      const input = parseInput(CorrectionSchema, form);
      const history = await markHistory(user, String(form.markId ?? ""));
      if (history.mark.eventId !== params.eventId) throw new Response("Not found", { status: 404 });
      await correctMark(user, history.mark.id, input, actor);
    } else {
      return Response.json({ ok: false, intent, message: "未知操作 / unknown action", issues: [] }, { status: 400 });
    }
    return { ok: true as const, intent };
  } catch (error) {
    const response = actionError(error, request);
    const body = await response.json();
    return Response.json({ ...body, intent }, { status: response.status });
  }
}

export default function ConsolePage() {
  const L = useLocalise();
  const { t } = useTranslation("review");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const failed = result && !result.ok ? result : null;
  const okText = result?.ok
    ? { remark: t("console.remarkSent"), "resolve-flag": t("console.ruled"), "sign-off": t("console.signedDone"), correct: t("console.corrected") }[result.intent]
    : undefined;
  const { event, aspects, judges, entrants, flags, calibration, remarkRequests, deviceRefusals, signOff: scopes, history } = data;
  const open = flags.filter((f) => !f.resolution);
  const flaggedCell = new Set(open.flatMap((f) => f.judgeIds.map((j) => `${f.blindCodeId}/${f.aspectId}/${j}`)));
  const flaggedAspect = new Set(open.map((f) => `${f.blindCodeId}/${f.aspectId}`));
  const aspectName = new Map(aspects.map((a) => [a.id, a.name]));
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("console.title")}{t("common:colon")}{event.name}</h1>
      <p className="muted">{event.decrypted ? t("decrypted") : t("codesOnly")}</p>
      <p>{t("console.progress", data.progress)}</p>
      <FormMessage result={failed ?? (result?.ok ? result : null)} okText={okText} />

      <section className="card" aria-labelledby="signoff-title">
        <h2 id="signoff-title">{t("console.signOff")}</h2>
        <div className="grid">
          {scopes.map((s) => {
            const label = s.sessionName ?? t("console.wholeEvent");
            return (
              <div key={s.sessionId ?? "event"}>
                <h3>{label}</h3>
                {s.signedOff ? (
                  <p className="badge badge-grey">{t("console.signed", { name: s.signedOff.signatureName, at: L.date(s.signedOff.at) })}</p>
                ) : s.lockedByEvent ? (
                  <p className="muted">{t("console.locked")}</p>
                ) : (
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="sign-off" />
                    <input type="hidden" name="sessionId" value={s.sessionId ?? ""} />
                    {s.blockingFlags || s.openRemarks ? <p className="field-error">{t("console.blocked", { flags: s.blockingFlags, remarks: s.openRemarks })}</p> : null}
                    {data.signWithPin
                      ? <Field name="pin" id={`sign-${s.sessionId ?? "event"}`} type="password" inputMode="numeric" autoComplete="off" label={`${t("console.signPin")}${t("common:inParens", { text: label })}`} issues={failed?.intent === "sign-off" ? failed.issues : undefined} required />
                      : <Field name="password" id={`sign-${s.sessionId ?? "event"}`} type="password" autoComplete="current-password" label={`${t("console.signPassword")}${t("common:inParens", { text: label })}`} issues={failed?.intent === "sign-off" ? failed.issues : undefined} required />}
                    <button className="button" type="submit">{t("console.signSubmit")}{t("common:inParens", { text: label })}</button>
                  </Form>
                )}
              </div>
            );
          })}
        </div>
      </section>

      <section aria-labelledby="flags-title">
        <h2 id="flags-title">{t("console.flags")}</h2>
        {open.length === 0 ? <p className="muted" role="status">{t("console.noFlags")}</p> : null}
        {flags.length > 0 ? (
          <ul className="stack" aria-label={t("console.flags")}>
            {flags.map((f) => (
              <li key={f.key} className={f.resolution ? "card" : "card alert-warn"}>
                <p><strong>{f.stationCode}</strong> · {aspectName.get(f.aspectId) ?? f.aspectId} · {L.message(f.message)} {f.judgeNames.length ? `${t("common:inParens", { text: f.judgeNames.join(t("common:listSeparator")) })}` : ""}</p>
                {f.resolution ? (
                  <p><span className="badge badge-grey">{t("console.ruledBadge")}</span> {t("console.ruledBy", { by: f.resolution.by, at: L.date(f.resolution.at) })}{t("common:colon")}{f.resolution.reason}</p>
                ) : f.kind !== "missing-marks" ? (
                  <>
                  <Form method="post" className="toolbar" aria-label={`${t("console.remark")} ${f.stationCode} ${f.aspectId}`}>
                    <input type="hidden" name="intent" value="remark" />
                    <input type="hidden" name="blindCodeId" value={f.blindCodeId} />
                    <input type="hidden" name="aspectId" value={f.aspectId} />
                    <Field name="judgeId" id={`judge-${f.key}`} label={t("console.remarkJudge")}>
                      <select id={`judge-${f.key}`} name="judgeId" required>
                        {judges.filter((j) => f.judgeIds.includes(j.id)).map((j) => <option key={j.id} value={j.id}>{j.displayName}</option>)}
                      </select>
                    </Field>
                    <Field name="reason" id={`reason-${f.key}`} label={t("console.remarkReason")} required />
                    <button className="button" type="submit">{t("console.remarkSubmit")}</button>
                  </Form>
                  <Form method="post" className="toolbar" aria-label={`${t("console.rule")} ${f.stationCode} ${f.aspectId}`}>
                    <input type="hidden" name="intent" value="resolve-flag" />
                    <input type="hidden" name="blindCodeId" value={f.blindCodeId} />
                    <input type="hidden" name="aspectId" value={f.aspectId} />
                    <Field name="reason" id={`ruling-${f.key}`} label={t("console.ruleReason")} required />
                    <button className="button button-secondary" type="submit">{t("console.ruleSubmit")}</button>
                  </Form>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      {history ? (
        <section className="card" aria-labelledby="history-title">
          <h2 id="history-title">{t("console.markHistory")}{t("common:colon")}{history.mark.stationCode} · {history.mark.aspectName} · {history.mark.judgeName}</h2>
          <p>{t("console.original")}{t("common:colon")}<strong>{history.mark.originalText}</strong> · {t("console.current")}{t("common:colon")}<strong>{history.mark.valueText}</strong></p>
          {history.changes.length ? (
            <div className="table-wrap">
              <table aria-label={t("console.markHistory")}>
                <thead><tr><th>{t("console.at")}</th><th>{t("console.kind")}</th><th>{t("console.before")}</th><th>{t("console.after")}</th><th>{t("console.by")}</th><th>{t("console.reason")}</th></tr></thead>
                <tbody>
                  {history.changes.map((c) => (
                    <tr key={c.id}>
                      <td>{L.date(c.at)}</td><td>{t(`console.kinds.${c.kind}`, { defaultValue: c.kind })}</td>
                      <td>{c.beforeText ?? "—"}</td><td>{c.afterText ?? "—"}</td><td>{c.byName ?? ""}</td><td>{c.reason ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p className="muted">{t("console.noChanges")}</p>}
          {entrants.find((e) => e.stationCode === history.mark.stationCode)?.locked ? (
            <Form method="post" className="stack" aria-labelledby="correct-title">
              <h3 id="correct-title">{t("console.correction")}</h3>
              <p className="muted small">{t("console.correctionHelp")}</p>
              <input type="hidden" name="intent" value="correct" />
              <input type="hidden" name="markId" value={history.mark.id} />
              <Field name="value" label={t("console.newValue")} inputMode="decimal" issues={failed?.issues} />
              <Field name="reason" id="correction-reason" label={t("console.reason")} issues={failed?.issues} />
              <Field name="kind" label={t("console.kind")}>
                <select id="kind" name="kind" defaultValue="correction">
                  {(["correction", "recheck", "appeal"] as const).map((k) => <option key={k} value={k}>{t(`console.kinds.${k}`)}</option>)}
                </select>
              </Field>
              <button className="button" type="submit">{t("console.correctSubmit")}</button>
            </Form>
          ) : <p className="muted">{t("console.notLocked")}</p>}
          <p><Link to=".">{t("console.close")}</Link></p>
        </section>
      ) : null}

      <h2 id="matrix-title">{t("console.matrix")}</h2>
      {entrants.length === 0 ? <p className="muted">{t("console.noEntrants")}</p> : (
        <div className="table-wrap">
          <table aria-labelledby="matrix-title">
            <thead>
              <tr>
                <th scope="col">{t("console.station")}</th><th scope="col">{t("console.session")}</th><th scope="col">{t("console.aspect")}</th>
                {judges.map((j) => <th scope="col" key={j.id}>{j.displayName}</th>)}
                <th scope="col">{t("console.total")}</th>
              </tr>
            </thead>
            <tbody>
              {entrants.flatMap((e) => aspects.map((a, i) => {
                const flagged = flaggedAspect.has(`${e.blindCodeId}/${a.id}`);
                return (
                  <tr key={`${e.blindCodeId}/${a.id}`} data-flagged={flagged ? "true" : undefined} style={flagged ? { background: "#fffbeb" } : undefined}>
                    <th scope="row">{e.stationCode}{i === 0 && e.locked ? <span className="badge badge-grey">{t("console.locked")}</span> : null}</th>
                    <td>{e.sessionName ?? ""}</td>
                    <td>{a.name}{flagged ? <span className="badge">{t("console.flagged")}</span> : null}</td>
                    {judges.map((j) => {
                      const cell = e.cells.find((c) => c.aspectId === a.id && c.judgeId === j.id);
                      const hot = flaggedCell.has(`${e.blindCodeId}/${a.id}/${j.id}`);
                      return (
                        <td key={j.id} style={hot ? { fontWeight: 700, color: "var(--red)" } : undefined}>
                          {cell?.markId ? (
                            <Link to={`?mark=${cell.markId}`} aria-label={`${e.stationCode} ${a.name} ${j.displayName} ${cell.valueText}`}>
                              {cell.valueText}{cell.changed ? " *" : ""}
                            </Link>
                          ) : "—"}
                        </td>
                      );
                    })}
                    <td>{i === 0 ? `${e.totalText ?? ""}${e.rank ? ` (#${e.rank})` : ""}` : ""}</td>
                  </tr>
                );
              }))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="calibration-title">{t("console.calibration")}</h2>
      <div className="table-wrap">
        <table aria-labelledby="calibration-title">
          <thead><tr><th>{t("console.judges")}</th><th>{t("console.entries")}</th><th>{t("console.meanDeviation")}</th><th>{t("console.meanAbsDeviation")}</th><th>{t("console.tendency")}</th><th>{t("console.droppedHigh")}</th><th>{t("console.droppedLow")}</th></tr></thead>
          <tbody>
            {calibration.map((c) => (
              <tr key={c.judgeId}>
                <td>{c.displayName}</td><td>{c.entries}</td><td>{c.meanDeviationText}</td><td>{c.meanAbsoluteDeviationText}</td>
                <td>{t(`console.tendencies.${c.tendency}`)}</td><td>{c.droppedHigh}</td><td>{c.droppedLow}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2 id="remarks-title">{t("console.remarks")}</h2>
      {remarkRequests.length ? (
        <div className="table-wrap">
          <table aria-labelledby="remarks-title">
            <thead><tr><th>{t("console.at")}</th><th>{t("console.station")}</th><th>{t("console.aspect")}</th><th>{t("console.remarkJudge")}</th><th>{t("console.reason")}</th><th></th></tr></thead>
            <tbody>
              {remarkRequests.map((r) => (
                <tr key={r.id}>
                  <td>{L.date(r.createdAt)}</td><td>{r.stationCode}</td><td>{aspectName.get(r.aspectId) ?? r.aspectId}</td><td>{r.judgeName}</td><td>{r.reason}</td>
                  <td>{r.settled ? t("console.settled") : t("console.pending")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="muted">—</p>}

      <h2 id="refusals-title">{t("console.deviceRefusals")}</h2>
      <p className="muted small">{t("console.deviceRefusalsHint")}</p>
      {deviceRefusals.length ? (
        <div className="table-wrap">
          <table aria-labelledby="refusals-title" data-testid="device-refusals">
            <thead><tr><th>{t("console.at")}</th><th>{t("console.station")}</th><th>{t("console.aspect")}</th><th>{t("console.remarkJudge")}</th><th></th><th>{t("console.refusalValue")}</th><th>{t("console.refusalCurrent")}</th><th></th></tr></thead>
            <tbody>
              {deviceRefusals.map((r) => (
                <tr key={r.id}>
                  <td>{L.date(r.at)}</td><td>{r.stationCode}</td><td>{aspectName.get(r.aspectId) ?? r.aspectId}</td><td>{r.judgeName}</td>
                  <td>{t(`console.refusalKind.${r.kind}`)}{r.typedByName ? t("common:inParens", { text: `${t("console.typedBy")}${t("common:colon")}${r.typedByName}` }) : ""}</td>
                  <td>{r.valueText ?? "—"}</td><td>{r.currentText ?? "—"}</td>
                  <td>{r.settled ? t("console.refusalSettled") : t("console.refusalOpen")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : <p className="muted">—</p>}
    </>
  );
}
