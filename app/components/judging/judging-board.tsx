import { useEffect, useMemo, useState } from "react";
import { useFetcher, useRevalidator } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Keypad } from "~/components/keypad";
import { checkMarkInput, displayValue, runningSubtotal, type SheetAspect } from "~/modules/judging/sheet";
import { formatHundredths } from "~/modules/scoring/exact";
import type { JudgingBoard, JudgeSheet } from "~/modules/judging/marks.server";
import { knownVersion, shownMark, slotOf, storeKeyOf, type Entries, type ShownMark } from "./outbox";
import { useOutbox, type Banner } from "./use-outbox";
import { registerJudgingServiceWorker } from "./service-worker";

const BOARD_REFRESH_MS = 120_000;

type Props = { board: JudgingBoard; userId: string; displayName: string; hasPin: boolean };

function marksOf(sheet: JudgeSheet, entries: Entries) {
  const shown = new Map<string, ShownMark>();
  for (const aspect of sheet.aspects) {
    const server = sheet.marks.find((m) => m.aspectId === aspect.id);
    const mark = shownMark(server, entries[slotOf(sheet.blindCodeId, aspect.id)]);
    if (mark) shown.set(aspect.id, mark);
  }
  return shown;
}

export function JudgingBoardView({ board, userId, displayName, hasPin }: Props) {
  const { t } = useTranslation("judging");
  const { entries, online, banner, enter, resolve } = useOutbox(storeKeyOf(userId, board.event.id), board.event.id, userId);
  const [selected, setSelected] = useState<string | null>(null);
  const revalidator = useRevalidator();

  // What changed meanwhile (a draw, a re-mark request): read again when the tablet comes back
  // to the page or back online, and every few minutes while it stays open.
  useEffect(() => {
    const refresh = () => {
      if (document.visibilityState === "visible" && navigator.onLine && revalidator.state === "idle") revalidator.revalidate();
    };
    document.addEventListener("visibilitychange", refresh);
    window.addEventListener("online", refresh);
    const timer = window.setInterval(refresh, BOARD_REFRESH_MS);
    return () => {
      document.removeEventListener("visibilitychange", refresh);
      window.removeEventListener("online", refresh);
      window.clearInterval(timer);
    };
  }, [revalidator]);

  useEffect(() => {
    registerJudgingServiceWorker(userId);
    // The chosen entrant survives a reload (also an offline one, from the worker's copy).
    const code = new URL(window.location.href).searchParams.get("code");
    if (code && board.sheets.some((s) => s.blindCodeId === code)) setSelected(code);
  }, [board.sheets, userId]);

  const choose = (blindCodeId: string | null) => {
    setSelected(blindCodeId);
    const url = new URL(window.location.href);
    if (blindCodeId) url.searchParams.set("code", blindCodeId);
    else url.searchParams.delete("code");
    // No navigation: the page keeps working without the network.
    window.history.replaceState(window.history.state, "", url.pathname + url.search);
  };

  const pendingTotal = Object.values(entries).filter((e) => e.state === "pending").length;
  const sheet = board.sheets.find((s) => s.blindCodeId === selected) ?? null;

  return (
    <div className="judging">
      <header className="judging-top">
        <div>
          <h1 className="judging-title">{board.event.name}</h1>
          <p className="muted small">{board.event.contestName}</p>
        </div>
        <ConnectionStatus online={online} pending={pendingTotal} />
      </header>
      <Banners banner={banner} online={online} />
      {sheet ? (
        <SheetView key={sheet.blindCodeId} sheet={sheet} entries={entries} online={online} enter={enter} resolve={resolve} onBack={() => choose(null)} displayName={displayName} hasPin={hasPin} />
      ) : (
        <EntrantPicker board={board} entries={entries} onPick={choose} />
      )}
    </div>
  );
}

function ConnectionStatus({ online, pending }: { online: boolean; pending: number }) {
  const { t } = useTranslation("judging");
  return (
    <p className={`conn ${online ? "conn-online" : "conn-offline"}`} role="status" aria-live="polite" data-testid="connection">
      <span>{online ? t("online") : t("offline")}</span>
      {pending > 0 ? <span> · {t("pending", { count: pending })}</span> : null}
    </p>
  );
}

