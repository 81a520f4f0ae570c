// Service worker for the judges' tablet pages (registered from /judging/*, scope
// /judging/). It keeps a copy of each judging page a judge opened and of the build
// assets, so that a reload while the network is down still opens the page; the page
// then reads its queued marks from the device (see app/components/judging/outbox.ts).
// Pages are network-first (a fresh copy whenever the server answers), assets
// cache-first (their names carry a content hash). Nothing else is cached, and the
// marks themselves never pass through here: the page's outbox sends them.
const CACHE = "gongsai-judging-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith("gongsai-judging-") && name !== CACHE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

// The page lists what it was built from (its own URL and the assets it loaded) when it
// first registers: the worker was not yet in control of that first load.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type !== "cache-page") return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const urls = (data.urls || []).filter((u) => typeof u === "string" && new URL(u, self.location.origin).origin === self.location.origin);
      await Promise.all(urls.map(async (u) => {
        const url = new URL(u, self.location.origin);
        if (url.pathname.startsWith("/build/") && (await cache.match(url.pathname))) return;
        try {
          const response = await fetch(url.pathname + url.search, { credentials: "same-origin" });
          if (response.ok && !response.redirected) await cache.put(url.pathname, response);
        } catch {
          // offline already: keep what we have
        }
      }));
      event.source && event.source.postMessage({ type: "page-cached" });
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;

  if (request.mode === "navigate" && url.pathname.startsWith("/judging/")) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          const response = await fetch(request);
          if (response.ok && !response.redirected) await cache.put(url.pathname, response.clone());
          return response;
        } catch (error) {
          const cached = await cache.match(url.pathname);
          if (cached) return cached;
          throw error;
        }
      })(),
    );
    return;
  }

  if (url.pathname.startsWith("/build/")) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        const cached = await cache.match(url.pathname);
        if (cached) return cached;
        const response = await fetch(request);
        if (response.ok) await cache.put(url.pathname, response.clone());
        return response;
      })(),
    );
  }
});
