// Service worker for the judges' tablet pages (registered from /judging/*, scope
// /judging/). It keeps a copy of each judging page a judge opened and of the build
// assets, so that a reload while the network is down still opens the page; the page
// then reads its queued marks from the device (see app/components/judging/outbox.ts).
// Pages are network-first (a fresh copy whenever the server answers), assets
// cache-first (their names carry a content hash). Nothing else is cached (not the list
// of a judge's events, /judging itself), and the marks never pass through here.
//
// Copies of pages are per user (issue 11): a tablet shared by two judges must never open
// judge A's page for judge B. The server names the user a judging page was made for
// (X-Gongsai-User); the copy is kept under that user, and every page of the app tells
// the worker who is signed in now (or that nobody is). Offline, the worker opens only
// the signed-in user's copy; for anyone else it answers a short "no copy" page.
const CACHE = "gongsai-judging-v2";
const STATE = "gongsai-judging-state";
const USER_URL = "/__gongsai/signed-in-user";

const pageKey = (userId, pathname) => `/__gongsai/user/${encodeURIComponent(userId)}${pathname}`;

async function signedInUser() {
  const state = await caches.open(STATE);
  const response = await state.match(USER_URL);
  if (!response) return null;
  try {
    return (await response.json()).userId || null;
  } catch {
    return null;
  }
}

async function setSignedInUser(userId) {
  const state = await caches.open(STATE);
  await state.put(USER_URL, new Response(JSON.stringify({ userId: userId || null }), { headers: { "Content-Type": "application/json" } }));
}

/** Keeps a page the server made for a named user, under that user only. */
async function keepPage(cache, pathname, response) {
  const userId = response.headers.get("X-Gongsai-User");
  if (!response.ok || response.redirected || !userId) return;
  await cache.put(pageKey(userId, pathname), response);
}

