// In-app notifications (README "Notifications (一天一提醒)"), for any signed-in login: a bell in the top bar with the
// unread count, and under it the list, newest first (GET /api/v1/notifications). Tapping one marks it read (POST
// /api/v1/notifications/{id}/read) and opens its alert's card on the console, its case's card, or (a digest) the
// case list. New ones
// arrive live on the stream ({"kind":"notification"}, stream.js) and raise the count; after a reconnect the list is
// fetched again. Each entry is worded here, in the page's language, from the notification's structured fields (its
// kind, case numbers, counts and `detail`: category, place, deadline, tier, ...) and reworded when the language
// changes; the hub's own Chinese title and text are shown only when those fields are missing. Everything from the
// hub is set as text, never markup (dom.js). Thread: the page's only one.
import { api, post, session, onSessionChange, showError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, addStrings, onLangChange } from './i18n.js';
import { formatTime, caseCategoryLabel, caseStatusLabel, kindLabel, severityLabel } from './format.js';
import { on as onStream } from './stream.js';
import { openIncident } from './incident.js';
import { openCase } from './casecard.js';

addStrings({
  zh: {
    'inbox.title': '通知', 'inbox.bell': '通知（{n} 条未读）', 'inbox.none': '暂无通知', 'inbox.close': '关闭',
    'inbox.unread': '未读', 'inbox.kind.digest': '每日提醒', 'inbox.kind.overdue': '超期', 'inbox.kind.alert': '值班告警',
    'inbox.digest.title': '今日提醒：{open} 件待办', 'inbox.digest.titleOverdue': '今日提醒：{open} 件待办，{overdue} 件已超期',
    'inbox.digest.titleTriage': '今日提醒：{untriaged} 件待受理', 'inbox.digest.andTriage': '{title}，{untriaged} 件待受理',
    'inbox.digest.titleTriageSome': '今日提醒：有上报待受理', 'inbox.digest.andTriageSome': '{title}，有上报待受理',
    'inbox.digest.line': '#{id} {category} {status}', 'inbox.digest.more': '… 另 {n} 件',
    'inbox.deadline': '期限 {time}', 'inbox.overdueMark': '已超期',
    'inbox.overdue.title': '案件 #{id} 已超期',
    'inbox.alert.title': '【{kind}】{place}', 'inbox.alert.escalated': '【升级{tier}级】',
    'inbox.alert.duty': '您在{tier}级值班，请处置', 'inbox.alert.device': '设备 {device}', 'inbox.alert.floor': '{floor}层',
  },
  en: {
    'inbox.title': 'Notifications', 'inbox.bell': 'Notifications ({n} unread)', 'inbox.none': 'No notifications',
    'inbox.close': 'Close', 'inbox.unread': 'unread', 'inbox.kind.digest': 'daily reminder', 'inbox.kind.overdue': 'overdue',
    'inbox.kind.alert': 'duty page',
    'inbox.digest.title': 'Today: {open} open', 'inbox.digest.titleOverdue': 'Today: {open} open, {overdue} overdue',
    'inbox.digest.titleTriage': 'Today: {untriaged} waiting for triage', 'inbox.digest.andTriage': '{title}, {untriaged} waiting for triage',
    'inbox.digest.titleTriageSome': 'Today: reports waiting for triage', 'inbox.digest.andTriageSome': '{title}, reports waiting for triage',
    'inbox.digest.line': '#{id} {category} {status}', 'inbox.digest.more': '… {n} more',
    'inbox.deadline': 'due {time}', 'inbox.overdueMark': 'overdue',
    'inbox.overdue.title': 'Case #{id} overdue',
    'inbox.alert.title': '[{kind}] {place}', 'inbox.alert.escalated': '[Escalated to tier {tier}] ',
    'inbox.alert.duty': 'You are on duty at tier {tier}: please respond', 'inbox.alert.device': 'device {device}',
    'inbox.alert.floor': 'floor {floor}',
  },
});

const SVG = 'http://www.w3.org/2000/svg';
const LIMIT = 50;
let bell = null;
let count = null;
let box = null;
let items = [];
let unread = 0;
let loadSeq = 0;
let loading = false;

