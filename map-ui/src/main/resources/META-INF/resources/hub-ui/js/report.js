// 随手拍: the report form for anyone (no account needed). Category, description, the place from the
// phone's location or a tap on the map (resolved by /api/v1/locate), up to 3 photos, an optional phone
// number; sent as multipart to POST /api/v1/cases. The hub's refusals (400/413/415/422) are shown next to
// the field they name, a 429 says when to try again. The QR link ?report=1&grid=CODE opens this form
// centred on that grid. A logged-in grid worker may close a small matter on the spot (现场办结).
import { postForm, hasRole } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { CASE_CATEGORIES, caseCategoryLabel } from './format.js';
import { showGrids, setGridCounts } from './grids.js';
import { photoPicker } from './photos.js';
import { initPlace, setPlaceActive, currentPlace, clearPlace } from './reportplace.js';
import { rememberCode, refreshMine, setTrackActive } from './track.js';

export { preselectGrid } from './reportplace.js';

const FIELDS = ['category', 'description', 'place', 'photo', 'contact', 'note', 'after_photo'];
let photos = null;
let afterPhotos = null;
let sending = false;

export function initReport() {
  photos = photoPicker('report-photos', 3, (kind) => fieldError('photo', kind === 'size' ? t('rep.err.photo.413')
    : t('rep.err.photoCount')));
  afterPhotos = photoPicker('report-after', 3, (kind) => fieldError('after_photo', kind === 'size' ? t('rep.err.photo.413')
    : t('rep.err.photoCount')));
  replace(byId('report-photos'), photos.node);
  replace(byId('report-after-photos'), afterPhotos.node);
  renderCategories();
  const description = byId('report-description');
  description.addEventListener('input', renderCount);
  byId('report-form').addEventListener('submit', submit);
  byId('report-onspot-check').addEventListener('change', (e) => { byId('report-onspot-fields').hidden = !e.target.checked; });
  initPlace(fieldError);
  onLangChange(() => { renderCategories(); renderCount(); });
  renderCount();
}

/** Shows or hides the report view's map layers (grids without counts, the place marker). */
export function setReportActive(on) {
  setPlaceActive(on);
  showGrids('report', on);
  if (on) {
    setGridCounts(null);
    byId('report-onspot').hidden = !hasRole('grid_worker');
  }
  setTrackActive(on);
}

function renderCategories() {
  const select = byId('report-category');
  const value = select.value;
  replace(select, el('option', { value: '', text: t('rep.pickCategory') }),
    CASE_CATEGORIES.map((c) => el('option', { value: c, text: caseCategoryLabel(c) })));
  select.value = value;
}

function renderCount() {
  const n = [...byId('report-description').value].length;
  byId('report-count').textContent = t('rep.count', { n });
}

/** Shows (or with '' clears) the error next to a field. */
function fieldError(field, message) {
  const node = document.querySelector('#report-form .field-error[data-field="' + field + '"]');
  if (node) {
    node.textContent = message;
    node.hidden = !message;
  }
}

function clearErrors() {
  FIELDS.forEach((f) => fieldError(f, ''));
  byId('report-error').hidden = true;
}

function checkLocally(category, description, onSpot, note) {
  let ok = true;
  if (!category) {
    fieldError('category', t('rep.err.category'));
    ok = false;
  }
  const n = [...description].length;
  if (!description.trim() || n > 1000) {
    fieldError('description', t('rep.err.description'));
    ok = false;
  }
  if (!currentPlace()) {
    fieldError('place', t('rep.err.place'));
    ok = false;
  }
  if (onSpot && !note.trim()) {
    fieldError('note', t('rep.err.note'));
    ok = false;
  }
  if (onSpot && afterPhotos.count() === 0) {
    fieldError('after_photo', t('rep.err.after_photo'));
    ok = false;
  }
  return ok;
}

async function submit(event) {
  event.preventDefault();
  if (sending) {
    return;
  }
  clearErrors();
  const category = byId('report-category').value;
  const description = byId('report-description').value;
  const contact = byId('report-contact').value.trim();
  const onSpot = hasRole('grid_worker') && byId('report-onspot-check').checked;
  const note = byId('report-onspot-note').value;
  if (!checkLocally(category, description, onSpot, note)) {
    return;
  }
  setSending(true);
  try {
    // the photos scaled on the phone (photos.js) are sent once they are ready
    const form = await reportForm(category, description, contact, onSpot, note);
    const filed = await postForm('/api/v1/cases', form);
    done(filed, !!(filed && filed.status === 'closed'));
  } catch (e) {
    showRefusal(e);
  } finally {
    setSending(false);
  }
}

