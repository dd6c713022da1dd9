// Closed-alerts history on the console tab (issue 17): GET /api/v1/alerts?status=resolved with the filters time
// (from/to by day, local time), kind, outcome and building, 20 at a time, "more" follows the page's `next` cursor
// (before=). The hub scopes it to the login's community. A row opens the alert's card. Built into
// #alert-history (index.html) so the page's markup stays small.
import { api, showError, session, onSessionChange } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, addStrings, onLangChange } from './i18n.js';
import { kindLabel, severityLabel, formatTime } from './format.js';
import { loadHierarchy, allBuildings, nameOf } from './hierarchy.js';
import { openIncident } from './incident.js';

addStrings({
  zh: {
    'his.title': '历史告警', 'his.from': '从', 'his.to': '到', 'his.kind': '类型', 'his.outcome': '结果',
    'his.building': '楼栋', 'his.all': '全部', 'his.search': '查询', 'his.more': '更多',
    'his.none': '没有符合条件的已关闭告警', 'his.resolvedBy': '处理人', 'his.closed': '关闭于',
  },
  en: {
    'his.title': 'Closed alerts', 'his.from': 'From', 'his.to': 'To', 'his.kind': 'Type', 'his.outcome': 'Outcome',
    'his.building': 'Building', 'his.all': 'All', 'his.search': 'Search', 'his.more': 'More',
    'his.none': 'No closed alerts match', 'his.resolvedBy': 'Closed by', 'his.closed': 'closed',
  },
});

const PAGE = 20;
const KINDS = ['fire', 'intrusion', 'access', 'maintenance'];
const OUTCOMES = ['resolved', 'false_alarm'];
let box = null;
let rows = [];
let next = null;
let searched = false;
let busy = false;
const form = {};

export function initHistory() {
  box = byId('alert-history');
  onLangChange(render);
  onSessionChange(clearHistory);
  render();
}

/** Loads the first page when the console is shown (and the section is open). */
export function setHistoryActive(on) {
  if (on && box && box.open && !searched) {
    loadHierarchy().catch(() => null).then(() => {
      render();
      search();
    });
  }
}

function select(name, options, value) {
  return el('select', { name, 'data-testid': 'history-' + name, onchange: () => { form[name] = selectValue(name); } },
    el('option', { value: '', text: t('his.all') }),
    options.map(([v, label]) => el('option', { value: v, text: label, selected: v === value })));
}

function selectValue(name) {
  const node = box.querySelector('[name="' + name + '"]');
  return node ? node.value : '';
}

function buildingOptions() {
  const own = session() && session().user ? session().user.community : null;
  return allBuildings().filter((b) => !own || b.community === own)
    .sort((a, b) => String(a.compound).localeCompare(String(b.compound)) || String(a.name).localeCompare(String(b.name)))
    .map((b) => [String(b.code), nameOf('compound', b.compound) + ' › ' + String(b.name || b.code)]);
}

function render() {
  if (!box) {
    return;
  }
  const wasOpen = box.open;
  replace(box,
    el('summary', { 'data-testid': 'history-toggle' }, el('strong', { text: t('his.title') })),
    el('form', { class: 'history-filters', 'data-testid': 'history-form', onsubmit: (e) => { e.preventDefault(); search(); } },
      el('div', { class: 'button-row' },
        el('label', { class: 'inline small' }, el('span', { text: t('his.from') }),
          el('input', { type: 'date', name: 'from', 'data-testid': 'history-from', value: form.from || '' })),
        el('label', { class: 'inline small' }, el('span', { text: t('his.to') }),
          el('input', { type: 'date', name: 'to', 'data-testid': 'history-to', value: form.to || '' }))),
      el('div', { class: 'button-row' },
        select('kind', KINDS.map((k) => [k, kindLabel(k)]), form.kind),
        select('outcome', OUTCOMES.map((o) => [o, t('con.outcome.' + o)]), form.outcome),
        select('building', buildingOptions(), form.building),
        el('button', { type: 'submit', class: 'small-button primary', 'data-testid': 'history-search', text: t('his.search') }))),
    el('ul', { class: 'plain-list', 'data-testid': 'history-list', id: 'history-list' }, listItems()),
    el('button', { type: 'button', class: 'link-button', 'data-testid': 'history-more', text: t('his.more'),
      hidden: !next, onclick: () => load(true) }));
  box.open = wasOpen;
  box.ontoggle = () => setHistoryActive(true);
}

function listItems() {
  if (searched && !rows.length) {
    return [el('li', { class: 'muted empty', text: t('his.none') })];
  }
  return rows.map((a) => el('li', {
    class: 'alert-item history-item', tabindex: '0',
    dataset: { alertId: a.id, kind: a.kind, outcome: a.outcome || '', building: a.building || '', test: a.test === true },
    onclick: () => openIncident(String(a.id)),
    onkeydown: (e) => { if (e.key === 'Enter') { openIncident(String(a.id)); } },
  },
  el('div', { class: 'alert-head' },
    el('span', { class: 'sev sev-' + String(a.severity), text: severityLabel(a.severity) }),
    el('strong', { text: kindLabel(a.kind) }),
    el('span', { class: 'status-pill status-resolved', text: a.outcome ? t('con.outcome.' + a.outcome) : '' })),
  el('div', { class: 'small', text: [nameOf('compound', a.compound), nameOf('building', a.building)].filter(Boolean)
    .join(' › ') || nameOf('community', a.community) }),
  el('div', { class: 'muted small', text: formatTime(a.opened_at) + ' · ' + t('his.closed') + ' ' + formatTime(a.resolved_at)
    + (a.resolved_by ? ' · ' + t('his.resolvedBy') + t('sep') + String(a.resolved_by) : '') })));
}

/** Day (yyyy-mm-dd, local) as an ISO instant at its local midnight, plus days. */
function dayStart(value, plusDays) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value || '');
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays).toISOString() : null;
}

function readForm() {
  for (const name of ['from', 'to', 'kind', 'outcome', 'building']) {
    const node = box.querySelector('[name="' + name + '"]');
    form[name] = node ? node.value : '';
  }
}

function search() {
  readForm();
  load(false);
}

async function load(more) {
  if (busy || !session()) {
    return;
  }
  busy = true;
  const params = new URLSearchParams({ status: 'resolved', limit: String(PAGE) });
  const from = dayStart(form.from, 0);
  const to = dayStart(form.to, 1);
  if (from) {
    params.set('from', from);
  }
  if (to) {
    params.set('to', to);
  }
  for (const name of ['kind', 'outcome', 'building']) {
    if (form[name]) {
      params.set(name, form[name]);
    }
  }
  if (more && next) {
    params.set('before', next);
  }
  try {
    await loadHierarchy().catch(() => null);
    const body = await api('/api/v1/alerts?' + params.toString());
    const page = body && Array.isArray(body.alerts) ? body.alerts : [];
    rows = more ? rows.concat(page) : page;
    next = body && typeof body.next === 'string' ? body.next : null;
    searched = true;
    render();
  } catch (e) {
    showError(e);
  } finally {
    busy = false;
  }
}

/** Forgets the list (logout). */
export function clearHistory() {
  rows = [];
  next = null;
  searched = false;
  render();
}
