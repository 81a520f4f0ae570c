import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission, userScope } from "~/utils/auth.server";
import { actionError, type ActionFailure } from "~/utils/http.server";
import { parseInput } from "~/utils/validation";
import { badRequest } from "~/utils/errors";
import { db } from "~/utils/db.server";
import { readUploadForm } from "~/modules/files/files.server";
import { createQuestion, createQuiz, listQuestions, listQuizzes } from "~/modules/ankang/quiz.server";
import { importQuestionFile } from "~/modules/ankang/imports.server";
import { QuestionInputSchema, QuizInputSchema } from "~/modules/ankang/schemas";
import { QUESTION_KINDS, type QuestionKind } from "~/modules/ankang/quiz";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

export const meta = titled("quizzes");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const quizzes = await listQuizzes(user);
  const paths = userScope(user, "ankang:manage");
  const orgs = paths.length ? await db.organisation.findMany({ where: { path: { in: paths } }, select: { id: true, name: true } }) : [];
  const orgId = new URL(request.url).searchParams.get("orgId") ?? orgs[0]?.id ?? null;
  const questions = orgId && orgs.some((o) => o.id === orgId) ? await listQuestions(user, orgId) : [];
  return { quizzes, orgs, orgId, questions };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const actor = actorOf(user, context);
  try {
    if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
      const form = await readUploadForm(request, 2 * 1024 * 1024);
      const file = form.get("file");
      const r = await importQuestionFile(user, String(form.get("orgId") ?? ""), file instanceof File && file.size > 0 ? file : null, actor);
      return { ok: true as const, imported: r.imported };
    }
    const form = await request.formData();
    const intent = form.get("intent");
    if (intent === "question") {
      await createQuestion(user, parseInput(QuestionInputSchema, {
        orgId: form.get("orgId"), kind: form.get("kind"), stem: form.get("stem"),
        options: String(form.get("options") ?? "").split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
        answer: [...String(form.get("answer") ?? "").toUpperCase().replace(/[^A-H]/g, "")], points: form.get("points") || 1,
      }), actor);
      return { ok: true as const, imported: 1 };
    }
    if (intent === "quiz") {
      const quiz = await createQuiz(user, parseInput(QuizInputSchema, {
        orgId: form.get("orgId"), title: form.get("title"), opensAt: beijing(form.get("opensAt")), closesAt: beijing(form.get("closesAt")),
        durationSeconds: Number(form.get("minutes") || 0) * 60, questionIds: form.getAll("questionIds").map(String), prizeMode: form.get("prizeMode"),
      }), actor);
      return redirect(`/quiz/${quiz.id}`);
    }
    throw badRequest("未知操作 / unknown action");
  } catch (error) {
    return actionError(error, request);
  }
}

export default function Quizzes() {
  const { t } = useTranslation("ankang");
  const { quizzes, orgs, orgId, questions } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; imported: number } | ActionFailure>();
  const L = useLocalise();
  return (
    <>
      <h1>{t("quizzes")}</h1>
      {result?.ok ? <div className="alert alert-ok" role="status">{t("done")}</div> : null}
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {quizzes.length === 0 ? <p className="muted">{t("noQuizzes")}</p> : (
        <ul className="stack">
          {quizzes.map((q) => (
            <li key={q.id} className="card">
              <Link to={`/quiz/${q.id}`}><strong>{q.title}</strong></Link>
              <p className="muted small">{L.date(q.opensAt)} – {L.date(q.closesAt)} · {t("minutes", { n: Math.round(q.durationSeconds / 60) })}{q.myScore != null ? ` · ${t("score")} ${q.myScore}` : ""}</p>
            </li>
          ))}
        </ul>
      )}
      {orgs.length && orgId ? (
        <>
          <h2>{t("questions")}{L.paren(questions.length)}</h2>
          <Form method="get" className="toolbar">
            <label htmlFor="orgId">{t("organiser")}</label>
            <select id="orgId" name="orgId" defaultValue={orgId}>{orgs.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</select>
            <button className="button button-secondary" type="submit">{t("show")}</button>
            <a className="button button-secondary" href="/quiz/questions-template.xlsx">{t("questionTemplate")}</a>
          </Form>
          <Form method="post" encType="multipart/form-data" className="toolbar card">
            <input type="hidden" name="orgId" value={orgId} />
            <label htmlFor="file">{t("importQuestions")}</label>
            <input id="file" name="file" type="file" accept=".xlsx" required />
            <button className="button" type="submit">{t("importQuestions")}</button>
          </Form>
          <details className="card">
            <summary>{t("addQuestion")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="question" /><input type="hidden" name="orgId" value={orgId} />
              <div className="field"><label htmlFor="kind">{t("questionKind")}</label><select id="kind" name="kind">{QUESTION_KINDS.map((k) => <option key={k} value={k}>{t(`questionKind_${k}`)}</option>)}</select></div>
              <div className="field"><label htmlFor="stem">{t("stem")}</label><textarea id="stem" name="stem" required rows={2} /></div>
              <div className="field"><label htmlFor="options">{t("options")}</label><textarea id="options" name="options" required rows={4} /></div>
              <div className="field"><label htmlFor="answer">{t("answerLetters")}</label><input id="answer" name="answer" required /></div>
              <div className="field"><label htmlFor="points">{t("points")}</label><input id="points" name="points" type="number" min={1} max={100} defaultValue={1} /></div>
              <p><button className="button" type="submit">{t("addQuestion")}</button></p>
            </Form>
          </details>
          {questions.length ? (
            <Form method="post" className="card stack" aria-labelledby="new-quiz">
              <h2 id="new-quiz">{t("newQuiz")}</h2>
              <input type="hidden" name="intent" value="quiz" /><input type="hidden" name="orgId" value={orgId} />
              <div className="field"><label htmlFor="title">{t("name")}</label><input id="title" name="title" required /></div>
              <div className="grid">
                <div className="field"><label htmlFor="opensAt">{t("opensAt")}</label><input id="opensAt" name="opensAt" type="datetime-local" required /></div>
                <div className="field"><label htmlFor="closesAt">{t("closesAt")}</label><input id="closesAt" name="closesAt" type="datetime-local" required /></div>
                <div className="field"><label htmlFor="minutes">{t("duration")}</label><input id="minutes" name="minutes" type="number" min={1} max={240} defaultValue={20} /></div>
              </div>
              <fieldset className="field">
                <legend>{t("prizeMode")}</legend>
                <label className="checkbox"><input type="radio" name="prizeMode" value="rank" defaultChecked /> {t("prizeRank")}</label>
                <label className="checkbox"><input type="radio" name="prizeMode" value="draw" /> {t("prizeDraw")}</label>
              </fieldset>
              <fieldset className="field">
                <legend>{t("questions")}</legend>
                {questions.map((q) => <label key={q.id} className="checkbox"><input type="checkbox" name="questionIds" value={q.id} defaultChecked /> [{t(`questionKind_${q.kind as QuestionKind}`)}] {q.stem}{L.paren(q.answer.join(""))}</label>)}
              </fieldset>
              <p><button className="button" type="submit">{t("create")}</button></p>
            </Form>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** A datetime-local value is Beijing time. */
function beijing(value: FormDataEntryValue | null) {
  const s = String(value ?? "");
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s}+08:00` : s;
}
