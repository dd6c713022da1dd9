// Residents view, facilities: "near me" / "near this point" search with category chips,
// result list with walking distances, markers, details, and name search.
/* global L */
import { api, getAllFeatures, showError } from './api.js';
import { byId, el, replace, debounce } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { CATEGORIES, categoryStyle, formatDistance, walkingMinutes, categoryLabel } from './format.js';
import { getMap, toLatLng, fromLatLng, dotIcon, onDatumChange, fitLatLngBounds, viewAt } from './map.js';
import { allBuildings, loadHierarchy } from './hierarchy.js';
import { selectArea, setPointPickPredicate } from './residents.js';
import { renderFacilityCard, popupOptions } from './facilitycard.js';
import { setUserPosition } from './position.js';
import { relayout } from './declutter.js';
import { loadMarkerCluster } from './cluster.js';

const NEAREST_LIMIT = 20;
const NEAREST_RADIUS = 3000;

let category = '';
let origin = null; // WGS-84 [lon, lat]
let results = [];
let armed = false;
let markers = null; // the results' cluster group, made once Leaflet.markercluster is loaded (cluster.js)
let markersLoading = null;
let originMarker = null;
let allFacilities = null;
let facilitiesLoading = null;
let detailCode = null;
let opened = null; // a facility opened from its map icon: {feature, popup}
let active = true;
// /api/v1/facilities/nearest gives code, name, category, distance and floor only: opening hours
// and phone come from the facility's own item, fetched once when its details are shown
const fullProperties = new Map();

export function initFacilities() {
  const map = getMap();
  setPointPickPredicate(() => armed && active);
  renderChips();
  byId('near-me-button').addEventListener('click', nearMe);
  byId('near-point-button').addEventListener('click', () => setArmed(!armed));
  map.on('click', (e) => {
    if (armed && active) {
      setArmed(false);
      searchAt(fromLatLng(e.latlng));
    }
  });
  map.on('contextmenu', (e) => {
    if (active) {
      searchAt(fromLatLng(e.latlng));
    }
  });
  const input = byId('search-input');
  input.addEventListener('input', debounce(() => runSearch(input.value), 200));
  input.addEventListener('focus', () => loadAllFacilities());
  onDatumChange(drawMarkers);
  onLangChange(() => {
    renderChips();
    renderList();
    renderDetails();
    drawMarkers();
    runSearch(input.value);
  });
  renderList();
}

/** The results' cluster group, made (and shown when the view is active) once the plugin is loaded. */
function resultMarkers() {
  if (!markersLoading) {
    markersLoading = loadMarkerCluster().then(() => {
      markers = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40, disableClusteringAtZoom: 18 });
      if (active) {
        getMap().addLayer(markers);
      }
      return markers;
    });
    markersLoading.catch(() => { markersLoading = null; });
  }
  return markersLoading;
}

/** Shows or hides the facility markers when the residents view is left or entered. */
export function setFacilitiesActive(on) {
  active = on;
  const map = getMap();
  if (on) {
    if (markers) {
      map.addLayer(markers);
    }
    if (originMarker) {
      originMarker.addTo(map);
    }
  } else {
    setArmed(false);
    if (markers) {
      map.removeLayer(markers);
    }
    if (originMarker) {
      map.removeLayer(originMarker);
    }
  }
}

function setArmed(on) {
  armed = on;
  const button = byId('near-point-button');
  button.classList.toggle('active', on);
  button.setAttribute('aria-pressed', String(on));
  byId('map').classList.toggle('picking', on);
  setMessage(on ? t('res.nearPoint.armed') : '');
}

function setMessage(text) {
  const box = byId('geo-message');
  box.textContent = text;
  box.hidden = !text;
}

function renderChips() {
  const box = byId('category-chips');
  const chip = (value, label) => el('button', {
    type: 'button', class: 'chip' + (category === value ? ' active' : ''), 'aria-pressed': String(category === value),
    dataset: { category: value || 'all' },
    onclick: () => {
      category = category === value ? '' : value;
      renderChips();
      if (origin) {
        searchAt(origin);
      }
    },
  }, label);
  replace(box, chip('', t('res.allCats')), CATEGORIES.map((c) => chip(c, categoryLabel(c))));
}

function nearMe() {
  if (!navigator.geolocation) {
    setArmed(true);
    setMessage(t('res.geo.unsupported'));
    return;
  }
  setMessage(t('res.locating'));
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      setMessage('');
      setUserPosition([pos.coords.longitude, pos.coords.latitude], pos.coords.accuracy);
      searchAt([pos.coords.longitude, pos.coords.latitude]);
    },
    () => {
      setArmed(true);
      setMessage(t('res.geo.denied'));
    },
    { enableHighAccuracy: true, timeout: 8000, maximumAge: 60000 },
  );
}

