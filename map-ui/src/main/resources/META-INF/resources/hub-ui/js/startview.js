// The map's start view, shared by map.js (which sets it with Leaflet) and the early start (firstview.js, which works
// it out before Leaflet is even evaluated, to ask for the start view's facilities at once; issue 20). No imports but
// the GCJ-02 formula and the storage keys: firstview.js is bundled on its own.
import { wgs84ToGcj02, gcj02ToWgs84 } from './gcj02.js';
import { BASEMAP_KEY } from './storagekeys.js';

/** Pixels kept free around a fitted extent (and above the bottom sheet on phones). */
export const FIT_PADDING = 24;
/** The deepest zoom the start view fits the communities' extent at. */
export const START_MAX_ZOOM = 17;
/** The map's zoomSnap: a fitted view fills a phone's width (a whole zoom step would halve it). */
export const ZOOM_SNAP = 0.25;
/** Below this window width the page is laid out as a phone's (hub.css): a bottom sheet instead of a side panel. */
export const PHONE_MAX_WIDTH = 768;
/** The window property through which firstview.js hands its early start to the app. */
const HANDOVER = 'hubFirstView';

/** The height of the bottom sheet a fit keeps clear of: the panel's on a phone while it is open, else 0. Reads layout. */
export function sheetHeight() {
  const panel = document.getElementById('panel');
  return window.innerWidth < PHONE_MAX_WIDTH && panel && !panel.classList.contains('collapsed') ? panel.offsetHeight : 0;
}

/** The index (into config.tiles) of the basemap to start with: the one chosen last, else the first; -1 for none. */
export function startBasemap(config) {
  let stored = null;
  try {
    stored = localStorage.getItem(BASEMAP_KEY);
  } catch (e) {
    stored = null;
  }
  const initial = stored !== null && Number(stored) < config.tiles.length ? Number(stored) : 0;
  return config.tiles.length ? initial : -1;
}

/** Whether the start basemap (startBasemap) is drawn in GCJ-02, so the overlays are shifted onto it. */
export function startsInGcj02(config) {
  const index = startBasemap(config);
  return index >= 0 && !!config.tiles[index] && config.tiles[index].datum === 'gcj02';
}

// Leaflet's EPSG:3857 (L.CRS.EPSG3857: spherical Mercator, 256 px tiles), to work out its fitBounds without it
const R = 6378137;
const MAX_LATITUDE = 85.0511287798;
const D = Math.PI / 180;
const SCALE = 0.5 / (Math.PI * R);

function project(lat, lng, zoom) {
  const sin = Math.sin(Math.max(Math.min(MAX_LATITUDE, lat), -MAX_LATITUDE) * D);
  const s = 256 * Math.pow(2, zoom);
  return { x: s * (SCALE * R * lng * D + 0.5), y: s * (-SCALE * R * Math.log((1 + sin) / (1 - sin)) / 2 + 0.5) };
}

function unproject(x, y, zoom) {
  const s = 256 * Math.pow(2, zoom);
  return { lng: ((x / s - 0.5) / SCALE) / R / D, lat: (2 * Math.atan(Math.exp(((y / s - 0.5) / -SCALE) / R)) - Math.PI / 2) / D };
}

/**
 * The view map.js's fitExtent gives a map of `size` {x, y} px with a bottom sheet of `sheet` px: Leaflet's fitBounds
 * of the WGS-84 extent [w, s, e, n] (shifted to GCJ-02 when `gcj02`) with FIT_PADDING, START_MAX_ZOOM and ZOOM_SNAP,
 * worked out the way Leaflet 1.9 does (getBoundsZoom, _getBoundsCenterZoom, getBounds) to within a pixel. Returns
 * {zoom, bbox: the visible WGS-84 box [w, s, e, n]}, or null for no usable extent or size. Pure arithmetic.
 */
export function fittedView(extent, size, sheet, gcj02) {
  if (!Array.isArray(extent) || extent.length !== 4 || !extent.every((v) => Number.isFinite(Number(v)))
    || !(size.x > 0 && size.y > 0)) {
    return null;
  }
  const toMap = (lon, lat) => (gcj02 ? wgs84ToGcj02(lon, lat) : [lon, lat]);
  const fromMap = (lon, lat) => (gcj02 ? gcj02ToWgs84(lon, lat) : [lon, lat]);
  const a = toMap(Number(extent[0]), Number(extent[1]));
  const b = toMap(Number(extent[2]), Number(extent[3]));
  const west = Math.min(a[0], b[0]);
  const east = Math.max(a[0], b[0]);
  const south = Math.min(a[1], b[1]);
  const north = Math.max(a[1], b[1]);
  // getBoundsZoom(bounds, false, padding): the zoom at which the extent fills the map less the padding
  const nw = project(north, west, 0);
  const se = project(south, east, 0);
  const room = { x: size.x - 2 * FIT_PADDING, y: size.y - 2 * FIT_PADDING - sheet };
  const scale = Math.min(room.x / Math.abs(se.x - nw.x), room.y / Math.abs(se.y - nw.y));
  let zoom = Math.log(scale) / Math.LN2;
  if (!Number.isFinite(zoom)) {
    return null;
  }
  zoom = Math.round(zoom / (ZOOM_SNAP / 100)) * (ZOOM_SNAP / 100);
  zoom = Math.max(0, Math.min(START_MAX_ZOOM, Math.floor(zoom / ZOOM_SNAP) * ZOOM_SNAP));
  // _getBoundsCenterZoom: the extent's centre moved up by half the sheet
  const sw = project(south, west, zoom);
  const ne = project(north, east, zoom);
  const cx = (sw.x + ne.x) / 2;
  const cy = (sw.y + ne.y) / 2 + sheet / 2;
  // getBounds: the pixel origin is rounded
  const left = Math.round(cx - size.x / 2);
  const top = Math.round(cy - size.y / 2);
  const bottomLeft = unproject(left, top + size.y, zoom);
  const topRight = unproject(left + size.x, top, zoom);
  const swWgs = fromMap(bottomLeft.lng, bottomLeft.lat);
  const neWgs = fromMap(topRight.lng, topRight.lat);
  return { zoom, bbox: [swWgs[0], swWgs[1], neWgs[0], neWgs[1]].map((v) => Math.round(v * 1e6) / 1e6) };
}

/** Hands the app the early start ({config, facilities}: promises), which map.js takes over in takeFirstView. */
export function offerFirstView(early) {
  window[HANDOVER] = Object.freeze(early);
}

/** index.html's early start script (firstview.js, bundled on its own): the one async module of the page. */
const EARLY_SCRIPT = 'script[type="module"][async]';

/**
 * The early start offered by firstview.js, or null when its file did not load or run. Called once, by map.js.
 * When the app got here first (the early start's file still on its way: seen on a busy 2-core machine), it waits for
 * that module to run, by importing the script's own URL (the same module: fetched and evaluated once), rather than
 * asking for everything itself; when the file fails to load, the import rejects and the app asks itself. Cost: nothing
 * once the early start has run (the usual case), else the rest of a 2 KB fetch the page made anyway.
 */
export async function takeFirstView() {
  const script = document.querySelector(EARLY_SCRIPT);
  if (window[HANDOVER] === undefined && script && script.src) {
    try {
      await import(script.src);
    } catch (e) {
      // not loaded (blocked, offline, an error in it): the app asks for the start view itself
    }
  }
  const early = window[HANDOVER] || null;
  window[HANDOVER] = null;
  return early;
}
