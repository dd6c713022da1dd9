// Names of communities, compounds and buildings on the map, at the zooms where they fit: a
// community's name from zoom 11 (on two lines when one is too wide for it), a compound's or
// building's only when it fits inside its outline on screen. Overlaps are resolved by declutter.js;
// the names are the imported ones (Chinese), text only.
import { el } from './dom.js';
import { geometryBbox } from './map.js';
import { interiorPoint } from './grids.js';
import { areaFeatures, onAreasLoaded, currentSelection } from './residents.js';
import { addSource, relayout } from './declutter.js';

const FAMILY = 'system-ui, -apple-system, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
/** Per level: font, from/to which zoom it is a candidate, whether it must fit its outline, priority. */
const LEVELS = {
  community: { font: '700 14px ' + FAMILY, size: 14, minZoom: 11, maxZoom: 17, mustFit: false },
  compound: { font: '600 13px ' + FAMILY, size: 13, minZoom: 14, maxZoom: 22, mustFit: true },
  building: { font: '500 12px ' + FAMILY, size: 12, minZoom: 16, maxZoom: 22, mustFit: true },
};
const LINE = 1.2; // line height in font sizes
const SUFFIXES = ['社区', '小区', '花园', '新村', '家园', '公寓', '大厦', '雅居', '名苑', '华庭'];

const geometryInfo = new WeakMap();
const widths = new Map();
let ctx = null;

export function initLabels() {
  onAreasLoaded(() => relayout());
  addSource(candidates);
}

function textWidth(text, font) {
  const key = font + '|' + text;
  let w = widths.get(key);
  if (w === undefined) {
    if (!ctx) {
      ctx = document.createElement('canvas').getContext('2d');
    }
    ctx.font = font;
    w = Math.ceil(ctx.measureText(text).width);
    widths.set(key, w);
  }
  return w;
}

/** The name on one line, and when it has four or more characters also on two (before a suffix such as 社区, else halved). */
function layouts(name) {
  const chars = Array.from(name);
  const out = [[name]];
  if (chars.length >= 4) {
    const suffix = SUFFIXES.find((s) => name.endsWith(s) && chars.length > Array.from(s).length + 1);
    const cut = suffix ? chars.length - Array.from(suffix).length : Math.ceil(chars.length / 2);
    out.push([chars.slice(0, cut).join(''), chars.slice(cut).join('')]);
  }
  return out;
}

function info(feature) {
  let i = geometryInfo.get(feature);
  if (!i) {
    const box = geometryBbox(feature.geometry);
    const point = box ? interiorPoint(feature.geometry) : null;
    i = { box, point, name: String((feature.properties && feature.properties.name) || '') };
    geometryInfo.set(feature, i);
  }
  return i;
}

function candidates(view) {
  const out = [];
  const selected = currentSelection();
  for (const level of Object.keys(LEVELS)) {
    const spec = LEVELS[level];
    if (view.zoom < spec.minZoom || view.zoom > spec.maxZoom) {
      continue;
    }
    for (const [code, feature] of areaFeatures(level)) {
      if (selected && selected.level === level && selected.code === code) {
        continue; // the selection carries its own label (residents.js)
      }
      const i = info(feature);
      if (!i.point || !i.name) {
        continue;
      }
      const a = view.point(i.box[0], i.box[1]);
      const b = view.point(i.box[2], i.box[3]);
      if (Math.max(a.x, b.x) < 0 || Math.min(a.x, b.x) > view.size.x || Math.max(a.y, b.y) < 0 || Math.min(a.y, b.y) > view.size.y) {
        continue;
      }
      const room = { w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) };
      const lines = pick(i.name, spec, room);
      if (!lines) {
        continue;
      }
      const w = Math.max(...lines.map((l) => textWidth(l, spec.font))) + 4;
      const h = Math.ceil(lines.length * spec.size * LINE) + 2;
      out.push({
        key: 'area:' + level + ':' + code + ':' + lines.length, kind: 'label', lon: i.point[0], lat: i.point[1], w, h,
        priority: priority(level, view.zoom), offsets: offsets(spec, w, h, room),
        make: () => el('div', { class: 'map-label lvl-' + level, dataset: { level, code }, style: { width: w + 'px' } },
          lines.map((l) => el('div', { text: l }))),
      });
    }
  }
  return out;
}

/** The first layout that fits the outline's box on screen; for a community the narrowest if none does. */
function pick(name, spec, room) {
  let best = null;
  for (const lines of layouts(name)) {
    const w = Math.max(...lines.map((l) => textWidth(l, spec.font)));
    const h = lines.length * spec.size * LINE;
    if (w <= room.w * 0.95 && h <= room.h * 0.95) {
      return lines;
    }
    if (!best || w < best.w) {
      best = { lines, w };
    }
  }
  return spec.mustFit ? null : best.lines;
}

/**
 * Where else a name may go when its centre is taken (by an AED's or a clinic's icon, say): above,
 * below, left or right of it by up to an icon's size, as far as the name stays inside its outline;
 * a community's name (which must be shown) then also that far beyond it.
 */
function offsets(spec, w, h, room) {
  const out = [[0, 0]];
  const farY = h / 2 + 20;
  const farX = w / 2 + 20;
  const dy = Math.min(farY, (room.h - h) / 2);
  const dx = Math.min(farX, (room.w - w) / 2);
  if (dy >= 6) {
    out.push([0, -dy], [0, dy]);
  }
  if (dx >= 6) {
    out.push([-dx, 0], [dx, 0]);
  }
  if (!spec.mustFit) {
    out.push([0, -farY], [0, farY], [-farX, 0], [farX, 0]);
  }
  return out;
}

function priority(level, zoom) {
  if (level === 'community') {
    return zoom < 15 ? 10 : 50;
  }
  return level === 'compound' ? 20 : 30;
}
