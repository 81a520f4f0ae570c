// Registers /sw.js for the judging pages and hands it the URLs of the page just loaded
// (the worker did not control that first load), so the page opens again offline. The
// worker keeps those copies per user (issue 11): see public/sw.js.
export function registerJudgingServiceWorker(userId: string) {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  const urls = [
    window.location.pathname,
    ...performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.includes("/build/")),
    ...Array.from(document.querySelectorAll<HTMLScriptElement | HTMLLinkElement>("script[src], link[rel=modulepreload], link[rel=stylesheet]"))
      .map((el) => ("src" in el && el.src) || ("href" in el && el.href) || "")
      .filter((u) => u.includes("/build/")),
  ];
  navigator.serviceWorker
    .register("/sw.js", { scope: "/judging/" })
    .then(async (registration) => {
      const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
      worker?.postMessage({ type: "user", userId });
      worker?.postMessage({ type: "cache-page", urls: [...new Set(urls)] });
    })
    .catch(() => {
      // Without a service worker the page still queues marks; only an offline reload needs it.
    });
}

/**
 * Every page tells the worker (when there is one) who is signed in, or that nobody is:
 * offline, it opens only that user's copies, never another judge's page.
 */
export function announceUserToServiceWorker(userId: string | null) {
  if (typeof navigator === "undefined" || !("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .getRegistration("/judging/")
    .then((registration) => registration?.active?.postMessage({ type: "user", userId }))
    .catch(() => {});
}
