import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requireUser } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { enterPaper, listPaperSheets } from "~/modules/judging/review/paper.server";
import { PaperSheetSchema } from "~/modules/judging/review/schemas";
import { titled } from "~/utils/meta";

// 纸质评分表双人录入 (rule S-41): station codes only; judging:chief or contest:manage (checked in the service).

export const meta = titled<typeof loader>("paper", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return listPaperSheets(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; status: string; differences: string[] } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = Object.fromEntries(await request.formData());
  const values = Object.fromEntries(Object.entries(form).filter(([k]) => k.startsWith("value:")).map(([k, v]) => [k.slice(6), String(v)]));
  try {
    const input = parseInput(PaperSheetSchema, { stationCode: form.stationCode, judgeId: form.judgeId, judgeLabel: form.judgeLabel || undefined, values });
    const done = await enterPaper(user, params.eventId!, input, actorOf(user, context));
    return { ok: true as const, status: done.status, differences: done.differences };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function PaperPage() {
  const { t } = useTranslation("review");
  const { event, aspects, judges, stationCodes, sheets } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("paper.title")}{t("common:colon")}{event.name}</h1>
      <p>{t("paper.help")}</p>
      <p className="muted">{t("codesOnly")}</p>
      <FormMessage result={result} okText={result?.ok ? `${t("paper.saved", { status: t(`paper.status.${result.status}`) })}${result.differences.length ? t("common:inParens", { text: `${t("paper.differs")}${t("common:colon")}${result.differences.join(t("common:listSeparator"))}` }) : ""}` : undefined} />
      <Form method="post" className="stack card">
        <Field name="stationCode" label={t("paper.station")} required list="station-codes" issues={result && !result.ok ? result.issues : undefined} />
        <datalist id="station-codes">{stationCodes.map((c) => <option key={c} value={c} />)}</datalist>
        <Field name="judgeId" label={t("paper.judge")}>
          <select id="judgeId" name="judgeId" required>{judges.map((j) => <option key={j.id} value={j.id}>{j.displayName}</option>)}</select>
        </Field>
        <Field name="judgeLabel" label={t("paper.judgeLabel")} />
        {aspects.map((a) => <Field key={a.id} name={`value:${a.id}`} label={`${a.name}${a.scale === "0-3" ? t("common:inParens", { text: "0–3" }) : ""}`} inputMode="decimal" />)}
        <button className="button" type="submit">{t("paper.submit")}</button>
      </Form>
      <h2>{t("paper.sheets")}</h2>
      {sheets.length === 0 ? <p className="muted">{t("paper.none")}</p> : sheets.map((s) => (
        <section key={s.id} className={`card${s.status === "mismatch" ? " alert-warn" : ""}`}>
          <h3>{s.stationCode} · {s.judgeName}{t("common:inParens", { text: s.judgeLabel })}· {t(`paper.status.${s.status}`)}</h3>
          <p className="muted small">{t("paper.first")}{t("common:colon")}{s.firstBy}{s.secondBy ? ` · ${t("paper.second")}${t("common:colon")}${s.secondBy}` : ""}</p>
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t("console.aspect")}</th><th>{t("paper.first")}</th><th>{t("paper.second")}</th><th></th></tr></thead>
              <tbody>{s.rows.map((r) => <tr key={r.aspectId}><td>{r.aspectId}</td><td>{r.first}</td><td>{r.second}</td><td>{r.differs ? <span className="badge">{t("paper.differs")}</span> : null}</td></tr>)}</tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
