// The Leaflet map: canvas renderer, basemaps from /api/v1/ui-config, and the datum of the
// display. All data is WGS-84; when a GCJ-02 basemap is shown, overlays are shifted here.
/* global L */
import { api, session } from './api.js';
import { wgs84ToGcj02, gcj02ToWgs84 } from './gcj02.js';
import { FIT_PADDING, START_MAX_ZOOM, ZOOM_SNAP, PHONE_MAX_WIDTH, sheetHeight, startBasemap, takeFirstView }
  from './startview.js';
import { BASEMAP_KEY } from './storagekeys.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';

const BLANK_TILE = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const DEFAULT_CONFIG = {
  tiles: [{
    name: 'OpenStreetMap', url: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
    attribution: '© OpenStreetMap contributors', datum: 'wgs84', maxZoom: 19,
  }],
  // Before anything is imported the map shows the whole country; otherwise it opens on the extent
  // of the imported communities (or the logged-in user's community) sent by /api/v1/ui-config.
  center: [104.2, 35.9],
  zoom: 4,
  extent: null,
};

let map = null;
let renderer = null;
let datum = 'wgs84';
let tileLayer = null;
let config = DEFAULT_CONFIG;
let basemapIndex = -1; // the basemap initMap chose, added by showBasemap
let early = null; // the early start's requests (firstview.js), taken over by initMap
const datumListeners = [];
let zooming = false; // between a zoom animation's zoomanim and its zoomend
let deferredView = null; // the view change asked for during a zoom animation, made at its end (afterZoom)

export function getMap() {
  return map;
}

export function getRenderer() {
  return renderer;
}

/** WGS-84 lon/lat to the LatLng shown on the current basemap. */
export function toLatLng(lon, lat) {
  if (datum === 'gcj02') {
    const [gLon, gLat] = wgs84ToGcj02(lon, lat);
    return L.latLng(gLat, gLon);
  }
  return L.latLng(lat, lon);
}

/** A LatLng on the current basemap back to WGS-84 [lon, lat]. */
export function fromLatLng(latlng) {
  if (datum === 'gcj02') {
    return gcj02ToWgs84(latlng.lng, latlng.lat);
  }
  return [latlng.lng, latlng.lat];
}

/** A GeoJSON layer drawn on the canvas renderer, coordinates shifted to the current datum. */
export function geoJsonLayer(data, options = {}) {
  return L.geoJSON(data, {
    ...options,
    renderer,
    coordsToLatLng: (c) => toLatLng(c[0], c[1]),
  });
}

/** The visible area as a WGS-84 bbox [minLon, minLat, maxLon, maxLat]. */
export function viewBbox() {
  const b = map.getBounds();
  const sw = fromLatLng(b.getSouthWest());
  const ne = fromLatLng(b.getNorthEast());
  return [sw[0], sw[1], ne[0], ne[1]].map((v) => Math.round(v * 1e6) / 1e6);
}

/** Fits the map to a WGS-84 bbox. */
export function fitBbox(bbox, maxZoom = 18) {
  if (!bbox) {
    return;
  }
  fitLatLngBounds(L.latLngBounds(toLatLng(bbox[0], bbox[1]), toLatLng(bbox[2], bbox[3])), maxZoom);
}

/** Fits display bounds, keeping clear of the bottom sheet on phones (after a running zoom animation: afterZoom). */
export function fitLatLngBounds(bounds, maxZoom = 18, animate = true) {
  afterZoom(() => {
    const sheet = sheetHeight();
    map.fitBounds(bounds, {
      paddingTopLeft: [FIT_PADDING, FIT_PADDING], paddingBottomRight: [FIT_PADDING, FIT_PADDING + sheet], maxZoom, animate,
    });
  });
}

/** Centres the map on a display LatLng at the current zoom or at least `minZoom` (after a running zoom animation). */
export function viewAt(latlng, minZoom) {
  afterZoom(() => map.setView(latlng, Math.max(map.getZoom(), minZoom)));
}

/**
 * Makes a view change now, or, while a zoom animation runs, at its zoomend: Leaflet drops an animated zoom asked for
 * during another (its _tryAnimatedZoom answers "done" and nothing moves), so a compound tapped in the list while the
 * map still zoomed onto its community left the map on the community. When several wait, the last one asked for is
 * made.
 */
function afterZoom(change) {
  if (!zooming) {
    change();
    return;
  }
  if (!deferredView) {
    map.once('zoomend', () => {
      const last = deferredView;
      deferredView = null;
      last();
    });
  }
  deferredView = change;
}

