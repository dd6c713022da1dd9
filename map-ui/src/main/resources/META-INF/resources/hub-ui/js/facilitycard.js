// A facility's card (popup and details): name, category, distance and walking time, floor, opening
// hours, phone, and "到这里去" links to the map apps (directions.js). Text only; no state.
import { el, telLink } from './dom.js';
import { t } from './i18n.js';
import { formatDistance, walkingMinutes, categoryLabel } from './format.js';
import { directionsBlock } from './directions.js';

/**
 * The card of facility properties p; coordinates ([lon, lat], WGS-84) add the directions links, and
 * onClose, when given, a close button.
 */
export function renderFacilityCard(p, coordinates, onClose) {
  const rows = [
    el('div', { class: 'card-title' }, el('strong', { text: p.name || p.code || '' })),
    el('div', { class: 'muted', text: categoryLabel(p.category) }),
  ];
  if (p.distance_m !== undefined && p.distance_m !== null) {
    rows.push(el('div', {}, t('res.distance') + t('sep') + formatDistance(p.distance_m)
      + ' · ' + t('res.walk', { min: walkingMinutes(p.distance_m) })));
  }
  if (p.floor !== undefined && p.floor !== null) {
    rows.push(el('div', {}, t('res.floor') + t('sep') + t('res.floorN', { n: p.floor })));
  }
  if (p.opening_hours) {
    rows.push(el('div', {}, t('res.hours') + t('sep'), el('span', { text: p.opening_hours })));
  }
  if (p.phone) {
    rows.push(el('div', {}, t('res.phone') + t('sep'), telLink(p.phone)));
  }
  if (Array.isArray(coordinates) && coordinates.length >= 2) {
    rows.push(directionsBlock(coordinates[0], coordinates[1], p.name || p.code || ''));
  }
  const card = el('div', { class: 'facility-card', 'data-testid': 'facility-card' }, rows);
  if (onClose) {
    card.appendChild(el('button', { type: 'button', class: 'link-button', text: t('res.close'), onclick: onClose }));
  }
  return card;
}

/**
 * Options of a facility's popup: wide enough for the three directions links in a row, and panned
 * clear of the map's right-hand controls and of the phone's bottom sheet (CSS variable --sheet-h).
 */
export function popupOptions() {
  const layout = document.getElementById('layout');
  const sheet = layout ? parseFloat(getComputedStyle(layout).getPropertyValue('--sheet-h')) || 0 : 0;
  return { minWidth: 240, maxWidth: 280, autoPanPaddingTopLeft: [10, 10], autoPanPaddingBottomRight: [70, sheet + 10] };
}
