// Residents view, areas: community → compound → building polygons with drill-down,
// loaded per viewport bbox or per selected area, drawn on the canvas renderer.
/* global L */
import { api, getAllFeatures, showError } from './api.js';
import { byId, el, replace, debounce } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { loadHierarchy, lookup, communities as treeCommunities } from './hierarchy.js';
import { getMap, geoJsonLayer, viewBbox, fitBbox, geometryBbox, onDatumChange } from './map.js';

const LEVELS = ['community', 'compound', 'building'];
const COLLECTION = { community: 'communities', compound: 'compounds', building: 'buildings' };
const STYLE = {
  community: { color: '#1565c0', weight: 2, opacity: 0.8, fillColor: '#1565c0', fillOpacity: 0.03, dashArray: '6 4' },
  compound: { color: '#00796b', weight: 1.5, opacity: 0.9, fillColor: '#26a69a', fillOpacity: 0.06 },
  building: { color: '#455a64', weight: 1, opacity: 0.9, fillColor: '#90a4ae', fillOpacity: 0.45 },
};
const SELECTED = { color: '#e65100', weight: 3, opacity: 1, fillColor: '#ff9800', fillOpacity: 0.3, dashArray: null };
const COMPOUND_ZOOM = 14;
const BUILDING_ZOOM = 16;

const features = { community: new Map(), compound: new Map(), building: new Map() };
const layers = { community: new Map(), compound: new Map(), building: new Map() };
const loadedBoxes = { compound: [], building: [] };
let groups = null;
let selection = null;
const areaListeners = [];
const pointPickers = [];
const pointPickActive = () => pointPickers.some((fn) => fn());

/**
 * Adds a predicate telling whether a map tap is meant as a point ("near this point", a report's place);
 * while any holds, the polygons ignore taps and let them through to the map.
 */
export function setPointPickPredicate(fn) {
  pointPickers.push(fn);
}

export async function initResidents() {
  const map = getMap();
  groups = {};
  for (const level of LEVELS) {
    groups[level] = L.layerGroup().addTo(map);
  }
  map.on('moveend', debounce(loadForView, 250));
  onDatumChange(redrawAll);
  onLangChange(renderPanel);
  byId('area-up').addEventListener('click', goUp);
  renderPanel();
  try {
    const [fc] = await Promise.all([
      api('/collections/communities/items?limit=1000', { auth: false }),
      loadHierarchy().catch((e) => { showError(e); return []; }),
    ]);
    addFeatures('community', (fc && fc.features) || []);
  } catch (e) {
    showError(e);
  }
  renderPanel();
  loadForView();
}

function addFeatures(level, list) {
  let added = 0;
  for (const feature of list) {
    const code = feature && feature.properties && feature.properties.code;
    if (code === undefined || code === null || features[level].has(String(code))) {
      continue;
    }
    features[level].set(String(code), feature);
    drawFeature(level, String(code), feature);
    added += 1;
  }
  if (added) {
    areaListeners.forEach((fn) => fn(level));
  }
}

/** The loaded areas of a level ('community' | 'compound' | 'building') by code; read only (map labels). */
export function areaFeatures(level) {
  return features[level];
}

/** Calls fn(level) whenever areas of a level were loaded or the selection changed. */
export function onAreasLoaded(fn) {
  areaListeners.push(fn);
}

function drawFeature(level, code, feature) {
  const isSelected = selection && selection.level === level && selection.code === code;
  const layer = geoJsonLayer(feature, { style: () => (isSelected ? SELECTED : STYLE[level]) });
  layer.on('click', (e) => {
    if (pointPickActive()) {
      return;
    }
    L.DomEvent.stopPropagation(e);
    selectArea(level, code, false);
  });
  layers[level].set(code, layer);
  groups[level].addLayer(layer);
  keepBelowChildren(level, layer);
  if (isSelected) {
    decorateSelected(layer, feature, level);
  }
}

/**
 * One canvas draws every level in insertion order, and a tap goes to the topmost shape: a
 * community or compound that arrives after its buildings must go underneath them, or its
 * buildings can no longer be tapped.
 */
function keepBelowChildren(level, layer) {
  if (level === 'building') {
    return;
  }
  layer.bringToBack();
  if (level === 'compound') {
    layers.community.forEach((c) => c.bringToBack());
  }
}

function redrawAll() {
  for (const level of LEVELS) {
    groups[level].clearLayers();
    layers[level].clear();
    for (const [code, feature] of features[level]) {
      drawFeature(level, code, feature);
    }
  }
}

function covered(level, bbox) {
  return loadedBoxes[level].some((b) => b[0] <= bbox[0] && b[1] <= bbox[1] && b[2] >= bbox[2] && b[3] >= bbox[3]);
}

/** Loads compounds or buildings intersecting bbox (WGS-84), once per covered box. */
async function loadLevel(level, bbox) {
  if (covered(level, bbox)) {
    return;
  }
  const pad = 0.002;
  const box = [bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad].map((v) => Math.round(v * 1e6) / 1e6);
  const path = '/collections/' + COLLECTION[level] + '/items?bbox=' + box.join(',') + '&limit=1000';
  try {
    await getAllFeatures(path, 6, (batch) => addFeatures(level, batch));
    loadedBoxes[level].push(box);
  } catch (e) {
    showError(e);
  }
}

function loadForView() {
  const map = getMap();
  const zoom = map.getZoom();
  const bbox = viewBbox();
  if (zoom >= COMPOUND_ZOOM) {
    loadLevel('compound', bbox);
  }
  if (zoom >= BUILDING_ZOOM) {
    loadLevel('building', bbox);
  }
}

