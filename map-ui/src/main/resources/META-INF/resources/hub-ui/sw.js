// Service worker of the installable console (issue 17), scope "/". It keeps the app shell (the page, its scripts,
// styles and icons, Leaflet) in Cache Storage so the page opens without a network, and opens the console when an
// alarm notification is tapped. Network first: online the page always gets the hub's current files (and the cache is
// refreshed on the way); the cache answers only when the network fails or is slower than NETWORK_WAIT_MS.
// It never touches anything but GETs of this origin's shell paths: the API (/api/…, the stream), map data
// (/collections, /tiles), case photos, other hosts' tiles go the browser's own way and are never cached.
// The build (map-ui/build-ui.mjs) serves a copy naming the page's bundle: CACHE is named after the build (an update
// drops the old files) and CORE lists the bundle's files; those (dist/, content-hashed) are answered cache first.
/* eslint-env serviceworker */
const CACHE = 'hub-shell-v1';
const NETWORK_WAIT_MS = 4000;
/** Cached on install: enough for the page to start; the page then hands over every file it loaded (message 'cache'). */
const CORE = [
  '/',
  '/manifest.webmanifest',
  '/css/hub.css',
  '/js/app.js',
  '/icons/icon-192.png',
  '/webjars/leaflet/1.9.4/dist/leaflet.css',
  '/webjars/leaflet/1.9.4/dist/leaflet.js',
  '/webjars/leaflet-markercluster/1.4.1/MarkerCluster.css',
  '/webjars/leaflet-markercluster/1.4.1/MarkerCluster.Default.css',
  '/webjars/leaflet-markercluster/1.4.1/leaflet.markercluster.js',
];
const SHELL = /^\/(?:index\.html|manifest\.webmanifest|js\/[\w.-]+\.js|css\/[\w.-]+\.css|dist\/[\w.-]+\.(?:js|css)|icons\/[\w.-]+\.png|webjars\/[\w./-]+)?$/;
/** The build's content-hashed files (map-ui/build-ui.mjs): a kept copy never goes stale, so it answers first. */
const IMMUTABLE = /^\/dist\//;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(CORE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('hub-shell-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

/** The cache key of a shell request (its path; the page itself under "/"), or null when it is not one. */
function shellKey(request) {
  if (request.method !== 'GET') {
    return null;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || !SHELL.test(url.pathname) || url.pathname.startsWith('/api/')) {
    return null;
  }
  return url.pathname === '/index.html' ? '/' : url.pathname;
}

self.addEventListener('fetch', (event) => {
  const key = shellKey(event.request);
  if (key !== null) {
    event.respondWith(IMMUTABLE.test(key) ? cacheFirst(event.request, key) : networkFirst(event.request, key));
  }
});

async function cacheFirst(request, key) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(key);
  if (cached) {
    return cached;
  }
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    cache.put(key, response.clone()).catch(() => null);
  }
  return response;
}

async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((response) => {
    if (response.ok && response.type === 'basic') {
      cache.put(key, response.clone()).catch(() => null);
    }
    return response;
  });
  network.catch(() => null); // a failure is answered below; never an unhandled rejection
  let timer = null;
  const late = new Promise((resolve) => { timer = setTimeout(resolve, NETWORK_WAIT_MS, null); });
  try {
    const first = await Promise.race([network, late]);
    if (first && first.status < 500) {
      return first;
    }
    // slow, or a proxy in front of a stopped hub (502/503/504): the kept copy when there is one
    return (await cache.match(key)) || first || await network;
  } catch (e) {
    const cached = await cache.match(key);
    if (cached) {
      return cached;
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

// The page lists the same-origin files it loaded; the shell ones not cached yet are fetched and kept.
self.addEventListener('message', (event) => {
  const data = event.data || {};
  if (data.type !== 'cache' || !Array.isArray(data.urls)) {
    return;
  }
  const reply = event.ports && event.ports[0];
  event.waitUntil(cacheShell(data.urls).then((count) => {
    if (reply) {
      reply.postMessage({ type: 'cached', count });
    }
  }));
});

async function cacheShell(urls) {
  const cache = await caches.open(CACHE);
  let count = 0;
  for (const text of urls.slice(0, 500)) {
    let request;
    try {
      request = new Request(String(text));
    } catch (e) {
      continue;
    }
    const key = shellKey(request);
    if (key === null) {
      continue;
    }
    if (!(await cache.match(key))) {
      try {
        const response = await fetch(request);
        if (response.ok && response.type === 'basic') {
          await cache.put(key, response);
        }
      } catch (e) {
        continue; // offline now: kept on a later load
      }
    }
    count += 1;
  }
  return count;
}

// A tapped alarm notification opens (or focuses) the console on that alert.
self.addEventListener('notificationclick', (event) => {
  const data = event.notification.data || {};
  event.notification.close();
  const id = data.id === undefined || data.id === null ? null : String(data.id);
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((clients) => {
    const client = clients.find((c) => new URL(c.url).origin === self.location.origin);
    if (client) {
      client.postMessage({ type: 'open-alert', id });
      return client.focus();
    }
    return self.clients.openWindow('/#console');
  }));
});
