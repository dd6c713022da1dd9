// "My reports": the tracking codes filed on this device (localStorage, newest first, at most 20) and each
// case's progress from the public GET /api/v1/cases/track/{code}: status, history, photos, and once the
// case is closed a 1–5 rating with a comment (POST …/rating; 409 when not closed or rated already).
// The tracking view names no staff member and no phone number; everything shown is text.
import { api, showInfo } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { caseCategoryLabel, caseStatusLabel, formatTime } from './format.js';

const KEY = 'hub.caseCodes';
const MAX = 20;
const CODE = /^[A-Za-z0-9]{4,24}$/;
const REFRESH_MS = 60000;
const views = new Map(); // code -> tracking JSON | { missing: true }
const nodes = new Map(); // code -> { sig, node }
const drafts = new Map(); // code -> chosen score
let timer = null;

export function initTrack() {
  byId('track-add').addEventListener('submit', addByHand);
  onLangChange(() => { nodes.clear(); render(); });
  render();
}

/** Refreshes now and every minute while the report view is shown. */
export function setTrackActive(on) {
  clearInterval(timer);
  timer = null;
  if (on) {
    refreshMine();
    timer = setInterval(refreshMine, REFRESH_MS);
  }
}

/** The codes kept on this device, newest first. */
export function codes() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(list) ? list.filter((c) => typeof c === 'string' && CODE.test(c)) : [];
  } catch (e) {
    return [];
  }
}

function store(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list.slice(0, MAX)));
  } catch (e) {
    // storage disabled: the code is still shown after the report, for this page only
  }
}

/** Keeps a tracking code (first in the list). */
export function rememberCode(code) {
  if (CODE.test(String(code))) {
    store([String(code), ...codes().filter((c) => c !== String(code))]);
  }
}

function forget(code) {
  store(codes().filter((c) => c !== code));
  views.delete(code);
  render();
}

/** Fetches the progress of every kept code and redraws the list. */
export async function refreshMine() {
  await Promise.all(codes().map(load));
  render();
}

async function load(code) {
  try {
    views.set(code, await api('/api/v1/cases/track/' + encodeURIComponent(code), { auth: false }));
  } catch (e) {
    if (e.status === 404) {
      views.set(code, { missing: true });
    }
  }
}

async function addByHand(event) {
  event.preventDefault();
  const input = byId('track-code');
  const code = input.value.trim().toUpperCase();
  const error = byId('track-error');
  error.hidden = true;
  if (!CODE.test(code)) {
    error.textContent = t('trk.unknown', { code });
    error.hidden = false;
    return;
  }
  await load(code);
  const view = views.get(code);
  if (!view || view.missing) {
    views.delete(code);
    error.textContent = t('trk.unknown', { code });
    error.hidden = false;
    return;
  }
  input.value = '';
  rememberCode(code);
  render();
}

function render() {
  const list = byId('my-reports');
  const kept = codes();
  if (!kept.length) {
    replace(list, el('li', { class: 'muted', text: t('trk.none') }));
    return;
  }
  replace(list, kept.map((code) => {
    const view = views.get(code);
    const sig = JSON.stringify(view || null);
    const known = nodes.get(code);
    if (known && known.sig === sig) {
      return known.node; // unchanged: keep a half-filled rating form as it is
    }
    const node = item(code, view);
    nodes.set(code, { sig, node });
    return node;
  }));
}