/** Queries the nearest facilities around a WGS-84 point. */
export async function searchAt(point) {
  if (armed) {
    setArmed(false);
  }
  origin = point;
  const params = new URLSearchParams({
    lon: point[0].toFixed(6), lat: point[1].toFixed(6), limit: String(NEAREST_LIMIT), radius: String(NEAREST_RADIUS),
  });
  if (category) {
    params.set('category', category);
  }
  replace(byId('facility-list'), el('li', { class: 'muted', text: t('res.loading') }));
  try {
    const fc = await api('/api/v1/facilities/nearest?' + params.toString(), { auth: false });
    results = (fc && fc.features) || [];
  } catch (e) {
    results = [];
    showError(e);
  }
  detailCode = null;
  renderList();
  renderDetails();
  await drawMarkers();
  fitResults();
}

function fitResults() {
  const map = getMap();
  const pts = results.filter(hasPoint).map((f) => toLatLng(f.geometry.coordinates[0], f.geometry.coordinates[1]));
  if (origin) {
    pts.push(toLatLng(origin[0], origin[1]));
  }
  if (pts.length > 1) {
    fitLatLngBounds(L.latLngBounds(pts), 18);
  } else if (pts.length === 1) {
    viewAt(pts[0], 16);
  }
}

function hasPoint(f) {
  return f && f.geometry && Array.isArray(f.geometry.coordinates) && f.geometry.coordinates.length >= 2;
}

/** Draws the results (after loading the cluster plugin the first time); settles when they are on the map. */
async function drawMarkers() {
  if (!markers) {
    if (!results.length && !origin) {
      return;
    }
    try {
      await resultMarkers();
    } catch (e) {
      showError(e);
      return;
    }
  }
  markers.clearLayers();
  const map = getMap();
  if (originMarker) {
    map.removeLayer(originMarker);
    originMarker = null;
  }
  if (origin) {
    originMarker = L.circleMarker(toLatLng(origin[0], origin[1]), {
      radius: 8, color: '#fff', weight: 3, fillColor: '#1976d2', fillOpacity: 1,
    }).bindTooltip(el('span', { text: t('res.origin') }));
    if (active) {
      originMarker.addTo(map);
    }
  }
  const list = results.filter(hasPoint).map((f) => facilityMarker(f));
  markers.addLayers(list);
  relayout(); // the map icons leave out the facilities now drawn as results
}

function facilityMarker(feature) {
  const p = feature.properties || {};
  const [glyph, colour] = categoryStyle(p.category);
  const [lon, lat] = feature.geometry.coordinates;
  const marker = L.marker(toLatLng(lon, lat), { icon: dotIcon(glyph, colour), title: String(p.name || '') });
  marker.bindPopup(() => facilityCard(withDetails(p), false, feature.geometry.coordinates), popupOptions());
  marker.on('click', () => {
    detailCode = String(p.code);
    loadDetails(detailCode);
    renderDetails();
    renderList();
  });
  marker.featureCode = String(p.code);
  return marker;
}

function facilityCard(p, withClose, coordinates) {
  const onClose = withClose ? () => { detailCode = null; renderDetails(); renderList(); } : null;
  return renderFacilityCard(p, coordinates, onClose);
}

function renderList() {
  const list = byId('facility-list');
  if (!origin) {
    replace(list);
    return;
  }
  if (!results.length) {
    replace(list, el('li', { class: 'muted', text: t('res.noResults') }));
    return;
  }
  replace(list, results.map((f) => {
    const p = f.properties || {};
    const [glyph, colour] = categoryStyle(p.category);
    return el('li', {},
      el('button', {
        type: 'button', class: 'facility-item' + (detailCode === String(p.code) ? ' active' : ''),
        dataset: { facilityCode: p.code }, onclick: () => focusFacility(f),
      },
      el('span', { class: 'dot-icon small', style: { background: colour }, text: glyph }),
      el('span', { class: 'grow' },
        el('span', { class: 'name', text: p.name || p.code || '' }),
        el('span', { class: 'muted small', text: categoryLabel(p.category) })),
      el('span', { class: 'dist' },
        el('span', { text: formatDistance(p.distance_m) }),
        el('span', { class: 'muted small', text: t('res.walk', { min: walkingMinutes(p.distance_m) }) }))));
  }));
}

function withDetails(p) {
  const full = fullProperties.get(String(p.code));
  return full && typeof full === 'object' ? { ...full, ...p, opening_hours: full.opening_hours, phone: full.phone } : p;
}