/** The report as multipart form data (category, description, place, contact, photos; 现场办结's fields). */
async function reportForm(category, description, contact, onSpot, note) {
  const form = new FormData();
  form.append('category', category);
  form.append('description', description);
  const place = currentPlace();
  form.append('lon', place.lon.toFixed(6));
  form.append('lat', place.lat.toFixed(6));
  if (contact) {
    form.append('contact', contact);
  }
  (await photos.files()).forEach((f) => form.append('photo', f, f.name || 'photo.jpg'));
  if (onSpot) {
    // 现场办结: one request, one transaction on the hub (filed, handled with the note and after-photos, closed)
    form.append('close_on_spot', 'true');
    form.append('note', note);
    (await afterPhotos.files()).forEach((f) => form.append('after_photo', f, f.name || 'after.jpg'));
  }
  return form;
}

function setSending(on) {
  sending = on;
  const button = byId('report-submit');
  button.disabled = on;
  button.textContent = t(on ? 'rep.sending' : 'rep.submit');
}

/** Which form field a refusal names: 413/415 the photos, 422 the place, else "field 'x'" in the message. */
function fieldOf(e) {
  if (e.status === 413 || e.status === 415) {
    return 'photo';
  }
  if (e.status === 422) {
    return e.code === 'after_photo_required' ? 'after_photo' : 'place';
  }
  const m = /(?:field|parameter) '([a-z_]+)'/.exec(e.message || '');
  if (!m) {
    return null;
  }
  return ['lon', 'lat', 'crs'].includes(m[1]) ? 'place' : m[1];
}

function showRefusal(e) {
  if (e.status === 503 && /busy/.test(e.code || '')) {
    const box = byId('report-error');
    box.textContent = t('rep.err.busy', { sec: e.retryAfter || 5 });
    box.dataset.retryAfter = String(e.retryAfter || 5);
    box.hidden = false;
    return;
  }
  if (e.status === 429) {
    const seconds = e.retryAfter || 600;
    const at = new Date(Date.now() + seconds * 1000);
    const time = String(at.getHours()).padStart(2, '0') + ':' + String(at.getMinutes()).padStart(2, '0');
    const box = byId('report-error');
    box.textContent = t('rep.err.throttled', { min: Math.max(1, Math.ceil(seconds / 60)), time });
    box.dataset.retryAfter = String(seconds);
    box.hidden = false;
    return;
  }
  const field = fieldOf(e);
  if (field && FIELDS.includes(field)) {
    const key = field === 'photo' ? 'rep.err.photo.' + e.status : field === 'place' && e.status === 422
      ? 'rep.err.outside' : 'rep.err.' + field;
    const text = t(key);
    fieldError(field, text === key ? t('rep.err.photo') : text);
    const node = document.querySelector('#report-form .field-error[data-field="' + field + '"]');
    node.title = e.message || '';
    node.dataset.status = String(e.status);
    return;
  }
  const box = byId('report-error');
  box.textContent = e.message || String(e);
  box.hidden = false;
}

function done(filed, closedOnSpot) {
  const code = String(filed.tracking_code || '');
  rememberCode(code);
  const box = byId('report-done');
  box.dataset.trackingCode = code;
  box.dataset.grid = filed.grid ? String(filed.grid.code) : '';
  replace(box,
    el('strong', { text: closedOnSpot ? t('rep.onspotDone') : t('rep.done') }),
    el('div', { class: 'kv' }, el('span', { class: 'k', text: t('rep.code') }),
      el('span', { class: 'v mono code', 'data-testid': 'report-code', text: code })),
    filed.grid ? el('div', { class: 'kv' }, el('span', { class: 'k', text: t('case.grid') }),
      el('span', { class: 'v', text: String(filed.grid.name || filed.grid.code) })) : null,
    el('div', { class: 'muted small', text: t('rep.codeKept') }));
  box.hidden = false;
  byId('report-form').reset();
  byId('report-onspot-fields').hidden = true;
  photos.reset();
  afterPhotos.reset();
  clearPlace();
  renderCount();
  refreshMine();
  box.scrollIntoView({ block: 'nearest' });
}
