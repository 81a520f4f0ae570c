import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useLocalise } from "~/utils/use-localise";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { calendarYears, listCalendarDays, removeCalendarDay, saveCalendarDay } from "~/modules/calendar/calendar.server";
import { CalendarDaySchema } from "~/modules/calendar/schemas";
import { loadReviewSettings, saveReviewSettings } from "~/modules/review-chain/settings.server";
import { beijingDate } from "~/modules/calendar/working-days";
import { titled } from "~/utils/meta";

// The holiday calendar (法定节假日, 调休 working days) and the review settings, for the administrator.

export const meta = titled("calendar");

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "calendar:manage");
  const url = new URL(request.url);
  const year = Number(url.searchParams.get("year")) || Number(beijingDate(new Date()).slice(0, 4));
  const [days, years, settings] = await Promise.all([listCalendarDays(year), calendarYears(), loadReviewSettings()]);
  return { year, days: days.map((d) => ({ date: d.date, kind: d.kind, name: d.name })), years, settings };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "calendar:manage");
  const form = Object.fromEntries(await request.formData());
  const actor = actorOf(user, context);
  try {
    if (form.intent === "save") await saveCalendarDay(user, parseInput(CalendarDaySchema, form), actor);
    else if (form.intent === "remove") await removeCalendarDay(user, String(form.date ?? ""), actor);
    else if (form.intent === "settings") {
      const window = (prefix: string) => ({ kind: String(form[`${prefix}Kind`]), days: Number(form[`${prefix}Days`]) });
      await saveReviewSettings(user, {
        noticeMinimumGrassroots: window("grassroots"), noticeMinimumHigher: window("higher"),
        examineAnonymousObjections: form.examineAnonymous === "on",
      }, actor);
    } else throw badRequest("未知操作 / unknown action");
    return { ok: true as const };
  } catch (error) {
    return actionError(error);
  }
}


export default function CalendarAdmin() {
  const { t } = useTranslation("reviewChain");
  const { locale } = useLocalise();
  const { year, days, years, settings } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true } | ActionFailure>();
  const windowFields = (prefix: string, label: string, value: { kind: string; days: number }) => (
    <div className="toolbar">
      <div className="field"><label htmlFor={`${prefix}Kind`}>{label}</label>
        <select id={`${prefix}Kind`} name={`${prefix}Kind`} defaultValue={value.kind}><option value="working">{t("windowWorking")}</option><option value="calendar">{t("windowCalendar")}</option></select></div>
      <div className="field"><label htmlFor={`${prefix}Days`}>{t("windowDays")}</label><input id={`${prefix}Days`} name={`${prefix}Days`} type="number" min={1} max={60} defaultValue={value.days} /></div>
    </div>
  );
  return (
    <>
      <h1>{t("calendar")}</h1>
      <p className="muted">{t("calendarHelp")}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      <p className="toolbar">{[...new Set([...years, year])].sort().map((y) => <Link key={y} className={y === year ? "button" : "button button-secondary"} to={`?year=${y}`}>{y}</Link>)}</p>
      <div className="table-wrap">
        <table>
          <caption>{year}</caption>
          <thead><tr><th scope="col">{t("date")}</th><th scope="col">{t("dayKind")}</th><th scope="col">{t("holidayName")}</th><th scope="col"><span className="visually-hidden">{t("remove")}</span></th></tr></thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{d.date}{t("common:inParens", { text: new Date(`${d.date}T00:00:00Z`).toLocaleDateString(locale === "en" ? "en-GB" : "zh-CN", { weekday: "short", timeZone: "UTC" }) })}</td>
                <td>{d.kind === "holiday" ? t("holiday") : <strong>{t("workday")}</strong>}</td>
                <td>{d.name}</td>
                <td><Form method="post"><input type="hidden" name="intent" value="remove" /><input type="hidden" name="date" value={d.date} /><button className="button button-secondary" type="submit" aria-label={`${t("remove")} ${d.date}`}>{t("remove")}</button></Form></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" className="card toolbar" aria-labelledby="day-add">
        <h2 id="day-add" style={{ width: "100%" }}>{t("dayAdd")}</h2>
        <input type="hidden" name="intent" value="save" />
        <div className="field"><label htmlFor="date">{t("date")}</label><input id="date" name="date" type="date" required /></div>
        <div className="field"><label htmlFor="kind">{t("dayKind")}</label><select id="kind" name="kind"><option value="holiday">{t("holiday")}</option><option value="workday">{t("workday")}</option></select></div>
        <div className="field"><label htmlFor="name">{t("holidayName")}</label><input id="name" name="name" required maxLength={40} /></div>
        <button className="button" type="submit">{t("save")}</button>
      </Form>
      <Form method="post" className="card" aria-labelledby="settings">
        <h2 id="settings">{t("settings")}</h2>
        <input type="hidden" name="intent" value="settings" />
        {windowFields("grassroots", t("minGrassroots"), settings.noticeMinimumGrassroots)}
        {windowFields("higher", t("minHigher"), settings.noticeMinimumHigher)}
        <label className="inline"><input type="checkbox" name="examineAnonymous" defaultChecked={settings.examineAnonymousObjections} /> {t("examineAnonymous")}</label>
        <p><button className="button" type="submit">{t("settingsSave")}</button></p>
      </Form>
    </>
  );
}
