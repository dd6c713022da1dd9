// Security console: live alert list and severity markers, critical fire alarm (flash + beep),
// acknowledge / resolve from the list or a marker popup, alerting buildings drawn red.
/* global L */
import { showError, hasRole } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { SEVERITY_COLOR, severityLabel, kindLabel, statusLabel, formatTime } from './format.js';
import { getMap, toLatLng, geoJsonLayer, onDatumChange } from './map.js';
import { nameOf } from './hierarchy.js';
import { onAlertsChange, sortedAlerts, hasOpenCriticalFire, isAlarming, acknowledge, getAlert } from './alerts.js';
import { setAlarm, setMuted } from './alarm.js';
import { setDeviceLayer, loadDevices } from './devices.js';
import { buildingFeature } from './residents.js';
import { openIncident, refreshIncident, openResolveForm } from './incident.js';
import { resetNote } from './responses.js';

const RED = { color: '#b00020', weight: 3, opacity: 1, fillColor: '#e53935', fillOpacity: 0.45 };
let markerLayer = null;
let redLayer = null;
let active = false;
const markers = new Map();

export function initConsole() {
  markerLayer = L.layerGroup();
  redLayer = L.layerGroup();
  onAlertsChange(onChange);
  onLangChange(() => { renderList(); redrawMarkers(); });
  onDatumChange(() => { redrawMarkers(); drawRedBuildings(); });
  byId('device-layer-toggle').addEventListener('change', (e) => {
    if (e.target.checked) {
      loadDevices();
    }
    setDeviceLayer('console', e.target.checked && active);
  });
  byId('mute-button').addEventListener('click', () => {
    setMuted(true);
    byId('mute-button').hidden = true;
  });
  byId('alarm-banner').addEventListener('click', () => {
    const first = sortedAlerts().find(isAlarming);
    if (first) {
      openIncident(first.id);
    }
  });
}

/** Shows or hides the console's map layers. */
export function setConsoleActive(on) {
  active = on;
  const map = getMap();
  for (const layer of [redLayer, markerLayer]) {
    if (on && !map.hasLayer(layer)) {
      map.addLayer(layer);
    } else if (!on && map.hasLayer(layer)) {
      map.removeLayer(layer);
    }
  }
  setDeviceLayer('console', on && byId('device-layer-toggle').checked);
}

function onChange(changedId) {
  renderList();
  redrawMarkers();
  drawRedBuildings();
  const alarming = hasOpenCriticalFire();
  setAlarm(alarming);
  byId('alarm-banner').hidden = !alarming;
  byId('mute-button').hidden = !alarming;
  if (!alarming) {
    setMuted(false);
  }
  document.body.classList.toggle('fire-alarm', alarming);
  if (changedId !== null) {
    refreshIncident(changedId);
  } else {
    refreshIncident(null);
  }
}

function placeName(a) {
  return [nameOf('compound', a.compound), nameOf('building', a.building)].filter(Boolean).join(' › ')
    || nameOf('community', a.community);
}

function actionButtons(a, testPrefix) {
  if (!hasRole('security', 'admin')) {
    return [];
  }
  const id = String(a.id);
  const buttons = [];
  if (a.status === 'open') {
    buttons.push(el('button', {
      type: 'button', class: 'small-button primary', 'data-testid': testPrefix + '-ack', text: t('con.ack'),
      onclick: (e) => { e.stopPropagation(); ackAlert(id); },
    }));
  }
  buttons.push(el('button', {
    type: 'button', class: 'small-button', 'data-testid': testPrefix + '-resolve', text: t('con.resolve'),
    onclick: (e) => { e.stopPropagation(); openIncident(id).then(() => openResolveForm()); },
  }));
  return buttons;
}

export async function ackAlert(id) {
  try {
    await acknowledge(id);
  } catch (e) {
    showError(e);
  }
}

