import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { actorOf, requirePermission } from "~/utils/auth.server";
import { actionError, asResponse, type ActionFailure } from "~/utils/http.server";
import { badRequest } from "~/utils/errors";
import { decidePrizes, getQuizForTaker, publishSeed, quizResults, startQuiz, submitQuiz, verifyDraw } from "~/modules/ankang/quiz.server";
import { useLocalise } from "~/utils/use-localise";
import { titled } from "~/utils/meta";

export const meta = titled<typeof loader>("quiz", (d) => d.quiz.title);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const quiz = await getQuizForTaker(user, params.quizId!).catch((e) => asResponse(e, request));
  const results = quiz.mayManage ? await quizResults(user, quiz.id) : null;
  const verification = new URL(request.url).searchParams.get("verify") === "1" && quiz.drawSeed ? await verifyDraw(quiz.id).catch(() => null) : null;
  return { quiz, results, verification };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "self:profile");
  const actor = actorOf(user, context);
  const form = await request.formData();
  try {
    switch (form.get("intent")) {
      case "start": await startQuiz(user, params.quizId!); return { ok: true as const };
      case "submit": {
        const answers: Record<string, string[]> = {};
        for (const [key, value] of form.entries()) if (key.startsWith("q-")) (answers[key.slice(2)] ??= []).push(String(value));
        const r = await submitQuiz(user, params.quizId!, answers);
        return { ok: true as const, score: r.score, maxScore: r.maxScore };
      }
      case "seed": await publishSeed(user, params.quizId!, String(form.get("seed") ?? "").trim() || undefined, actor); return { ok: true as const };
      case "prizes": await decidePrizes(user, params.quizId!, actor); return { ok: true as const };
      default: throw badRequest("未知操作 / unknown action");
    }
  } catch (error) {
    return actionError(error, request);
  }
}

