// Duty roster page (issue 17, admins only; README "Duty roster: who is paged"): for one community, who is on duty
// now at each tier (GET /api/v1/roster/now), the roster entries with the staff's phone numbers (GET
// /api/v1/admin/roster?community=), add one (POST: user, tier, weekdays, start/end in China time — an end not after
// the start is an overnight shift, equal times 24 hours —, optional dates, minimum severity, note), delete one (two
// taps), and set a staff member's phone number (PUT /api/v1/admin/users/{name}/phone). The hub's 400s name the field:
// the message is shown next to it. Every string from the hub goes in as text (dom.js). Thread: the page's only one.
import { api, post, showError, showInfo, hasRole, onSessionChange } from './api.js';
import { byId, el, replace, telLink } from './dom.js';
import { t, addStrings, onLangChange } from './i18n.js';
import { severityLabel } from './format.js';
import { loadHierarchy, communities, nameOf } from './hierarchy.js';
import { formError, clearFormErrors, clearBox } from './formerrors.js';

addStrings({
  zh: {
    'ros.title': '值班表', 'ros.community': '社区', 'ros.now': '当前值班', 'ros.entries': '值班安排',
    'ros.nobody': '无人值班', 'ros.none': '该社区还没有值班安排', 'ros.add': '添加值班', 'ros.user': '值班人员（登录名）',
    'ros.userHint': '本社区的安保账号或管理员', 'ros.tier': '梯次', 'ros.tierN': '第 {n} 梯次', 'ros.days': '星期',
    'ros.start': '开始（北京时间）', 'ros.end': '结束（北京时间）',
    'ros.shiftHint': '结束不晚于开始即为跨夜班（次日结束）；开始与结束相同为 24 小时。',
    'ros.more': '更多选项', 'ros.from': '起始日期（选填）', 'ros.until': '截止日期（选填）', 'ros.minSeverity': '最低级别',
    'ros.note': '备注（选填）', 'ros.save': '保存', 'ros.added': '已添加值班', 'ros.delete': '删除',
    'ros.confirmDelete': '确认删除', 'ros.everyDay': '每天', 'ros.workdays': '工作日', 'ros.weekend': '周末',
    'ros.daysList': '周{days}', 'ros.sep': '、', 'ros.overnight': '{start}–次日 {end}', 'ros.fullDay': '{start} 起 24 小时',
    'ros.fromDate': '自 {d}', 'ros.untilDate': '至 {d}', 'ros.noPhone': '未设电话',
    'ros.phoneTitle': '员工电话', 'ros.phoneHint': '仅用于通道消息中 @ 值班人员；留空则清除。',
    'ros.phone': '手机号', 'ros.phoneSave': '保存电话', 'ros.phoneSaved': '已保存 {user} 的电话',
    'ros.phoneCleared': '已清除 {user} 的电话', 'ros.refresh': '刷新', 'ros.userNeeded': '请填写登录名',
    'day.1': '一', 'day.2': '二', 'day.3': '三', 'day.4': '四', 'day.5': '五', 'day.6': '六', 'day.7': '日',
  },
  en: {
    'ros.title': 'Duty roster', 'ros.community': 'Community', 'ros.now': 'On duty now',
    'ros.entries': 'Shifts',
    'ros.nobody': 'nobody', 'ros.none': 'No roster entries for this community', 'ros.add': 'Add a shift',
    'ros.user': 'Staff member (login)', 'ros.userHint': "a security login of this community or an admin",
    'ros.tier': 'Tier', 'ros.tierN': 'tier {n}', 'ros.days': 'Weekdays', 'ros.start': 'Start (China time)',
    'ros.end': 'End (China time)',
    'ros.shiftHint': 'An end not after the start ends the next day (overnight); equal times mean 24 hours.',
    'ros.more': 'More options', 'ros.from': 'First date (optional)', 'ros.until': 'Last date (optional)',
    'ros.minSeverity': 'Minimum severity', 'ros.note': 'Note (optional)', 'ros.save': 'Save', 'ros.added': 'Shift added',
    'ros.delete': 'Delete', 'ros.confirmDelete': 'Confirm delete', 'ros.everyDay': 'every day',
    'ros.workdays': 'weekdays', 'ros.weekend': 'weekends', 'ros.daysList': '{days}', 'ros.sep': ', ',
    'ros.overnight': '{start}–{end} next day', 'ros.fullDay': '24 hours from {start}', 'ros.fromDate': 'from {d}',
    'ros.untilDate': 'until {d}', 'ros.noPhone': 'no phone', 'ros.phoneTitle': 'Staff phone numbers',
    'ros.phoneHint': 'Only for @-mentions in channel messages; empty clears it.', 'ros.phone': 'Mobile number',
    'ros.phoneSave': 'Save phone', 'ros.phoneSaved': "{user}'s phone saved", 'ros.phoneCleared': "{user}'s phone cleared",
    'ros.refresh': 'Refresh', 'ros.userNeeded': 'Enter a login name',
    'day.1': 'Mon', 'day.2': 'Tue', 'day.3': 'Wed', 'day.4': 'Thu', 'day.5': 'Fri', 'day.6': 'Sat', 'day.7': 'Sun',
  },
});

