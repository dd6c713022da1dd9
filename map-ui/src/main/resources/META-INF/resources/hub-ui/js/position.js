// "You are here": the device's position (navigator.geolocation, WGS-84) as a blue dot with its
// accuracy circle. Followed from the start when the page already has the permission (it never asks
// on its own), and after the resident taps the locate button or "我附近". The last position is the
// origin of the directions links (directions.js).
/* global L */
import { el } from './dom.js';
import { t, addStrings } from './i18n.js';
import { getMap, getRenderer, toLatLng, onDatumChange, viewAt } from './map.js';

addStrings({
  zh: {
    'loc.button': '定位到我的位置', 'loc.here': '您在这里', 'loc.failed': '无法获取您的位置（已拒绝或不可用）',
  },
  en: {
    'loc.button': 'Show my position', 'loc.here': 'You are here',
    'loc.failed': 'Your position is unavailable (refused or not supported)',
  },
});

const OPTIONS = { enableHighAccuracy: true, maximumAge: 30000, timeout: 15000 };

let position = null; // {lon, lat, accuracy}
let watchId = null;
let marker = null;
let circle = null;
const listeners = [];

export function initPosition() {
  onDatumChange(draw);
  if (!navigator.geolocation || !navigator.permissions || !navigator.permissions.query) {
    return;
  }
  navigator.permissions.query({ name: 'geolocation' }).then((status) => {
    if (status.state === 'granted') {
      quietly();
    }
    status.onchange = () => {
      if (status.state === 'granted') {
        quietly();
      }
    };
  }).catch(() => {});
}

/** The last known WGS-84 position {lon, lat, accuracy} of this device, or null. */
export function userPosition() {
  return position;
}

/** Calls fn(position) after every new position. */
export function onPosition(fn) {
  listeners.push(fn);
}

/** Takes a position found elsewhere (e.g. "我附近") as the device's own. */
export function setUserPosition(point, accuracy) {
  if (!Array.isArray(point) || !Number.isFinite(point[0]) || !Number.isFinite(point[1])) {
    return;
  }
  position = { lon: point[0], lat: point[1], accuracy: Number.isFinite(accuracy) ? accuracy : null };
  draw();
  listeners.forEach((fn) => fn(position));
}

/** Asks for the position (the browser may prompt), then centres the map on it; onError(message) if refused. */
export function locateMe(onError) {
  if (!navigator.geolocation) {
    onError(t('loc.failed'));
    return;
  }
  navigator.geolocation.getCurrentPosition((pos) => {
    take(pos);
    viewAt(toLatLng(position.lon, position.lat), 17);
    follow();
  }, () => onError(t('loc.failed')), OPTIONS);
}

/** One position without asking (the permission is there); followed from then on only if it came. */
function quietly() {
  navigator.geolocation.getCurrentPosition((pos) => {
    take(pos);
    follow();
  }, () => {}, OPTIONS);
}

function follow() {
  if (watchId === null && navigator.geolocation) {
    watchId = navigator.geolocation.watchPosition(take, () => {}, OPTIONS);
  }
}

function take(pos) {
  setUserPosition([pos.coords.longitude, pos.coords.latitude], pos.coords.accuracy);
}

function draw() {
  const map = getMap();
  if (!position || !map) {
    return;
  }
  const at = toLatLng(position.lon, position.lat);
  if (!marker) {
    const dot = el('span', { class: 'you-are-here', 'data-testid': 'you-are-here', role: 'img', 'aria-label': t('loc.here'),
      title: t('loc.here') });
    marker = L.marker(at, {
      icon: L.divIcon({ html: dot, className: 'you-are-here-wrap', iconSize: [22, 22], iconAnchor: [11, 11] }),
      interactive: false, keyboard: false, zIndexOffset: 900,
    }).addTo(map);
    circle = L.circle(at, { radius: 1, renderer: getRenderer(), interactive: false, color: '#1976d2', weight: 1, opacity: 0.5,
      fillColor: '#1976d2', fillOpacity: 0.1 }).addTo(map);
  }
  marker.setLatLng(at);
  circle.setLatLng(at);
  circle.setRadius(position.accuracy && position.accuracy < 500 ? position.accuracy : 1);
}
