// 随手拍: the report form for anyone (no account needed). Category, description, the place from the
// phone's location or a tap on the map (resolved by /api/v1/locate), up to 3 photos, an optional phone
// number; sent as multipart to POST /api/v1/cases. The hub's refusals (400/413/415/422) are shown next to
// the field they name, a 429 says when to try again. The QR link ?report=1&grid=CODE opens this form
// centred on that grid. A logged-in grid worker may close a small matter on the spot (现场办结).
/* global L */
import { api, postForm, session, hasRole, showError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { CASE_CATEGORIES, caseCategoryLabel } from './format.js';
import { getMap, toLatLng, fromLatLng, dotIcon, onDatumChange, fitBbox, geometryBbox } from './map.js';
import { nameOf } from './hierarchy.js';
import { setPointPickPredicate } from './residents.js';
import { gridFeature, gridName, interiorPoint, showGrids, setGridCounts } from './grids.js';
import { photoPicker } from './photos.js';
import { rememberCode, refreshMine, setTrackActive } from './track.js';

const FIELDS = ['category', 'description', 'place', 'photo', 'contact', 'note'];
let active = false;
let place = null; // { lon, lat, located: {...}|null }
let qrGrid = null; // { code, found }
let marker = null;
let photos = null;
let afterPhotos = null;
let sending = false;

export function initReport() {
  photos = photoPicker('report-photos', 3, (kind) => fieldError('photo', kind === 'size' ? t('rep.err.photo.413')
    : t('rep.err.photoCount')));
  afterPhotos = photoPicker('report-after', 3, (kind) => fieldError('note', kind === 'size' ? t('rep.err.photo.413')
    : t('rep.err.photoCount')));
  replace(byId('report-photos'), photos.node);
  replace(byId('report-after-photos'), afterPhotos.node);
  renderCategories();
  const description = byId('report-description');
  description.addEventListener('input', renderCount);
  byId('report-locate').addEventListener('click', locateMe);
  byId('report-form').addEventListener('submit', submit);
  byId('report-onspot-check').addEventListener('change', (e) => { byId('report-onspot-fields').hidden = !e.target.checked; });
  setPointPickPredicate(() => active);
  getMap().on('click', (e) => {
    if (active) {
      setPlace(fromLatLng(e.latlng));
    }
  });
  onDatumChange(drawMarker);
  onLangChange(() => { renderCategories(); renderCount(); renderPlace(); });
  renderCount();
  renderPlace();
}

/** Shows or hides the report view's map layers (grids without counts, the place marker). */
export function setReportActive(on) {
  active = on;
  showGrids('report', on);
  if (on) {
    setGridCounts(null);
    byId('report-onspot').hidden = !hasRole('grid_worker');
  }
  setTrackActive(on);
  drawMarker();
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

function renderCategories() {
  const select = byId('report-category');
  const value = select.value;
  replace(select, el('option', { value: '', text: t('rep.pickCategory') }),
    CASE_CATEGORIES.map((c) => el('option', { value: c, text: caseCategoryLabel(c) })));
  select.value = value;
}

function renderCount() {
  const n = [...byId('report-description').value].length;
  byId('report-count').textContent = t('rep.count', { n });
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
      getMap().setView(toLatLng(p[0], p[1]), Math.max(getMap().getZoom(), 17));
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

/** Shows (or with '' clears) the error next to a field. */
function fieldError(field, message) {
  const node = document.querySelector('#report-form .field-error[data-field="' + field + '"]');
  if (node) {
    node.textContent = message;
    node.hidden = !message;
  }
}

function clearErrors() {
  FIELDS.forEach((f) => fieldError(f, ''));
  byId('report-error').hidden = true;
}

function checkLocally(category, description, onSpot, note) {
  let ok = true;
  if (!category) {
    fieldError('category', t('rep.err.category'));
    ok = false;
  }
  const n = [...description].length;
  if (!description.trim() || n > 1000) {
    fieldError('description', t('rep.err.description'));
    ok = false;
  }
  if (!place) {
    fieldError('place', t('rep.err.place'));
    ok = false;
  }
  if (onSpot && !note.trim()) {
    fieldError('note', t('rep.err.note'));
    ok = false;
  }
  return ok;
}

async function submit(event) {
  event.preventDefault();
  if (sending) {
    return;
  }
  clearErrors();
  const category = byId('report-category').value;
  const description = byId('report-description').value;
  const contact = byId('report-contact').value.trim();
  const onSpot = hasRole('grid_worker') && byId('report-onspot-check').checked;
  const note = byId('report-onspot-note').value;
  if (!checkLocally(category, description, onSpot, note)) {
    return;
  }
  const form = new FormData();
  form.append('category', category);
  form.append('description', description);
  form.append('lon', place.lon.toFixed(6));
  form.append('lat', place.lat.toFixed(6));
  if (contact) {
    form.append('contact', contact);
  }
  photos.files().forEach((f) => form.append('photo', f, f.name || 'photo.jpg'));
  setSending(true);
  try {
    const filed = await postForm('/api/v1/cases', form);
    let closedOnSpot = false;
    if (onSpot && session() && filed && filed.id !== undefined) {
      try {
        closedOnSpot = await closeOnTheSpot(filed.id, note);
      } catch (e) {
        showError(e); // the report stands (submitted); the worker finishes it from the case list
      }
    }
    done(filed, closedOnSpot);
  } catch (e) {
    showRefusal(e);
  } finally {
    setSending(false);
  }
}

/** 现场办结: the worker's own fresh report handled (note, after-photos) and closed at once. */
async function closeOnTheSpot(id, note) {
  const handle = new FormData();
  handle.append('note', note);
  afterPhotos.files().forEach((f) => handle.append('photo', f, f.name || 'after.jpg'));
  await postForm('/api/v1/cases/' + encodeURIComponent(id) + '/handle', handle);
  await api('/api/v1/cases/' + encodeURIComponent(id) + '/close', { method: 'POST', body: {} });
  return true;
}

function setSending(on) {
  sending = on;
  const button = byId('report-submit');
  button.disabled = on;
  button.textContent = t(on ? 'rep.sending' : 'rep.submit');
}

/** Which form field a refusal names: 413/415 the photos, 422 the place, else "field 'x'" in the message. */
function fieldOf(e) {
  if (e.status === 413 || e.status === 415) {
    return 'photo';
  }
  if (e.status === 422) {
    return 'place';
  }
  const m = /(?:field|parameter) '([a-z_]+)'/.exec(e.message || '');
  if (!m) {
    return null;
  }
  return ['lon', 'lat', 'crs'].includes(m[1]) ? 'place' : m[1];
}

function showRefusal(e) {
  if (e.status === 429) {
    const seconds = e.retryAfter || 600;
    const at = new Date(Date.now() + seconds * 1000);
    const time = String(at.getHours()).padStart(2, '0') + ':' + String(at.getMinutes()).padStart(2, '0');
    const box = byId('report-error');
    box.textContent = t('rep.err.throttled', { min: Math.max(1, Math.ceil(seconds / 60)), time });
    box.dataset.retryAfter = String(seconds);
    box.hidden = false;
    return;
  }
  const field = fieldOf(e);
  if (field && FIELDS.includes(field)) {
    const key = field === 'photo' ? 'rep.err.photo.' + e.status : field === 'place' && e.status === 422
      ? 'rep.err.outside' : 'rep.err.' + field;
    const text = t(key);
    fieldError(field, text === key ? t('rep.err.photo') : text);
    const node = document.querySelector('#report-form .field-error[data-field="' + field + '"]');
    node.title = e.message || '';
    node.dataset.status = String(e.status);
    return;
  }
  const box = byId('report-error');
  box.textContent = e.message || String(e);
  box.hidden = false;
}

function done(filed, closedOnSpot) {
  const code = String(filed.tracking_code || '');
  rememberCode(code);
  const box = byId('report-done');
  box.dataset.trackingCode = code;
  box.dataset.grid = filed.grid ? String(filed.grid.code) : '';
  replace(box,
    el('strong', { text: closedOnSpot ? t('rep.onspotDone') : t('rep.done') }),
    el('div', { class: 'kv' }, el('span', { class: 'k', text: t('rep.code') }),
      el('span', { class: 'v mono code', 'data-testid': 'report-code', text: code })),
    filed.grid ? el('div', { class: 'kv' }, el('span', { class: 'k', text: t('case.grid') }),
      el('span', { class: 'v', text: String(filed.grid.name || filed.grid.code) })) : null,
    el('div', { class: 'muted small', text: t('rep.codeKept') }));
  box.hidden = false;
  byId('report-form').reset();
  byId('report-onspot-fields').hidden = true;
  photos.reset();
  afterPhotos.reset();
  place = null;
  drawMarker();
  renderPlace();
  renderCount();
  refreshMine();
  box.scrollIntoView({ block: 'nearest' });
}