/** Called with the new datum after the basemap datum changes; redraw overlays then. */
export function onDatumChange(fn) {
  datumListeners.push(fn);
}

/**
 * Creates the map, loads the basemap configuration (never fails: falls back to OSM) and sets the start view; the
 * basemap's tiles follow with showBasemap. The canvas is the map's own
 * size (padding 0, Leaflet's default is a tenth beyond each edge): its pixels, at the screen's pixel ratio, are what a
 * redraw allocates, clears and rasterises on the main thread, and a padding would only show outlines beyond the edge
 * while a drag is under way (they are drawn when it ends); at 0.1 a phone's first frame had 1.44 times the pixels, at
 * 0.3 2.56 times (issue 20, bench/README).
 */
export async function initMap() {
  renderer = L.canvas({ padding: 0, tolerance: 4 });
  map = L.map('map', {
    preferCanvas: true,
    zoomSnap: ZOOM_SNAP,
    renderer,
    zoomControl: false,
    attributionControl: true,
  });
  L.control.zoom({ position: 'topright' }).addTo(map);
  map.on('zoomanim', () => { zooming = true; });
  map.on('zoomend', () => { zooming = false; });
  map.attributionControl.setPrefix(false);
  if (window.innerWidth < PHONE_MAX_WIDTH) {
    map.attributionControl.setPosition('topleft'); // the bottom sheet covers the map's bottom corners on phones
  }
  early = await takeFirstView();
  try {
    // the early start's answer (firstview.js took the preloaded one), else asked here
    const loaded = await (early ? early.config : api('/api/v1/ui-config', { auth: false }));
    if (loaded && Array.isArray(loaded.tiles)) {
      config = { ...DEFAULT_CONFIG, ...loaded };
    }
  } catch (e) {
    config = DEFAULT_CONFIG;
  }
  basemapIndex = startBasemap(config);
  // the view is set in the chosen basemap's datum at once (its tiles come in showBasemap)
  datum = basemapIndex >= 0 && config.tiles[basemapIndex].datum === 'gcj02' ? 'gcj02' : 'wgs84';
  const centre = Array.isArray(config.center) && config.center.length === 2 ? config.center : DEFAULT_CONFIG.center;
  map.setView(toLatLng(Number(centre[0]), Number(centre[1])), Number(config.zoom) || DEFAULT_CONFIG.zoom, { animate: false });
  const own = session();
  if (!(own && own.user && own.user.community && await openOnCommunity(own.user.community))) {
    fitExtent(config.extent);
  }
  fillBasemapSelect();
  onLangChange(fillBasemapSelect);
  return map;
}

/**
 * The early start's request for the start view's facilities (firstview.js): a promise of {box, categories, zoom,
 * answer} or of null, or null when there was no early start. For facilityicons.js, which takes it over.
 */
export function earlyFacilities() {
  return early ? early.facilities : null;
}

/**
 * Adds the basemap initMap chose (its datum is already the map's). Called by app.js once the first sight's own
 * requests have left (the start view's facilities): creating the tile layer and its first tiles costs a phone about
 * 300 ms of main thread, and a hub serving its own tiles would answer them on the same six HTTP/1.1 connections.
 */
export function showBasemap() {
  setBasemap(basemapIndex);
}

function fitExtent(extent) {
  if (Array.isArray(extent) && extent.length === 4 && extent.every((v) => Number.isFinite(Number(v)))) {
    fitLatLngBounds(L.latLngBounds(toLatLng(Number(extent[0]), Number(extent[1])),
      toLatLng(Number(extent[2]), Number(extent[3]))), START_MAX_ZOOM, false);
    return true;
  }
  return false;
}

/** Moves the map onto one community's extent (a staff user's own); false when it has none. */
export async function openOnCommunity(code) {
  try {
    const loaded = await api('/api/v1/ui-config?community=' + encodeURIComponent(code), { auth: false });
    return fitExtent(loaded && loaded.extent);
  } catch (e) {
    return false;
  }
}

function fillBasemapSelect() {
  const select = byId('basemap-select');
  if (!select) {
    return;
  }
  const current = select.value;
  const options = config.tiles.map((tile, i) => el('option', { value: String(i), text: String(tile.name || i) }));
  options.push(el('option', { value: '-1', text: t('basemap.none') }));
  replace(select, options);
  if (current !== '') {
    select.value = current;
  }
  select.onchange = () => setBasemap(Number(select.value));
}

function escapeHtml(text) {
  const div = document.createElement('div');
  div.textContent = String(text || '');
  return div.innerHTML;
}

