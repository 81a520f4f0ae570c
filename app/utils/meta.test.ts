import { describe, expect, it } from "vitest";
import { pageTitle, titled } from "./meta";

const args = (locale: string, data: unknown) =>
  ({ data, params: {}, location: { pathname: "/" }, error: undefined, matches: [{ id: "root", pathname: "/", params: {}, data: { locale }, meta: [] }] }) as never;

describe("titled (issue 12 item 3)", () => {
  it("names the page in the root loader's language", () => {
    expect(titled("contests")(args("zh", {}))).toEqual([{ title: "竞赛 · 工赛" }]);
    expect(titled("contests")(args("en", {}))).toEqual([{ title: "Contests · Gongsai" }]);
  });

  it("puts the loader's detail first, and keeps the page name when the loader threw", () => {
    const meta = titled<() => { event: { name: string } }>("scheme", (d) => d.event.name);
    expect(meta(args("zh", { event: { name: "数控车工" } }))).toEqual([{ title: "数控车工 · 评分标准 · 工赛" }]);
    expect(meta(args("en", undefined))).toEqual([{ title: "Marking scheme · Gongsai" }]);
    expect(meta(args("en", { unexpected: true }))).toEqual([{ title: "Marking scheme · Gongsai" }]);
  });

  it("adds extra descriptors and falls back to Chinese without a root match", () => {
    const meta = titled("verify", undefined, [{ name: "robots", content: "noindex" }]);
    expect(meta({ data: undefined, matches: [] } as never)).toEqual([{ title: "证书核验 · 工赛" }, { name: "robots", content: "noindex" }]);
  });

  it("does not repeat a part that equals the page name", () => {
    expect(pageTitle("zh", "registrations", "报名")).toBe("报名 · 工赛");
  });
});
