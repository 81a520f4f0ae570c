import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { parseInput } from "~/utils/validation";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { Field, FormMessage } from "~/components/field";
import { checkRecheckItem, drawRecheck, loadRecheckPage } from "~/modules/judging/review/recheck.server";
import { RecheckDrawSchema, RecheckItemSchema } from "~/modules/judging/review/schemas";
import { titled } from "~/utils/meta";

// 复核 (rule S-40): the supervision group draws and works through the re-check list, by station code.

export const meta = titled<typeof loader>("recheck", (d) => d.event.name);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "judging:supervise");
  return loadRecheckPage(user, params.eventId!).catch((error: unknown) => asResponse(error, request));
}

type Result = { ok: true; intent: string } | ActionFailure;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "judging:supervise");
  const form = Object.fromEntries(await request.formData());
  const actor = actorOf(user, context);
  try {
    if (form.intent === "draw") {
      await drawRecheck(user, params.eventId!, parseInput(RecheckDrawSchema, form), actor);
    } else {
      const page = await loadRecheckPage(user, params.eventId!);
      if (!page.recheck) throw new Response("Not found", { status: 404 });
      await checkRecheckItem(user, page.recheck.id, String(form.itemId ?? ""), parseInput(RecheckItemSchema, form), actor);
    }
    return { ok: true as const, intent: String(form.intent) };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function RecheckPage() {
  const { t } = useTranslation("review");
  const { event, signedOff, recheck } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  return (
    <>
      <p className="muted">{event.contestName}</p>
      <h1>{t("recheck.title")}{t("common:colon")}{event.name}</h1>
      <p>{t("recheck.help")}</p>
      <p className="muted">{t("codesOnly")}</p>
      <FormMessage result={result} okText={result?.ok ? (result.intent === "draw" ? t("recheck.drawn") : t("recheck.checked")) : undefined} />
      {!recheck ? (
        signedOff ? (
          <Form method="post" className="stack card">
            <input type="hidden" name="intent" value="draw" />
            <Field name="topN" type="number" label={t("recheck.topN")} defaultValue="10" min={0} required />
            <Field name="samplePercent" type="number" label={t("recheck.samplePercent")} defaultValue="15" min={15} max={100} step="0.01" required />
            <button className="button" type="submit">{t("recheck.draw")}</button>
          </Form>
        ) : <p className="alert alert-warn">{t("recheck.notSignedOff")}</p>
      ) : (
        <>
          <section className="card">
            <p>{t("recheck.status")}{t("common:colon")}<strong>{t(`recheck.statuses.${recheck.status}`)}</strong></p>
            <p>{t("recheck.marksChecked", { checked: recheck.checkedMarks, wrong: recheck.wrongMarks })}</p>
            <p className="muted small">{t("recheck.topN")} {recheck.topN} · {t("recheck.samplePercent")} {recheck.samplePercent} · {t("recheck.seed")} <code>{recheck.seed}</code> ({recheck.algorithm})</p>
          </section>
          <div className="table-wrap">
            <table>
              <thead><tr><th>{t("console.station")}</th><th>{t("recheck.reason")}</th><th>{t("recheck.marks")}</th><th>{t("recheck.status")}</th></tr></thead>
              <tbody>
                {recheck.items.map((i) => (
                  <tr key={i.id}>
                    <td>{i.stationCode}</td>
                    <td>{t(`recheck.reasons.${i.reason}`)}</td>
                    <td className="small">{i.marks.map((m) => `${m.aspectId}/${m.judgeName}: ${m.valueText}`).join(t("common:semicolon"))}</td>
                    <td>
                      {i.checked ? `${t("recheck.checked")}${t("common:inParens", { text: `${t("recheck.wrongMarks")} ${i.wrongMarks}` })}` : (
                        <Form method="post" className="toolbar" aria-label={`${t("recheck.checkSubmit")} ${i.stationCode}`}>
                          <input type="hidden" name="intent" value="check" />
                          <input type="hidden" name="itemId" value={i.id} />
                          <Field name="wrongMarks" id={`wrong-${i.id}`} type="number" min={0} defaultValue="0" label={t("recheck.wrongMarks")} />
                          <Field name="note" id={`note-${i.id}`} label={t("recheck.note")} />
                          <button className="button" type="submit">{t("recheck.checkSubmit")}</button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
