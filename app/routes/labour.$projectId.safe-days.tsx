import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { getSafeDays, recordSafetyReport } from "~/modules/labour/labour.server";
import { SafetyReportInputSchema } from "~/modules/labour/schemas";
import { useKeptActionData, useLabourLive } from "~/modules/labour/use-live";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

// 百日安全生产无事故: the countdown, the board of days without an accident (live, phone-friendly)
// and each unit's daily safety report.

export const meta = titled<typeof loader>("labourSafeDays", (d) => d.project.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return getSafeDays(user, params.projectId!).catch((error: unknown) => asResponse(error, request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  try {
    await recordSafetyReport(user, params.projectId!, parseInput(SafetyReportInputSchema, Object.fromEntries(form)), actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function SafeDays() {
  const { t } = useTranslation("labour");
  const { message } = useLocalise();
  const d = useLoaderData<typeof loader>();
  const result = useKeptActionData(useActionData<ActionFailure | { ok: true }>());
  const live = useLabourLive(d.project.id);
  return (
    <>
      <p><Link to={`/labour/${d.project.id}`}>← {d.project.name}</Link></p>
      <h1>{t("safeDays")}</h1>
      <p className="muted">{d.campaign.start} — {d.project.endDate} · <span data-live={live ? "on" : "off"}>{live ? t("live") : t("liveReconnecting")}</span></p>
      <div className="card" aria-label={t("countdown")}>
        <p style={{ fontSize: "1.6rem", margin: 0 }}>{t("elapsed")} <strong>{d.countdown.elapsed}</strong> {t("days")} · {t("remaining")} <strong>{d.countdown.remaining}</strong> {t("days")}</p>
      </div>
      <table>
        <thead><tr><th>{t("rank")}</th><th>{t("unit")}</th><th>{t("safeDays")}</th><th>{t("lastAccident")}</th><th>{t("todayReport")}</th></tr></thead>
        <tbody>{d.board.map((b, i) => (
          <tr key={b.unitId}>
            <td>{i + 1}</td><td>{b.name}</td>
            <td><strong>{b.vetoed ? t("vetoed") : b.safeDays}</strong></td>
            <td>{b.lastAccident ?? "—"}</td>
            <td>{b.report ? t(`reportStatus.${b.report}` as "reportStatus.safe") : "—"}</td>
          </tr>
        ))}</tbody>
      </table>
      {d.canReport ? (
        <Form method="post" className="card" aria-labelledby="report">
          <h2 id="report">{t("dailyReport")}</h2>
          {result && !result.ok ? <div className="alert alert-error" role="alert">{message(result.message)}</div> : null}
          {result?.ok ? <div className="alert" role="status">{t("saved")}</div> : null}
          <div className="field"><label htmlFor="unitId">{t("unit")}</label>
            <select id="unitId" name="unitId">{d.units.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}</select></div>
          <div className="field"><label htmlFor="date">{t("date")}</label><input id="date" name="date" type="date" defaultValue={d.today} required /></div>
          <div className="field"><label htmlFor="status">{t("status")}</label>
            <select id="status" name="status">{(["safe", "hazard", "accident"] as const).map((s) => <option key={s} value={s}>{t(`reportStatus.${s}`)}</option>)}</select></div>
          <div className="field"><label htmlFor="note">{t("note")}</label><input id="note" name="note" maxLength={500} /></div>
          <button className="button" type="submit">{t("record")}</button>
        </Form>
      ) : null}
      {d.canManage ? <p><Link to={`/labour/${d.project.id}/periods/${d.periodId}`}>{t("accident")}</Link></p> : null}
    </>
  );
}
