// Facility pictograms by category (CONTRACT §3 categories), drawn as inline SVG built with DOM calls:
// no image requests (the page's CSP allows none from elsewhere) and nothing parsed as HTML.
import { categoryStyle } from './format.js';

const SVG = 'http://www.w3.org/2000/svg';

// White shapes in a 24 × 24 box; 'cut' shapes are drawn in the background colour on top.
const SHAPES = {
  kindergarten: [
    ['circle', { cx: 8.5, cy: 7, r: 2.6 }],
    ['path', { d: 'M4.5 21v-6.2c0-2.5 1.7-4.3 4-4.3s4 1.8 4 4.3V21z' }],
    ['circle', { cx: 17, cy: 6.5, r: 3.3 }],
    ['path', { d: 'M16.4 9.6h1.2V17h-1.2z' }],
  ],
  elderly_care: [
    ['circle', { cx: 10, cy: 4.6, r: 2.3 }],
    ['path', { d: 'M8 8h3.6l2.3 5.2-1.5.7-1.6-3.2v3.6l2 6.7h-2.3l-1.6-5.6-1.3 5.6H5.4l2.4-8.8z' }],
    ['path', { d: 'M15.6 11.5h1.5V21h-1.5z' }],
  ],
  clinic: [['path', { d: 'M9.8 4h4.4v5.8H20v4.4h-5.8V20H9.8v-5.8H4V9.8h5.8z' }]],
  vaccination: [
    ['path', { d: 'M16.9 2.6l4.5 4.5-1.3 1.3-1-1-1.7 1.7 1.7 1.7-1.3 1.3-1.7-1.7-6.7 6.7H6.5L3.8 20l-1.3-1.3 2.7-2.7v-2.9'
      + 'l6.7-6.7-1.7-1.7 1.3-1.3 1.7 1.7 1.7-1.7-1-1z' }],
  ],
  service_station: [['path', { d: 'M12 2.5l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.4l-5.9 3.1 1.2-6.5-4.8-4.6 6.6-.9z' }]],
  parcel_locker: [
    ['path', { d: 'M4 4h16v16H4z' }],
    ['path', { d: 'M4 9.6h16v1.4H4zM4 14.6h16V16H4zM11.3 4h1.4v16h-1.4z', cut: true }],
  ],
  ebike_charging: [['path', { d: 'M13.5 2L5 13.6h5.6L9.2 22l9.3-12.6h-5.7z' }]],
  aed: [
    ['path', { d: 'M12 21l-1.4-1.3C5.6 15.2 2.5 12.4 2.5 8.9 2.5 6.1 4.7 4 7.4 4c1.7 0 3.4.8 4.6 2.1C13.2 4.8 14.9 4 16.6 4'
      + 'c2.7 0 4.9 2.1 4.9 4.9 0 3.5-3.1 6.3-8.1 10.8z' }],
    ['path', { d: 'M13.2 6.8l-3.8 5.6H12l-1.1 5 3.9-6.1h-2.6z', cut: true }],
  ],
  fire_hydrant: [
    ['path', { d: 'M9 3h6v2.2h1.2V8H18v3.2h-1.8V18h1.3v3h-11v-3h1.3v-6.8H6V8h1.8V5.2H9z' }],
    ['circle', { cx: 12, cy: 13.5, r: 1.8, cut: true }],
  ],
  extinguisher: [
    ['path', { d: 'M9 8.5h6v12A1.5 1.5 0 0 1 13.5 22h-3A1.5 1.5 0 0 1 9 20.5z' }],
    ['path', { d: 'M10.6 4.5h2.8v3.2h-2.8z' }],
    ['path', { d: 'M13.4 4.6h3.4l2.2 2.3-1 1-1.9-1.6h-2.7z' }],
  ],
  exit: [
    ['path', { d: 'M4 3h10v4.5h-2V5H6v14h6v-2.5h2V21H4z' }],
    ['path', { d: 'M10.5 11h6.2V7.8l4.6 4.2-4.6 4.2V13h-6.2z' }],
  ],
  guard_post: [['path', { d: 'M12 2l8 3v6c0 5.1-3.4 9.4-8 11-4.6-1.6-8-5.9-8-11V5z' }]],
};
const FALLBACK = [['circle', { cx: 12, cy: 12, r: 5 }]];

/** The categories that have a pictogram, in the legend's order. */
export const ICON_CATEGORIES = Object.keys(SHAPES);

/** Background colour of a category's icon (the one its list markers use). */
export function categoryColour(category) {
  return categoryStyle(category)[1];
}

/** A fresh inline <svg> pictogram of a facility category, white on transparent (the caller gives the background). */
export function categorySvg(category) {
  const colour = categoryColour(category);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (const [tag, attrs] of SHAPES[category] || FALLBACK) {
    const shape = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs)) {
      if (name !== 'cut') {
        shape.setAttribute(name, String(value));
      }
    }
    shape.setAttribute('fill', attrs.cut ? colour : '#fff');
    svg.appendChild(shape);
  }
  return svg;
}
