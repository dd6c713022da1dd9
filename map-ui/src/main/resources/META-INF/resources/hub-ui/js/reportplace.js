// The report form's place: the phone's location (navigator.geolocation) or a tap on the map while the
// report view is shown, resolved by /api/v1/locate to community › compound › building and grid and marked
// on the map; or, from a grid's QR link, a point inside that grid with the map fitted to it.
/* global L */
import { api, showError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { getMap, toLatLng, fromLatLng, dotIcon, onDatumChange, fitBbox, geometryBbox, viewAt } from './map.js';
import { nameOf } from './hierarchy.js';
import { setPointPickPredicate } from './residents.js';
import { gridFeature, gridName, interiorPoint } from './grids.js';

let active = false;
let place = null; // { lon, lat, located: {...}|null, resolving }
let qrGrid = null; // { code, found }
let marker = null;
let fieldError = () => {};

/** Wires the locate button and map taps; onError(field, message) shows or clears the place's error. */
export function initPlace(onError) {
  fieldError = onError;
  byId('report-locate').addEventListener('click', locateMe);
  setPointPickPredicate(() => active);
  getMap().on('click', (e) => {
    if (active) {
      setPlace(fromLatLng(e.latlng));
    }
  });
  onDatumChange(drawMarker);
  onLangChange(renderPlace);
  renderPlace();
}

/** Map taps set the place (and the marker shows) only while the report view is shown. */
export function setPlaceActive(on) {
  active = on;
  drawMarker();
}

/** The chosen WGS-84 place {lon, lat, located}, or null. */
export function currentPlace() {
  return place;
}

/** Forgets the place (after a report was filed); the QR code's grid stays. */
export function clearPlace() {
  place = null;
  drawMarker();
  renderPlace();
}

/** The QR link's grid (?report=1&grid=CODE): centres the map on it and takes a point inside it as the place. */
export async function preselectGrid(code) {
  qrGrid = { code: String(code), found: null };
  renderPlace();
  const feature = await gridFeature(code);
  qrGrid.found = !!feature;
  if (feature) {
    fitBbox(geometryBbox(feature.geometry), 17);
    if (!place) {
      const p = interiorPoint(feature.geometry);
      if (p) {
        await setPlace(p);
        return;
      }
    }
  }
  renderPlace();
}

function locateMe() {
  if (!navigator.geolocation) {
    fieldError('place', t('rep.geo.denied'));
    return;
  }
  fieldError('place', '');
  const box = byId('report-place');
  box.dataset.state = 'locating';
  replace(box, el('span', { class: 'muted', text: t('rep.locating') }));
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      const p = [pos.coords.longitude, pos.coords.latitude];
      setPlace(p);
      viewAt(toLatLng(p[0], p[1]), 17);
    },
    () => {
      renderPlace();
      fieldError('place', t('rep.geo.denied'));
    },
    { enableHighAccuracy: true, timeout: 10000, maximumAge: 0 },
  );
}

/** Takes a WGS-84 point as the place and resolves it to community, compound, building and grid. */
async function setPlace(point) {
  const lon = Math.round(point[0] * 1e6) / 1e6;
  const lat = Math.round(point[1] * 1e6) / 1e6;
  place = { lon, lat, located: null, resolving: true };
  fieldError('place', '');
  drawMarker();
  renderPlace();
  try {
    const located = await api('/api/v1/locate?lon=' + lon + '&lat=' + lat, { auth: false });
    if (place && place.lon === lon && place.lat === lat) {
      place.located = located || {};
    }
  } catch (e) {
    showError(e);
  }
  if (place && place.lon === lon && place.lat === lat) {
    place.resolving = false;
    renderPlace();
  }
}

function renderPlace() {
  const box = byId('report-place');
  const lines = [];
  if (qrGrid) {
    lines.push(el('div', { class: 'kv', 'data-testid': 'report-qr-grid', dataset: { grid: qrGrid.code } },
      el('span', { class: 'k', text: t('rep.qrGrid') }),
      el('span', { class: 'v', text: qrGrid.found === false ? t('rep.gridMissing', { code: qrGrid.code })
        : gridName(qrGrid.code) })));
  }
  if (!place) {
    lines.push(el('div', { class: 'muted', text: t('rep.noPlace') }));
  } else if (place.resolving) {
    lines.push(el('div', { class: 'muted', text: t('rep.resolving') }));
  } else {
    const l = place.located || {};
    const named = (level, o) => (o && o.code !== undefined ? String(o.name || nameOf(level, o.code)) : null);
    const trail = [named('community', l.community), named('compound', l.compound), named('building', l.building)]
      .filter(Boolean).join(' › ');
    box.dataset.community = l.community ? String(l.community.code) : '';
    box.dataset.grid = l.grid ? String(l.grid.code) : '';
    lines.push(l.community ? el('div', { class: 'v', 'data-testid': 'report-place-name', text: trail })
      : el('div', { class: 'error', 'data-testid': 'report-place-name', text: t('rep.outside') }));
    if (l.grid) {
      lines.push(el('div', { class: 'kv' }, el('span', { class: 'k', text: t('case.grid') }),
        el('span', { class: 'v', 'data-testid': 'report-place-grid', text: String(l.grid.name || l.grid.code) })));
    }
    lines.push(el('div', { class: 'muted small mono', text: place.lon.toFixed(6) + ', ' + place.lat.toFixed(6) }));
  }
  box.dataset.state = !place ? 'none' : place.resolving ? 'resolving' : 'resolved';
  replace(box, lines);
}

function drawMarker() {
  const map = getMap();
  if (marker) {
    map.removeLayer(marker);
    marker = null;
  }
  if (active && place) {
    marker = L.marker(toLatLng(place.lon, place.lat), { icon: dotIcon('⚑', '#d84315', 'report-pin'), zIndexOffset: 900,
      interactive: false });
    marker.addTo(map);
  }
}
