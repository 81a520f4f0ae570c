import { describe, expect, it } from "vitest";
import { appendKey } from "../keypad";
import { applyResults, backoffMs, enterMark, knownVersion, loadEntries, outboxEventsOf, pendingEntries, reconcileSent, resolveConflict, saveEntries, sendBodyOf, shownMark, slotOf, storeKeyOf, unsentEntries } from "./outbox";

describe("keypad input", () => {
  it("builds marks with at most two decimals and no leading zeros", () => {
    const type = (keys: string[]) => keys.reduce((v, k) => appendKey(v, k), "");
    expect(type(["8", ".", "5"])).toBe("8.5");
    expect(type([".", "5"])).toBe("0.5");
    expect(type(["0", "7"])).toBe("7");
    expect(type(["1", ".", "2", "5", "9"])).toBe("1.25");
    expect(type(["1", ".", "."])).toBe("1.");
    expect(type(["1", "2", "back"])).toBe("1");
    expect(type(["1", "2", "clear"])).toBe("");
  });
});

describe("outbox", () => {
  const mark = { blindCodeId: "b1", aspectId: "a1", value: 850, text: "8.5" };

  it("keeps an entered mark pending with its own key until the server answers for that key", () => {
    const entries = enterMark({}, mark, new Date("2026-05-01T08:00:00Z"), "k1");
    expect(pendingEntries(entries)).toHaveLength(1);
    const { entries: after } = applyResults(entries, [{ key: "k1", status: "saved", value: 850, savedAt: "2026-05-01T08:00:01.000Z" }]);
    expect(after[slotOf("b1", "a1")]).toMatchObject({ state: "saved", savedAt: "2026-05-01T08:00:01.000Z" });
    expect(pendingEntries(after)).toHaveLength(0);
  });

  it("an answer for a superseded key changes nothing: the newer value is sent next", () => {
    let entries = enterMark({}, mark, new Date(), "k1");
    entries = enterMark(entries, { ...mark, value: 900, text: "9" }, new Date(), "k2");
    const { entries: after } = applyResults(entries, [{ key: "k1", status: "saved", value: 850, savedAt: "x" }]);
    expect(after[slotOf("b1", "a1")]).toMatchObject({ key: "k2", value: 900, state: "pending" });
  });

  it("a locked sheet keeps the mark on the device and says so", () => {
    const entries = enterMark({}, mark, new Date(), "k1");
    const { entries: after, locked } = applyResults(entries, [{ key: "k1", status: "rejected", error: { code: "sheet_locked", message: "本表已被裁判长锁定" } }]);
    expect(locked).toBe(true);
    expect(after[slotOf("b1", "a1")]).toMatchObject({ state: "locked", value: 850 });
  });

  it("survives a reload through storage", () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    saveEntries(storage, "s", enterMark({}, mark, new Date(), "k1"));
    expect(loadEntries(storage, "s")[slotOf("b1", "a1")].key).toBe("k1");
    expect(loadEntries(storage, "missing")).toEqual({});
  });

  it("shows unsent entries first, then the newer of server and device copy", () => {
    const server = { value: 700, savedAt: "2026-05-01T08:00:00.000Z" };
    expect(shownMark(server, undefined)).toEqual({ value: 700, state: "saved" });
    expect(shownMark(server, { ...mark, key: "k", state: "pending", enteredAt: "" })).toMatchObject({ value: 850, state: "pending" });
    expect(shownMark(server, { ...mark, key: "k", state: "saved", enteredAt: "", savedAt: "2026-05-01T09:00:00.000Z" })).toMatchObject({ value: 850 });
    expect(shownMark(server, { ...mark, key: "k", state: "saved", enteredAt: "", savedAt: "2026-05-01T07:00:00.000Z" })).toMatchObject({ value: 700 });
  });

  it("backs off 1 s, 2 s, 4 s … up to 30 s", () => {
    expect([1, 2, 3, 10].map(backoffMs)).toEqual([1000, 2000, 4000, 30000]);
  });
});

