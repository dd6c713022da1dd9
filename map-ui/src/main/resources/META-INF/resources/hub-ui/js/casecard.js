// The case card for staff: GET /api/v1/cases/{id} with description, place, reporter and phone, photos
// (fetched with the login's token, shown from blob: URLs), history with actors, rating, linked alert,
// and the workflow steps the login's role and the case's status allow (caseactions.js).
/* global L */
import { api, imageUrl, showError } from './api.js';
import { byId, el, replace, telLink } from './dom.js';
import { t, onLangChange } from './i18n.js';
import {
  caseCategoryLabel, caseStatusLabel, caseActionLabel, casePriorityLabel, formatTime,
} from './format.js';
import { fitLatLngBounds, toLatLng } from './map.js';
import { nameOf } from './hierarchy.js';
import { gridName } from './grids.js';
import { actionBar } from './caseactions.js';
import { directionsBlock } from './directions.js';

const listeners = [];
let current = null; // { id, detail, problem }
let photoUrls = [];

export function initCaseCard() {
  onLangChange(render);
}

/** Calls fn() after a step changed a case (the list reloads then). */
export function onCaseChanged(fn) {
  listeners.push(fn);
}

export function currentCaseId() {
  return current ? current.id : null;
}

/** Opens the card for a case id and centres the map on the case. */
export async function openCase(id) {
  const key = String(id);
  current = { id: key, detail: null, problem: null };
  const card = byId('case-card');
  card.hidden = false;
  card.dataset.caseId = key;
  render();
  await reload(key, true);
  card.scrollIntoView({ block: 'nearest' });
}

async function reload(key, centre) {
  try {
    const detail = await api('/api/v1/cases/' + encodeURIComponent(key));
    if (!current || current.id !== key) {
      return;
    }
    current.detail = detail;
    if (centre && detail && Number.isFinite(Number(detail.lon)) && detail.lon !== null) {
      const p = toLatLng(Number(detail.lon), Number(detail.lat));
      fitLatLngBounds(L.latLngBounds(p, p), 17);
    }
  } catch (e) {
    if (!current || current.id !== key) {
      return;
    }
    current.problem = e.status === 404 ? t('case.notFound') : e.message;
  }
  render();
}

/** A step changed the case: shows its new state and tells the list. */
export function caseUpdated(detail) {
  if (current && detail && String(detail.id) === current.id) {
    current.detail = detail;
    render();
  }
  listeners.forEach((fn) => fn());
}

/** A step was refused as impossible (409): reloads the case and the list. */
export function caseStale() {
  if (current) {
    reload(current.id, false);
  }
  listeners.forEach((fn) => fn());
}

export function closeCaseCard() {
  current = null;
  releasePhotos();
  const card = byId('case-card');
  card.hidden = true;
  replace(card);
}

function releasePhotos() {
  photoUrls.forEach((u) => URL.revokeObjectURL(u));
  photoUrls = [];
}

function kv(key, value, testid) {
  if (value === null || value === undefined || value === '') {
    return null;
  }
  return el('div', { class: 'kv' }, el('span', { class: 'k', text: t(key) }),
    value instanceof Node ? el('span', { class: 'v', 'data-testid': testid }, value)
      : el('span', { class: 'v', 'data-testid': testid, text: String(value) }));
}

