// Incident card: GET /api/v1/alerts/{id} with context (building, floor, compound, community,
// nearby hydrants/exits/AEDs/guard posts), acknowledge and resolve form, take / assign, comments, the button's reset
// (responses.js), device events.
/* global L */
import { api, showError, hasRole, session } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import {
  categoryStyle, categoryLabel, formatDistance, severityLabel, kindLabel, statusLabel, formatTime,
} from './format.js';
import { getMap, toLatLng, geoJsonLayer, onDatumChange, dotIcon, geometryBbox, fitBbox } from './map.js';
import { getAlert, acknowledge, resolve, confirmFire, take } from './alerts.js';
import { buildingFeature } from './residents.js';
import { loadEventsInto } from './devices.js';
import { directionsBlock } from './directions.js';
import { initResponses, renderResponses, resetNote } from './responses.js';
import { initAlertCase, renderAlertCase } from './alertcase.js';

const RED = { color: '#b00020', weight: 4, opacity: 1, fillColor: '#e53935', fillOpacity: 0.55 };
const CLOSED = { color: '#37474f', weight: 3, opacity: 1, fillOpacity: 0, dashArray: '6 4' };
let current = null; // {id, alert, context}
let layer = null;
let formOpen = false;

export function initIncident() {
  layer = L.layerGroup();
  byId('incident-close').addEventListener('click', closeIncident);
  byId('resolve-form').addEventListener('submit', submitResolve);
  byId('resolve-cancel').addEventListener('click', () => showForm(false));
  byId('ack-button').addEventListener('click', () => act(() => acknowledge(current.id)));
  byId('resolve-button').addEventListener('click', () => showForm(true));
  byId('confirm-fire-button').addEventListener('click', () => act(() => confirmFire(current.id)));
  byId('take-button').addEventListener('click', () => act(() => take(current.id)));
  initResponses(() => (current ? current.id : null), (alert) => {
    if (current && String(alert.id) === current.id) {
      current.alert = getAlert(current.id) || alert;
      render();
    }
  });
  initAlertCase(() => (current ? current.id : null));
  onLangChange(() => {
    if (current) {
      render();
      drawLayer();
    }
  });
  onDatumChange(() => { if (current) { drawLayer(); } });
}

/** Opens the card for an alert id; resolves when the card is filled. */
export async function openIncident(id) {
  const key = String(id);
  current = { id: key, alert: getAlert(key) || null, context: null, feature: null };
  formOpen = false;
  byId('incident-card').hidden = false;
  byId('incident-card').dataset.alertId = key;
  render();
  try {
    const body = await api('/api/v1/alerts/' + encodeURIComponent(key));
    if (!current || current.id !== key) {
      return;
    }
    const { context, ...alert } = body || {};
    current.alert = getAlert(key) || alert;
    current.context = context || {};
    const b = current.context.building;
    current.feature = b && b.code !== undefined ? await buildingFeature(String(b.code)) : null;
  } catch (e) {
    showError(e);
  }
  if (current && current.id === key) {
    render();
    drawLayer();
    fitIncident();
    const device = current.alert && current.alert.device;
    if (device) {
      loadEventsInto(String(device), byId('incident-events'));
    }
  }
}

/** Re-renders the card after an alert change (id null = any). */
export function refreshIncident(changedId) {
  if (!current || (changedId !== null && changedId !== current.id)) {
    return;
  }
  const latest = getAlert(current.id);
  const wasLive = isLive(current.alert);
  if (latest) {
    current.alert = latest;
  } else if (wasLive) {
    current.alert = { ...current.alert, status: 'resolved' };
  }
  render();
  if (wasLive !== isLive(current.alert)) {
    drawLayer();
  }
}

function isLive(alert) {
  return !!alert && (alert.status === 'open' || alert.status === 'acknowledged' || alert.status === 'confirmed');
}

export function closeIncident() {
  current = null;
  formOpen = false;
  byId('incident-card').hidden = true;
  getMap().removeLayer(layer);
}

export function openResolveForm() {
  if (current) {
    showForm(true);
  }
}

function showForm(open) {
  formOpen = open;
  byId('resolve-form').hidden = !open;
  byId('resolve-error').hidden = true;
  if (open) {
    byId('resolve-note').focus();
  }
}