describe("outbox on a shared tablet and on two tablets (issue 11)", () => {
  const typed = { blindCodeId: "b1", aspectId: "a1", value: 1200, text: "12", typedBy: "judge-a", baseVersion: 1 };
  const slot = slotOf("b1", "a1");

  it("sends who typed each mark and the version it was typed over", () => {
    const entries = enterMark({}, typed, new Date(), "k1");
    expect(sendBodyOf(pendingEntries(entries)).marks[0]).toEqual({ blindCodeId: "b1", aspectId: "a1", value: "12", idempotencyKey: "k1", typedBy: "judge-a", baseVersion: 1 });
  });

  it("a mark refused because another judge is signed in stays waiting on the device", () => {
    const entries = enterMark({}, typed, new Date(), "k1");
    const { entries: after, otherJudge } = applyResults(entries, [{ key: "k1", status: "rejected", error: { code: "judge_mismatch", message: "另一位裁判" } }]);
    expect(otherJudge).toBe(true);
    expect(after[slot]).toMatchObject({ state: "pending", key: "k1", typedBy: "judge-a" });
    expect(unsentEntries(after)).toHaveLength(1);
  });

  it("a stale entry becomes a conflict showing the newer value until the judge chooses", () => {
    const entries = enterMark({}, typed, new Date(), "k1");
    const current = { value: 1500, valueText: "15.00", version: 2 };
    const { entries: after } = applyResults(entries, [{ key: "k1", status: "rejected", error: { code: "mark_conflict", message: "冲突", current } }]);
    expect(after[slot]).toMatchObject({ state: "conflict", value: 1200, current });
    expect(shownMark({ value: 1400, savedAt: "" }, after[slot])).toMatchObject({ value: 1500, state: "conflict", mine: { value: 1200 } });
    expect(pendingEntries(after)).toHaveLength(0);
    expect(unsentEntries(after)).toHaveLength(1);
    expect(knownVersion(undefined, after[slot])).toBe(2);

    const mine = resolveConflict(after, slot, "mine", new Date(), "k2");
    expect(mine[slot]).toMatchObject({ state: "pending", key: "k2", value: 1200, text: "12", baseVersion: 2, typedBy: "judge-a" });
    const kept = resolveConflict(after, slot, "current", new Date(), "k3");
    expect(kept[slot]).toMatchObject({ state: "pending", key: "k3", value: 1500, text: "15", baseVersion: 2 });
  });

  it("the answer for the device's own earlier entry moves the newer entry's base on (no conflict with itself)", () => {
    let entries = enterMark({}, { ...typed, baseVersion: 0 }, new Date(), "k1");
    entries = enterMark(entries, { ...typed, value: 1300, text: "13", baseVersion: knownVersion(undefined, entries[slot]) }, new Date(), "k2");
    expect(entries[slot]).toMatchObject({ key: "k2", baseVersion: 0, priorKeys: ["k1"] });
    const { entries: after } = applyResults(entries, [{ key: "k1", status: "saved", value: 1200, savedAt: "x", version: 1 }]);
    expect(after[slot]).toMatchObject({ key: "k2", state: "pending", baseVersion: 1 });
  });

  it("knows the version the judge types over", () => {
    expect(knownVersion(undefined, undefined)).toBe(0);
    expect(knownVersion({ version: 3 }, undefined)).toBe(3);
    expect(knownVersion({ version: 3 }, { ...typed, key: "k", state: "saved", enteredAt: "", version: 4 })).toBe(4);
    expect(knownVersion({ version: 5 }, { ...typed, key: "k", state: "pending", enteredAt: "" })).toBe(1);
  });

  it("finds a user's outboxes and no one else's", () => {
    const keys = [storeKeyOf("judge-a", "e1"), storeKeyOf("judge-b", "e1"), storeKeyOf("judge-a", "e2"), "other"];
    const storage = { length: keys.length, key: (i: number) => keys[i] ?? null };
    expect(outboxEventsOf(storage, "judge-a")).toEqual(["e1", "e2"]);
    expect(outboxEventsOf(storage, "judge-b")).toEqual(["e1"]);
  });
});

describe("background sync reconcile (issue 11)", () => {
  const mark = { blindCodeId: "b1", aspectId: "a1", value: 850, text: "8.5", typedBy: "u1", baseVersion: 0 };

  it("entries the service worker sent are no longer waiting; others stay queued", () => {
    let entries = enterMark({}, mark, new Date(), "k1");
    entries = enterMark(entries, { ...mark, aspectId: "a2" }, new Date(), "k2");
    const after = reconcileSent(entries, [{ key: "k1", status: "saved", value: 850, savedAt: "2026-05-01T08:00:01.000Z", version: 1 }]);
    expect(after[slotOf("b1", "a1")]).toMatchObject({ state: "saved", version: 1 });
    expect(pendingEntries(after).map((e) => e.key)).toEqual(["k2"]);
  });

  it("a key the worker sent but the judge has since retyped leaves the newer entry waiting, typed over the sent version", () => {
    let entries = enterMark({}, mark, new Date(), "k1");
    entries = enterMark(entries, { ...mark, value: 900, text: "9" }, new Date(), "k2");
    const after = reconcileSent(entries, [{ key: "k1", status: "saved", value: 850, savedAt: "x", version: 1 }]);
    expect(after[slotOf("b1", "a1")]).toMatchObject({ key: "k2", state: "pending", baseVersion: 1 });
  });

  it("refusals are not applied from the worker's record: the page sends the entry and shows the answer", () => {
    const entries = enterMark({}, mark, new Date(), "k1");
    const after = reconcileSent(entries, [{ key: "k1", status: "rejected", error: { code: "mark_conflict", message: "m", current: { value: 1, valueText: "0.01", version: 2 } } }]);
    expect(after[slotOf("b1", "a1")]).toMatchObject({ state: "pending" });
  });
});
