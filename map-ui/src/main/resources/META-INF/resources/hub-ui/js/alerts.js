// Alert store: open + acknowledged alerts by id, kept live from the stream. A re-fetch that
// races with stream messages keeps the stream's (newer) versions.
import { api, post } from './api.js';
import { SEVERITY_ORDER } from './format.js';

let alerts = new Map();
const listeners = [];
let generation = 0;
let touchedDuringFetch = null;

export function onAlertsChange(fn) {
  listeners.push(fn);
}

function notify(changedId) {
  listeners.forEach((fn) => fn(changedId));
}

function asList(body) {
  if (Array.isArray(body)) {
    return body;
  }
  return body && Array.isArray(body.alerts) ? body.alerts : [];
}

function isLive(alert) {
  return alert && (alert.status === 'open' || alert.status === 'acknowledged' || alert.status === 'confirmed');
}

/** Re-fetches open, acknowledged and confirmed (real fire) alerts (GET /api/v1/alerts?status=…). */
export async function refreshAlerts() {
  const gen = ++generation;
  touchedDuringFetch = new Map();
  const [open, acknowledged, confirmed] = await Promise.all([
    api('/api/v1/alerts?status=open&limit=500'),
    api('/api/v1/alerts?status=acknowledged&limit=500'),
    api('/api/v1/alerts?status=confirmed&limit=500'),
  ]);
  if (gen !== generation) {
    return;
  }
  const next = new Map();
  for (const alert of [...asList(open), ...asList(acknowledged), ...asList(confirmed)]) {
    if (alert && alert.id !== undefined) {
      next.set(String(alert.id), alert);
    }
  }
  for (const [id, alert] of touchedDuringFetch) {
    if (isLive(alert)) {
      next.set(id, alert);
    } else {
      next.delete(id);
    }
  }
  touchedDuringFetch = null;
  alerts = next;
  notify(null);
}

/** Applies a new or changed alert (from the stream or an action response). */
export function applyAlert(alert) {
  if (!alert || alert.id === undefined || alert.id === null) {
    return;
  }
  const id = String(alert.id);
  if (touchedDuringFetch) {
    touchedDuringFetch.set(id, alert);
  }
  if (isLive(alert)) {
    alerts.set(id, alert);
  } else {
    alerts.delete(id);
  }
  notify(id);
}

export function clearAlerts() {
  generation += 1;
  alerts = new Map();
  notify(null);
}

export function getAlert(id) {
  return alerts.get(String(id));
}

/** Live alerts, most severe first, then newest first. */
export function sortedAlerts() {
  return [...alerts.values()].sort((a, b) => {
    const s = (SEVERITY_ORDER[a.severity] ?? 9) - (SEVERITY_ORDER[b.severity] ?? 9);
    if (s !== 0) {
      return s;
    }
    return String(b.opened_at || '').localeCompare(String(a.opened_at || ''));
  });
}

/** True while any open (unacknowledged) critical fire alert exists. */
export function hasOpenCriticalFire() {
  for (const a of alerts.values()) {
    if (isAlarming(a)) {
      return true;
    }
  }
  return false;
}

export function isAlarming(alert) {
  // A device in test mode (issue 18) raises alerts marked test: shown, never sounded. Sounds until someone
  // acknowledges, takes (assignee) or confirms it.
  return alert.status === 'open' && alert.severity === 'critical' && alert.kind === 'fire' && alert.test !== true
    && !alert.assignee;
}

function applyResponse(body, id) {
  if (body && body.id !== undefined && body.status) {
    applyAlert(body);
  } else if (body && body.alert && body.alert.id !== undefined) {
    applyAlert(body.alert);
  } else {
    return refreshAlerts();
  }
  return Promise.resolve(id);
}

/** POST /api/v1/alerts/{id}/ack. */
export async function acknowledge(id) {
  const body = await post('/api/v1/alerts/' + encodeURIComponent(id) + '/ack', {});
  await applyResponse(body, id);
}

/** POST /api/v1/alerts/{id}/confirm {"real": true}: a real fire (tier 2 is paged at once). */
export async function confirmFire(id) {
  const body = await post('/api/v1/alerts/' + encodeURIComponent(id) + '/confirm', { real: true });
  await applyResponse(body, id);
}

/** POST /api/v1/alerts/{id}/take: assign the alert to myself. */
export async function take(id) {
  const body = await post('/api/v1/alerts/' + encodeURIComponent(id) + '/take', {});
  await applyResponse(body, id);
}

/** POST /api/v1/alerts/{id}/resolve {"outcome","note"}. */
export async function resolve(id, outcome, note) {
  const body = await post('/api/v1/alerts/' + encodeURIComponent(id) + '/resolve', { outcome, note });
  await applyResponse(body, id);
}