function Banners({ banner, online }: { banner: Banner; online: boolean }) {
  const { t } = useTranslation("judging");
  return (
    <>
      {banner === "locked" ? <div className="alert alert-error judging-banner" role="alert">{t("lockedBanner")}</div> : null}
      {banner === "signedOut" ? <div className="alert alert-warn judging-banner" role="alert">{t("signedOutBanner")}</div> : null}
      {banner === "otherJudge" ? <div className="alert alert-warn judging-banner" role="alert">{t("otherJudgeBanner")}</div> : null}
      {!online ? <div className="alert alert-warn judging-banner" role="status">{t("offlineBanner")}</div> : null}
    </>
  );
}

function sheetSaveState(sheet: JudgeSheet, entries: Entries, online: boolean) {
  const mine = Object.values(entries).filter((e) => e.blindCodeId === sheet.blindCodeId);
  const pending = mine.filter((e) => e.state === "pending").length;
  const locked = mine.some((e) => e.state === "locked");
  const conflicts = mine.filter((e) => e.state === "conflict").length;
  return { pending, locked, conflicts, offline: !online && pending > 0 };
}

function SaveBadge({ sheet, entries, online }: { sheet: JudgeSheet; entries: Entries; online: boolean }) {
  const { t } = useTranslation("judging");
  const { pending, locked, conflicts, offline } = sheetSaveState(sheet, entries, online);
  const text = locked ? t("lockedMark") : conflicts > 0 ? t("conflicts", { count: conflicts }) : pending > 0 ? `${offline ? `${t("offline")} · ` : ""}${t("pending", { count: pending })}` : t("savedOnServer");
  return <span className={`save-badge ${locked || conflicts > 0 ? "save-locked" : pending > 0 ? "save-pending" : "save-ok"}`} data-testid="sheet-save-state">{text}</span>;
}