export default function QuizPage() {
  const { t } = useTranslation("ankang");
  const { quiz, results, verification } = useLoaderData<typeof loader>();
  const result = useActionData<{ ok: true; score?: number; maxScore?: number } | ActionFailure>();
  const a = quiz.attempt;
  const L = useLocalise();
  return (
    <>
      <p><Link to="/quiz">← {t("back")}</Link></p>
      <h1>{quiz.title}</h1>
      <p className="muted">{L.date(quiz.opensAt)} – {L.date(quiz.closesAt)} · {t("minutes", { n: Math.round(quiz.durationSeconds / 60) })} · {quiz.prizeMode === "draw" ? t("prizeDraw") : t("prizeRank")}</p>
      {result && !result.ok ? <div className="alert alert-error" role="alert">{result.message}</div> : null}
      {quiz.state === "notOpen" ? <p className="alert alert-warn">{t("quizNotOpen")}</p> : null}
      {quiz.state === "closed" && !a?.submittedAt ? <p className="alert alert-warn">{t("quizClosed")}</p> : null}
      {quiz.state === "open" ? (
        <Form method="post"><input type="hidden" name="intent" value="start" /><button className="button" type="submit">{t("start")}</button></Form>
      ) : null}
      {quiz.state === "inProgress" && a ? (
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="submit" />
          <p className="muted">{t("timeLeft")}{L.colon}{new Date(a.deadline).toLocaleTimeString(L.locale === "en" ? "en-GB" : "zh-CN", { timeZone: "Asia/Shanghai" })}</p>
          {quiz.questions.map((q, i) => (
            <fieldset key={q.id} className="card field">
              <legend>{i + 1}. [{t(`questionKind_${q.kind}`)}] {q.stem}{L.paren(q.points)}</legend>
              {q.options.map((o, k) => {
                const letter = String.fromCharCode(65 + k);
                return <label key={letter} className="checkbox"><input type={q.kind === "multiple" ? "checkbox" : "radio"} name={`q-${q.id}`} value={letter} /> {letter}. {o}</label>;
              })}
            </fieldset>
          ))}
          <p><button className="button" type="submit">{t("submitAnswers")}</button></p>
        </Form>
      ) : null}
      {a?.submittedAt ? (
        <section className="card" aria-labelledby="my-score">
          <h2 id="my-score">{t("quizSubmitted")}</h2>
          <p data-testid="quiz-score"><strong>{t("yourScore", { score: a.score, max: quiz.questions.reduce((s, q) => s + q.points, 0) })}</strong>{a.allCorrect ? ` · ${t("allCorrect")}` : ""}</p>
          <ol>
            {quiz.questions.map((q) => <li key={q.id}>{q.stem} · {(a.answers?.[q.id] ?? []).join("") || "—"} · {t("correctAnswer")} {(a.key?.[q.id] ?? []).join("")}</li>)}
          </ol>
        </section>
      ) : null}
      {quiz.drawSeed ? (
        <section className="card" aria-labelledby="seed">
          <h2 id="seed">{t("seed")}</h2>
          <p><code data-testid="draw-seed">{quiz.drawSeed}</code> · {L.date(quiz.seedPublishedAt)}</p>
          <p className="muted small">{t("seedHelp")}</p>
          <p><Link to="?verify=1">{t("verifyDraw")}</Link></p>
          {verification ? (
            <>
              <p className={verification.same === false ? "alert alert-error" : "alert alert-ok"} role="status">{verification.same === false ? t("verifyDiffer") : verification.same === null ? t("verifyNotDrawn") : t("verifySame")}{L.paren(`${verification.candidates.length} / ${verification.rerun.length}`)}</p>
              <h3>{t("rerunWinners")}</h3>
              <div className="table-wrap"><table>
                <thead><tr><th>#</th><th>{t("tier")}</th><th>{t("answerSheet")}</th></tr></thead>
                <tbody>{verification.rerun.map((w) => <tr key={w.attemptId} data-testid="rerun-winner"><td>{w.position}</td><td>{L.value(w.tier)}</td><td><code>{w.attemptId}</code></td></tr>)}</tbody>
              </table></div>
            </>
          ) : null}
        </section>
      ) : null}
      {results ? (
        <section aria-labelledby="results">
          <h2 id="results">{t("unitRanking")}</h2>
          <p className="muted">{t("participants2")} {results.participants} · {t("allCorrect")} {results.allCorrect}</p>
          <div className="table-wrap"><table>
            <thead><tr><th>{t("rank")}</th><th>{t("unit")}</th><th>{t("members")}</th><th>{t("participants2")}</th><th>{t("participationRate")}</th><th>{t("averageScore")}</th></tr></thead>
            <tbody>{results.ranking.map((r) => <tr key={r.unitId}><td>{r.rank}</td><td>{r.unitName}</td><td>{r.members}</td><td>{r.participants}</td><td>{Math.round(r.participationRate * 1000) / 10}%</td><td>{r.averageScore}</td></tr>)}</tbody>
          </table></div>
          {quiz.prizeMode === "draw" && !quiz.drawSeed ? (
            <Form method="post" className="toolbar card">
              <input type="hidden" name="intent" value="seed" />
              <label htmlFor="seedValue">{t("seed")}</label><input id="seedValue" name="seed" minLength={8} aria-describedby="seedValue-help" /><span id="seedValue-help" className="muted small">{t("seedBlank")}</span>
              <button className="button" type="submit">{t("publishSeed")}</button>
            </Form>
          ) : null}
          {!quiz.prizesDecided && quiz.state === "closed" ? (
            <Form method="post"><input type="hidden" name="intent" value="prizes" /><button className="button" type="submit">{t("decidePrizes")}</button></Form>
          ) : null}
          {results.prizes.length ? (
            <>
              <h2>{t("prizes")}</h2>
              <div className="table-wrap"><table>
                <thead><tr><th>#</th><th>{t("tier")}</th><th>{t("member")}</th><th>{t("unit")}</th><th>{t("score")}</th><th>{t("answerSheet")}</th></tr></thead>
                <tbody>{results.prizes.map((w) => <tr key={w.attemptId} data-testid="prize-winner"><td>{w.position}</td><td>{L.value(w.tier)}</td><td>{w.memberName}</td><td>{w.unitName}</td><td>{w.score}</td><td><code>{w.attemptId}</code></td></tr>)}</tbody>
              </table></div>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
