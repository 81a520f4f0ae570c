const DEFAULT_REDIRECT = "/";

/**
 * Only same-site paths: never `//evil.example`, an absolute URL, a backslash or a control
 * character (open redirect). Browsers drop tabs and newlines from URLs and read `\` as `/`,
 * so `/\t/evil.example` would leave the site: anything but a plain path falls back.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = DEFAULT_REDIRECT) {
  if (!to || typeof to !== "string") return fallback;
  // eslint-disable-next-line no-control-regex
  if (!to.startsWith("/") || /[\u0000-\u0020\u007f\\]/.test(to)) return fallback;
  if (to.startsWith("//")) return fallback;
  // Resolved against a made-up origin of our own, the path must stay on that origin.
  try {
    if (new URL(to, "http://gongsai.invalid").origin !== "http://gongsai.invalid") return fallback;
  } catch {
    return fallback;
  }
  return to;
}
