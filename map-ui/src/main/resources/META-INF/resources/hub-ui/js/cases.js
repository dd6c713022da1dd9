// Staff cases view (dispatcher, grid worker, admin): GET /api/v1/cases within the login's scope, overdue
// first and marked, as a list and as map markers; open cases per grid colour the grids (choropleth); the
// day's reminder (一天一提醒) from /api/v1/cases/digest. A case opens in the case card (casecard.js).
/* global L */
import { api, hasRole } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange, currentLang } from './i18n.js';
import {
  CASE_STATUSES, CASE_OPEN, CASE_STATUS_COLOR, caseCategoryLabel, caseStatusLabel, formatTime,
} from './format.js';
import { getMap, toLatLng, dotIcon, onDatumChange, fitLatLngBounds } from './map.js';
import { showGrids, setGridCounts, gridName } from './grids.js';
import { openCase, closeCaseCard, onCaseChanged, currentCaseId } from './casecard.js';
import { setCaseReportActive } from './casereport.js';

const REFRESH_MS = 60000;
const LIMIT = 500;
const GLYPH = {
  environment: ['环', 'E'], facility_damage: ['设', 'F'], safety_hazard: ['险', 'S'], fire_safety: ['消', 'FS'],
  dispute: ['纠', 'D'], noise: ['噪', 'N'], other: ['他', 'O'],
};
let active = false;
let cases = [];
let problem = null;
let markerLayer = null;
let timer = null;
let loadSeq = 0;
let fitted = false; // the map was fitted to the cases since the view was entered

export function initCases() {
  markerLayer = L.layerGroup();
  renderStatusFilter();
  byId('case-status-filter').addEventListener('change', refreshCases);
  byId('case-overdue-filter').addEventListener('change', refreshCases);
  byId('case-refresh').addEventListener('click', refreshCases);
  onCaseChanged(refreshCases);
  onLangChange(() => { renderStatusFilter(); renderList(); drawMarkers(); loadDigest(); });
  onDatumChange(drawMarkers);
}

/** Enters or leaves the cases view (logged in): list, markers, grid counts, reminder, report. */
export function setCasesActive(on) {
  active = on;
  showGrids('cases', on);
  const map = getMap();
  if (on && !map.hasLayer(markerLayer)) {
    map.addLayer(markerLayer);
  } else if (!on && map.hasLayer(markerLayer)) {
    map.removeLayer(markerLayer);
  }
  clearInterval(timer);
  timer = null;
  setCaseReportActive(on && hasRole('dispatcher', 'admin'));
  if (on) {
    fitted = false;
    refreshCases();
    loadDigest();
    timer = setInterval(refreshCases, REFRESH_MS);
  } else {
    closeCaseCard();
    cases = [];
    replace(byId('case-list'));
    byId('case-digest').hidden = true;
  }
}

function renderStatusFilter() {
  const select = byId('case-status-filter');
  const value = select.value || 'open';
  replace(select, el('option', { value: 'open', text: t('case.status.open') }),
    el('option', { value: '', text: t('case.status.all') }),
    CASE_STATUSES.map((s) => el('option', { value: s, text: caseStatusLabel(s) })));
  select.value = value;
}

function query(status, overdue) {
  const params = new URLSearchParams({ limit: String(LIMIT) });
  if (status) {
    params.set('status', status);
  }
  if (overdue) {
    params.set('overdue', 'true');
  }
  return '/api/v1/cases?' + params.toString();
}

