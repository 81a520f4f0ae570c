import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { compareRows, type BoardRow, type BoardView } from "./board";

// The board in the browser: starts from the loader's board, follows the live feed
// (EventSource on /events/:id/live) and applies patches without reloading the page.
// Rows that changed are highlighted for a few seconds.

export type BoardData = {
  eventId: string;
  eventName: string;
  contestName: string;
  mode: string;
  view: BoardView;
  identity: "codes" | "names";
  frozen: boolean;
  frozenAt: string | null;
  publishedAt: string | null;
  decrypted: boolean;
  problem: string | null;
  components: { id: string; name: string; kind: string; weightPercent: number }[];
  version: string;
  rowCount: number;
  rows: BoardRow[];
};

export type TeamBoardData = {
  version: string;
  identity: "codes" | "names";
  rows: { id: string; rank: number; name: string; unit: string | null; codes: string[]; total: number; totalText: string; counted: number }[];
};

export type Change = { id: string; code: string; name: string | null; totalText: string; rank: number | null; at: number };
type Status = "connecting" | "live" | "reconnecting";

const HIGHLIGHT_MS = 6_000;

export function useLiveBoard(initial: BoardData) {
  const [board, setBoard] = useState(initial);
  const [status, setStatus] = useState<Status>("connecting");
  const [highlighted, setHighlighted] = useState<Map<string, number>>(new Map());
  const [changes, setChanges] = useState<Change[]>([]);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const current = useRef(initial);

  const adopt = useCallback((next: BoardData, changedIds: string[]) => {
    current.current = next;
    setBoard(next);
    setUpdatedAt(Date.now());
    if (changedIds.length === 0) return;
    const now = Date.now();
    setHighlighted((old) => {
      const map = new Map([...old].filter(([, at]) => now - at < HIGHLIGHT_MS));
      for (const id of changedIds) map.set(id, now);
      return map;
    });
    const byId = new Map(next.rows.map((r) => [r.id, r]));
    setChanges((old) => [
      ...changedIds.map((id) => byId.get(id)).filter((r): r is BoardRow => !!r).map((r) => ({ id: r.id, code: r.code, name: r.name, totalText: r.totalText, rank: r.rank, at: now })),
      ...old,
    ].slice(0, 8));
  }, []);

  const refetch = useCallback(async () => {
    const res = await fetch(`/api/v1/events/${initial.eventId}/leaderboard?view=${initial.view}`, { headers: { Accept: "application/json" } });
    if (!res.ok) return;
    const next = (await res.json()) as BoardData;
    adopt(next, changedRowIds(current.current, next));
  }, [adopt, initial.eventId, initial.view]);

  useEffect(() => {
    const source = new EventSource(`/events/${initial.eventId}/live?view=${initial.view}`);
    source.onopen = () => setStatus("live");
    source.onerror = () => setStatus("reconnecting");
    source.addEventListener("hello", (e) => {
      setStatus("live");
      const hello = JSON.parse((e as MessageEvent<string>).data) as { version: string; board: BoardData | null };
      if (hello.version === current.current.version) return;
      if (hello.board) adopt(hello.board, changedRowIds(current.current, hello.board));
      else void refetch();
    });
    source.addEventListener("patch", (e) => {
      const patch = JSON.parse((e as MessageEvent<string>).data) as { base: string; version: string; rows: BoardRow[]; removed: string[] };
      const held = current.current;
      if (patch.version === held.version) return;
      if (patch.base !== held.version) return void refetch();
      const byId = new Map(held.rows.map((r) => [r.id, r]));
      for (const id of patch.removed) byId.delete(id);
      for (const row of patch.rows) byId.set(row.id, row);
      const rows = [...byId.values()].sort(compareRows);
      const moved = patch.rows.filter((r) => {
        const before = held.rows.find((o) => o.id === r.id);
        return !before || before.totalText !== r.totalText || before.rank !== r.rank;
      });
      adopt({ ...held, version: patch.version, rows, rowCount: rows.length }, moved.map((r) => r.id));
    });
    source.addEventListener("board", (e) => {
      const next = JSON.parse((e as MessageEvent<string>).data) as BoardData;
      adopt(next, changedRowIds(current.current, next));
    });
    source.addEventListener("reload", () => void refetch());
    return () => source.close();
  }, [adopt, refetch, initial.eventId, initial.view]);

  // Highlights fade: re-render once they have all expired.
  useEffect(() => {
    if (highlighted.size === 0) return;
    const timer = setTimeout(() => {
      const now = Date.now();
      setHighlighted((old) => new Map([...old].filter(([, at]) => now - at < HIGHLIGHT_MS)));
    }, HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [highlighted]);

  return { board, status, highlighted, changes, updatedAt };
}

/** Rows whose total or rank differs between two boards (or that are new). */
function changedRowIds(before: BoardData, after: BoardData): string[] {
  if (before.identity !== after.identity) return [];
  const old = new Map(before.rows.map((r) => [r.id, r]));
  return after.rows.filter((r) => {
    const o = old.get(r.id);
    return !o || o.totalText !== r.totalText || o.rank !== r.rank;
  }).map((r) => r.id);
}

export function useTeamBoard(eventId: string, view: BoardView, version: string, enabled: boolean) {
  const [teams, setTeams] = useState<TeamBoardData | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    void fetch(`/api/v1/events/${eventId}/leaderboard/teams?view=${view}`, { headers: { Accept: "application/json" } })
      .then((res) => (res.ok ? (res.json() as Promise<TeamBoardData>) : null))
      .then((data) => {
        if (!cancelled && data) setTeams(data);
      });
    return () => {
      cancelled = true;
    };
  }, [eventId, view, version, enabled]);
  return teams;
}