const DAYS = [1, 2, 3, 4, 5, 6, 7];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
let panel = null;
let community = '';
let entries = [];
let onDuty = null;
let staff = [];
let armedDelete = null;

export function initRoster() {
  panel = byId('panel-roster');
  onLangChange(renderAll);
  onSessionChange(() => {
    entries = [];
    onDuty = null;
    staff = [];
    armedDelete = null;
    showTab();
    renderAll();
  });
  showTab();
  renderAll();
}

function showTab() {
  const tab = byId('view-roster');
  if (tab) {
    tab.hidden = !hasRole('admin');
  }
}

/** Loads the roster of the chosen community when the page is shown to an admin. */
export function setRosterActive(on) {
  if (on && hasRole('admin')) {
    loadHierarchy().catch(() => null).then(() => {
      if (!community && communities().length) {
        community = String(communities()[0].code);
      }
      renderAll();
      refresh();
      loadStaff();
    });
  }
}

async function refresh() {
  if (!community) {
    return;
  }
  const code = community;
  const q = '?community=' + encodeURIComponent(code);
  try {
    const [list, now] = await Promise.all([api('/api/v1/admin/roster' + q), api('/api/v1/roster/now' + q)]);
    if (code !== community) {
      return;
    }
    entries = list && Array.isArray(list.entries) ? list.entries : [];
    onDuty = now && Array.isArray(now.tiers) ? now.tiers : [];
    renderLists();
  } catch (e) {
    showError(e);
  }
}

/** The logins a shift can name (security of the community, admins), offered as suggestions. */
async function loadStaff() {
  try {
    const body = await api('/api/v1/admin/users');
    staff = body && Array.isArray(body.users) ? body.users : [];
    renderStaff();
  } catch (e) {
    staff = [];
  }
}

function renderAll() {
  if (!panel) {
    return;
  }
  if (!hasRole('admin')) {
    replace(panel);
    return;
  }
  replace(panel,
    el('div', { class: 'section-head' }, el('h2', { text: t('ros.title') }),
      el('button', { type: 'button', class: 'link-button', 'data-testid': 'roster-refresh', text: t('ros.refresh'),
        onclick: refresh })),
    el('label', {}, el('span', { text: t('ros.community') }),
      el('select', { id: 'roster-community', 'data-testid': 'roster-community', onchange: chooseCommunity },
        communities().map((c) => el('option', { value: String(c.code), text: String(c.name || c.code),
          selected: String(c.code) === community })))),
    el('h3', { text: t('ros.now') }),
    el('ul', { id: 'roster-now', 'data-testid': 'roster-now', class: 'plain-list roster-now' }),
    el('h3', { text: t('ros.entries') }),
    el('ul', { id: 'roster-list', 'data-testid': 'roster-list', class: 'plain-list' }),
    el('datalist', { id: 'roster-staff' }),
    el('h2', { text: t('ros.add') }),
    rosterForm(),
    el('h2', { text: t('ros.phoneTitle') }),
    phoneForm());
  renderLists();
  renderStaff();
}

function chooseCommunity(event) {
  community = event.target.value;
  entries = [];
  onDuty = null;
  armedDelete = null;
  renderLists();
  renderStaff();
  refresh();
}

function field(name, label, input, hint) {
  return el('div', { class: 'form-field' }, el('label', {}, el('span', { text: label }), input),
    hint ? el('p', { class: 'muted small hint', text: hint }) : null,
    el('p', { class: 'error field-error', dataset: { field: name }, role: 'alert', hidden: true }));
}

