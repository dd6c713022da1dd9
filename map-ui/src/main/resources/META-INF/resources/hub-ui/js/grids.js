// Grids (网格) from the OGC collection `grids`: dashed outlines with name labels on the report and
// cases views, and for staff a choropleth of open cases per grid (counts from the case list).
// The shapes are not interactive, so a tap still reaches the map (report place) and the areas below.
/* global L */
import { api, getAllFeatures } from './api.js';
import { el } from './dom.js';
import { getMap, geoJsonLayer, onDatumChange, geometryBbox } from './map.js';

const OUTLINE = { color: '#6a1b9a', weight: 2, opacity: 0.9, dashArray: '5 4', fillColor: '#ce93d8', fillOpacity: 0.05 };
const features = new Map();
const wanted = new Set();
let group = null;
let loading = null;
let counts = null;

/** Below this zoom the grids' labels would cover each other: only their outlines and colours are shown. */
const LABEL_ZOOM = 15;

export function initGrids() {
  group = L.layerGroup();
  onDatumChange(draw);
  const map = getMap();
  const labels = () => map.getContainer().classList.toggle('grid-labels-off', map.getZoom() < LABEL_ZOOM);
  map.on('zoomend', labels);
  labels();
}

/** Loads every grid once (public reads); later calls return the same promise. */
export function loadGrids() {
  if (!loading) {
    loading = getAllFeatures('/collections/grids/items?limit=1000', 20).then((list) => {
      for (const f of list) {
        const code = f && f.properties ? f.properties.code : null;
        if (code !== null && code !== undefined) {
          features.set(String(code), f);
        }
      }
      draw();
      return features;
    }).catch((e) => {
      loading = null;
      throw e;
    });
  }
  return loading;
}

/** Shows the layer while at least one owner (a view) wants it. */
export function showGrids(owner, on) {
  if (on) {
    wanted.add(owner);
  } else {
    wanted.delete(owner);
  }
  const map = getMap();
  if (wanted.size && !map.hasLayer(group)) {
    map.addLayer(group);
    loadGrids().catch(() => {});
  } else if (!wanted.size && map.hasLayer(group)) {
    map.removeLayer(group);
  }
}

/** Open cases per grid code (a Map) for the choropleth, or null for plain outlines (public page). */
export function setGridCounts(next) {
  counts = next;
  draw();
}

/** A grid's display name, falling back to its code. */
export function gridName(code) {
  if (code === null || code === undefined || code === '') {
    return '';
  }
  const f = features.get(String(code));
  return f && f.properties && f.properties.name ? String(f.properties.name) : String(code);
}

/** A grid's feature (WGS-84), fetched by code when not loaded yet; null when there is none. */
export async function gridFeature(code) {
  const key = String(code);
  if (!features.has(key)) {
    try {
      const f = await api('/collections/grids/items/' + encodeURIComponent(key), { auth: false });
      if (f && f.geometry) {
        features.set(key, f);
        draw();
      }
    } catch (e) {
      return null;
    }
  }
  return features.get(key) || null;
}

/** A WGS-84 point inside a (Multi)Polygon: its bbox centre when inside, else a point found on a raster. */
export function interiorPoint(geometry) {
  const box = geometryBbox(geometry);
  if (!box) {
    return null;
  }
  const centre = [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2];
  if (inside(geometry, centre)) {
    return centre;
  }
  for (let i = 1; i < 20; i++) {
    for (let j = 1; j < 20; j++) {
      const p = [box[0] + (box[2] - box[0]) * i / 20, box[1] + (box[3] - box[1]) * j / 20];
      if (inside(geometry, p)) {
        return p;
      }
    }
  }
  return centre;
}

function inside(geometry, p) {
  const polygons = geometry.type === 'MultiPolygon' ? geometry.coordinates
    : geometry.type === 'Polygon' ? [geometry.coordinates] : [];
  return polygons.some((rings) => rings.length > 0 && inRing(rings[0], p) && rings.slice(1).every((h) => !inRing(h, p)));
}

function inRing(ring, [x, y]) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) {
      hit = !hit;
    }
  }
  return hit;
}

function style(code) {
  if (!counts) {
    return OUTLINE;
  }
  const n = counts.get(code) || 0;
  const fill = n === 0 ? '#a5d6a7' : n < 3 ? '#ffb74d' : n < 6 ? '#f4511e' : '#b71c1c';
  return { ...OUTLINE, fillColor: fill, fillOpacity: n ? 0.28 : 0.1 };
}

function draw() {
  if (!group) {
    return;
  }
  group.clearLayers();
  for (const [code, f] of features) {
    const layer = geoJsonLayer(f, { style: () => style(code), interactive: false });
    const name = gridName(code);
    const label = counts ? name + ' · ' + String(counts.get(code) || 0) : name;
    layer.bindTooltip(el('span', { text: label, dataset: { grid: code, count: counts ? counts.get(code) || 0 : '' } }), {
      permanent: true, direction: 'center', className: 'grid-label' + (counts && counts.get(code) ? ' busy' : ''),
    });
    group.addLayer(layer);
  }
}
