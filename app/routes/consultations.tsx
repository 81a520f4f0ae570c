import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { titled } from "~/utils/meta";
import { actorOf, requireUser } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { readUploadForm } from "~/modules/files/files.server";
import { useLocalise } from "~/utils/use-localise";
import { beijingDate } from "~/modules/calendar/working-days";
import { answerConsultation, consultableSubmissions, listConsultations, openConsultations, ruleOnConsultation, type ConsultationView } from "~/modules/consultations/consultations.server";
import { AnswerSchema, OpenConsultationSchema, RulingSchema } from "~/modules/consultations/schemas";
import { DEPARTMENTS, type Department } from "~/modules/consultations/consultation-rules";

// 征求意见 / 联审 (rule N-34): department accounts answer here; reviewers ask and rule here.

export const meta = titled("consultations");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  try {
    const [lists, candidates] = await Promise.all([listConsultations(user), consultableSubmissions(user)]);
    return { ...lists, candidates, today: beijingDate(new Date()) };
  } catch (error) {
    return asResponse(error, request);
  }
}

type Result = ActionFailure | { ok: true; created?: number; missing?: string[] };

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  try {
    const form = await readUploadForm(request);
    const intent = String(form.get("intent") ?? "");
    const actor = actorOf(user, context);
    if (intent === "open") {
      const r = await openConsultations(user, parseInput(OpenConsultationSchema, Object.fromEntries(form)), actor);
      return { ok: true as const, created: r.created, missing: r.missing };
    }
    const taskId = String(form.get("taskId") ?? "");
    if (intent === "answer") {
      const file = form.get("file");
      await answerConsultation(user, taskId, parseInput(AnswerSchema, { answer: form.get("answer"), details: form.get("details") || undefined }), actor, file instanceof File ? file : null);
      return { ok: true as const };
    }
    await ruleOnConsultation(user, taskId, parseInput(RulingSchema, { ruling: form.get("ruling"), reason: form.get("reason") }), actor);
    return { ok: true as const };
  } catch (error) {
    return actionError(error, request);
  }
}

function StatusCell({ task }: { task: ConsultationView }) {
  const { t } = useTranslation("consultations");
  const L = useLocalise();
  const label = task.status === "open" ? t("statusOpen") : task.status === "problem" ? t("statusProblem") : t("statusNoObjection");
  return (
    <>
      <strong>{label}</strong>
      {task.details ? <div className="small">{task.details}</div> : null}
      {task.attachmentId ? <div className="small"><a href={`/consultations/${task.id}/attachment`}>{t("download")}</a></div> : null}
      {task.ruling ? <div className="small">{t("ruled", { ruling: task.ruling === "cleared" ? t("cleared") : t("upheld") })}{task.rulingReason ? `${L.colon}${task.rulingReason}` : ""}</div> : null}
    </>
  );
}

export default function Consultations() {
  const { t } = useTranslation("consultations");
  const L = useLocalise();
  const { toAnswer, asked, canAnswer, canAsk, candidates, today } = useLoaderData<typeof loader>();
  const result = useActionData<Result>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="muted">{t("help")}</p>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {result && result.ok && result.created !== undefined ? (
        <div className="alert alert-ok" role="status">
          {t("created", { count: result.created })}
          {result.missing?.length ? <div>{t("missing", { list: L.list(result.missing.map((d) => DEPARTMENTS[d as Department]?.[L.locale] ?? d)) })}</div> : null}
        </div>
      ) : null}
      {canAnswer ? (
        <section aria-labelledby="to-answer">
          <h2 id="to-answer">{t("toAnswer")}{L.paren(toAnswer.filter((x) => x.status === "open").length)}</h2>
          {toAnswer.length === 0 ? <p className="muted">{t("none")}</p> : toAnswer.map((task) => (
            <article key={task.id} className="card" data-testid="consultation-to-answer">
              <h3>{task.candidateName}</h3>
              <p className="muted small">{task.candidateTypeLabel[L.locale]} · {task.askedBy.name} · {t("dueOn")} {task.dueOn}</p>
              {task.status === "open" ? (
                <Form method="post" encType="multipart/form-data">
                  <input type="hidden" name="intent" value="answer" />
                  <input type="hidden" name="taskId" value={task.id} />
                  <fieldset className="field">
                    <legend>{t("answer")}</legend>
                    <label className="inline"><input type="radio" name="answer" value="no_objection" defaultChecked /> {t("noObjection")}</label>
                    <label className="inline"><input type="radio" name="answer" value="problem" /> {t("problem")}</label>
                  </fieldset>
                  <div className="field"><label htmlFor={`details-${task.id}`}>{t("details")}</label><textarea id={`details-${task.id}`} name="details" rows={3} maxLength={2000} /></div>
                  <div className="field"><label htmlFor={`file-${task.id}`}>{t("attachment")}</label><input id={`file-${task.id}`} name="file" type="file" accept="application/pdf,image/jpeg,image/png" /></div>
                  <button className="button" type="submit" disabled={busy}>{t("submitAnswer")}</button>
                </Form>
              ) : <StatusCell task={task} />}
            </article>
          ))}
        </section>
      ) : null}
      {canAsk ? (
        <>
          <section aria-labelledby="asked">
            <h2 id="asked">{t("asked")}</h2>
            {asked.length === 0 ? <p className="muted">{t("none")}</p> : (
              <div className="table-wrap table-cards">
                <table className="cards-on-phone">
                  <thead><tr><th>{t("candidate")}</th><th>{t("department")}</th><th>{t("dueOn")}</th><th>{t("status")}</th><th>{t("ruling")}</th></tr></thead>
                  <tbody>
                    {asked.map((task) => (
                      <tr key={task.id} data-testid="consultation-asked">
                        <td className="card-title">{task.candidateName}<div className="small muted">{task.candidateTypeLabel[L.locale]}</div></td>
                        <td data-label={t("department")}>{task.departmentOrg.name}</td>
                        <td data-label={t("dueOn")}>{task.dueOn}</td>
                        <td data-label={t("status")}><StatusCell task={task} /></td>
                        <td data-label={t("ruling")}>
                          {task.status === "problem" && !task.ruling ? (
                            <Form method="post" encType="multipart/form-data">
                              <input type="hidden" name="intent" value="rule" />
                              <input type="hidden" name="taskId" value={task.id} />
                              <label className="inline"><input type="radio" name="ruling" value="cleared" /> {t("cleared")}</label>
                              <label className="inline"><input type="radio" name="ruling" value="upheld" defaultChecked /> {t("upheld")}</label>
                              <label htmlFor={`reason-${task.id}`}>{t("rulingReason")}</label>
                              <input id={`reason-${task.id}`} name="reason" required maxLength={1000} />
                              <button className="button button-secondary" type="submit" disabled={busy}>{t("submitRuling")}</button>
                            </Form>
                          ) : "—"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          <Form method="post" encType="multipart/form-data" className="card" aria-labelledby="open-consultation">
            <h2 id="open-consultation">{t("open")}</h2>
            <input type="hidden" name="intent" value="open" />
            {candidates.length === 0 ? <p className="muted">{t("noCandidates")}</p> : (
              <>
                <div className="field">
                  <label htmlFor="submissionId">{t("candidate")}</label>
                  <select id="submissionId" name="submissionId">{candidates.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}</select>
                </div>
                <div className="field"><label htmlFor="dueOn">{t("dueOn")}</label><input id="dueOn" name="dueOn" type="date" required min={today} /></div>
                <button className="button" type="submit" disabled={busy}>{t("open")}</button>
              </>
            )}
          </Form>
        </>
      ) : null}
    </>
  );
}