export function LiveStatus({ status, updatedAt }: { status: Status; updatedAt: number | null }) {
  const { t } = useTranslation("leaderboard");
  const text = status === "live" ? t("live") : status === "connecting" ? t("connecting") : t("reconnecting");
  return (
    <p className={`live-status live-status-${status}`} role="status" aria-live="polite">
      <span className="live-dot" aria-hidden="true" /> {text}
      {updatedAt ? <span className="muted"> · {t("updatedAt", { at: new Date(updatedAt).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai" }) })}</span> : null}
    </p>
  );
}

export function BoardTable({ board, highlighted, limit }: { board: BoardData; highlighted: Map<string, number>; limit?: number }) {
  const { t } = useTranslation("leaderboard");
  const names = board.identity === "names";
  const rows = useMemo(() => (limit ? board.rows.slice(0, limit) : board.rows), [board.rows, limit]);
  return (
    <div className="table-wrap">
      <table className="board-table" aria-label={board.view === "live" ? t("liveView") : t("publicView")}>
        <thead>
          <tr>
            <th scope="col">{t("rank")}</th>
            <th scope="col">{t("code")}</th>
            {names ? <th scope="col">{t("name")}</th> : null}
            {names ? <th scope="col" className="hide-narrow">{t("unit")}</th> : null}
            {board.components.map((c) => <th scope="col" key={c.id} className="num hide-narrow">{c.name || c.id}</th>)}
            <th scope="col" className="num">{t("total")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-row-code={row.code} className={highlighted.has(row.id) ? "row-changed" : undefined}>
              <td className="rank">{row.disqualified ? t("disqualified") : row.rank}</td>
              <td><strong>{row.code}</strong></td>
              {names ? <td>{row.name}</td> : null}
              {names ? <td className="hide-narrow unit-cell" title={row.unit ?? undefined}>{row.unit}</td> : null}
              {row.scores.map((s, i) => <td key={board.components[i]?.id ?? i} className="num hide-narrow">{s}</td>)}
              <td className="num total">
                {row.totalText}
                {!row.complete && !row.disqualified ? <span className="badge badge-quiet">{t("incomplete")}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TeamTable({ teams }: { teams: TeamBoardData }) {
  const { t } = useTranslation("leaderboard");
  if (teams.rows.length === 0) return <p className="muted">{t("noTeams")}</p>;
  return (
    <div className="table-wrap">
      <table className="board-table" aria-label={t("teams")}>
        <thead>
          <tr><th scope="col">{t("rank")}</th><th scope="col">{t("team")}</th>{teams.identity === "names" ? <th scope="col">{t("unit")}</th> : null}<th scope="col" className="num">{t("members")}</th><th scope="col" className="num">{t("total")}</th></tr>
        </thead>
        <tbody>
          {teams.rows.map((row) => (
            <tr key={row.id}><td className="rank">{row.rank}</td><td>{row.name}</td>{teams.identity === "names" ? <td>{row.unit}</td> : null}<td className="num">{row.counted}</td><td className="num total">{row.totalText}</td></tr>
          ))}
        </tbody>
      </table>
      {teams.identity === "codes" ? <p className="muted">{t("teamCodesNote")}</p> : null}
    </div>
  );
}
