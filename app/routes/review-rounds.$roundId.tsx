import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { subjectTypeLabel } from "~/modules/review-chain/subject-types";
import { useLocalise } from "~/utils/use-localise";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { db } from "~/utils/db.server";
import { getRoundForPage, setQuota } from "~/modules/review-chain/review-chain.server";
import { listNotices, openNotice } from "~/modules/review-chain/notices.server";
import { QuotaInputSchema } from "~/modules/review-chain/schemas";
import { OpenNoticeSchema } from "~/modules/review-chain/notice-schemas";
import { loadReviewSettings } from "~/modules/review-chain/settings.server";
import { beijingDate, calendarOf, isIsoDate, windowEndDate } from "~/modules/calendar/working-days";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("reviewRound", (d) => d.round.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await getRoundForPage(user, params.roundId!).catch(asResponse);
  const today = beijingDate(new Date());
  const year = Number(today.slice(0, 4));
  // The calendar for the live end-date preview (the server computes the stored date again).
  const calendar = await db.calendarDay.findMany({ where: { date: { gte: `${year - 1}-01-01`, lte: `${year + 1}-12-31` } }, select: { date: true, kind: true } });
  const [notices, settings] = await Promise.all([listNotices(user, params.roundId), loadReviewSettings()]);
  return { ...page, notices, today, calendar, settings };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const actor = actorOf(user, context);
  try {
    if (form.get("intent") === "quota") {
      await setQuota(user, params.roundId!, parseInput(QuotaInputSchema, Object.fromEntries(form)), actor);
      return { ok: true as const, intent: "quota" };
    }
    if (form.get("intent") === "notice") {
      const input = parseInput(OpenNoticeSchema, { ...Object.fromEntries(form), submissionIds: form.getAll("submissionIds") });
      const notice = await openNotice(user, params.roundId!, input, actor);
      return { ok: true as const, intent: "notice", code: notice.publicCode, endsOn: notice.endsOn };
    }
    throw badRequest("未知操作 / unknown action");
  } catch (error) {
    return actionError(error);
  }
}

