import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { getUser } from "~/utils/auth.server";
import { boardPageAccess } from "~/modules/results/page.server";
import { BoardTable, LiveStatus, useLiveBoard, type BoardData } from "~/modules/results/live-board";
import boardCss from "~/modules/results/leaderboard.css";
import { titled } from "~/utils/meta";

// 大屏模式 for the venue: full screen, large type, the table scrolls by itself, the latest
// changes are highlighted and listed beside it. Same access and feed as the board page.

export const links: LinksFunction = () => [{ rel: "stylesheet", href: boardCss }];
export const meta = titled<typeof loader>("leaderboardScreen", (d) => d.eventName);

export async function loader({ request, params }: LoaderFunctionArgs) {
  return boardPageAccess(request, await getUser(request), params.eventId!);
}

const SCROLL_STEP_PX = 1;
const SCROLL_TICK_MS = 40;
const PAUSE_AT_ENDS_MS = 4_000;

/** Scrolls an element down slowly, pauses at the bottom, jumps back to the top, repeats. */
function useAutoScroll(ref: React.RefObject<HTMLDivElement | null>) {
  useEffect(() => {
    let pausedUntil = Date.now() + PAUSE_AT_ENDS_MS;
    const timer = setInterval(() => {
      const el = ref.current;
      if (!el || Date.now() < pausedUntil) return;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) {
        pausedUntil = Date.now() + PAUSE_AT_ENDS_MS;
        setTimeout(() => { if (ref.current) ref.current.scrollTop = 0; }, PAUSE_AT_ENDS_MS - 500);
        return;
      }
      el.scrollTop += SCROLL_STEP_PX;
    }, SCROLL_TICK_MS);
    return () => clearInterval(timer);
  }, [ref]);
}

export default function LeaderboardScreen() {
  const { t } = useTranslation("leaderboard");
  const data = useLoaderData<typeof loader>();
  const initial = useMemo(() => JSON.parse(data.boardJson) as BoardData, [data.boardJson]);
  const { board, status, highlighted, changes, updatedAt } = useLiveBoard(initial);
  const screen = useRef<HTMLDivElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  useAutoScroll(scroller);
  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement === screen.current);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);
  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void screen.current?.requestFullscreen();
  };
  return (
    <div className="screen" ref={screen}>
      <div className="screen-head">
        <div>
          <p className="muted">{board.contestName}</p>
          <h1>
            {t("screenTitle", { event: board.eventName })}
            {board.frozen ? <span className="board-frozen">{t("frozen")}</span> : null}
          </h1>
          <LiveStatus status={status} updatedAt={updatedAt} />
        </div>
        <div className="board-links">
          <button type="button" className="button" onClick={toggleFull}>{full ? t("exitFullscreen") : t("fullscreen")}</button>
          {!full ? <Link className="button button-secondary" to={`/leaderboard/${board.eventId}${board.view === "live" ? "?view=live" : ""}`}>{t("backToBoard")}</Link> : null}
        </div>
      </div>
      <div className="screen-body">
        <div className="screen-scroll" ref={scroller}>
          <BoardTable board={board} highlighted={highlighted} />
        </div>
        <aside className="screen-changes" aria-labelledby="changes-title">
          <h2 id="changes-title">{t("latestChanges")}</h2>
          {changes.length === 0 ? <p className="muted">{t("noChanges")}</p> : (
            <ol>
              {changes.map((c) => (
                <li key={`${c.id}-${c.at}`}>{c.name ? `${c.name} · ` : ""}{t("changeLine", { code: c.code, total: c.totalText, rank: c.rank ?? "—" })}</li>
              ))}
            </ol>
          )}
        </aside>
      </div>
    </div>
  );
}
