// The early start (issue 20): a small module of its own (async in <head>, among the first requests, so it runs as soon
// as it has arrived, before the page is even parsed; the build bundles it apart from the app) that asks for what the
// start view needs while Leaflet and the app are still being fetched and evaluated: it takes the preloaded ui-config
// answer, works out the views map.js may fit to the communities' extent (startview.js: the same arithmetic as
// Leaflet's fitBounds) and asks for their facilities (facilityzoom.js: the request facilityicons.js would make once the
// map exists). It reads no DOM and no layout: the page may not be parsed yet, the style sheets may not have arrived,
// and the first layout of a phone at 4× CPU takes ~300 ms, long enough for Leaflet's evaluation to come first. So the
// map's size is the window's less the top bar (and the side panel on a desktop) as hub.css lays them out, and on a
// phone the bottom sheet's height, not known before its content is laid out, is anything from none to its most (58 %
// of the map, tried every SHEET_STEP px): the box asked for covers all these views, the categories are those of the
// closest one (the deepest zoom). The app takes both promises over (map.js, facilityicons.js); what it shows does not
// change: a view that turns out different (a changed layout, a staff login's own community) is asked for as before.
// When the app gets there first (this file still on its way), it waits for this module (startview.takeFirstView); when
// this file fails to load, the app asks itself. Cost: a few hundred multiplications, one request.
import { offerFirstView, fittedView, startsInGcj02, PHONE_MAX_WIDTH } from './startview.js';
import { USER_KEY } from './storagekeys.js';
import { LOAD_ZOOM, shownAt, iconRequest } from './facilityzoom.js';

/** hub.css: the top bar's height, the side panel's width (from PHONE_MAX_WIDTH on), the phone's sheet at most. */
const TOP_BAR = 48;
const SIDE_PANEL = 380;
const SHEET_MAX = 0.58;
/** Pixels between the sheet heights tried (each a view: their boxes' union is asked for). */
const SHEET_STEP = 8;

/** GET of a same-origin JSON answer, as api.js asks (so a preload of it is used): the parsed body; rejects on an error. */
async function getJson(path) {
  const response = await fetch(path, { method: 'GET', headers: { Accept: 'application/json' } });
  if (!response.ok) {
    throw new Error(path + ': HTTP ' + response.status);
  }
  return response.json();
}

/** Whether the page opens on the residents' map as a visitor (no kept login moving it, no other view first). */
function residentsStart() {
  let own = null;
  try {
    own = JSON.parse(sessionStorage.getItem(USER_KEY) || 'null');
  } catch (e) {
    own = null;
  }
  const hash = location.hash.replace(/^#/, '');
  return !(own && own.community) && (hash === '' || hash === 'residents')
    && new URLSearchParams(location.search).get('report') !== '1';
}

/**
 * The start view's facility icons, asked for as soon as the ui-config answer is there: {path, box, categories, zoom
 * (the deepest of the possible views), answer (a promise of the first page, a GeoJSON FeatureCollection)}, or null
 * when there is nothing to ask for early.
 */
async function startFacilities(config) {
  if (!residentsStart()) {
    return null;
  }
  const loaded = await config;
  if (!loaded || !Array.isArray(loaded.tiles)) {
    return null;
  }
  const phone = window.innerWidth < PHONE_MAX_WIDTH;
  const size = { x: window.innerWidth - (phone ? 0 : SIDE_PANEL), y: window.innerHeight - TOP_BAR };
  const gcj02 = startsInGcj02(loaded);
  const sheets = [0];
  for (let sheet = SHEET_STEP; phone && sheet < size.y * SHEET_MAX + SHEET_STEP; sheet += SHEET_STEP) {
    sheets.push(Math.min(sheet, Math.floor(size.y * SHEET_MAX)));
  }
  const views = sheets.map((sheet) => fittedView(loaded.extent, size, sheet, gcj02));
  if (views.some((v) => !v)) {
    return null;
  }
  const zoom = Math.max(...views.map((v) => v.zoom));
  if (zoom < LOAD_ZOOM) {
    return null;
  }
  const bbox = [0, 1, 2, 3].map((i) => (i < 2 ? Math.min : Math.max)(...views.map((v) => v.bbox[i])));
  const request = iconRequest(bbox, shownAt(zoom));
  const answer = getJson(request.path);
  answer.catch(() => null); // the app handles a failure (and asks again); never an unhandled rejection here
  return { path: request.path, box: request.box, categories: request.categories, zoom, answer };
}

const config = getJson('/api/v1/ui-config');
config.catch(() => null); // map.js handles a failure
offerFirstView({ config, facilities: startFacilities(config).catch(() => null) });
