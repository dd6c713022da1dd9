// One DOM overlay for the map's names and facility icons, placed without overlap: after every move
// or zoom each source offers candidates ({key, lon, lat, w, h, priority, make}); they are taken in
// priority order, each at the first of its positions (its point, or offsets from it) where its box
// touches none already placed, and left out when there is none; a name prefers a position that also
// keeps clear of every icon still to come, so names and icons both find room. Elements are
// made once per key and reused, so a pan costs a few style writes. Hidden while a zoom animates.
/* global L */
import { getMap, toLatLng, onDatumChange } from './map.js';

const GAP = 3; // px kept free around every box
const CELL = 64; // px, bucket size of the collision grid

const sources = [];
const elements = new Map(); // key -> element in the pane
let pane = null;
let scheduled = false;
let placedCount = { label: 0, icon: 0 };
let firstSight = null;
const firstSightListeners = [];

/**
 * Registers a source: fn(view) returns candidates for the current view, where view is
 * {zoom, size: {x, y}, point(lon, lat) -> container {x, y}}. Each candidate: key (unique), kind
 * ('label' | 'icon'), lon, lat (WGS-84), w, h (px, centred on the point), priority (lower first),
 * make() -> a new element (called once per key), and optionally offsets: [[dx, dy], …] px from the
 * point to try in turn (default [[0, 0]]).
 */
export function addSource(fn) {
  sources.push(fn);
  relayout();
}

/** Asks for a new placement on the next animation frame (coalesced). */
export function relayout() {
  if (scheduled || !pane) {
    return;
  }
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    place();
  });
}

/** How many labels and icons the last placement showed. */
export function placed() {
  return { ...placedCount };
}

/** Milliseconds from navigation start to the first placement with at least one name and one icon, or null. */
export function firstSightMs() {
  return firstSight;
}

/** Calls fn once the map shows names and icons (at once if it already does): for work the first sight need not wait for. */
export function onFirstSight(fn) {
  if (firstSight !== null) {
    fn();
  } else {
    firstSightListeners.push(fn);
  }
}

export function initDeclutter() {
  const map = getMap();
  pane = map.createPane('hubLabels');
  pane.classList.add('hub-labels-pane');
  map.on('zoomstart', () => pane.classList.add('zooming'));
  map.on('moveend zoomend resize viewreset', relayout);
  onDatumChange(relayout);
  relayout();
}

function place() {
  const map = getMap();
  const size = map.getSize();
  const view = {
    zoom: map.getZoom(),
    size,
    point: (lon, lat) => map.latLngToContainerPoint(toLatLng(lon, lat)),
  };
  const candidates = [];
  for (const source of sources) {
    for (const c of source(view) || []) {
      candidates.push(c);
    }
  }
  candidates.sort((a, b) => a.priority - b.priority);
  const icons = new Map(); // where the icons want to be: names avoid these when they can
  for (const c of candidates) {
    if (c.kind === 'icon') {
      const p = view.point(c.lon, c.lat);
      remember(icons, { x0: p.x - c.w / 2, y0: p.y - c.h / 2, x1: p.x + c.w / 2, y1: p.y + c.h / 2 });
    }
  }
  const grid = new Map();
  tooltipObstacles(map, grid);
  const shown = new Set();
  const counts = { label: 0, icon: 0 };
  for (const c of candidates) {
    if (shown.has(c.key)) {
      continue;
    }
    const point = view.point(c.lon, c.lat);
    let p = null;
    let box = null;
    for (const avoidIcons of c.kind === 'icon' ? [false] : [true, false]) {
      for (const [dx, dy] of c.offsets || [[0, 0]]) {
        const x = point.x + dx;
        const y = point.y + dy;
        const b = { x0: x - c.w / 2 - GAP, y0: y - c.h / 2 - GAP, x1: x + c.w / 2 + GAP, y1: y + c.h / 2 + GAP };
        const inView = c.kind === 'icon' ? b.x1 >= 0 && b.y1 >= 0 && b.x0 <= size.x && b.y0 <= size.y
          : b.x0 >= 0 && b.y0 >= 0 && b.x1 <= size.x && b.y1 <= size.y; // a name is shown whole or not at all
        if (inView && !collides(grid, b)
          && !(avoidIcons && collides(icons, b))) {
          p = { x, y };
          box = b;
          break;
        }
      }
      if (box) {
        break;
      }
    }
    if (!box) {
      continue;
    }
    remember(grid, box);
    shown.add(c.key);
    counts[c.kind === 'icon' ? 'icon' : 'label'] += 1;
    let node = elements.get(c.key);
    if (!node) {
      node = c.make();
      elements.set(c.key, node);
      pane.appendChild(node);
    }
    // layer coordinates move with the map pane while it is dragged
    const at = map.containerPointToLayerPoint(p);
    node.style.left = Math.round(at.x - c.w / 2) + 'px';
    node.style.top = Math.round(at.y - c.h / 2) + 'px';
  }
  for (const [key, node] of elements) {
    if (!shown.has(key)) {
      node.remove();
      elements.delete(key);
    }
  }
  placedCount = counts;
  pane.classList.remove('zooming');
  if (firstSight === null && counts.label > 0 && counts.icon > 0) {
    firstSight = Math.round(performance.now());
    firstSightListeners.splice(0).forEach((fn) => fn());
  }
}

/**
 * Names shown as Leaflet tooltips by other views (the selected area's, the grids') are placed first:
 * nothing of this overlay goes on top of them.
 */
function tooltipObstacles(map, grid) {
  const tips = map.getPane('tooltipPane').querySelectorAll('.leaflet-tooltip');
  if (!tips.length) {
    return; // reading a box would force a layout of the page (the first sight has no tooltips)
  }
  const origin = map.getContainer().getBoundingClientRect();
  for (const tip of tips) {
    const r = tip.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) {
      remember(grid, { x0: r.left - origin.left - GAP, y0: r.top - origin.top - GAP, x1: r.right - origin.left + GAP,
        y1: r.bottom - origin.top + GAP });
    }
  }
}

function cells(box) {
  const out = [];
  for (let gx = Math.floor(box.x0 / CELL); gx <= Math.floor(box.x1 / CELL); gx++) {
    for (let gy = Math.floor(box.y0 / CELL); gy <= Math.floor(box.y1 / CELL); gy++) {
      out.push(gx + ':' + gy);
    }
  }
  return out;
}

function collides(grid, box) {
  for (const cell of cells(box)) {
    for (const other of grid.get(cell) || []) {
      if (box.x0 < other.x1 && other.x0 < box.x1 && box.y0 < other.y1 && other.y0 < box.y1) {
        return true;
      }
    }
  }
  return false;
}

function remember(grid, box) {
  for (const cell of cells(box)) {
    if (!grid.has(cell)) {
      grid.set(cell, []);
    }
    grid.get(cell).push(box);
  }
}

/** Drops every element (e.g. after a language change, for their titles) and places them afresh. */
export function rebuild() {
  for (const node of elements.values()) {
    node.remove();
  }
  elements.clear();
  relayout();
}

/** Stops taps and drags on an element in the overlay from reaching the map underneath. */
export function keepFromMap(node) {
  L.DomEvent.disableClickPropagation(node);
  return node;
}
