// The tablet page sends marks with fetch() and the session cookie (a judge's tablet has
// no API token). The JSON API refuses cookies for state changes, so this endpoint must
// show on its own that the request came from our page, not from another site riding on
// the judge's cookie (CSRF). Three independent locks, all required:
//   1. Sec-Fetch-Site, set by the browser and not settable by scripts: when present it
//      must be "same-origin".
//   2. Origin, which browsers send on every cross-origin request and on same-origin
//      POSTs from fetch(): it must name this very host. A request with neither header is
//      refused (every browser that can run the tablet page sends at least one).
//   3. Content-Type application/json: an HTML form cannot send it, and a cross-site
//      fetch() with it needs a CORS pre-flight, which this server never grants.
// The cookie itself is SameSite=Lax, which already keeps it off cross-site POSTs.

export function isSameOriginRequest(request: Request): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  if (site && site !== "same-origin") return false;
  const origin = request.headers.get("Origin");
  if (origin) {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    const forwarded = request.headers.get("X-Forwarded-Host");
    const own = new URL(request.url).host;
    if (host !== own && host !== forwarded) return false;
  } else if (!site) {
    return false;
  }
  return (request.headers.get("Content-Type") ?? "").includes("application/json");
}
