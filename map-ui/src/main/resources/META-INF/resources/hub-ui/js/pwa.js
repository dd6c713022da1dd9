// The installable app (issue 17): registers the service worker (/sw.js, scope /) and, once the page is ready,
// hands it the same-origin files this page loaded, so the shell it keeps for offline use is exactly what the page
// runs (new modules included, without a list to maintain). A service worker and notifications need a secure
// context (https, or http://localhost): on plain http to a LAN address the page works as before, without them.

const handlers = [];
const SUPPORTED = 'serviceWorker' in navigator && window.isSecureContext;
let resolveRegistration = null;
/** Settles when initPwa has registered the worker (or at once where there can be none). */
const registration = new Promise((resolve) => { resolveRegistration = resolve; });
let state = { supported: SUPPORTED, registered: false, cached: null };

// resource timing keeps 250 entries by default; the map's tiles must not push the page's own files out
if (performance.setResourceTimingBufferSize) {
  performance.setResourceTimingBufferSize(2000);
}
if (SUPPORTED) {
  // a tapped notification: the worker focuses this page and names the alert
  navigator.serviceWorker.addEventListener('message', (event) => {
    const data = event.data || {};
    if (data.type === 'open-alert') {
      handlers.forEach((fn) => fn(data.id === null || data.id === undefined ? null : String(data.id)));
    }
  });
} else {
  resolveRegistration(null);
}

/** Registers the service worker when the browser allows one here (after the page is ready: it fetches the shell). */
export function initPwa() {
  if (!SUPPORTED || state.registered) {
    return;
  }
  navigator.serviceWorker.register('/sw.js', { scope: '/' }).then((reg) => {
    state = { ...state, registered: true };
    resolveRegistration(reg);
  }).catch(() => resolveRegistration(null));
}

function within(ms, promise) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms, null))]);
}

/**
 * The service worker registration once its worker is active (showNotification needs one), for showNotification and
 * getNotifications; null without a service worker, or when none was registered within 30 s or became active 5 s later.
 */
export async function swRegistration() {
  const reg = await within(30000, registration);
  if (!reg || reg.active) {
    return reg;
  }
  return within(5000, navigator.serviceWorker.ready);
}

/** Calls fn(alertId) when an alarm notification was tapped (the service worker focused this page). */
export function onNotificationOpen(fn) {
  handlers.push(fn);
}

/** After the page is ready: the active service worker caches the shell files the page loaded. */
export async function cacheLoadedShell() {
  const reg = await registration;
  if (!reg) {
    return;
  }
  const ready = await navigator.serviceWorker.ready;
  const worker = ready.active;
  if (!worker) {
    return;
  }
  const urls = [location.origin + '/'];
  for (const entry of performance.getEntriesByType('resource')) {
    const url = String(entry.name);
    if (url.startsWith(location.origin + '/') && !url.startsWith(location.origin + '/api/')) {
      urls.push(url);
    }
  }
  const channel = new MessageChannel();
  const done = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data && Number(event.data.count));
  });
  worker.postMessage({ type: 'cache', urls }, [channel.port2]);
  state = { ...state, cached: await done };
}

/** {supported, registered, cached}: cached is the number of shell files the worker holds after the hand-over. */
export function pwaState() {
  return { ...state };
}