function EntrantPicker({ board, entries, onPick }: { board: JudgingBoard; entries: Entries; onPick: (id: string) => void }) {
  const { t } = useTranslation("judging");
  const sessions = board.sessions.length ? board.sessions : [{ id: "", name: t("allSessions") }];
  return (
    <section aria-labelledby="pick-title">
      <h2 id="pick-title">{t("pickEntrant")}</h2>
      {sessions.map((session) => {
        const sheets = board.sheets.filter((s) => !session.id || s.sessionId === session.id || (!board.sessions.length));
        if (!sheets.length) return null;
        return (
          <div key={session.id || "all"} className="picker-group">
            {board.sessions.length ? <h3>{session.name}</h3> : null}
            <ul className="picker" aria-label={t("entrants")}>
              {sheets.map((s) => {
                const marked = marksOf(s, entries).size;
                return (
                  <li key={s.blindCodeId}>
                    <button type="button" className={`picker-code status-${s.status}${s.openRemarks.length ? " picker-remark" : ""}`} onClick={() => onPick(s.blindCodeId)}>
                      <span className="picker-station">{s.stationCode}</span>
                      <span className="picker-meta">{marked}/{s.aspects.length} · {t(s.status === "open" ? "statusOpen" : s.status === "submitted" ? "statusSubmitted" : "statusLocked")}</span>
                      {s.openRemarks.length ? <span className="picker-remark-badge" data-testid="remark-badge">{t("remarkBadge", { count: s.openRemarks.length })}</span> : null}
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}

type SheetProps = {
  sheet: JudgeSheet;
  entries: Entries;
  online: boolean;
  enter: (mark: { blindCodeId: string; aspectId: string; value: number; text: string; baseVersion: number }) => void;
  resolve: (slot: string, choice: "current" | "mine") => void;
  onBack: () => void;
  displayName: string;
  hasPin: boolean;
};

function SheetView({ sheet, entries, online, enter, resolve, onBack, displayName, hasPin }: SheetProps) {
  const { t } = useTranslation("judging");
  const shown = useMemo(() => marksOf(sheet, entries), [sheet, entries]);
  const firstOpen = sheet.aspects.find((a) => !shown.has(a.id))?.id ?? sheet.aspects[0]?.id ?? null;
  const [activeId, setActiveId] = useState<string | null>(firstOpen);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const active = sheet.aspects.find((a) => a.id === activeId) ?? null;
  const editable = sheet.status === "open" || (sheet.status === "submitted" && sheet.openRemarks.some((r) => r.aspectId === activeId));
  const values = new Map([...shown].map(([id, m]) => [id, m.value]));
  const subtotal = runningSubtotal(sheet.aspects, values);

  const confirm = (text: string) => {
    if (!active) return setError(t("chooseAspect"));
    const checked = checkMarkInput(active, text, active.name);
    if (!checked.ok) return setError(checked.message);
    setError(null);
    // The version the judge typed over (issue 11): a stale entry then becomes a conflict, never an overwrite.
    const baseVersion = knownVersion(sheet.marks.find((m) => m.aspectId === active.id), entries[slotOf(sheet.blindCodeId, active.id)]);
    enter({ blindCodeId: sheet.blindCodeId, aspectId: active.id, value: checked.value, text, baseVersion });
    setTyped("");
    const next = sheet.aspects.find((a) => a.id !== active.id && !shown.has(a.id));
    if (next) setActiveId(next.id);
  };

  return (
    <section className="sheet" aria-labelledby="sheet-title">
      <div className="sheet-head">
        <button type="button" className="button button-secondary" onClick={onBack}>{t("backToList")}</button>
        <h2 id="sheet-title" className="sheet-station">
          <span className="muted small">{t("station")}</span> {sheet.stationCode}
        </h2>
        <SaveBadge sheet={sheet} entries={entries} online={online} />
        <span className={`badge status-${sheet.status}`}>{t(sheet.status === "open" ? "statusOpen" : sheet.status === "submitted" ? "statusSubmitted" : "statusLocked")}</span>
      </div>
      {sheet.status === "submitted" && sheet.signatureName ? <p className="muted">{t("submitted", { name: sheet.signatureName })}</p> : null}
      <div className="sheet-body">
        <ol className="aspects">
          {sheet.aspects.map((aspect) => (
            <AspectRow key={aspect.id} aspect={aspect} mark={shown.get(aspect.id)} active={aspect.id === activeId} remark={sheet.openRemarks.find((r) => r.aspectId === aspect.id)?.reason}
              onSelect={() => { setActiveId(aspect.id); setTyped(""); setError(null); }} onResolve={(choice) => resolve(slotOf(sheet.blindCodeId, aspect.id), choice)} />
          ))}
        </ol>
        <aside className="entry-panel">
          <p className="subtotal" aria-live="polite">
            <span>{t("subtotal")}</span> <strong data-testid="subtotal">{t("subtotalOf", { value: subtotal.text, max: subtotal.maxText })}</strong>
          </p>
          {active && editable ? (
            <>
              <p className="entry-for">{t("enterFor", { name: active.name })}</p>
              {active.scale === "0-3" ? (
                <div className="levels" role="group" aria-label={t("levels")}>
                  {active.levels.map((level) => (
                    <button key={level.value} type="button" className={`level-button ${shown.get(active.id)?.value === level.value ? "level-chosen" : ""}`} onClick={() => confirm(String(level.value / 100))}>
                      <span className="level-value">{level.value / 100}</span>
                      <span className="level-label">{level.label}</span>
                    </button>
                  ))}
                </div>
              ) : (
                <Keypad value={typed} onChange={(v) => { setTyped(v); setError(null); }} onOk={() => confirm(typed)} label={t("enterFor", { name: active.name })} />
              )}
              {error ? <p className="field-error" role="alert">{error}</p> : null}
            </>
          ) : null}
          {sheet.status === "open" ? <SubmitSheet sheet={sheet} shown={shown} entries={entries} online={online} displayName={displayName} hasPin={hasPin} /> : null}
        </aside>
      </div>
    </section>
  );
}

function AspectRow({ aspect, mark, active, remark, onSelect, onResolve }: { aspect: SheetAspect; mark: ShownMark | undefined; active: boolean; remark?: string; onSelect: () => void; onResolve: (choice: "current" | "mine") => void }) {
  const { t } = useTranslation("judging");
  const state = mark?.state;
  return (
    <li className={`aspect ${active ? "aspect-active" : ""}`}>
      <button type="button" className="aspect-button" onClick={onSelect} aria-pressed={active}>
        <span className="aspect-name">{aspect.name}</span>
        <span className="aspect-meta muted small">
          {aspect.group ? `${aspect.group} · ` : ""}
          {aspect.scale === "0-3" ? `${t("scale03")} · ${t("max", { max: formatHundredths(aspect.markMax) })}` : t("max", { max: formatHundredths(aspect.max) })}
          {aspect.scale === "points" && aspect.step > 1 ? ` · ${t("step", { step: formatHundredths(aspect.step) })}` : ""}
        </span>
        <span className="aspect-value" data-testid={`value-${aspect.id}`}>{mark ? displayValue(aspect, mark.value) : t("notMarked")}</span>
        <span className={`mark-state mark-${state ?? "none"}`} data-testid={`state-${aspect.id}`}>
          {state === "saved" ? `✓ ${t("savedOnServer")}` : state === "pending" ? t("pendingOne") : state === "locked" ? t("lockedMark") : state === "rejected" ? t("rejected") : state === "conflict" ? t("conflictOne") : ""}
        </span>
      </button>
      {aspect.levels.length && aspect.scale === "0-3" ? (
        <ul className="level-guide muted small" aria-label={t("levels")}>
          {aspect.levels.map((l) => <li key={l.value}>{l.value / 100} {l.label}</li>)}
        </ul>
      ) : aspect.levels.length ? (
        <ul className="level-guide muted small" aria-label={t("levels")}>{aspect.levels.map((l) => <li key={l.value}>{l.label}</li>)}</ul>
      ) : null}
      {remark ? <p className="alert alert-warn small">{t("remarkRequested", { reason: remark })}</p> : null}
      {mark?.state === "conflict" && mark.mine ? (
        <div className="alert alert-warn small" role="group" aria-label={t("conflictTitle", { name: aspect.name })} data-testid={`conflict-${aspect.id}`}>
          <p>{t("conflictBody", { current: displayValue(aspect, mark.value), mine: displayValue(aspect, mark.mine.value) })}</p>
          <div className="toolbar">
            <button type="button" className="button button-secondary" onClick={() => onResolve("current")}>{t("keepCurrent", { value: displayValue(aspect, mark.value) })}</button>
            <button type="button" className="button" onClick={() => onResolve("mine")}>{t("useMine", { value: displayValue(aspect, mark.mine.value) })}</button>
          </div>
        </div>
      ) : mark?.message && mark.state !== "saved" ? <p className="field-error small">{mark.message}</p> : null}
    </li>
  );
}

function SubmitSheet({ sheet, shown, entries, online, displayName, hasPin }: { sheet: JudgeSheet; shown: Map<string, ShownMark>; entries: Entries; online: boolean; displayName: string; hasPin: boolean }) {
  const { t } = useTranslation("judging");
  const fetcher = useFetcher<{ ok: boolean; message?: string; issues?: { path: string; message: string }[] }>();
  const [open, setOpen] = useState(false);
  const missing = sheet.aspects.filter((a) => !shown.has(a.id)).length;
  const { pending, conflicts } = sheetSaveState(sheet, entries, online);
  const blocked = missing > 0 ? t("submitNeedsAll", { count: missing }) : conflicts > 0 ? t("submitNeedsResolved") : pending > 0 || !online ? t("submitNeedsSaved") : null;
  const result = fetcher.data;
  return (
    <div className="submit-sheet">
      <button type="button" className="button submit-button" disabled={!!blocked} onClick={() => setOpen(true)}>{t("submit")}</button>
      {blocked ? <p className="muted small">{blocked}</p> : null}
      {open && !blocked ? (
        <div className="dialog-backdrop">
          <div className="dialog card" role="dialog" aria-modal="true" aria-labelledby="submit-title">
            <h3 id="submit-title">{t("submitTitle", { code: sheet.stationCode })}</h3>
            <p>{t("submitBody")}</p>
            <ul className="submit-list">
              {sheet.aspects.map((a) => <li key={a.id}>{a.name}{t("common:colon")}<strong>{displayValue(a, shown.get(a.id)!.value)}</strong></li>)}
            </ul>
            {!hasPin ? <p className="alert alert-warn">{t("noPin")}</p> : null}
            <fetcher.Form method="post" className="stack">
              <input type="hidden" name="blindCodeId" value={sheet.blindCodeId} />
              <div className="field">
                <label htmlFor="signatureName">{t("signatureName")}</label>
                <input id="signatureName" name="signatureName" autoComplete="name" defaultValue="" placeholder={displayName} required />
              </div>
              <div className="field">
                <label htmlFor="pin">{t("pin")}</label>
                <input id="pin" name="pin" type="password" inputMode="numeric" autoComplete="off" pattern="\d*" required />
              </div>
              {result && !result.ok ? <p className="field-error" role="alert">{result.message}</p> : null}
              <div className="toolbar">
                <button type="submit" className="button" disabled={fetcher.state !== "idle"}>{t("confirmSubmit")}</button>
                <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>{t("cancel")}</button>
              </div>
            </fetcher.Form>
          </div>
        </div>
      ) : null}
    </div>
  );
}