/** Call once, after the stream, the console and the case card are set up. */
export function initInbox() {
  count = el('span', { class: 'bell-count', 'data-testid': 'notif-count', hidden: true });
  bell = el('button', { type: 'button', id: 'notif-bell', 'data-testid': 'notif-bell', class: 'bell',
    'aria-expanded': 'false', 'aria-controls': 'notif-box', hidden: true, onclick: toggle }, bellIcon(), count);
  byId('lang-toggle').before(bell);
  box = el('section', { id: 'notif-box', 'data-testid': 'notif-box', class: 'notif-box', hidden: true,
    'aria-label': t('inbox.title') });
  document.body.appendChild(box);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !box.hidden) { close(); } });
  onStream('notification', arrived);
  onStream('reconnect', () => { if (session()) { load(); } });
  onSessionChange(sessionChanged);
  onLangChange(render);
  sessionChanged(session());
}

function bellIcon() {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M12 22a2.4 2.4 0 0 0 2.4-2.4H9.6A2.4 2.4 0 0 0 12 22zm7-5.6-1.6-1.6V10a5.4 5.4 0 0 0-4.2-5.3V4'
    + 'a1.2 1.2 0 0 0-2.4 0v.7A5.4 5.4 0 0 0 6.6 10v4.8L5 16.4v1.2h14z');
  path.setAttribute('fill', 'currentColor');
  svg.appendChild(path);
  return svg;
}

function sessionChanged(s) {
  items = [];
  unread = 0;
  loadSeq += 1;
  loading = false;
  close();
  bell.hidden = !s;
  render();
  if (s) {
    load();
  }
}

async function load() {
  const seq = ++loadSeq;
  loading = true;
  try {
    const body = await api('/api/v1/notifications?limit=' + LIMIT);
    if (seq !== loadSeq) {
      return;
    }
    loading = false;
    items = body && Array.isArray(body.notifications) ? body.notifications : [];
    unread = Number(body && body.unread) || 0;
    render();
  } catch (e) {
    if (seq === loadSeq) {
      loading = false;
      if (e.status !== 401) {
        showError(e);
      }
    }
  }
}

/** A notification pushed on the stream: first in the list; a new unread one raises the count. */
function arrived(n) {
  if (!n || n.id === undefined) {
    return;
  }
  if (loading) {
    load(); // the list in flight may predate this one: ask again (the newer answer wins)
  }
  const known = items.findIndex((x) => String(x.id) === String(n.id));
  if (known >= 0) {
    items[known] = n;
  } else {
    items.unshift(n);
    items = items.slice(0, LIMIT);
    if (!n.read) {
      unread += 1;
    }
  }
  render();
  bell.classList.remove('ring');
  void bell.offsetWidth; // restarts the animation
  bell.classList.add('ring');
}

function toggle() {
  if (box.hidden) {
    box.hidden = false;
    bell.setAttribute('aria-expanded', 'true');
    load();
    render();
  } else {
    close();
  }
}

function close() {
  if (box) {
    box.hidden = true;
    bell.setAttribute('aria-expanded', 'false');
  }
}

function render() {
  if (!bell) {
    return;
  }
  count.textContent = unread > 99 ? '99+' : String(unread);
  count.hidden = unread <= 0;
  bell.dataset.unread = String(unread);
  bell.setAttribute('aria-label', t('inbox.bell', { n: unread }));
  bell.title = t('inbox.bell', { n: unread });
  box.setAttribute('aria-label', t('inbox.title'));
  if (box.hidden) {
    return;
  }
  replace(box,
    el('div', { class: 'section-head' }, el('h2', { text: t('inbox.title') }),
      el('button', { type: 'button', class: 'link-button', 'data-testid': 'notif-close', text: t('inbox.close'),
        onclick: close })),
    el('ul', { id: 'notif-list', 'data-testid': 'notif-list', class: 'plain-list' },
      items.length ? items.map(row) : el('li', { class: 'muted empty', text: t('inbox.none') })));
}

function row(n) {
  const kind = String(n.kind ?? '');
  const words = worded(n);
  return el('li', {},
    el('button', { type: 'button', class: 'list-button notif-item' + (n.read ? '' : ' unread'),
      dataset: { notificationId: n.id, kind, read: !!n.read }, onclick: () => tap(n) },
    el('span', { class: 'grow' },
      el('span', { class: 'notif-head' },
        n.read ? null : el('span', { class: 'dot', title: t('inbox.unread') }),
        el('span', { class: 'notif-title', text: words.title })),
      words.text ? el('span', { class: 'notif-text small', text: words.text }) : null,
      el('span', { class: 'muted small', text: [t('inbox.kind.' + kind), formatTime(n.created_at)].join(' · ') }))));
}

