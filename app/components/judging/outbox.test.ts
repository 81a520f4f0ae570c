import { describe, expect, it } from "vitest";
import { appendKey } from "../keypad";
import { applyResults, backoffMs, enterMark, loadEntries, pendingEntries, saveEntries, shownMark, slotOf } from "./outbox";

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
