import crypto from "node:crypto";
import QRCode from "qrcode";
import { db } from "~/utils/db.server";
import { notFound } from "~/utils/errors";
import type { Locale } from "~/i18n/resources";
import { common } from "~/i18n/common";
import { publicNoticeText } from "./i18n";

// The public 公示 page kept like a static file (rules N-31, N-33; issue 13's notice target,
// scripts/bench/nominations.ts). The entries of a notice are written once, when it opens,
// in the same transaction as the notice row; afterwards the only change is an entry going from
// "listed" to "withdrawn" when 核查 of an objection withdraws the candidate (decideObjection).
// So the notice row's fields, its organisation's name and the number of listed entries form a
// stamp that moves with every change a reader can see. Each read costs one small query for the
// stamp (as a static file server stats its file); the entries, and the printable page's bytes,
// are kept per stamp and rebuilt only when it moves. The stamp is read from the database, so a
// withdrawal made by another process is seen on the next request too.

export const NOTICE_NOT_FOUND = "找不到该公示 / notice not found";

export type NoticeHead = {
  id: string; code: string; title: string; orgName: string; contact: string; windowKind: string; windowDays: number;
  startsOn: string; endsOn: string; status: string; listed: number;
};
export type PublicEntry = { id: string; name: string; sex: string; unit: string; post: string; deeds: string };

/** What the stamp is made of: everything the public page shows except the entries' own fields. */
export const stampOf = (h: NoticeHead) => JSON.stringify([h.id, h.title, h.orgName, h.contact, h.windowKind, h.windowDays, h.startsOn, h.endsOn, h.status, h.listed]);

/** The notice's public head and its stamp, one round trip; null when no notice has the code. */
export async function noticeHead(code: string): Promise<NoticeHead | null> {
  if (!code || code.length > 64) return null;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`SELECT n."id" AS "id", n."publicCode" AS "code", n."title" AS "title", n."contact" AS "contact",
      n."windowKind" AS "windowKind", n."windowDays" AS "windowDays", n."startsOn" AS "startsOn", n."endsOn" AS "endsOn", n."status" AS "status",
      o."name" AS "orgName",
      (SELECT COUNT(*) FROM "NoticeEntry" e WHERE e."noticeId" = n."id" AND e."status" = 'listed') AS "listed"
    FROM "PublicNotice" n LEFT JOIN "Organisation" o ON o."id" = n."orgId" WHERE n."publicCode" = ${code}`;
  const r = rows[0];
  if (!r) return null;
  return {
    id: String(r.id), code: String(r.code), title: String(r.title), orgName: String(r.orgName ?? ""), contact: String(r.contact ?? ""), windowKind: String(r.windowKind),
    windowDays: Number(r.windowDays), startsOn: String(r.startsOn), endsOn: String(r.endsOn), status: String(r.status), listed: Number(r.listed),
  };
}

const LIMIT = 200;
const remember = <K, V>(map: Map<K, V>, key: K, value: V) => {
  if (map.size >= LIMIT) map.delete(map.keys().next().value as K);
  map.set(key, value);
  return value;
};

const entriesByNotice = new Map<string, { stamp: string; entries: PublicEntry[] }>();

/** The listed entries of a notice, in order, kept per stamp (public fields only: never an ID number). */
export async function noticeEntries(head: NoticeHead): Promise<PublicEntry[]> {
  const stamp = stampOf(head);
  const hit = entriesByNotice.get(head.id);
  if (hit && hit.stamp === stamp) return hit.entries;
  const entries = await db.noticeEntry.findMany({
    where: { noticeId: head.id, status: "listed" }, orderBy: { sortOrder: "asc" }, select: { id: true, name: true, sex: true, unit: true, post: true, deeds: true },
  });
  // Read after the stamp: if a withdrawal landed in between, the entries are the newer ones
  // and the next read (whose stamp then differs) reloads them once.
  return remember(entriesByNotice, head.id, { stamp, entries }).entries;
}

const qrByUrl = new Map<string, string>();

/** The QR code (SVG) of a notice's address, made once per address. */
export async function noticeQrSvg(url: string): Promise<string> {
  const hit = qrByUrl.get(url);
  if (hit) return hit;
  return remember(qrByUrl, url, await QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 1 }));
}

// ------------------------------------------------------------------ the printable page, as bytes

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
const fill = (text: string, vars: Record<string, string | number>) => text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ""));

const PRINT_CSS = `body{font-family:"Noto Sans SC","PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#111;line-height:1.5}
h1{font-size:1.5rem;text-align:center}table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border:1px solid #444;padding:.3rem .5rem;vertical-align:top;text-align:left}
td.deeds{white-space:pre-wrap}.qr{display:flex;gap:1rem;align-items:center;margin-top:1.5rem}.qr div{width:120px}.muted{color:#555;font-size:.9rem}
@media print{body{margin:0;max-width:none}a{color:inherit;text-decoration:none}.no-print{display:none}tr{break-inside:avoid}}`;

