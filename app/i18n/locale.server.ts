import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./resources";

export const localeCookie = createCookie("gs_lng", { path: "/", sameSite: "lax", httpOnly: false, maxAge: 365 * 24 * 3600 });

export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

/** What the language is read from: a Request, or the API's head of one (app/utils/api.server.ts). */
type WithHeaders = { headers: Pick<Headers, "get"> };

/** The language cookie's value, read synchronously (the cookie is unsigned: base64 of JSON). */
function cookieLocale(request: WithHeaders): Locale | null {
  const raw = /(?:^|;\s*)gs_lng=([^;]*)/.exec(request.headers.get("Cookie") ?? "")?.[1];
  if (!raw) return null;
  try {
    const value = JSON.parse(decodeURIComponent(escape(atob(decodeURIComponent(raw)))));
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

/** The first language of Accept-Language we speak ("en-GB,en;q=0.9" → en), by quality. */
function acceptedLocale(request: WithHeaders): Locale | null {
  const header = request.headers.get("Accept-Language");
  if (!header) return null;
  const ranked = header.split(",").map((part, i) => {
    const [tag, ...rest] = part.trim().split(";");
    const q = Number(rest.find((r) => r.trim().startsWith("q="))?.trim().slice(2) ?? "1");
    return { lang: tag.trim().toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0, i };
  }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { lang } of ranked) if (isLocale(lang)) return lang;
  return null;
}

/** A page's language: the reader's choice (the language cookie), else Chinese. */
export const pageLocale = (request: Request): Locale => cookieLocale(request) ?? DEFAULT_LOCALE;

/** An API answer's language: the request's Accept-Language, else the language cookie, else Chinese. */
export const apiLocale = (request: WithHeaders): Locale => acceptedLocale(request) ?? cookieLocale(request) ?? DEFAULT_LOCALE;