/** The deepest zoom with a basemap: its own tiles' deepest, stretched to at least 18 (buildings show from 16). */
function mostZoom(tile) {
  return Math.max(Number(tile.maxZoom) || 19, 18);
}

/**
 * Leaflet options of a ui-config basemap: tiles up to its maxZoom (deeper zooms stretch them), from its minZoom
 * (two zooms above it shrink them, higher up the layer is off), and only inside its bounds [w, s, e, n].
 */
function tileOptions(tile) {
  const options = {
    maxZoom: mostZoom(tile),
    maxNativeZoom: Number(tile.maxZoom) || 19,
    attribution: escapeHtml(tile.attribution),
    errorTileUrl: BLANK_TILE,
    crossOrigin: false,
  };
  const min = Number(tile.minZoom);
  if (Number.isInteger(min) && min > 0) {
    options.minNativeZoom = min;
    options.minZoom = Math.max(0, min - 2);
  }
  const b = tile.bounds;
  if (Array.isArray(b) && b.length === 4 && b.every((v) => Number.isFinite(Number(v)))) {
    options.bounds = L.latLngBounds(L.latLng(Number(b[1]), Number(b[0])), L.latLng(Number(b[3]), Number(b[2])));
  }
  return options;
}

/** Switches basemap by index in ui-config tiles (-1 = none); shifts overlays if the datum changes. */
export function setBasemap(index) {
  const tile = index >= 0 ? config.tiles[index] : null;
  if (tileLayer) {
    map.removeLayer(tileLayer);
    tileLayer = null;
  }
  const note = byId('basemap-note');
  if (note) {
    note.hidden = true;
  }
  tileErrors = 0;
  tilesLoaded = 0;
  const nextDatum = tile && tile.datum === 'gcj02' ? 'gcj02' : 'wgs84';
  if (tile && typeof tile.url === 'string') {
    tileLayer = L.tileLayer(tile.url, tileOptions(tile));
    // The hub's own file (offline) may lack a few tiles: only a file that draws nothing shows the note.
    tileLayer.on('tileerror', tile.offline ? () => { if (tilesLoaded === 0) onTileError(); } : onTileError);
    tileLayer.on('tileload', () => { tilesLoaded += 1; });
    tileLayer.addTo(map);
  }
  map.setMaxZoom(tile ? mostZoom(tile) : 20);
  const select = byId('basemap-select');
  if (select) {
    select.value = String(index);
  }
  try {
    localStorage.setItem(BASEMAP_KEY, String(index));
  } catch (e) {
    // ignore: choice lasts for this page only
  }
  if (nextDatum !== datum) {
    const centre = fromLatLng(map.getCenter());
    datum = nextDatum;
    map.setView(toLatLng(centre[0], centre[1]), map.getZoom(), { animate: false });
    datumListeners.forEach((fn) => fn(datum));
  }
}

let tileErrors = 0;
let tilesLoaded = 0;
const GIVE_UP_AFTER = 12;

/** Quietly notes a failed tile; when none ever loaded, stops asking (plain background stays). */
function onTileError() {
  tileErrors += 1;
  const note = byId('basemap-note');
  if (note) {
    note.hidden = false;
  }
  if (tilesLoaded === 0 && tileErrors >= GIVE_UP_AFTER && tileLayer) {
    const failed = tileLayer;
    tileLayer = null;
    setTimeout(() => map.removeLayer(failed), 0);
  }
}

export function currentDatum() {
  return datum;
}

/** Re-measures the map after the panel changes size. */
export function refreshSize() {
  if (map) {
    setTimeout(() => map.invalidateSize({ pan: false }), 220);
  }
}

/** A small round DOM marker icon with a short label (text only). */
export function dotIcon(label, colour, extraClass = '') {
  const node = el('span', { class: 'dot-icon ' + extraClass, style: { background: colour }, text: label });
  return L.divIcon({ html: node, className: 'dot-wrap', iconSize: [26, 26], iconAnchor: [13, 13] });
}

/** WGS-84 bbox of a GeoJSON geometry. */
export function geometryBbox(geometry) {
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      box[0] = Math.min(box[0], c[0]);
      box[1] = Math.min(box[1], c[1]);
      box[2] = Math.max(box[2], c[0]);
      box[3] = Math.max(box[3], c[1]);
    } else {
      c.forEach(walk);
    }
  };
  if (geometry && geometry.coordinates) {
    walk(geometry.coordinates);
  }
  return Number.isFinite(box[0]) ? box : null;
}

export function unionBbox(a, b) {
  if (!a) {
    return b;
  }
  if (!b) {
    return a;
  }
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}
