// Facility icons by category on the residents' map, without a click: facilities are loaded per view
// from zoom 12 (OGC items by bbox and category: only the categories that zoom shows, each box and category
// once, so the start view asks for clinics and the like, not every hydrant), shown from the zoom where their category
// matters (community services first, hydrants and extinguishers only close up), placed without
// overlap by declutter.js. A tap opens the facility's card (facilities.js). Residents view only. The start view's
// request is usually made before the map exists, by the early start (firstview.js), and taken over here.
import { getAllFeatures, showError } from './api.js';
import { el } from './dom.js';
import { getMap, viewBbox, earlyFacilities } from './map.js';
import { categoryLabel } from './format.js';
import { categorySvg, categoryColour } from './icons.js';
import { addSource, relayout, keepFromMap } from './declutter.js';
import { openFacility, resultCodes } from './facilities.js';
import { LOAD_ZOOM, SHOWN, shownAt, iconRequest } from './facilityzoom.js';

const SIZE = 30; // px, the drawn icon; its tap area is 44 px (CSS)
const NAMES_FIRST = 10;
/** Pages (of 1,000) asked for per view at most. */
const MAX_PAGES = 10;

const facilities = new Map(); // code -> feature (WGS-84 point)
const loadedBoxes = []; // {box, categories}: what was asked for (each box and category once)
let active = true;
let adopted = null; // the early start's request taken over: {path, zoom, box}, for the browser tests

export function initFacilityIcons() {
  const map = getMap();
  map.on('moveend', loadForView);
  addSource(candidates);
  new MutationObserver(() => setActive(document.body.dataset.view === 'residents'))
    .observe(document.body, { attributes: true, attributeFilter: ['data-view'] });
  active = (document.body.dataset.view || 'residents') === 'residents';
  const early = earlyFacilities();
  if (early) {
    // the early start's request (firstview.js), once it has left: counted as loaded, so the view asks only for the rest
    early.then(adopt).catch(() => null).then(loadForView);
  } else {
    loadForView();
  }
}

/** Takes over the early start's request {box, categories, answer}: its features (and further pages) as if asked here. */
function adopt(early) {
  if (!early) {
    return;
  }
  const loaded = { box: early.box, categories: early.categories };
  loadedBoxes.push(loaded);
  adopted = Object.freeze({ path: early.path, zoom: early.zoom, box: early.box });
  const forget = () => {
    const i = loadedBoxes.indexOf(loaded);
    if (i >= 0) {
      loadedBoxes.splice(i, 1);
    }
  };
  early.answer.then((fc) => {
    addFacilities((fc && fc.features) || []);
    const next = ((fc && fc.links) || []).find((l) => l && l.rel === 'next' && typeof l.href === 'string');
    if (next && fc.features && fc.features.length) {
      const url = new URL(next.href, location.href); // the hub may name itself by another host name: path and query
      getAllFeatures(url.pathname + url.search, MAX_PAGES - 1, addFacilities).catch((e) => {
        forget();
        showError(e);
      });
    }
  }, () => {
    forget();
    loadForView(); // asked again the usual way (which shows the error if it fails again)
  });
}

/** The early start's request for the start view's icons that was taken over ({path, zoom, box}), or null. */
export function earlyIconRequest() {
  return adopted;
}

/** The zoom from which icons of a category are shown (for the legend), or null. */
export function shownFromZoom(category) {
  return SHOWN[category] ? SHOWN[category][0] : null;
}

function setActive(on) {
  if (on !== active) {
    active = on;
    relayout();
    loadForView();
  }
}

function loadForView() {
  const map = getMap();
  const zoom = map.getZoom();
  if (!active || zoom < LOAD_ZOOM) {
    return;
  }
  const bbox = viewBbox();
  const covers = (b) => b[0] <= bbox[0] && b[1] <= bbox[1] && b[2] >= bbox[2] && b[3] >= bbox[3];
  // only the categories this zoom shows, and of those only the ones not loaded for this view yet
  const wanted = shownAt(zoom).filter((c) => !loadedBoxes.some((l) => l.categories.has(c) && covers(l.box)));
  if (!wanted.length) {
    return;
  }
  const request = iconRequest(bbox, wanted);
  const loaded = { box: request.box, categories: request.categories };
  loadedBoxes.push(loaded);
  getAllFeatures(request.path, MAX_PAGES, addFacilities).catch((e) => {
    loadedBoxes.splice(loadedBoxes.indexOf(loaded), 1);
    showError(e);
  });
}

function addFacilities(batch) {
  for (const f of batch) {
    const code = f && f.properties && f.properties.code;
    const c = f && f.geometry && f.geometry.coordinates;
    if (code !== undefined && code !== null && Array.isArray(c) && c.length >= 2) {
      facilities.set(String(code), f);
    }
  }
  relayout();
}

function candidates(view) {
  if (!active) {
    return [];
  }
  const skip = resultCodes(); // drawn as search results by facilities.js already
  const out = [];
  for (const [code, f] of facilities) {
    const p = f.properties || {};
    const shown = SHOWN[p.category];
    if (!shown || view.zoom < shown[0] || skip.has(code)) {
      continue;
    }
    const [lon, lat] = f.geometry.coordinates;
    out.push({
      key: 'facility:' + code, kind: 'icon', lon, lat, w: SIZE, h: SIZE,
      priority: view.zoom < 14 ? shown[1] + NAMES_FIRST : shown[1],
      make: () => icon(f),
    });
  }
  return out;
}

function icon(feature) {
  const p = feature.properties || {};
  const name = String(p.name || p.code || '');
  const button = el('button', {
    type: 'button', class: 'fac-icon', title: name + ' · ' + categoryLabel(p.category), 'aria-label': name,
    dataset: { category: String(p.category), facilityCode: String(p.code) },
    onclick: () => openFacility(feature),
  }, el('span', { class: 'fac-dot', style: { background: categoryColour(p.category) } }, categorySvg(p.category)));
  return keepFromMap(button);
}