function rosterForm() {
  return el('form', { id: 'roster-form', 'data-testid': 'roster-form', novalidate: true, autocomplete: 'off',
    onsubmit: submit },
  field('user', t('ros.user'), el('input', { name: 'user', 'data-testid': 'roster-user', list: 'roster-staff',
    maxlength: '64', autocapitalize: 'off', spellcheck: 'false' }), t('ros.userHint')),
  field('tier', t('ros.tier'), el('select', { name: 'tier', 'data-testid': 'roster-tier' },
    ['1', '2', '3'].map((n) => el('option', { value: n, text: t('ros.tierN', { n }) })))),
  el('fieldset', { class: 'form-field days' }, el('legend', { text: t('ros.days') }),
    el('div', { class: 'day-chips' }, DAYS.map((d) => el('label', { class: 'day-chip' },
      el('input', { type: 'checkbox', name: 'days', value: String(d), checked: true, 'data-testid': 'roster-day-' + d }),
      el('span', { text: t('day.' + d) })))),
    el('p', { class: 'error field-error', dataset: { field: 'days' }, role: 'alert', hidden: true })),
  el('div', { class: 'time-pair' },
    field('start', t('ros.start'), el('input', { name: 'start', type: 'time', 'data-testid': 'roster-start',
      value: '08:00' })),
    field('end', t('ros.end'), el('input', { name: 'end', type: 'time', 'data-testid': 'roster-end', value: '20:00' }))),
  el('p', { class: 'muted small', text: t('ros.shiftHint') }),
  el('details', { class: 'more', 'data-testid': 'roster-more' }, el('summary', { text: t('ros.more') }),
    field('from', t('ros.from'), el('input', { name: 'from', type: 'date', 'data-testid': 'roster-from' })),
    field('until', t('ros.until'), el('input', { name: 'until', type: 'date', 'data-testid': 'roster-until' })),
    field('min_severity', t('ros.minSeverity'), el('select', { name: 'min_severity', 'data-testid': 'roster-min-severity' },
      SEVERITIES.map((s) => el('option', { value: s, text: severityLabel(s) })))),
    field('note', t('ros.note'), el('input', { name: 'note', 'data-testid': 'roster-note', maxlength: '200' }))),
  el('p', { id: 'roster-error', class: 'error', role: 'alert', hidden: true }),
  el('button', { type: 'submit', class: 'primary wide', 'data-testid': 'roster-save', text: t('ros.save') }));
}

function phoneForm() {
  return el('form', { id: 'phone-form', 'data-testid': 'phone-form', novalidate: true, autocomplete: 'off',
    onsubmit: submitPhone },
  el('p', { class: 'muted small', text: t('ros.phoneHint') }),
  field('username', t('ros.user'), el('input', { name: 'username', 'data-testid': 'phone-user', list: 'roster-staff',
    maxlength: '64', autocapitalize: 'off', spellcheck: 'false' })),
  field('phone', t('ros.phone'), el('input', { name: 'phone', type: 'tel', inputmode: 'tel', 'data-testid': 'phone-number',
    maxlength: '24' })),
  el('p', { id: 'phone-error', class: 'error', role: 'alert', hidden: true }),
  el('button', { type: 'submit', class: 'primary wide', 'data-testid': 'phone-save', text: t('ros.phoneSave') }));
}

async function submit(event) {
  event.preventDefault();
  const form = event.target;
  clearFormErrors(form);
  clearBox(byId('roster-error'));
  const value = (name) => form.elements[name].value;
  const body = {
    user: value('user').trim(), community, tier: Number(value('tier')),
    days: [...form.querySelectorAll('input[name=days]:checked')].map((c) => Number(c.value)),
    start: value('start'), end: value('end'), min_severity: value('min_severity'),
  };
  for (const optional of ['from', 'until', 'note']) {
    if (value(optional).trim()) {
      body[optional] = value(optional).trim();
    }
  }
  const button = form.querySelector('[type=submit]');
  button.disabled = true;
  try {
    await post('/api/v1/admin/roster', body);
    form.elements.user.value = '';
    form.elements.note.value = '';
    showInfo(t('ros.added'));
    await refresh();
  } catch (e) {
    formError(form, e, byId('roster-error'));
    openDetailsOf(form);
  } finally {
    button.disabled = false;
  }
}

/** Unfolds 更多选项 when the refused field sits in it. */
function openDetailsOf(form) {
  const shown = form.querySelector('details.more .field-error:not([hidden])');
  if (shown) {
    shown.closest('details').open = true;
  }
}

