/* Masatir's service worker: procedure sheets a citizen opened stay readable offline.
   Sheets and assets are fetched from the network first (always the version in force),
   and the copy kept is served only when the network fails. */
const CACHE = "masatir-sheets-v1";
const SHEET = /^\/[a-z]{2,3}\/procedures\/[a-z0-9-]+(\/history|\/versions\/\d+)?$/;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(["/static/masatir.css", "/static/search.js"])));
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(caches.keys()
    .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
    .then(() => self.clients.claim()));
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (!SHEET.test(url.pathname) && !url.pathname.startsWith("/static/")) return;
  event.respondWith(fetch(event.request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request).then((kept) => kept || Response.error())));
});