const has = (v) => v !== null && v !== undefined && v !== '';
const join = (...parts) => parts.filter(has).join(' · ');
const deadline = (iso) => (has(iso) ? t('inbox.deadline', { time: formatTime(iso) }) : null);

/**
 * The entry's title and text in the page's language, from its kind and structured fields; the hub's (Chinese)
 * title and text when those are missing (a kind this page does not know, a notification without detail).
 */
function worded(n) {
  const d = n.detail && typeof n.detail === 'object' ? n.detail : {};
  const hub = { title: String(n.title ?? ''), text: has(n.text) ? String(n.text) : '' };
  if (n.kind === 'digest' && Array.isArray(d.items)) {
    const open = Number(n.open) || 0;
    const overdue = Number(n.overdue) || 0;
    const lines = d.items.map((c) => join(t('inbox.digest.line', { id: c.id, category: caseCategoryLabel(c.category),
      status: caseStatusLabel(c.status) }), deadline(c.deadline), c.overdue ? t('inbox.overdueMark') : null));
    const total = Array.isArray(n.cases) ? n.cases.length : lines.length;
    if (total > lines.length) {
      lines.push(t('inbox.digest.more', { n: total - lines.length }));
    }
    // A dispatcher's digest also counts the reports waiting for triage (status submitted) and lists the oldest;
    // a notification stored before the hub kept that count (untriaged 0) still shows that some are listed.
    const untriaged = Number(n.untriaged) || 0;
    const some = untriaged === 0 && d.items.some((c) => c.status === 'submitted');
    const work = t(overdue > 0 ? 'inbox.digest.titleOverdue' : 'inbox.digest.title', { open, overdue });
    let title = work;
    if (untriaged > 0 || some) {
      const key = some ? 'Some' : '';
      title = open > 0 ? t('inbox.digest.andTriage' + key, { title: work, untriaged })
        : t('inbox.digest.titleTriage' + key, { untriaged });
    }
    return { title, text: lines.join('\n') };
  }
  if (n.kind === 'overdue' && has(n.case) && has(d.category)) {
    const place = [d.community_name ?? d.community, d.grid_name ?? d.grid].filter(has).join(' / ');
    return { title: t('inbox.overdue.title', { id: n.case }),
      text: join(caseCategoryLabel(d.category), place, deadline(d.deadline)) };
  }
  if (n.kind === 'alert' && has(d.alert_kind)) {
    const tier = Number(d.tier) || 1;
    const place = [d.community_name ?? d.community, d.building_name].filter(has).join(' ') || String(d.community ?? '');
    return { title: (tier > 1 ? t('inbox.alert.escalated', { tier }) : '')
        + t('inbox.alert.title', { kind: kindLabel(d.alert_kind), place }),
      text: join(t('inbox.alert.duty', { tier }), severityLabel(d.severity), t('inbox.alert.device', { device: d.device }),
        has(d.floor) ? t('inbox.alert.floor', { floor: d.floor }) : null, formatTime(d.opened_at)) };
  }
  return hub;
}

async function tap(n) {
  let current = n;
  if (!n.read) {
    try {
      current = await post('/api/v1/notifications/' + encodeURIComponent(n.id) + '/read', {});
      const i = items.findIndex((x) => String(x.id) === String(n.id));
      if (i >= 0 && current) {
        items[i] = current;
      }
      unread = Math.max(0, unread - 1);
    } catch (e) {
      showError(e);
      return;
    }
  }
  render();
  openSubject(current || n);
}

const given = (v) => v !== null && v !== undefined;

/** The alert's card on the console, the case's card (a digest of one case too), or the case list for a digest. */
function openSubject(n) {
  if (given(n.alert)) {
    close();
    location.hash = 'console';
    openIncident(n.alert);
  } else if (given(n.case)) {
    close();
    location.hash = 'cases';
    openCase(n.case);
  } else if (Array.isArray(n.cases) && n.cases.length) {
    close();
    location.hash = 'cases';
    if (n.cases.length === 1) {
      openCase(n.cases[0]);
    }
  }
}
