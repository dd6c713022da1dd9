// Device store and status layer (GET /api/v1/devices, live 'device' stream messages),
// clustered markers coloured by status; recent events per device.
/* global L */
import { api, showError } from './api.js';
import { el, replace } from './dom.js';
import { t, currentLang, onLangChange } from './i18n.js';
import { DEVICE_COLOR, deviceStatusLabel, deviceTypeLabel, formatTime } from './format.js';
import { getMap, toLatLng, dotIcon, onDatumChange, viewAt } from './map.js';
import { nameOf } from './hierarchy.js';

const TYPE_GLYPH = { gate: ['门', 'G'], fire_button: ['火', 'F'], camera: ['摄', 'C'] };
const devices = new Map();
const markers = new Map();
const listeners = [];
let cluster = null;
const visibleFor = new Set();
let watchHandler = null;
let loading = null;

export function initDevices() {
  cluster = L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 50, disableClusteringAtZoom: 19, chunkedLoading: true,
  });
  onDatumChange(redraw);
  onLangChange(redraw);
}

/** Called with the device code when "watch" is chosen in a device popup (installer view). */
export function setWatchHandler(fn) {
  watchHandler = fn;
}

export function onDevicesChange(fn) {
  listeners.push(fn);
}

/** Loads all devices in scope once (force = reload). */
export function loadDevices(force = false) {
  if (!loading || force) {
    loading = api('/api/v1/devices').then((body) => {
      const list = body && Array.isArray(body.devices) ? body.devices : (Array.isArray(body) ? body : []);
      devices.clear();
      for (const d of list) {
        if (d && d.code !== undefined) {
          devices.set(String(d.code), d);
        }
      }
      redraw();
      listeners.forEach((fn) => fn(null));
      return devices;
    }).catch((e) => {
      loading = null;
      showError(e);
      return devices;
    });
  }
  return loading;
}

export function clearDevices() {
  devices.clear();
  loading = null;
  if (cluster) {
    cluster.clearLayers();
  }
  markers.clear();
}

export function allDevices() {
  return [...devices.values()];
}

export function getDevice(code) {
  return devices.get(String(code));
}

/** Applies a 'device' stream message. */
export function applyDevice(device) {
  if (!device || device.code === undefined) {
    return;
  }
  const code = String(device.code);
  const merged = { ...(devices.get(code) || {}), ...device };
  devices.set(code, merged);
  const marker = markers.get(code);
  if (marker) {
    marker.setIcon(deviceIcon(merged));
    if (hasPoint(merged)) {
      marker.setLatLng(toLatLng(Number(merged.lon), Number(merged.lat)));
    }
  } else if (hasPoint(merged)) {
    addMarker(merged);
  }
  listeners.forEach((fn) => fn(code));
}

/** Shows the layer while any of the named owners wants it ('console', 'installer'). */
export function setDeviceLayer(owner, visible) {
  if (visible) {
    visibleFor.add(owner);
  } else {
    visibleFor.delete(owner);
  }
  const map = getMap();
  if (visibleFor.size && !map.hasLayer(cluster)) {
    map.addLayer(cluster);
  } else if (!visibleFor.size && map.hasLayer(cluster)) {
    map.removeLayer(cluster);
  }
}

function hasPoint(d) {
  return Number.isFinite(Number(d.lon)) && Number.isFinite(Number(d.lat)) && d.lon !== null && d.lat !== null;
}

function deviceIcon(d) {
  const colour = DEVICE_COLOR[d.status] || DEVICE_COLOR.never_seen;
  const glyphs = TYPE_GLYPH[d.type] || ['•', '•'];
  return dotIcon(glyphs[currentLang() === 'zh' ? 0 : 1], colour, 'device status-' + String(d.status || 'unknown'));
}

