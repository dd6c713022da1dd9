// Facility icons by category on the residents' map, without a click: facilities are loaded per view
// from zoom 12 (OGC items by bbox and category: only the categories that zoom shows, each box and category
// once, so the start view asks for clinics and the like, not every hydrant), shown from the zoom where their category
// matters (community services first, hydrants and extinguishers only close up), placed without
// overlap by declutter.js. A tap opens the facility's card (facilities.js). Residents view only.
import { getAllFeatures, showError } from './api.js';
import { el } from './dom.js';
import { getMap, viewBbox } from './map.js';
import { categoryLabel } from './format.js';
import { categorySvg, categoryColour } from './icons.js';
import { addSource, relayout, keepFromMap } from './declutter.js';
import { openFacility, resultCodes } from './facilities.js';

const LOAD_ZOOM = 12;
/** The zoom from which a category's icons are offered, and their priority (lower: placed first). */
// From zoom 14 AEDs and clinics go before the community names (priority 10, which then move aside);
// below it every name goes first (NAMES_FIRST is added to the icons' priorities).
const SHOWN = {
  aed: [14, 5], clinic: [12, 6], service_station: [12, 12], elderly_care: [12, 13], kindergarten: [12, 14],
  vaccination: [13, 15], guard_post: [15, 17], exit: [15, 18], parcel_locker: [16, 24], ebike_charging: [16, 25],
  fire_hydrant: [17, 26], extinguisher: [17, 27],
};
const SIZE = 30; // px, the drawn icon; its tap area is 44 px (CSS)
const NAMES_FIRST = 10;

const facilities = new Map(); // code -> feature (WGS-84 point)
const loadedBoxes = []; // {box, categories}: what was asked for (each box and category once)
let active = true;

export function initFacilityIcons() {
  const map = getMap();
  map.on('moveend', loadForView);
  addSource(candidates);
  new MutationObserver(() => setActive(document.body.dataset.view === 'residents'))
    .observe(document.body, { attributes: true, attributeFilter: ['data-view'] });
  active = (document.body.dataset.view || 'residents') === 'residents';
  loadForView();
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
  const wanted = Object.keys(SHOWN).filter((c) => zoom >= SHOWN[c][0]
    && !loadedBoxes.some((l) => l.categories.has(c) && covers(l.box)));
  if (!wanted.length) {
    return;
  }
  const pad = 0.003;
  const box = [bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad].map((v) => Math.round(v * 1e6) / 1e6);
  const loaded = { box, categories: new Set(wanted) };
  loadedBoxes.push(loaded);
  const query = 'bbox=' + box.join(',') + '&category=' + wanted.sort().join(',') + '&limit=1000';
  getAllFeatures('/collections/facilities/items?' + query, 10, (batch) => {
    for (const f of batch) {
      const code = f && f.properties && f.properties.code;
      const c = f && f.geometry && f.geometry.coordinates;
      if (code !== undefined && code !== null && Array.isArray(c) && c.length >= 2) {
        facilities.set(String(code), f);
      }
    }
    relayout();
  }).catch((e) => {
    loadedBoxes.splice(loadedBoxes.indexOf(loaded), 1);
    showError(e);
  });
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