/** Fetches a facility's full properties once, then refreshes the details and any open popup. */
function loadDetails(code) {
  if (fullProperties.has(code)) {
    return;
  }
  fullProperties.set(code, null);
  api('/collections/facilities/items/' + encodeURIComponent(code), { auth: false }).then((f) => {
    fullProperties.set(code, (f && f.properties) || {});
    if (detailCode === code) {
      renderDetails();
    }
    const marker = markers && markers.getLayers().find((m) => m.featureCode === code);
    if (marker && marker.isPopupOpen()) {
      marker.getPopup().update();
    }
    if (opened && String((opened.feature.properties || {}).code) === code && opened.popup.isOpen()) {
      opened.popup.update();
    }
  }).catch(() => fullProperties.delete(code));
}

function focusFacility(feature) {
  const p = feature.properties || {};
  detailCode = String(p.code);
  loadDetails(detailCode);
  renderList();
  renderDetails();
  if (!hasPoint(feature)) {
    return;
  }
  const code = detailCode;
  const open = () => {
    const marker = markers && markers.getLayers().find((m) => m.featureCode === code);
    if (marker) {
      markers.zoomToShowLayer(marker, () => marker.openPopup());
    }
  };
  if (markers) {
    open();
  } else {
    resultMarkers().then(open).catch(() => null); // the results are drawn first (drawMarkers waits the same way)
  }
}

function renderDetails() {
  const box = byId('facility-details');
  const f = detailCode && (results.find((r) => String((r.properties || {}).code) === detailCode)
    || (allFacilities || []).find((r) => String((r.properties || {}).code) === detailCode)
    || (opened && String((opened.feature.properties || {}).code) === detailCode ? opened.feature : null));
  if (!f) {
    replace(box);
    box.hidden = true;
    return;
  }
  box.hidden = false;
  replace(box, facilityCard(withDetails(f.properties || {}), true, hasPoint(f) ? f.geometry.coordinates : null));
}

function loadAllFacilities() {
  if (!facilitiesLoading) {
    loadHierarchy().catch(() => []);
    facilitiesLoading = getAllFeatures('/collections/facilities/items?limit=1000', 20)
      .then((list) => { allFacilities = list; runSearch(byId('search-input').value); return list; })
      .catch((e) => { facilitiesLoading = null; showError(e); return []; });
  }
  return facilitiesLoading;
}

function runSearch(text) {
  const box = byId('search-results');
  const q = String(text || '').trim().toLowerCase();
  if (!q) {
    replace(box);
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const match = (name, code) => String(name || '').toLowerCase().includes(q) || String(code || '').toLowerCase() === q;
  const hits = [];
  for (const b of allBuildings()) {
    if (match(b.name, b.code)) {
      hits.push(el('li', {}, el('button', {
        type: 'button', class: 'list-button', dataset: { buildingCode: b.code },
        onclick: () => selectArea('building', String(b.code), true),
      }, el('span', { class: 'badge level', text: t('res.level.building') }), el('span', { text: b.name || b.code }))));
    }
  }
  for (const f of allFacilities || []) {
    const p = f.properties || {};
    if (match(p.name, p.code)) {
      hits.push(el('li', {}, el('button', {
        type: 'button', class: 'list-button', dataset: { facilityCode: p.code },
        onclick: () => showFacility(f),
      }, el('span', { class: 'badge', text: categoryLabel(p.category) }), el('span', { text: p.name || p.code }))));
    }
  }
  if (!hits.length) {
    replace(box, el('li', { class: 'muted', text: allFacilities ? t('res.search.none') : t('res.loading') }));
    return;
  }
  const shown = hits.slice(0, 50);
  if (hits.length > shown.length) {
    shown.push(el('li', { class: 'muted', text: t('ins.more', { n: hits.length - shown.length }) }));
  }
  replace(box, shown);
}

function showFacility(feature) {
  if (!hasPoint(feature)) {
    return;
  }
  const [lon, lat] = feature.geometry.coordinates;
  searchAt([lon, lat]).then(() => {
    const p = feature.properties || {};
    const hit = results.find((r) => String((r.properties || {}).code) === String(p.code));
    focusFacility(hit || feature);
  });
}

/** Codes of the facilities listed as search results (drawn as markers here). */
export function resultCodes() {
  return new Set(results.map((f) => String((f.properties || {}).code)));
}

/** Shows a facility's card on the map and in the panel, e.g. after a tap on its icon (facilityicons.js). */
export function openFacility(feature) {
  if (!hasPoint(feature)) {
    return;
  }
  const p = feature.properties || {};
  const [lon, lat] = feature.geometry.coordinates;
  if (opened) {
    opened.popup.remove();
  }
  const popup = L.popup({ ...popupOptions(), offset: [0, -8] }).setLatLng(toLatLng(lon, lat))
    .setContent(() => facilityCard(withDetails(p), false, feature.geometry.coordinates));
  opened = { feature, popup };
  detailCode = String(p.code);
  loadDetails(detailCode);
  renderList();
  renderDetails();
  popup.openOn(getMap());
}