function makeMarker(d) {
  const code = String(d.code);
  const marker = L.marker(toLatLng(Number(d.lon), Number(d.lat)), { icon: deviceIcon(d), title: String(d.name || code) });
  marker.bindPopup(() => devicePopup(code), { maxWidth: 280, minWidth: 200 });
  markers.set(code, marker);
  return marker;
}

function addMarker(d) {
  cluster.addLayer(makeMarker(d));
}

function redraw() {
  if (!cluster) {
    return;
  }
  cluster.clearLayers();
  markers.clear();
  const list = [];
  for (const d of devices.values()) {
    if (hasPoint(d)) {
      list.push(makeMarker(d));
    }
  }
  cluster.addLayers(list);
}

/** Opens a device's popup on the map, zooming in as needed. */
export function focusDevice(code) {
  const marker = markers.get(String(code));
  const map = getMap();
  if (!marker) {
    return;
  }
  if (!map.hasLayer(cluster)) {
    viewAt(marker.getLatLng(), 18);
    return;
  }
  cluster.zoomToShowLayer(marker, () => marker.openPopup());
}

/** Device summary rows (DOM) for popups and cards. */
export function deviceSummary(d) {
  const where = [nameOf('community', d.community), nameOf('compound', d.compound), nameOf('building', d.building)]
    .filter(Boolean).join(' › ');
  return [
    el('div', { class: 'card-title' }, el('strong', { text: d.name || d.code }), ' ',
      el('span', { class: 'muted small', text: d.code })),
    el('div', {}, el('span', { class: 'status-pill status-' + String(d.status), text: deviceStatusLabel(d.status) }),
      ' ', deviceTypeLabel(d.type)),
    where ? el('div', { class: 'muted small', text: where }) : null,
    d.floor !== undefined && d.floor !== null ? el('div', { class: 'small', text: t('res.floorN', { n: d.floor }) }) : null,
    d.last_seen ? el('div', { class: 'small', text: t('dev.lastSeen') + t('sep') + formatTime(d.last_seen) }) : null,
    d.install_state ? el('div', { class: 'small', text: t('dev.install') + t('sep') + String(d.install_state) }) : null,
  ];
}

function devicePopup(code) {
  const d = devices.get(code) || { code };
  const events = el('ul', { class: 'event-list compact', 'data-testid': 'device-events' });
  const box = el('div', { class: 'device-card', 'data-testid': 'device-popup', dataset: { deviceCode: code } },
    deviceSummary(d),
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'small-button', text: t('dev.events'), onclick: () => loadEventsInto(code, events) }),
      watchHandler ? el('button', {
        type: 'button', class: 'small-button', text: t('dev.watch'), onclick: () => watchHandler(code),
      }) : null),
    events);
  return box;
}

/** GET /api/v1/devices/{code}/events?limit=20 into a list element. */
export async function loadEventsInto(code, list, limit = 20) {
  replace(list, el('li', { class: 'muted', text: t('res.loading') }));
  try {
    const body = await api('/api/v1/devices/' + encodeURIComponent(code) + '/events?limit=' + limit);
    const items = body && Array.isArray(body.events) ? body.events : [];
    replace(list, items.length ? items.map(eventItem) : [el('li', { class: 'muted', text: t('con.noEvents') })]);
    return items;
  } catch (e) {
    replace(list, el('li', { class: 'muted', text: e.message }));
    return [];
  }
}

/** One event as a list item: time, type, data as JSON text. */
export function eventItem(ev) {
  const data = ev && ev.data !== undefined ? JSON.stringify(ev.data) : '';
  return el('li', { class: 'event', dataset: { eventId: ev && ev.id !== undefined ? ev.id : '' } },
    el('span', { class: 'time', text: formatTime(ev.time || ev.received_at) }),
    el('span', { class: 'type', text: String(ev.type || '') }),
    ev.device ? el('span', { class: 'muted small', text: String(ev.device) }) : null,
    data && data !== '{}' ? el('code', { class: 'data', text: data }) : null);
}
