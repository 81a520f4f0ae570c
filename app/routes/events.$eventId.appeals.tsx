import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { listAppeals, ruleAppeal } from "~/modules/judging/review/appeals.server";
import { RulingSchema } from "~/modules/judging/review/schemas";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 申诉 (rule S-42): the supervision and arbitration group's list and ruling; entrants by station code until decryption.

export const meta = titled<typeof loader>("appeals", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:supervise");
  return listAppeals(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:supervise");
  const form = await request.formData();
  try {
    const appealId = String(form.get("appealId") ?? "");
    const page = await listAppeals(user, params.eventId!);
    if (!page.appeals.some((a) => a.id === appealId)) throw new Response("Not found", { status: 404 });
    const reopen = form.getAll("reopen").map(String).map((v) => { const [aspectId, judgeId] = v.split("|"); return { aspectId, judgeId }; });
    const input = parseInput(RulingSchema, { decision: form.get("decision"), ruling: form.get("ruling"), reopen });
    await ruleAppeal(user, appealId, input, actorOf(user, context));
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function AppealsPage() {
  const L = useLocalise();
  const { t } = useTranslation("review");
  const { event, appeals } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("appeals.title")}{t("common:colon")}{event.name}</h1>
      <p>{t("appeals.listHelp")}</p>
      <p>{event.deadline ? t("appeals.deadline", { at: L.date(event.deadline) }) : t("appeals.noDeadline")}</p>
      {!event.identityVisible ? <p className="muted">{t("codesOnly")}</p> : null}
      <FormMessage result={result} okText={t("appeals.ruled")} />
      {appeals.length === 0 ? <p className="muted">{t("appeals.none")}</p> : appeals.map((a) => (
        <section key={a.id} className="card" aria-label={`${t("appeals.title")} ${a.stationCode ?? ""}`}>
          <h2>{a.stationCode ?? "—"}{a.entrantName ? ` · ${a.entrantName}${t("common:inParens", { text: a.unitName })}` : ""} · {t(`appeals.status.${a.status}`)}</h2>
          <p className="muted small">{t(`appeals.filedAs.${a.filedAs}`)} · {t("appeals.filedAt")} {L.date(a.filedAt)}</p>
          <blockquote>{a.text}</blockquote>
          {a.status !== "pending" ? (
            <>
              <p><strong>{t("appeals.ruling")}</strong>{t("common:colon")}{a.ruling}{t("common:inParens", { text: `${a.ruledBy} · ${L.date(a.ruledAt)}` })}</p>
              <p className="muted small">{t("appeals.final")}</p>
              {a.marks.some((m) => m.reopened) ? <ul>{a.marks.filter((m) => m.reopened).map((m) => <li key={m.id}>{m.aspectId} · {m.judgeName} · {m.valueText}{m.corrected ? ` · ${t("appeals.corrected")}` : ""}</li>)}</ul> : null}
            </>
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="appealId" value={a.id} />
              <fieldset>
                <legend>{t("appeals.decision")}</legend>
                <label className="checkbox"><input type="radio" name="decision" value="upheld" required /> {t("appeals.upheld")}</label>
                <label className="checkbox"><input type="radio" name="decision" value="rejected" /> {t("appeals.rejected")}</label>
              </fieldset>
              <fieldset>
                <legend>{t("appeals.reopen")}</legend>
                {a.marks.map((m) => (
                  <label key={m.id} className="checkbox"><input type="checkbox" name="reopen" value={`${m.aspectId}|${m.judgeId}`} /> {m.aspectId} · {m.judgeName} · {m.valueText}</label>
                ))}
              </fieldset>
              <Field name="ruling" id={`ruling-${a.id}`} label={t("appeals.ruling")} required />
              <button className="button" type="submit">{t("appeals.ruleSubmit")}</button>
            </Form>
          )}
        </section>
      ))}
    </>
  );
}