/** The printable 公示 as one HTML document (what a notice board shows), in the reader's language. */
export function renderPrintableNotice(head: NoticeHead, entries: readonly PublicEntry[], lang: Locale, url: string, qrSvg: string): string {
  const t = publicNoticeText[lang];
  const rows = entries.map((e) => `<tr><th scope="row">${escapeHtml(e.name)}</th><td>${escapeHtml(e.sex)}</td><td>${escapeHtml(e.unit)}</td><td>${escapeHtml(e.post)}</td><td class="deeds">${escapeHtml(e.deeds)}</td></tr>`);
  const table = entries.length === 0 ? `<p class="muted">${escapeHtml(t.none)}</p>`
    : `<table><thead><tr><th scope="col">${escapeHtml(t.name)}</th><th scope="col">${escapeHtml(t.sex)}</th><th scope="col">${escapeHtml(t.unit)}</th><th scope="col">${escapeHtml(t.post)}</th><th scope="col">${escapeHtml(t.deeds)}</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
  const unit = head.windowKind === "working" ? t.workingUnit : t.calendarUnit;
  return `<!DOCTYPE html><html lang="${lang === "en" ? "en" : "zh-CN"}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">`
    + `<title>${escapeHtml(head.title)}</title><style>${PRINT_CSS}</style></head><body><article aria-labelledby="notice-title">`
    + `<h1 id="notice-title">${escapeHtml(head.title)}</h1><p><strong>${escapeHtml(head.orgName)}</strong></p>`
    + `<p>${escapeHtml(fill(t.window, { start: head.startsOn, end: head.endsOn, days: head.windowDays, unit }))}</p><p>${escapeHtml(t.intro)}</p>`
    + (head.contact ? `<p>${escapeHtml(fill(t.contact, { contact: head.contact }))}</p>` : "")
    + table
    + `<figure class="qr" aria-label="${escapeHtml(t.scan)}"><div>${qrSvg}</div><figcaption class="muted">${escapeHtml(t.scan)}<br>${escapeHtml(url)}</figcaption></figure>`
    + `<p class="muted">${escapeHtml(fill(t.objectOnline, { url }))}</p><p class="no-print"><a href="${escapeHtml(url)}">${escapeHtml(t.objectTitle)}</a></p>`
    + `</article></body></html>`;
}

// ------------------------------------------------------------------ the interactive page's rows, as HTML

/** The interactive page's table rows and the objection form's choices, escaped once per stamp and language. */
export type NoticeFragments = { rows: string; options: string; count: number };
const fragmentsByNotice = new Map<string, { stamp: string; fragments: NoticeFragments }>();

/** The rows (name as the row header, sex, unit, post, short deeds: never an ID number) and the form's options, in the reader's language. */
export function renderNoticeFragments(entries: readonly PublicEntry[], lang: Locale): NoticeFragments {
  const inParens = common[lang].inParens;
  let rows = "";
  let options = "";
  for (const e of entries) {
    rows += `<tr><th scope="row">${escapeHtml(e.name)}</th><td>${escapeHtml(e.sex)}</td><td>${escapeHtml(e.unit)}</td><td>${escapeHtml(e.post)}</td><td style="white-space:pre-wrap">${escapeHtml(e.deeds)}</td></tr>`;
    options += `<option value="${escapeHtml(e.id)}">${escapeHtml(e.name + fill(inParens, { text: e.unit }))}</option>`;
  }
  return { rows, options, count: entries.length };
}

/**
 * The interactive page's fragments (/notices/:code, with the objection form), rebuilt only when
 * the notice's stamp moves, like the printable page's bytes: the page inserts them as they are
 * instead of rendering 3,000 rows through React on every request.
 */
export async function noticeFragments(head: NoticeHead, lang: Locale): Promise<NoticeFragments> {
  const stamp = stampOf(head);
  const key = `${head.id}\n${lang}`;
  const hit = fragmentsByNotice.get(key);
  if (hit && hit.stamp === stamp) return hit.fragments;
  const fragments = renderNoticeFragments(await noticeEntries(head), lang);
  return remember(fragmentsByNotice, key, { stamp, fragments }).fragments;
}

type Page = { stamp: string; etag: string; bytes: Uint8Array };
const pages = new Map<string, Page>();

/**
 * The printable notice's bytes and ETag, rebuilt only when the notice's stamp moves (an
 * objection's 核查 withdrawing a candidate moves it). `origin` is the site's address for the QR code.
 */
export async function printableNotice(code: string, lang: Locale, origin: string): Promise<{ etag: string; bytes: Uint8Array }> {
  const head = await noticeHead(code);
  if (!head) throw notFound(NOTICE_NOT_FOUND);
  const stamp = stampOf(head);
  const key = `${head.id}\n${lang}\n${origin}`;
  const hit = pages.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const url = `${origin}/notices/${head.code}`;
  const html = renderPrintableNotice(head, await noticeEntries(head), lang, url, await noticeQrSvg(url));
  const bytes = new Uint8Array(Buffer.from(html, "utf8"));
  const etag = `"n-${crypto.createHash("sha256").update(key).update("\n").update(stamp).digest("base64url").slice(0, 22)}"`;
  return remember(pages, key, { stamp, etag, bytes });
}

/** Does the request's If-None-Match name this ETag (a list, or weak tags, as RFC 9110 allows)? */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}