function render() {
  const card = byId('case-card');
  if (!current) {
    return;
  }
  releasePhotos();
  const head = el('div', { class: 'card-head' }, el('h2', { text: t('case.list') + ' #' + current.id }),
    el('button', { type: 'button', class: 'link-button', 'data-testid': 'case-card-close', text: t('res.close'),
      onclick: closeCaseCard }));
  const d = current.detail;
  if (!d) {
    replace(card, head, el('p', { class: current.problem ? 'error' : 'muted', 'data-testid': 'case-card-problem',
      text: current.problem || t('res.loading') }));
    card.dataset.status = '';
    return;
  }
  card.dataset.status = String(d.status);
  const place = [nameOf('community', d.community), nameOf('compound', d.compound), nameOf('building', d.building)]
    .filter(Boolean).join(' › ');
  replace(card, head,
    el('div', { class: 'alert-head' },
      el('strong', { text: caseCategoryLabel(d.category) }),
      el('span', { class: 'status-pill cst-' + String(d.status), 'data-testid': 'case-status', text: caseStatusLabel(d.status) }),
      d.overdue ? el('span', { class: 'badge overdue', text: t('case.overdue') }) : null,
      d.priority ? el('span', { class: 'badge', text: t('case.priority') + t('sep') + casePriorityLabel(d.priority) }) : null),
    el('p', { class: 'description', 'data-testid': 'case-description', text: String(d.description ?? '') }),
    kv('case.place', place),
    directionsBlock(d.lon, d.lat, place || caseCategoryLabel(d.category)),
    kv('case.grid', gridName(d.grid), 'case-grid'),
    kv('case.reporter', d.reporter ? String(d.reporter) : t('case.anonymous')),
    kv('case.contact', d.contact ? telLink(String(d.contact)) : null),
    kv('case.assignee', d.assignee, 'case-assignee'),
    kv('case.deadline', d.deadline ? formatTime(d.deadline) : null),
    kv('case.submittedAt', formatTime(d.submitted_at)),
    d.alert ? kv('case.alert', '#' + String(d.alert.id)) : null,
    photos(d),
    reworkNote(d),
    history(d),
    d.rating ? el('div', { class: 'rated', 'data-testid': 'case-rating' },
      el('span', { class: 'k', text: t('case.rating') + t('sep') }),
      el('span', { class: 'stars', text: '★'.repeat(Number(d.rating.score) || 0) }),
      d.rating.comment ? el('div', { class: 'note', text: String(d.rating.comment) }) : null) : null,
    actionBar(d));
}

function photos(d) {
  const list = Array.isArray(d.photos) ? d.photos : [];
  if (!list.length) {
    return null;
  }
  const box = el('div', { class: 'thumbs', 'data-testid': 'case-photos' });
  const id = current.id;
  for (const p of list) {
    const n = Number(p.n);
    const figure = el('figure', { class: 'thumb', dataset: { photo: n, stage: p.stage || '' } },
      el('figcaption', { class: 'muted small', text: t('case.photo.' + (p.stage === 'handled' ? 'handled' : 'report')) }));
    box.appendChild(figure);
    imageUrl('/api/v1/cases/' + encodeURIComponent(id) + '/photos/' + n + '?thumbnail=true').then((url) => {
      if (!current || current.id !== id || !figure.isConnected) {
        URL.revokeObjectURL(url);
        return;
      }
      photoUrls.push(url);
      figure.insertBefore(el('img', { src: url, class: 'photo', alt: t('case.photos') + ' ' + n }), figure.firstChild);
    }).catch(showError);
  }
  return el('div', {}, el('div', { class: 'small field-title', text: t('case.photos') }), box);
}

/** While a case is back for rework (its last step), the dispatcher's reason, for the assignee to see first. */
function reworkNote(d) {
  const list = Array.isArray(d.history) ? d.history : [];
  const last = list[list.length - 1];
  if (!last || last.action !== 'rework' || d.status !== 'in_progress') {
    return null;
  }
  return el('div', { class: 'rework-note', role: 'note', 'data-testid': 'case-rework' },
    el('strong', { text: t('case.reworkBy') + t('sep') + String(last.actor ?? '') }),
    el('div', { class: 'note', text: String(last.note ?? '') }));
}

function history(d) {
  const list = Array.isArray(d.history) ? d.history : [];
  return el('div', {}, el('div', { class: 'small field-title', text: t('case.history') }),
    el('ol', { class: 'history', 'data-testid': 'case-history' }, list.map((h) => el('li', {
      dataset: { action: h.action, status: h.status, actor: h.actor ?? '' },
    },
    el('span', { class: 'time', text: formatTime(h.at) }), ' ',
    el('span', { class: 'actor', text: h.actor ? String(h.actor) : h.action === 'submit' ? t('case.anonymous') : t('case.system') }),
    ' · ', el('strong', { text: caseActionLabel(h.action) }),
    el('span', { class: 'muted', text: ' → ' + caseStatusLabel(h.status) }),
    h.note ? el('div', { class: 'note', text: String(h.note) }) : null))));
}
