// The offline worker: keeps the papers of the current and coming meetings on the tablet so
// they stay readable when the Wi-Fi drops. Served from /sw.js so it covers every page.
//
// What may be kept comes from the server (GET /api/v1/me/offline-documents): never a
// classified paper, and only the current version of each. Each time the tablet syncs
// (the meeting page asks on every visit and on every change of the list), files that
// left the list — recalled, unpublished, replaced by a new version — are deleted.
"use strict";

const PAPERS = "papers-v1";   // the files and reader pages of listed papers
const SHELL = "shell-v1";     // scripts, styles, pdf.js, the meeting pages last seen
const FILE = /^\/api\/v1\/documents\/(\d+)\/file$/;
const READER = /^\/documents\/(\d+)\/read$/;
const MEETING = /^\/meetings\/\d+$/;
// What the reader needs to open a kept paper with no connection at all.
const READER_FILES = [
  "/static/css/app.css", "/static/css/documents.css", "/static/js/common.js",
  "/static/js/reader.js", "/static/js/reader_marks.js", "/static/js/reader_comments.js",
  "/static/js/reader_live.js", "/static/vendor/socket.io.min.js",
  "/static/vendor/pdfjs/pdf.min.mjs", "/static/vendor/pdfjs/pdf.worker.min.mjs",
];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function fileUrl(doc) {
  return "/api/v1/documents/" + doc.id + "/file?v=" + doc.version;
}

function readerUrl(doc) {
  return "/documents/" + doc.id + "/read";
}

function keyOf(url) {
  const u = new URL(url, self.location.origin);
  return u.pathname + u.search;
}

async function sync() {
  let listed;
  try {
    const response = await fetch("/api/v1/me/offline-documents",
                                 {credentials: "same-origin", headers: {Accept: "application/json"}});
    if (response.status === 401) { await forget(); return 0; }
    if (!response.ok) return null;
    listed = (await response.json()).documents;
  } catch (err) {
    return null;  // offline: keep what we have
  }
  if (listed.length) {
    const shell = await caches.open(SHELL);
    const missing = [];
    for (const url of READER_FILES) if (!(await shell.match(url))) missing.push(url);
    try {
      await shell.addAll(missing);
    } catch (err) {
      return null;
    }
  }
  const wanted = new Set();
  listed.forEach((doc) => { wanted.add(fileUrl(doc)); wanted.add(readerUrl(doc)); });
  const cache = await caches.open(PAPERS);
  const have = new Set();
  for (const request of await cache.keys()) {
    const key = keyOf(request.url);
    if (wanted.has(key)) have.add(key);
    else await cache.delete(request);   // recalled, unpublished or replaced
  }
  for (const url of wanted) {
    if (have.has(url)) continue;
    try {
      const response = await fetch(url, {credentials: "same-origin"});
      if (response.ok && !noStore(response)) await cache.put(url, response);
    } catch (err) {
      break;  // the connection went away; the next sync goes on
    }
  }
  return listed.length;
}

function noStore(response) {
  return /no-store/.test(response.headers.get("Cache-Control") || "");
}

async function forget() {
  await caches.delete(PAPERS);
  await caches.delete(SHELL);
}

self.addEventListener("message", (event) => {
  if (!event.data) return;
  if (event.data.type === "sync") {
    event.waitUntil(sync().then((count) => {
      if (count !== null && event.source) event.source.postMessage({type: "synced", count});
    }));
  }
  if (event.data.type === "forget") event.waitUntil(forget());
});

// A byte range of a cached file, the way the server would answer it (pdf.js asks for
// ranges even when the file comes from the cache).
async function ranged(request, response) {
  const range = request.headers.get("Range");
  if (!range) return response;
  const blob = await response.blob();
  const match = /^bytes=(\d+)-(\d*)$/.exec(range.trim());
  const size = blob.size;
  if (!match || Number(match[1]) >= size) {
    return new Response(null, {status: 416, headers: {"Content-Range": "bytes */" + size}});
  }
  const start = Number(match[1]);
  const end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
  return new Response(blob.slice(start, end + 1), {status: 206, headers: {
    "Content-Type": "application/pdf", "Accept-Ranges": "bytes",
    "Content-Range": "bytes " + start + "-" + end + "/" + size,
    "Content-Length": String(end - start + 1)}});
}

async function fromNetwork(request, cacheName) {
  try {
    const response = await fetch(request);
    if (cacheName && response.ok && !noStore(response)) {
      const cache = await caches.open(cacheName);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (err) {
    const cached = await caches.match(request, {ignoreVary: true});
    if (cached) return cached;
    throw err;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === "POST" && url.pathname === "/logout") {
    // Nothing of one person's papers stays for the next person to use the tablet.
    event.waitUntil(forget());
    return;
  }
  if (request.method !== "GET") return;
  if (FILE.test(url.pathname)) {
    // A version's file never changes (a new version is a new URL): the copy is as good.
    event.respondWith(caches.open(PAPERS).then((cache) => cache.match(url.pathname + url.search))
      .then((cached) => (cached ? ranged(request, cached) : fetch(request))));
    return;
  }
  if (READER.test(url.pathname)) {
    // Fresh when online (a recalled paper gives 404); the kept copy only when offline.
    event.respondWith(fetch(request).catch(() => caches.open(PAPERS)
      .then((cache) => cache.match(url.pathname)).then((cached) => cached || Response.error())));
    return;
  }
  if (url.pathname.startsWith("/static/") || MEETING.test(url.pathname)) {
    event.respondWith(fromNetwork(request, SHELL));
  }
});
