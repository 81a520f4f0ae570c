import { createCookie } from "@remix-run/node";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./resources";

export const localeCookie = createCookie("gs_lng", { path: "/", sameSite: "lax", httpOnly: false, maxAge: 365 * 24 * 3600 });

export async function getLocale(request: Request): Promise<Locale> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : DEFAULT_LOCALE;
}