function alertSummary(a) {
  return [
    el('div', { class: 'alert-head' },
      el('span', { class: 'sev sev-' + String(a.severity), text: severityLabel(a.severity) }),
      el('strong', { text: kindLabel(a.kind) }),
      el('span', { class: 'status-pill status-' + String(a.status), text: statusLabel(a.status) }),
      // a device in test mode (issue 18): shown as a test, never sounded (alerts.js isAlarming)
      a.test === true ? el('span', { class: 'status-pill test-pill', 'data-testid': 'alert-test', text: t('con.test') }) : null,
      Number(a.count) > 1 ? el('span', { class: 'muted small', text: t('con.count', { n: a.count }) }) : null,
      Number(a.escalation_level) > 0 ? el('span', { class: 'esc-pill', 'data-testid': 'alert-escalation',
        text: t('con.escalation') + ' ' + t('con.escalationN', { n: a.escalation_level }) }) : null),
    el('div', { class: 'small', text: placeName(a) }),
    resetNote(a, 'alert-reset'),
    a.assignee ? el('div', { class: 'small', 'data-testid': 'alert-assignee', text: t('con.assignee') + t('sep') + String(a.assignee) })
      : null,
    el('div', { class: 'muted small' },
      el('span', { text: formatTime(a.opened_at) }), ' · ', el('span', { text: String(a.device ?? '') }),
      a.acknowledged_by ? el('span', { text: ' · ' + t('con.ackBy') + t('sep') + String(a.acknowledged_by) }) : null),
  ];
}

function renderList() {
  const list = byId('alert-list');
  const items = sortedAlerts();
  if (!items.length) {
    replace(list, el('li', { class: 'muted empty', text: t('con.noAlerts') }));
    return;
  }
  replace(list, items.map((a) => el('li', {
    class: 'alert-item sev-border-' + String(a.severity) + (isAlarming(a) ? ' flashing' : ''),
    dataset: { alertId: a.id, severity: a.severity, status: a.status, test: a.test === true },
    tabindex: '0',
    onclick: () => focusAlert(a.id),
    onkeydown: (e) => { if (e.key === 'Enter') { focusAlert(a.id); } },
  }, alertSummary(a), el('div', { class: 'actions' }, actionButtons(a, 'alert')))));
}

function focusAlert(id) {
  openIncident(id);
}

function alertIcon(a) {
  const node = el('span', {
    class: 'alert-icon sev-' + String(a.severity) + (isAlarming(a) ? ' flashing' : ''),
    style: { background: SEVERITY_COLOR[a.severity] || '#555' }, text: '!',
  });
  return L.divIcon({ html: node, className: 'dot-wrap', iconSize: [30, 30], iconAnchor: [15, 15] });
}

function redrawMarkers() {
  markerLayer.clearLayers();
  markers.clear();
  for (const a of sortedAlerts().reverse()) {
    if (!Number.isFinite(Number(a.lon)) || !Number.isFinite(Number(a.lat)) || a.lon === null || a.lat === null) {
      continue;
    }
    const id = String(a.id);
    const marker = L.marker(toLatLng(Number(a.lon), Number(a.lat)), {
      icon: alertIcon(a), zIndexOffset: 1000, title: kindLabel(a.kind),
    });
    marker.bindPopup(() => {
      const current = getAlert(id) || a;
      return el('div', { class: 'alert-popup', 'data-testid': 'alert-popup', dataset: { alertId: id } },
        alertSummary(current),
        el('div', { class: 'actions' }, actionButtons(current, 'popup'),
          el('button', { type: 'button', class: 'small-button', text: t('con.details'), onclick: () => openIncident(id) })));
    }, { maxWidth: 280 });
    markers.set(id, marker);
    markerLayer.addLayer(marker);
  }
}

const redCache = new Map();
let redCodes = [];

async function drawRedBuildings() {
  const codes = new Set(sortedAlerts().map((a) => a.building).filter((b) => b !== null && b !== undefined && b !== ''));
  const wanted = [];
  for (const code of codes) {
    if (!redCache.has(String(code))) {
      redCache.set(String(code), buildingFeature(String(code)));
    }
    wanted.push(redCache.get(String(code)));
  }
  const features = (await Promise.all(wanted)).filter(Boolean);
  const stillWanted = new Set(sortedAlerts().map((a) => String(a.building)));
  redLayer.clearLayers();
  redCodes = [];
  for (const f of features) {
    const code = String(f.properties && f.properties.code);
    if (stillWanted.has(code)) {
      redLayer.addLayer(geoJsonLayer(f, { style: () => RED, interactive: false }));
      redCodes.push(code);
    }
  }
  redCodes.sort();
}

/** Codes of the buildings drawn red (live alerts) right now. */
export function alertingBuildings() {
  return [...redCodes];
}

/** Opens the popup of an alert marker (used by the incident card). */
export function openAlertPopup(id) {
  const marker = markers.get(String(id));
  if (marker) {
    marker.openPopup();
  }
}