async function submitPhone(event) {
  event.preventDefault();
  const form = event.target;
  clearFormErrors(form);
  clearBox(byId('phone-error'));
  const username = form.elements.username.value.trim();
  const phone = form.elements.phone.value.trim();
  const button = form.querySelector('[type=submit]');
  if (!username) {
    formError(form, { message: t('ros.userNeeded'), field: 'username' }, byId('phone-error'));
    return;
  }
  button.disabled = true;
  try {
    await api('/api/v1/admin/users/' + encodeURIComponent(username) + '/phone',
      { method: 'PUT', body: { phone: phone || null } });
    showInfo(t(phone ? 'ros.phoneSaved' : 'ros.phoneCleared', { user: username }));
    form.elements.phone.value = '';
    await refresh();
  } catch (e) {
    formError(form, e.status === 404 ? Object.assign(e, { field: 'username' }) : e, byId('phone-error'));
  } finally {
    button.disabled = false;
  }
}

function renderStaff() {
  const list = byId('roster-staff');
  if (!list) {
    return;
  }
  replace(list, staff.filter((u) => u.role === 'admin' || (u.role === 'security' && u.community === community))
    .map((u) => el('option', { value: String(u.username) })));
}

function renderLists() {
  const now = byId('roster-now');
  const list = byId('roster-list');
  if (!now || !list) {
    return;
  }
  replace(now, onDuty ? [1, 2, 3].map(nowRow) : null);
  now.dataset.community = onDuty ? community : '';
  replace(list, entries.length ? entries.map(entryRow)
    : el('li', { class: 'muted empty', text: onDuty ? t('ros.none') : '' }));
}

function nowRow(tier) {
  const group = (onDuty || []).find((g) => Number(g.tier) === tier);
  const people = group && Array.isArray(group.on_duty) ? group.on_duty : [];
  return el('li', { class: 'now-tier', dataset: { tier } },
    el('span', { class: 'badge', text: t('ros.tierN', { n: tier }) }),
    people.length
      ? people.map((p) => el('span', { class: 'on-duty', dataset: { user: p.user } },
        el('strong', { text: String(p.user ?? '') }), ' ' + shiftText(p.start, p.end)))
      : el('span', { class: 'muted', text: t('ros.nobody') }));
}

function entryRow(e) {
  const id = String(e.id);
  const dates = [e.from ? t('ros.fromDate', { d: e.from }) : null, e.until ? t('ros.untilDate', { d: e.until }) : null];
  return el('li', { class: 'roster-item', dataset: { entryId: id, user: e.user, tier: e.tier } },
    el('div', { class: 'alert-head' }, el('strong', { text: String(e.user ?? '') }),
      el('span', { class: 'badge', text: t('ros.tierN', { n: e.tier }) }),
      e.phone ? telLink(String(e.phone)) : el('span', { class: 'muted small', text: t('ros.noPhone') })),
    el('div', { 'data-testid': 'roster-shift', text: [daysText(e.days), shiftText(e.start, e.end)].join(' · ') }),
    el('div', { class: 'muted small', text: [...dates, e.min_severity && e.min_severity !== 'low'
      ? severityLabel(e.min_severity) + '+' : null, nameOf('community', e.community)].filter(Boolean).join(' · ') }),
    e.note ? el('div', { class: 'small note', text: String(e.note) }) : null,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'small-button', 'data-testid': 'roster-delete',
        text: armedDelete === id ? t('ros.confirmDelete') : t('ros.delete'), onclick: () => deleteEntry(id) })));
}

function daysText(days) {
  const list = (Array.isArray(days) ? days : []).map(Number).sort();
  const key = list.join('');
  if (key === '1234567') {
    return t('ros.everyDay');
  }
  if (key === '12345') {
    return t('ros.workdays');
  }
  if (key === '67') {
    return t('ros.weekend');
  }
  return t('ros.daysList', { days: list.map((d) => t('day.' + d)).join(t('ros.sep')) });
}

/** "08:00–20:00", an overnight "20:00–次日 08:00", or 24 hours when start = end. */
export function shiftText(start, end) {
  const s = String(start ?? '');
  const e = String(end ?? '');
  if (s === e) {
    return t('ros.fullDay', { start: s });
  }
  return e > s ? s + '–' + e : t('ros.overnight', { start: s, end: e });
}

async function deleteEntry(id) {
  if (armedDelete !== id) {
    armedDelete = id;
    renderLists();
    return;
  }
  armedDelete = null;
  try {
    await api('/api/v1/admin/roster/' + encodeURIComponent(id), { method: 'DELETE' });
  } catch (e) {
    showError(e);
  }
  await refresh();
}
