import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { getUser, requireUser } from "~/utils/auth.server";
import { actorOf } from "~/utils/auth.server";
import { actionError } from "~/utils/http.server";
import { boardPageAccess, parseFreezeTime } from "~/modules/results/page.server";
import { freezeBoard, unfreezeBoard } from "~/modules/results/freeze.server";
import { BoardTable, LiveStatus, TeamTable, useLiveBoard, useTeamBoard, type BoardData } from "~/modules/results/live-board";
import boardCss from "~/modules/results/leaderboard.css";
import { titled } from "~/utils/meta";
import { useLocalise } from "~/utils/use-localise";

// 排行榜: public (or members-only) per contest; ?view=live is the committee's view, which
// ignores the freeze and carries the freeze controls. Updates arrive pushed (EventSource).

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardCss }];
export const meta = titled<typeof loader>("leaderboard", (d) => d.eventName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return boardPageAccess(request, await getUser(request), params.eventId!);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const actor = actorOf(user, undefined);
  try {
    if (form.get("intent") === "unfreeze") {
      await unfreezeBoard(user, params.eventId!, actor);
      return { ok: true as const, done: "unfrozenDone" };
    }
    await freezeBoard(user, params.eventId!, { at: parseFreezeTime(String(form.get("at") ?? "")) }, actor);
    return { ok: true as const, done: "frozenDone" };
  } catch (error) {
    return actionError(error, request);
  }
}

export default function LeaderboardPage() {
  const L = useLocalise();
  const { t } = useTranslation("leaderboard");
  const data = useLoaderData<typeof loader>();
  const initial = useMemo(() => JSON.parse(data.boardJson) as BoardData, [data.boardJson]);
  const { board, status, highlighted, updatedAt } = useLiveBoard(initial);
  const [tab, setTab] = useState<"individual" | "teams">("individual");
  const [showAll, setShowAll] = useState(false);
  const teams = useTeamBoard(board.eventId, board.view, board.version, data.isTeam && tab === "teams");
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const live = board.view === "live";
  const frozenAhead = board.frozenAt && !board.frozen && new Date(board.frozenAt).getTime() > Date.now();
  const limit = showAll ? undefined : 300;
  return (
    <>
      <p className="muted">{board.contestName}</p>
      <h1>
        {t("title", { event: board.eventName })}
        {board.frozen ? <span className="board-frozen">{t("frozen")}</span> : null}
      </h1>
      <div className="board-links">
        {data.canLive ? (
          live ? <Link to={`/leaderboard/${board.eventId}`}>{t("publicView")}</Link> : <Link to={`/leaderboard/${board.eventId}?view=live`}>{t("liveView")}</Link>
        ) : null}
        <Link to={`/leaderboard/${board.eventId}/screen${live ? "?view=live" : ""}`}>{t("bigScreen")}</Link>
      </div>
      <LiveStatus status={status} updatedAt={updatedAt} />
      {live ? <p className="muted">{t("liveNote")}</p> : null}
      {board.frozen && board.frozenAt ? <p className="alert alert-warn">{t("frozenNote", { at: L.date(board.frozenAt) })}</p> : null}
      {live && board.frozenAt ? <p className="alert alert-warn">{new Date(board.frozenAt).getTime() <= Date.now() ? t("frozenNote", { at: L.date(board.frozenAt) }) : t("frozenAhead", { at: L.date(board.frozenAt) })}</p> : null}
      {!live && frozenAhead ? <p className="muted">{t("frozenAhead", { at: L.date(board.frozenAt!) })}</p> : null}
      {board.identity === "codes" ? <p className="muted">{live ? t("codesLiveNote") : t("codesNote")}</p> : null}
      {board.problem ? <p className="alert alert-error">{t("problem", { problem: board.problem })}</p> : null}

      {data.isTeam ? (
        <div className="board-tabs" role="tablist">
          <button type="button" role="tab" className="button button-secondary" aria-selected={tab === "individual"} onClick={() => setTab("individual")}>{t("individual")}</button>
          <button type="button" role="tab" className="button button-secondary" aria-selected={tab === "teams"} onClick={() => setTab("teams")}>{t("teams")}</button>
        </div>
      ) : null}

      {tab === "teams" && data.isTeam ? (
        teams ? <TeamTable teams={teams} /> : <p className="muted">{t("connecting")}</p>
      ) : board.rows.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <>
          <p className="muted">{t("rows", { count: board.rowCount })}</p>
          <BoardTable board={board} highlighted={highlighted} limit={limit} />
          {limit && board.rows.length > limit ? (
            <p><button type="button" className="button button-secondary" onClick={() => setShowAll(true)}>{t("showAll", { count: board.rows.length })}</button></p>
          ) : null}
        </>
      )}

      {live && data.canFreeze ? (
        <section className="card" aria-labelledby="freeze-title" style={{ marginTop: "1.5rem" }}>
          <h2 id="freeze-title">{t("freezeTitle")}</h2>
          <p className="muted">{t("freezeHelp")}</p>
          {actionData && "done" in actionData ? <p className="alert alert-ok" role="status">{t(actionData.done)}</p> : null}
          {actionData && !actionData.ok ? <p className="alert alert-error" role="alert">{actionData.message}</p> : null}
          <Form method="post" className="freeze-form">
            <label>
              {t("freezeAt")}
              <input type="datetime-local" name="at" />
            </label>
            <button type="submit" name="intent" value="freeze" className="button" disabled={busy}>{t("freezeNow")}</button>
            {board.frozenAt ? <button type="submit" name="intent" value="unfreeze" className="button button-secondary" disabled={busy}>{t("unfreeze")}</button> : null}
          </Form>
        </section>
      ) : null}
    </>
  );
}
