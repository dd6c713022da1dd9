// The week's or month's case report (一周一通报、一月一点评) for dispatchers and admins:
// GET /api/v1/reports/cases per community and grid as a table, and the same as a CSV file
// (fetched with the login's token, saved through a blob: link).
import { api, session, showError, ApiError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { CASE_CATEGORIES, caseCategoryLabel } from './format.js';
import { nameOf } from './hierarchy.js';
import { gridName } from './grids.js';

const COLUMNS = [
  ['received', 'cr.received'], ['closed', 'cr.closed'], ['closed_on_time', 'cr.onTime'],
  ['overdue_open', 'cr.overdueOpen'], ['median_hours_to_close', 'cr.median'], ['mean_rating', 'cr.rating'],
];
let active = false;
let data = null;

export function initCaseReport() {
  renderPeriods();
  const date = byId('cr-date');
  const today = new Date();
  date.value = today.getFullYear() + '-' + String(today.getMonth() + 1).padStart(2, '0') + '-'
    + String(today.getDate()).padStart(2, '0');
  byId('cr-period').addEventListener('change', load);
  byId('cr-show').addEventListener('click', load);
  byId('cr-csv').addEventListener('click', () => downloadCsv().catch(showError));
  onLangChange(() => { renderPeriods(); render(); });
}

/** Shows the report section (dispatchers and admins) and loads it. */
export function setCaseReportActive(on) {
  active = on;
  byId('case-report').hidden = !on;
  if (on) {
    load();
  }
}

function renderPeriods() {
  const select = byId('cr-period');
  const value = select.value || 'week';
  replace(select, el('option', { value: 'week', text: t('cr.week') }), el('option', { value: 'month', text: t('cr.month') }));
  select.value = value;
}

function path(format) {
  const params = new URLSearchParams({ period: byId('cr-period').value || 'week' });
  if (byId('cr-date').value) {
    params.set('date', byId('cr-date').value);
  }
  if (format) {
    params.set('format', format);
  }
  return '/api/v1/reports/cases?' + params.toString();
}

async function load() {
  if (!active) {
    return;
  }
  try {
    data = await api(path(null));
  } catch (e) {
    data = { error: e.message };
  }
  render();
}

function row(line, name, cls, dataset) {
  const cats = line.by_category || {};
  const counts = CASE_CATEGORIES.filter((c) => Number(cats[c]) > 0).map((c) => caseCategoryLabel(c) + ' ' + Number(cats[c]));
  return el('tr', { class: cls, dataset },
    el('th', { scope: 'row' }, el('div', { text: name }),
      counts.length ? el('div', { class: 'muted small', text: counts.join(' · ') }) : null),
    COLUMNS.map(([key]) => el('td', { dataset: { col: key }, text: line[key] === null || line[key] === undefined ? '–'
      : String(line[key]) })));
}

function render() {
  const box = byId('cr-table');
  if (!data) {
    replace(box);
    return;
  }
  if (data.error) {
    replace(box, el('p', { class: 'error', text: data.error }));
    return;
  }
  const communities = Array.isArray(data.communities) ? data.communities : [];
  const range = el('p', { class: 'muted small', 'data-testid': 'cr-range', text: t('cr.range', { from: data.from, to: data.to }) });
  if (!communities.length) {
    replace(box, range, el('p', { class: 'muted', text: t('cr.none') }));
    return;
  }
  const body = [];
  for (const c of communities) {
    body.push(row(c, t('cr.total', { name: nameOf('community', c.community) }), 'community', { community: c.community }));
    for (const g of Array.isArray(c.grids) ? c.grids : []) {
      body.push(row(g, gridName(g.grid), 'grid', { community: c.community, grid: g.grid }));
    }
  }
  replace(box, range, el('div', { class: 'table-scroll' }, el('table', { class: 'report-table' },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('cr.area') }),
      COLUMNS.map(([, label]) => el('th', { scope: 'col', text: t(label) })))),
    el('tbody', {}, body))));
}

async function downloadCsv() {
  const s = session();
  const response = await fetch(path('csv'), { headers: s ? { Authorization: 'Bearer ' + s.token } : {} });
  if (!response.ok) {
    throw new ApiError(response.status, String(response.status), t('err.http', { status: response.status }));
  }
  const named = /filename="([A-Za-z0-9._-]+)"/.exec(response.headers.get('Content-Disposition') || '');
  const href = URL.createObjectURL(await response.blob());
  const link = el('a', { href, download: named ? named[1] : 'cases.csv', hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(href), 60000);
}