async function act(fn) {
  try {
    await fn();
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

async function submitResolve(event) {
  event.preventDefault();
  const form = byId('resolve-form');
  const outcome = form.querySelector('input[name="outcome"]:checked')?.value || 'resolved';
  const note = byId('resolve-note').value.trim();
  if (outcome === 'false_alarm' && !note) {
    const err = byId('resolve-error');
    err.textContent = t('con.note.required');
    err.hidden = false;
    byId('resolve-note').focus();
    return;
  }
  const id = current.id;
  if (await act(() => resolve(id, outcome, note))) {
    byId('resolve-note').value = '';
    showForm(false);
    refreshIncident(id);
  }
}

function currentUsername() {
  const s = session();
  return s && s.user ? s.user.username : null;
}

function row(label, value) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  return el('div', { class: 'kv' }, el('span', { class: 'k', text: label }), el('span', { class: 'v', text: String(value) }));
}

function render() {
  if (!current) {
    return;
  }
  const a = current.alert || { id: current.id };
  const ctx = current.context || {};
  const b = ctx.building || null;
  const floor = ctx.floor ?? null;
  replace(byId('incident-summary'),
    el('div', { class: 'alert-head' },
      el('span', { class: 'sev sev-' + String(a.severity), text: severityLabel(a.severity) }),
      el('strong', { text: kindLabel(a.kind) }),
      el('span', { class: 'status-pill status-' + String(a.status), 'data-testid': 'incident-status', text: statusLabel(a.status) })),
    resetNote(a, 'incident-reset'),
    row(t('con.building'), b ? b.name || b.code : a.building),
    row(t('con.floor'), floor !== null ? t('res.floorN', { n: floor }) + (b && b.floors ? ' / ' + b.floors : '') : null),
    row(t('con.compound'), ctx.compound ? ctx.compound.name || ctx.compound.code : a.compound),
    row(t('con.community'), ctx.community ? ctx.community.name || ctx.community.code : a.community),
    row(t('con.device'), a.device),
    row(t('con.openedAt'), formatTime(a.opened_at)),
    Number(a.count) > 1 ? row('', t('con.count', { n: a.count })) : null,
    row(t('con.ackBy'), a.acknowledged_by ? a.acknowledged_by + ' · ' + formatTime(a.acknowledged_at) : null),
    row(t('con.assignee'), a.assignee),
    Number(a.escalation_level) > 0 ? row(t('con.escalation'), t('con.escalationN', { n: a.escalation_level })) : null,
    directionsBlock(a.lon, a.lat, (b && (b.name || b.code)) || kindLabel(a.kind)));
  const canAct = hasRole('security', 'admin');
  const live = a.status === 'open' || a.status === 'acknowledged' || a.status === 'confirmed';
  byId('ack-button').hidden = !(canAct && a.status === 'open');
  byId('resolve-button').hidden = !(canAct && live);
  byId('confirm-fire-button').hidden = !(canAct && a.kind === 'fire' && (a.status === 'open' || a.status === 'acknowledged'));
  byId('take-button').hidden = !(canAct && live && a.assignee !== currentUsername());
  byId('call-119').hidden = a.status !== 'confirmed';
  byId('resolve-form').hidden = !(formOpen && canAct && live);
  renderResponses(a);
  renderAlertCase(a);
  const nearby = Array.isArray(ctx.nearby) ? ctx.nearby : [];
  replace(byId('incident-nearby'), nearby.map((n) => {
    const [glyph, colour] = categoryStyle(n.category);
    return el('li', { class: 'nearby-item', dataset: { facilityCode: n.code } },
      el('span', { class: 'dot-icon small', style: { background: colour }, text: glyph }),
      el('span', { class: 'grow' }, el('span', { class: 'name', text: n.name || n.code }),
        el('span', { class: 'muted small', text: categoryLabel(n.category) })),
      el('span', { class: 'dist', text: formatDistance(n.distance_m) }));
  }));
}

function drawLayer() {
  const map = getMap();
  layer.clearLayers();
  if (!current) {
    return;
  }
  if (current.feature) {
    // red while the alert is live (as the console's alerting buildings); outlined once it is closed
    const style = isLive(current.alert) ? RED : CLOSED;
    layer.addLayer(geoJsonLayer(current.feature, { style: () => style, interactive: false }));
  }
  const nearby = (current.context && Array.isArray(current.context.nearby)) ? current.context.nearby : [];
  for (const n of nearby) {
    if (!Number.isFinite(Number(n.lon)) || !Number.isFinite(Number(n.lat))) {
      continue;
    }
    const [glyph, colour] = categoryStyle(n.category);
    layer.addLayer(L.marker(toLatLng(Number(n.lon), Number(n.lat)), { icon: dotIcon(glyph, colour, 'nearby'), zIndexOffset: 500 })
      .bindTooltip(el('span', { text: (n.name || n.code) + ' · ' + formatDistance(n.distance_m) })));
  }
  if (!map.hasLayer(layer)) {
    map.addLayer(layer);
  }
}

function fitIncident() {
  const a = current.alert || {};
  let box = current.feature ? geometryBbox(current.feature.geometry) : null;
  const pts = [];
  if (Number.isFinite(Number(a.lon)) && Number.isFinite(Number(a.lat)) && a.lon !== null) {
    pts.push([Number(a.lon), Number(a.lat)]);
  }
  for (const n of (current.context && current.context.nearby) || []) {
    if (Number.isFinite(Number(n.lon)) && Number.isFinite(Number(n.lat))) {
      pts.push([Number(n.lon), Number(n.lat)]);
    }
  }
  for (const [lon, lat] of pts) {
    box = box ? [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)]
      : [lon, lat, lon, lat];
  }
  if (box) {
    fitBbox(box, 18);
  }
}

/** Hides the incident layer while another view is shown. */
export function setIncidentActive(on) {
  const map = getMap();
  if (!on) {
    map.removeLayer(layer);
  } else if (current) {
    map.addLayer(layer);
  }
}
