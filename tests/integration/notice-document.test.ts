import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { localeCookie } from "~/i18n/locale.server";
import { createProvince, createUser, sessionCookieFor, uid } from "../factories";
import { ensureBuild, startServer, stopServer, type ServerProcess } from "./server-process";

// Issue 13's notice target, through the running server: the public 公示 (rules N-31, N-33) of an
// anonymous reader is kept by server.mjs per path and documentKey (notice stamp, objections open
// today, language, the site's address) and served from its bytes with this response's own CSP
// nonce and request id. What must hold: a kept answer is the page Remix renders, byte for byte
// but for those two; it follows the notice at once; a signed-in reader, another language or a
// forged host never get or make another reader's document. On SQLite and PostgreSQL.

let server: ServerProcess;
let code: string;
let noticeId: string;
let entryIds: string[] = [];
let signedIn: string;
let userName: string;

beforeAll(async () => {
  ensureBuild();
  const p = await createProvince();
  const round = await db.reviewRound.create({ data: { subjectType: "honours.nomination", title: `公示缓存${uid()}`, topOrgId: p.cityA.id } });
  const names = ["张建国", "李秀英", "王<b>强</b>"];
  const subs = [];
  for (const [i, name] of names.entries()) {
    subs.push(await db.reviewSubmission.create({ data: { roundId: round.id, subjectType: "honours.nomination", subjectId: `s${uid()}`, title: name, submitterOrgId: p.enterpriseA.id, levels: JSON.stringify([p.enterpriseA.id, p.cityA.id]), status: "at_level", currentLevel: 1, category: String(i) } }));
  }
  code = `doc${uid()}`.slice(0, 24);
  const notice = await db.publicNotice.create({ data: { roundId: round.id, orgId: p.cityA.id, title: "2026年杭州市五一劳动奖推荐对象公示", windowKind: "calendar", windowDays: 7, startsOn: "2026-01-01", endsOn: "2099-12-31", contact: "0571-85000000", publicCode: code } });
  noticeId = notice.id;
  for (const [i, s] of subs.entries()) {
    const e = await db.noticeEntry.create({ data: { noticeId, submissionId: s.id, name: names[i], sex: "男", unit: "杭州汽轮动力集团", post: "高级技师", deeds: "扎根一线，技术攻关成绩突出。", sortOrder: i } });
    entryIds.push(e.id);
  }
  const user = await createUser([{ role: "worker", orgId: p.teamA.id }]);
  userName = user.displayName;
  signedIn = await sessionCookieFor(user.id);
  server = await startServer({ RESULTS_WATCH_MS: "0" });
}, 300_000);

afterAll(() => stopServer(server));

type Page = { status: number; body: string; nonce: string; requestId: string; cache: string | null; csp: string };

async function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<Page> {
  const res = await fetch(`${server.url}${path}`, { method, headers, redirect: "manual" });
  const csp = res.headers.get("content-security-policy") ?? "";
  return { status: res.status, body: await res.text(), nonce: /'nonce-([^']+)'/.exec(csp)?.[1] ?? "", requestId: res.headers.get("x-request-id") ?? "", cache: res.headers.get("x-cache"), csp };
}

/** The page with its per-response values taken out. */
const normalised = (p: Page) => p.body.split(p.nonce).join("NONCE").split(p.requestId).join("REQUEST-ID");

describe("the anonymous 公示 document is kept and served from its bytes (issue 13, N-31)", () => {
  let first: Page;

  it("a second anonymous reader gets the kept page: the same bytes but a fresh nonce and request id, which its scripts carry", async () => {
    first = await get(`/notices/${code}`);
    expect(first.status).toBe(200);
    expect(first.cache).toBeNull();
    expect(first.body).toContain("张建国");
    expect(first.body).toContain("王&lt;b&gt;强&lt;/b&gt;");
    expect(first.body).not.toContain("王<b>强");
    const second = await get(`/notices/${code}`);
    expect(second.status).toBe(200);
    expect(second.cache).toBe("hit");
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.requestId).not.toBe(first.requestId);
    expect(second.body).not.toContain(first.nonce);
    expect(second.body).toContain(`nonce="${second.nonce}"`);
    expect(second.body).toContain(second.requestId);
    expect(normalised(second)).toBe(normalised(first));
    expect(second.csp).toBe(first.csp.replace(first.nonce, second.nonce));
  });

  it("a client's own X-Request-Id is written into the kept page as given; HEAD has the headers only", async () => {
    const mine = await get(`/notices/${code}`, { "X-Request-Id": "client.trace-7f3e9b" });
    expect(mine.cache).toBe("hit");
    expect(mine.requestId).toBe("client.trace-7f3e9b");
    expect(normalised(mine)).toBe(normalised(first));
    const head = await get(`/notices/${code}`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("follows the notice at once: a withdrawn candidate leaves the kept page (the stamp moves)", async () => {
    await db.noticeEntry.update({ where: { id: entryIds[1] }, data: { status: "withdrawn" } });
    const after = await get(`/notices/${code}`);
    expect(after.cache).toBeNull();
    expect(after.body).not.toContain("李秀英");
    expect(after.body).toContain("张建国");
    const again = await get(`/notices/${code}`);
    expect(again.cache).toBe("hit");
    expect(again.body).not.toContain("李秀英");
    await db.noticeEntry.update({ where: { id: entryIds[1] }, data: { status: "listed" } });
    expect((await get(`/notices/${code}`)).body).toContain("李秀英");
  });

  it("each language has its own kept page, and one does not evict the other", async () => {
    const english = await get(`/notices/${code}`, { Cookie: (await localeCookie.serialize("en")).split(";")[0] });
    const englishAgain = await get(`/notices/${code}`, { Cookie: (await localeCookie.serialize("en")).split(";")[0] });
    const chinese = await get(`/notices/${code}`);
    expect(english.body).toContain('<html lang="en"');
    expect(englishAgain.cache).toBe("hit");
    expect(englishAgain.body).toContain('<html lang="en"');
    expect(chinese.body).toContain('<html lang="zh');
    expect(chinese.body).not.toContain('<html lang="en"');
    // the English page did not evict the Chinese one
    expect(chinese.cache).toBe("hit");
  });

  it("a signed-in reader is rendered for themself, never served nor kept as the anonymous page", async () => {
    const mine = await get(`/notices/${code}`, { Cookie: signedIn });
    expect(mine.cache).toBeNull();
    expect(mine.body).toContain(userName);
    const anonymous = await get(`/notices/${code}`);
    expect(anonymous.body).not.toContain(userName);
  });

  it("a forged X-Forwarded-Host (no trusted proxy) reaches neither the QR code's address nor the kept page", async () => {
    const forged = await get(`/notices/${code}`, { "X-Forwarded-Host": "evil.example:1234" });
    expect(forged.body).not.toContain("evil.example");
    expect(forged.body).not.toContain(":1234");
    const next = await get(`/notices/${code}`);
    expect(next.body).not.toContain("evil.example");
    expect(next.body).not.toContain(":1234");
  });

  it("an unknown code is a 404 page, never kept", async () => {
    const missing = await get(`/notices/nope${uid()}`);
    expect(missing.status).toBe(404);
    expect(missing.cache).toBeNull();
  });
});
