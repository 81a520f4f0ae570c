import { describe, expect, it } from "vitest";
import type { MetaArgs } from "@remix-run/node";
import { titled } from "./meta";
import { periodLabel } from "~/modules/labour/labels";

// A page title's detail in the reader's language (issue 14: the period page's tab read "2026年6月" in English mode).
describe("titled() passes the page's language to the detail", () => {
  const meta = titled<() => { period: { label: string } }>("labourPeriod", (d, locale) => periodLabel(d.period.label, locale));
  const args = (locale: "zh" | "en") => ({ data: { period: { label: "2026年6月" } }, matches: [{ id: "root", data: { locale } }] }) as unknown as MetaArgs<() => { period: { label: string } }>;
  it("English mode: the month in English", () => {
    const [first] = meta(args("en")) as { title: string }[];
    expect(first.title.startsWith("June 2026 · ")).toBe(true);
    expect(first.title).not.toMatch(/[\u4e00-\u9fff]/);
  });
  it("Chinese mode: unchanged", () => {
    const [first] = meta(args("zh")) as { title: string }[];
    expect(first.title.startsWith("2026年6月 · ")).toBe(true);
  });
});