export default function RoundPage() {
  const { t } = useTranslation("reviewChain");
  const L = useLocalise();
  const { round, submissions, quotas, canManage, noticeLevels, quotaOrgOptions, notices, today, calendar, settings } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; intent: string; code?: string; endsOn?: string } | ActionFailure>();
  const [levelId, setLevelId] = useState(noticeLevels[0]?.id ?? "");
  const [kind, setKind] = useState<"calendar" | "working">(settings.noticeMinimumHigher.kind);
  const [days, setDays] = useState(String(settings.noticeMinimumHigher.days));
  const [startsOn, setStartsOn] = useState(today);
  const cal = useMemo(() => calendarOf(calendar), [calendar]);
  const n = Number(days);
  const endsOn = isIsoDate(startsOn) && Number.isInteger(n) && n >= 1 && n <= 60 ? windowEndDate(startsOn, n, kind, cal) : null;
  const waiting = submissions.filter((s) => s.status === "pending" && s.currentOrg?.id === levelId);
  return (
    <>
      <p><Link to="/reviews">← {t("queueTitle")}</Link></p>
      <h1>{round.title}</h1>
      <p className="muted">{subjectTypeLabel(round.subjectType, L.locale)} · {t("topOrg")}{t("common:colon")}{round.topOrg.name}</p>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}{result.endsOn ? ` · ${t("endsOn")} ${result.endsOn}` : ""}{result.code ? <> · <Link to={`/notices/${result.code}`}>{t("publicPage")}</Link></> : null}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}

      <section aria-labelledby="subs">
        <h2 id="subs">{t("submissions")}{t("common:inParens", { text: submissions.length })}</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">{t("submissions")}</th><th scope="col">{t("submitter")}</th><th scope="col">{t("category")}</th><th scope="col">{t("currentLevel")}</th><th scope="col">{t("status")}</th></tr></thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.id}><td><Link to={`/reviews/${s.id}`}>{s.title}</Link></td><td>{s.submitter.name}</td><td>{s.category}</td><td>{s.currentOrg?.name}</td><td>{s.statusLabel}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="quotas">
        <h2 id="quotas">{t("quotas")}</h2>
        {quotas.length === 0 ? <p className="muted">{t("noQuota")}</p> : (
          <ul>{quotas.map((q) => <li key={q.id}>{q.orgName} · {q.category || "—"} · {q.limit}</li>)}</ul>
        )}
        {canManage ? (
          <Form method="post" className="toolbar">
            <input type="hidden" name="intent" value="quota" />
            <div className="field"><label htmlFor="q-org">{t("quotaOrg")}</label>
              <select id="q-org" name="orgId">{quotaOrgOptions.map((o) => <option key={o.id} value={o.id}>{"　".repeat(Math.max(0, o.depth - 1))}{o.name}</option>)}</select></div>
            <div className="field"><label htmlFor="q-cat">{t("quotaCategory")}</label><input id="q-cat" name="category" maxLength={40} /></div>
            <div className="field"><label htmlFor="q-limit">{t("quotaLimit")}</label><input id="q-limit" name="limit" type="number" min={0} required /></div>
            <button className="button button-secondary" type="submit">{t("quotaSave")}</button>
          </Form>
        ) : null}
      </section>

      {noticeLevels.length ? (
        <section aria-labelledby="open-notice">
          <h2 id="open-notice">{t("noticeOpen")}</h2>
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="notice" />
            <div className="field"><label htmlFor="n-org">{t("noticeOrg")}</label>
              <select id="n-org" name="orgId" value={levelId} onChange={(e) => setLevelId(e.target.value)}>{noticeLevels.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select></div>
            <div className="field"><label htmlFor="n-title">{t("noticeTitle")}</label><input id="n-title" name="title" required maxLength={120} defaultValue={`${round.title}推荐对象公示`} /></div>
            <div className="toolbar">
              <div className="field"><label htmlFor="n-kind">{t("windowKind")}</label>
                <select id="n-kind" name="windowKind" value={kind} onChange={(e) => setKind(e.target.value as "calendar" | "working")}>
                  <option value="calendar">{t("windowCalendar")}</option><option value="working">{t("windowWorking")}</option>
                </select></div>
              <div className="field"><label htmlFor="n-days">{t("windowDays")}</label><input id="n-days" name="windowDays" type="number" min={1} max={60} value={days} onChange={(e) => setDays(e.target.value)} required /></div>
              <div className="field"><label htmlFor="n-start">{t("startsOn")}</label><input id="n-start" name="startsOn" type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} required /></div>
            </div>
            {endsOn ? <p role="status" data-testid="notice-end">{t("endsOnPreview", { date: endsOn })}</p> : null}
            <div className="field"><label htmlFor="n-contact">{t("contact")}</label><input id="n-contact" name="contact" maxLength={300} /></div>
            <fieldset className="field">
              <legend>{t("candidates")}</legend>
              {waiting.length === 0 ? <p className="muted">{t("noCandidates")}</p> : waiting.map((s) => (
                <label key={s.id} className="inline"><input type="checkbox" name="submissionIds" value={s.id} defaultChecked /> {s.title}{t("common:inParens", { text: s.submitter.name })}</label>
              ))}
            </fieldset>
            <button className="button" type="submit" disabled={waiting.length === 0}>{t("noticeOpen")}</button>
          </Form>
        </section>
      ) : null}

      {notices.length ? (
        <section aria-labelledby="notices">
          <h2 id="notices">{t("notices")}</h2>
          <ul>{notices.map((x) => <li key={x.id}><Link to={`/review-notices/${x.id}`}>{x.title}</Link> · {x.orgName} · {x.startsOn} – {x.endsOn} · <Link to={`/notices/${x.code}`}>{t("publicPage")}</Link></li>)}</ul>
        </section>
      ) : null}
    </>
  );
}