async function ensureFeature(level, code) {
  if (features[level].has(code)) {
    return features[level].get(code);
  }
  try {
    const feature = await api('/collections/' + COLLECTION[level] + '/items/' + encodeURIComponent(code), { auth: false });
    if (feature && feature.geometry) {
      addFeatures(level, [feature]);
      return feature;
    }
  } catch (e) {
    showError(e);
  }
  return null;
}

/** Fetches the WGS-84 geometry feature of a building (cached), for other views. */
export function buildingFeature(code) {
  return ensureFeature('building', String(code));
}

/** Selects an area, fits the view to it and loads its children. */
export async function selectArea(level, code, fit = true) {
  const previous = selection;
  selection = { level, code: String(code) };
  restyle(previous);
  const feature = await ensureFeature(level, selection.code);
  if (!selection || selection.code !== String(code)) {
    return;
  }
  restyle(selection);
  renderPanel();
  const bbox = feature ? geometryBbox(feature.geometry) : null;
  if (bbox) {
    if (level === 'community') {
      loadLevel('compound', bbox);
    } else if (level === 'compound') {
      loadLevel('building', bbox);
    }
    if (fit || level !== 'building') {
      fitBbox(bbox, level === 'building' ? 18 : 17);
    }
  }
}

function restyle(sel) {
  if (!sel) {
    return;
  }
  const layer = layers[sel.level].get(sel.code);
  if (!layer) {
    return;
  }
  const isSelected = selection && selection.level === sel.level && selection.code === sel.code;
  layer.setStyle(isSelected ? SELECTED : STYLE[sel.level]);
  layer.unbindTooltip();
  if (isSelected) {
    decorateSelected(layer, features[sel.level].get(sel.code), sel.level);
  }
  areaListeners.forEach((fn) => fn(sel.level)); // the map's names leave out the selection (labels.js)
}

function decorateSelected(layer, feature, level) {
  if (level === 'building') {
    layer.bringToFront(); // a selected compound or community stays under its buildings (see keepBelowChildren)
  }
  const name = feature && feature.properties ? feature.properties.name : '';
  layer.bindTooltip(el('span', { text: name || '' }), { permanent: true, direction: 'center', className: 'area-label' });
}

function goUp() {
  if (!selection) {
    return;
  }
  const entry = lookup(selection.level, selection.code) || parentFromFeature();
  const idx = LEVELS.indexOf(selection.level);
  if (idx === 0 || !entry || !entry.parent) {
    const previous = selection;
    selection = null;
    restyle(previous);
    renderPanel();
    return;
  }
  selectArea(LEVELS[idx - 1], entry.parent, true);
}

function parentFromFeature() {
  const f = features[selection.level].get(selection.code);
  const p = f && f.properties ? f.properties : {};
  const parent = selection.level === 'building' ? p.compound : p.community;
  return parent ? { parent } : null;
}

function counts(level, code) {
  const entry = lookup(level, code);
  const props = (features[level].get(code) || {}).properties || {};
  if (level === 'community') {
    return entry ? t('res.counts.community', { compounds: entry.compounds, buildings: entry.buildings }) : '';
  }
  if (level === 'compound') {
    return entry ? t('res.counts.compound', { buildings: entry.buildings }) : '';
  }
  return Number.isFinite(Number(props.floors)) && props.floors !== null
    ? t('res.counts.building', { floors: props.floors }) : '';
}

function renderPanel() {
  renderCard();
  renderList();
}

function renderCard() {
  const card = byId('selection-card');
  byId('area-up').hidden = !selection;
  if (!selection) {
    replace(card, el('div', { class: 'muted', text: t('res.all') }));
    return;
  }
  const { level, code } = selection;
  const feature = features[level].get(code);
  const entry = lookup(level, code);
  const name = (feature && feature.properties && feature.properties.name) || (entry && entry.name) || code;
  const trail = [];
  let up = entry;
  while (up && up.parent) {
    const parentLevel = LEVELS[LEVELS.indexOf(up.level) - 1];
    up = lookup(parentLevel, up.parent);
    if (up) {
      trail.unshift(up.name);
    }
  }
  replace(card,
    el('div', { class: 'crumbs', text: trail.join(' › ') }),
    el('div', { class: 'sel-title' },
      el('span', { class: 'badge level', text: t('res.level.' + level) }),
      el('strong', { 'data-testid': 'selected-name', text: name })),
    el('div', { class: 'muted', 'data-testid': 'selected-counts', text: counts(level, code) }));
}

function renderList() {
  const list = byId('area-list');
  let items;
  let childLevel;
  if (!selection) {
    items = treeCommunities().length ? treeCommunities()
      : [...features.community.values()].map((f) => f.properties);
    childLevel = 'community';
  } else if (selection.level === 'building') {
    const entry = lookup('building', selection.code);
    const parent = entry && lookup('compound', entry.parent);
    items = parent ? parent.children : [];
    childLevel = 'building';
  } else {
    const entry = lookup(selection.level, selection.code);
    items = entry ? entry.children : [];
    childLevel = selection.level === 'community' ? 'compound' : 'building';
  }
  const nodes = (items || []).map((item) => el('li', {},
    el('button', {
      type: 'button', class: 'list-button' + (selection && selection.code === String(item.code) ? ' active' : ''),
      dataset: { level: childLevel, code: item.code },
      onclick: () => selectArea(childLevel, String(item.code), true),
    }, el('span', { text: item.name || item.code }))));
  replace(list, nodes);
}

/** Current selection {level, code} or null. */
export function currentSelection() {
  return selection;
}