function noCopyPage() {
  const html = `<!doctype html><html lang="zh"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>离线 · 工赛</title>
<body style="font-family:sans-serif;padding:2rem;max-width:40rem"><h1>网络已断开</h1><p>本设备上没有您这一页的离线副本。请在网络恢复后再打开。已录入但未发送的分数仍保留在本设备上。</p>
<p lang="en">You are offline and this device holds no copy of this page for you. Open it again when the network is back; marks waiting to be sent stay on this device.</p><p><a href="/">返回首页 / Home</a></p></body></html>`;
  return new Response(html, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      // v1 kept pages by address alone, not per user: drop it.
      for (const name of await caches.keys()) if (name.startsWith("gongsai-judging-") && name !== CACHE && name !== STATE) await caches.delete(name);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "user") {
    event.waitUntil(setSignedInUser(typeof data.userId === "string" ? data.userId : null));
    return;
  }
  // The page lists what it was built from (its own URL and the assets it loaded) when it
  // first registers: the worker was not yet in control of that first load.
  if (data.type !== "cache-page") return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const urls = (data.urls || []).filter((u) => typeof u === "string" && new URL(u, self.location.origin).origin === self.location.origin);
      await Promise.all(urls.map(async (u) => {
        const url = new URL(u, self.location.origin);
        const asset = url.pathname.startsWith("/build/");
        if (asset && (await cache.match(url.pathname))) return;
        try {
          const response = await fetch(url.pathname + url.search, { credentials: "same-origin" });
          if (asset) {
            if (response.ok) await cache.put(url.pathname, response);
          } else if (url.pathname.startsWith("/judging/")) {
            // The page asking is the signed-in user's: the server names them.
            const userId = response.headers.get("X-Gongsai-User");
            if (userId) await setSignedInUser(userId);
            await keepPage(cache, url.pathname, response);
          }
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
        let response;
        try {
          response = await fetch(request);
        } catch {
          const userId = await signedInUser();
          const cached = userId ? await cache.match(pageKey(userId, url.pathname)) : undefined;
          return cached || noCopyPage();
        }
        const userId = response.headers.get("X-Gongsai-User");
        if (userId) await setSignedInUser(userId);
        await keepPage(cache, url.pathname, response.clone());
        return response;
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

// Background sync (issue 11, decision 007). The pages keep a copy of each user's waiting
// marks in IndexedDB (app/components/judging/mark-sync.ts: same database, stores and tag)
// and register the sync tag whenever a mark waits. When connectivity returns the browser
// fires "sync", even with no page of the app open; the worker sends only the queue of the
// user it was last told is signed in (the session cookie is that user's), each entry with
// its idempotency key, typedBy and baseVersion, so a replay is harmless. A saved answer
// removes the entry here and is recorded in "sent" (the next page applies it to its
// localStorage queue); a refusal (judge_mismatch, mark_conflict, sheet_locked, a bad
// value) keeps the entry, marked so the worker does not send it again, for the page to
// send and show; a network failure rejects, so the browser tries again later. While a
// page of the app is open the worker leaves the sending to it.
const MARKS_DB = "gongsai-marks";
const SYNC_TAG = "gongsai-marks";

function openMarksDb() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(MARKS_DB, 1);
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains("queues")) db.createObjectStore("queues", { keyPath: "id" });
      if (!db.objectStoreNames.contains("sent")) db.createObjectStore("sent", { keyPath: "key" });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const txDone = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error);
});

const requestResult = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

const markOf = (e) => ({
  blindCodeId: e.blindCodeId, aspectId: e.aspectId, value: e.text, idempotencyKey: e.key,
  ...(e.typedBy ? { typedBy: e.typedBy } : {}),
  ...(e.baseVersion !== undefined ? { baseVersion: e.baseVersion } : {}),
});

/**
 * Removes the saved keys from a queue and records their answers, and marks the refused
 * ones so the worker does not send them again (a page sends them and shows the answer),
 * in one transaction.
 */
async function recordAnswers(db, id, userId, eventId, saved, refused) {
  const tx = db.transaction(["queues", "sent"], "readwrite");
  const queues = tx.objectStore("queues");
  const queue = await requestResult(queues.get(id));
  if (queue) {
    const entries = queue.entries.filter((e) => !saved.has(e.key)).map((e) => (refused.has(e.key) ? { ...e, refusedToWorker: true } : e));
    if (entries.length) queues.put({ ...queue, entries });
    else queues.delete(id);
  }
  for (const result of saved.values()) tx.objectStore("sent").put({ key: result.key, userId, eventId, result });
  await txDone(tx);
}

async function sendQueuedMarksFromWorker() {
  // A page of the app is open: its sender sends the queue and shows the answers (two
  // senders at once would only replay, or log a refusal twice).
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const pageOpen = windows.some((client) => new URL(client.url).origin === self.location.origin);
  const userId = await signedInUser();
  if (!userId) return; // nobody signed in: the marks wait for their judge
  const db = await openMarksDb();
  try {
    const queues = (await requestResult(db.transaction("queues", "readonly").objectStore("queues").getAll())).filter((q) => q.userId === userId);
    if (pageOpen) {
      // Still waiting marks: fail this sync so the browser fires it again later, in case
      // the page closes before it has sent them.
      if (queues.some((q) => q.entries.some((e) => (!e.typedBy || e.typedBy === userId) && !e.refusedToWorker))) throw new Error("a page of the app is sending the queued marks");
      return;
    }
    let failed = false;
    for (const queue of queues) {
      let tried = new Set();
      for (let round = 0; round < 50; round++) {
        const current = await requestResult(db.transaction("queues", "readonly").objectStore("queues").get(queue.id));
        const waiting = (current ? current.entries : []).filter((e) => (!e.typedBy || e.typedBy === userId) && !e.refusedToWorker && !tried.has(e.key)).slice(0, 200);
        if (waiting.length === 0) break;
        waiting.forEach((e) => tried.add(e.key));
        let response;
        try {
          response = await fetch(`/judging/${encodeURIComponent(queue.eventId)}/marks`, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify({ marks: waiting.map(markOf) }),
          });
        } catch {
          failed = true; // network down: the browser fires the sync again later
          break;
        }
        if (response.status === 401) break; // signed out meanwhile: kept for the judge's next session
        const body = await response.json().catch(() => ({}));
        if (!Array.isArray(body.results)) {
          failed = true;
          break;
        }
        const saved = new Map(body.results.filter((r) => r && r.status === "saved").map((r) => [r.key, r]));
        const refused = new Set(body.results.filter((r) => r && r.status === "rejected").map((r) => r.key));
        await recordAnswers(db, queue.id, userId, queue.eventId, saved, refused);
      }
    }
    if (failed) throw new Error("queued marks not sent yet");
  } finally {
    db.close();
  }
}

self.addEventListener("sync", (event) => {
  if (event.tag !== SYNC_TAG) return;
  event.waitUntil(sendQueuedMarksFromWorker());
});