function item(code, v) {
  const remove = el('button', { type: 'button', class: 'link-button small', text: t('trk.remove'), onclick: () => forget(code) });
  if (!v) {
    return el('li', { class: 'track-item', dataset: { trackingCode: code } },
      el('span', { class: 'mono', text: code }), el('span', { class: 'muted', text: ' ' + t('res.loading') }));
  }
  if (v.missing) {
    return el('li', { class: 'track-item', dataset: { trackingCode: code, status: 'missing' } },
      el('div', { class: 'muted', text: t('trk.unknown', { code }) }), remove);
  }
  const history = Array.isArray(v.history) ? v.history : [];
  const photos = Array.isArray(v.photos) ? v.photos : [];
  return el('li', { class: 'track-item', 'data-testid': 'track-item', dataset: { trackingCode: code, status: v.status } },
    el('div', { class: 'alert-head' },
      el('strong', { text: caseCategoryLabel(v.category) }),
      el('span', { class: 'status-pill cst-' + String(v.status), 'data-testid': 'track-status', text: caseStatusLabel(v.status) }),
      el('span', { class: 'muted small mono', text: code })),
    el('div', { class: 'muted small' }, el('span', { text: t('trk.submitted') + t('sep') + formatTime(v.submitted_at) }),
      v.deadline ? el('span', { text: ' · ' + t('trk.deadline') + t('sep') + formatTime(v.deadline) }) : null),
    el('div', { class: 'small field-title', text: t('trk.history') }),
    el('ol', { class: 'history', 'data-testid': 'track-history' }, history.map((h) => el('li', { dataset: { status: h.status } },
      el('span', { class: 'time', text: formatTime(h.at) }), ' ',
      el('strong', { text: caseStatusLabel(h.status) }),
      h.note ? el('span', { class: 'note', text: ' ' + String(h.note) }) : null))),
    photos.length ? el('div', { class: 'thumbs', 'data-testid': 'track-photos' }, photos.map((p) => {
      // The stored thumbnail in the list; the full photo only when tapped (a new tab, loaded then).
      const full = '/api/v1/cases/track/' + encodeURIComponent(code) + '/photos/' + Number(p.n);
      return el('a', { href: full, target: '_blank', rel: 'noopener', class: 'thumb', dataset: { photo: Number(p.n) } },
        el('img', { class: 'photo', alt: t('trk.photos') + ' ' + Number(p.n), src: full + '?thumbnail=true' }));
    })) : null,
    rating(code, v),
    remove);
}

function rating(code, v) {
  if (v.rating) {
    return el('div', { class: 'rated', 'data-testid': 'track-rated', dataset: { score: v.rating.score } },
      el('span', { class: 'k', text: t('trk.rated') + t('sep') }),
      el('span', { class: 'stars', text: '★'.repeat(Number(v.rating.score) || 0) }),
      el('span', { text: ' ' + t('trk.score', { n: v.rating.score }) }),
      v.rating.comment ? el('div', { class: 'note', text: String(v.rating.comment) }) : null);
  }
  if (v.status !== 'closed') {
    return null;
  }
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const comment = el('textarea', { name: 'comment', rows: '2', maxlength: '1000', 'data-testid': 'rating-comment' });
  const stars = el('div', { class: 'stars-row', role: 'radiogroup', 'aria-label': t('trk.rate') });
  const paint = () => stars.querySelectorAll('button').forEach((b) => {
    const on = Number(b.dataset.score) <= (drafts.get(code) || 0);
    b.classList.toggle('on', on);
    b.setAttribute('aria-checked', String(Number(b.dataset.score) === drafts.get(code)));
  });
  for (let n = 1; n <= 5; n++) {
    stars.appendChild(el('button', {
      type: 'button', class: 'star', role: 'radio', 'aria-label': t('trk.score', { n }), dataset: { score: n }, text: '★',
      onclick: () => { drafts.set(code, n); paint(); },
    }));
  }
  paint();
  const form = el('form', { class: 'rating-form', 'data-testid': 'rating-form' },
    el('div', { class: 'small field-title', text: t('trk.rate') }), stars,
    el('label', {}, el('span', { text: t('trk.comment') }), comment), error,
    el('button', { type: 'submit', class: 'primary small-button', 'data-testid': 'rating-submit', text: t('trk.rateSubmit') }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!drafts.get(code)) {
      error.textContent = t('trk.rate');
      error.hidden = false;
      return;
    }
    try {
      const body = { score: drafts.get(code) };
      if (comment.value.trim()) {
        body.comment = comment.value.trim();
      }
      views.set(code, await api('/api/v1/cases/track/' + encodeURIComponent(code) + '/rating',
        { method: 'POST', body, auth: false }));
      drafts.delete(code);
      render();
    } catch (err) {
      if (err.status === 409) {
        showInfo(t('trk.rateConflict'));
        await load(code);
        render();
        return;
      }
      error.textContent = err.message;
      error.hidden = false;
    }
  });
  return form;
}