/** Reloads the list (and the grid counts) now. */
export async function refreshCases() {
  if (!active) {
    return;
  }
  const seq = ++loadSeq;
  const status = byId('case-status-filter').value;
  const overdue = byId('case-overdue-filter').checked;
  try {
    const body = await api(query(status, overdue));
    const open = status === 'open' && !overdue ? body : await api(query('open', false));
    if (seq !== loadSeq || !active) {
      return;
    }
    problem = null;
    cases = body && Array.isArray(body.cases) ? body.cases : [];
    const counts = new Map();
    ((open && open.cases) || []).filter((c) => CASE_OPEN.has(c.status) && c.grid)
      .forEach((c) => counts.set(String(c.grid), (counts.get(String(c.grid)) || 0) + 1));
    setGridCounts(counts);
  } catch (e) {
    if (seq !== loadSeq) {
      return;
    }
    problem = e.status === 403 ? t('case.forbidden') : e.message;
    cases = [];
  }
  renderList();
  drawMarkers();
  if (!fitted && markerLayer.getLayers().length && !currentCaseId()) {
    fitted = true; // once per visit: the staff's cases in view, later moves are the user's
    fitLatLngBounds(L.featureGroup(markerLayer.getLayers()).getBounds(), 16);
  }
}

async function loadDigest() {
  const box = byId('case-digest');
  if (!active) {
    return;
  }
  try {
    const d = await api('/api/v1/cases/digest');
    if (!d || !Number.isFinite(Number(d.assigned_open))) {
      box.hidden = true;
      return;
    }
    const parts = [];
    const scoped = d.overdue_in_scope !== null && d.overdue_in_scope !== undefined;
    if (Number(d.assigned_open) > 0 || !scoped) {
      parts.push(t('case.digest', { open: d.assigned_open, overdue: Number(d.assigned_overdue) || 0 }));
    }
    if (scoped) {
      parts.push(t('case.digestScope', { n: d.overdue_in_scope }));
    }
    box.textContent = t('case.digestHead') + parts.join(' · ');
    box.hidden = false;
  } catch (e) {
    box.hidden = true;
  }
}

function renderList() {
  const list = byId('case-list');
  if (problem) {
    replace(list, el('li', { class: 'muted', 'data-testid': 'case-problem', text: problem }));
    return;
  }
  if (!cases.length) {
    replace(list, el('li', { class: 'muted', text: t('case.none') }));
    return;
  }
  const openId = currentCaseId();
  replace(list, cases.map((c) => el('li', {},
    el('button', {
      type: 'button', class: 'list-button case-item' + (c.overdue ? ' overdue' : '') + (openId === String(c.id) ? ' active' : ''),
      dataset: { caseId: c.id, status: c.status, overdue: String(!!c.overdue), grid: c.grid || '' },
      onclick: () => openCase(String(c.id)),
    },
    el('span', { class: 'status-dot', style: { background: CASE_STATUS_COLOR[c.status] || '#757575' } }),
    el('span', { class: 'grow' },
      el('span', { class: 'name', text: caseCategoryLabel(c.category) + ' #' + String(c.id) }),
      el('span', { class: 'muted small', text: [gridName(c.grid), c.assignee ? String(c.assignee) : null,
        c.deadline ? t('case.deadline') + ' ' + formatTime(c.deadline) : formatTime(c.submitted_at)]
        .filter(Boolean).join(' · ') })),
    el('span', { class: 'case-flags' },
      c.overdue ? el('span', { class: 'badge overdue', 'data-testid': 'case-overdue', text: t('case.overdue') }) : null,
      el('span', { class: 'status-pill cst-' + String(c.status), text: caseStatusLabel(c.status) }))))));
}

function drawMarkers() {
  markerLayer.clearLayers();
  for (const c of [...cases].reverse()) {
    const lon = Number(c.lon);
    const lat = Number(c.lat);
    if (c.lon === null || c.lat === null || !Number.isFinite(lon) || !Number.isFinite(lat)) {
      continue;
    }
    const glyph = (GLYPH[c.category] || ['•', '•'])[currentLang() === 'zh' ? 0 : 1];
    const colour = c.overdue ? '#b00020' : CASE_STATUS_COLOR[c.status] || '#555';
    const marker = L.marker(toLatLng(lon, lat), {
      icon: dotIcon(glyph, colour, 'case-icon' + (c.overdue ? ' overdue' : '')),
      title: caseCategoryLabel(c.category) + ' #' + String(c.id), zIndexOffset: c.overdue ? 800 : 600,
    });
    marker.on('click', () => openCase(String(c.id)));
    markerLayer.addLayer(marker);
  }
}
