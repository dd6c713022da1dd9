// The responders' part of the incident card (issue 17, CONTRACT §8): assign the alert to a colleague (admins: the
// API's POST /api/v1/alerts/{id}/assign is theirs, CONTRACT §6), its comments (POST …/comments; listed oldest
// first, author and Beijing time, text as text nodes: comments are untrusted) and the "button reset" note of a
// fire.reset (reset_at). The forms are static in index.html, so a stream push re-renders the list and the choices
// without losing what is being typed. Main thread only; the people list is fetched once per page (GET
// /api/v1/admin/users) and again after a refused assignment.
import { api, post, hasRole, showError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, addStrings, applyStatic } from './i18n.js';
import { applyAlert } from './alerts.js';

addStrings({
  zh: {
    'con.assignTo': '指派给同事', 'con.assign': '指派', 'con.pickPerson': '选择处理人', 'con.current': '（当前）',
    'con.role.security': '安保', 'con.role.admin': '管理员', 'con.assignPick': '请先选择处理人',
    'con.comments': '处理记录', 'con.noComments': '暂无记录', 'con.commentLabel': '补充情况',
    'con.commentHint': '例如：已到现场，3 楼烟雾', 'con.commentAdd': '发送', 'con.commentEmpty': '请填写内容',
    'con.reset': '按钮已复位 {time}',
  },
  en: {
    'con.assignTo': 'Assign to a colleague', 'con.assign': 'Assign', 'con.pickPerson': 'Choose who handles it',
    'con.current': ' (now)', 'con.role.security': 'security', 'con.role.admin': 'admin',
    'con.assignPick': 'Choose a person first',
    'con.comments': 'Comments', 'con.noComments': 'No comments yet', 'con.commentLabel': 'Add a comment',
    'con.commentHint': 'e.g. on site, smoke on floor 3', 'con.commentAdd': 'Send', 'con.commentEmpty': 'Write something first',
    'con.reset': 'button reset at {time}',
  },
});

const BEIJING = 'Asia/Shanghai';
let people = null; // Promise of [{username, role, community}] (admins only)
let fetches = 0; // how many times it was fetched (a new list redraws the choices)
let shownFor = null; // the alert id the forms belong to

/** An instant in Beijing time: "HH:MM", or "MM-DD HH:MM" with date; the raw text when it does not parse. */
export function beijingTime(iso, withDate = false) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: BEIJING, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  const time = parts.hour + ':' + parts.minute;
  return withDate ? parts.month + '-' + parts.day + ' ' + time : time;
}

/** The "button reset at HH:MM" line of an alert with reset_at (fire.reset), else null. */
export function resetNote(a, testId) {
  if (!a || !a.reset_at) {
    return null;
  }
  return el('div', { class: 'reset-note', 'data-testid': testId, text: '↺ ' + t('con.reset', { time: beijingTime(a.reset_at) }) });
}

/**
 * Wires the static forms: currentId() is the card's alert id (or null); shown(alert) puts an alert the API answered
 * with on the card (a closed one, e.g. commented from the history, is not in the live store).
 */
export function initResponses(currentId, shown) {
  // this module loads with the staff views (a chunk of its own), after the page's first applyStatic(): its strings
  // were not there yet
  applyStatic(byId('assign-form'));
  applyStatic(byId('comments-box'));
  byId('assign-form').addEventListener('submit', (e) => { e.preventDefault(); submitAssign(currentId(), shown); });
  byId('comment-form').addEventListener('submit', (e) => { e.preventDefault(); submitComment(currentId(), shown); });
}

function answered(body, shown) {
  applyAlert(body);
  if (body && body.id !== undefined) {
    shown(body);
  }
}

function isLive(a) {
  return a.status === 'open' || a.status === 'acknowledged' || a.status === 'confirmed';
}

/** Fills the card's assign control and comments for alert a (called on every render of the card). */
export function renderResponses(a) {
  const id = a && a.id !== undefined ? String(a.id) : null;
  if (id !== shownFor) {
    shownFor = id;
    byId('comment-text').value = '';
    hideError('comment-error');
    hideError('assign-error');
  }
  const canAssign = !!id && hasRole('admin') && isLive(a);
  byId('assign-form').hidden = !canAssign;
  if (canAssign) {
    fillPeople(a);
  }
  byId('comments-box').hidden = !id;
  byId('comment-form').hidden = !hasRole('security', 'admin');
  const comments = Array.isArray(a && a.comments) ? [...a.comments] : [];
  comments.sort((x, y) => String(x.at || '').localeCompare(String(y.at || '')) || Number(x.id) - Number(y.id));
  replace(byId('incident-comments'), comments.length ? comments.map((c) => el('li', {
    class: 'comment', dataset: { commentId: c.id ?? '' },
  },
  el('div', { class: 'comment-head muted small' }, el('strong', { class: 'comment-author', text: String(c.author ?? '') }),
    ' · ', el('time', { datetime: String(c.at ?? ''), text: beijingTime(c.at, true) })),
  el('div', { class: 'comment-text', text: String(c.text ?? '') })))
    : el('li', { class: 'muted small empty', text: t('con.noComments') }));
}

async function fillPeople(a) {
  if (!people) {
    fetches += 1;
    people = api('/api/v1/admin/users').then((b) => (b && Array.isArray(b.users) ? b.users : []))
      .catch((e) => { people = null; showError(e); return []; });
  }
  const users = await people;
  const select = byId('assign-select');
  const kept = select.value;
  const key = [a.id, a.community, a.assignee, document.documentElement.lang, fetches].join('|');
  if (select.dataset.key === key) {
    return; // unchanged: leave an open list alone
  }
  select.dataset.key = key;
  // who the API accepts (AlertSql.ASSIGNABLE): security of the alert's community, or an admin
  const fit = users.filter((u) => (u.role === 'security' && u.community === a.community) || u.role === 'admin')
    .sort((x, y) => (x.role === y.role ? 0 : x.role === 'security' ? -1 : 1) || x.username.localeCompare(y.username));
  replace(select, el('option', { value: '', text: t('con.pickPerson') }), fit.map((u) => el('option', {
    value: u.username,
    text: u.username + ' · ' + t('con.role.' + u.role) + (u.username === a.assignee ? t('con.current') : ''),
  })));
  select.value = fit.some((u) => u.username === kept) ? kept : '';
}

async function submitAssign(id, shown) {
  const assignee = byId('assign-select').value;
  hideError('assign-error');
  if (!id) {
    return;
  }
  if (!assignee) {
    showErrorIn('assign-error', t('con.assignPick'));
    return;
  }
  const button = byId('assign-submit');
  button.disabled = true;
  try {
    answered(await post('/api/v1/alerts/' + encodeURIComponent(id) + '/assign', { assignee }), shown);
    byId('assign-select').value = '';
  } catch (e) {
    showErrorIn('assign-error', e.message || String(e));
    people = null; // the login may be gone: ask again next time
  } finally {
    button.disabled = false;
  }
}

async function submitComment(id, shown) {
  const box = byId('comment-text');
  const text = box.value.trim();
  hideError('comment-error');
  if (!id) {
    return;
  }
  if (!text) {
    showErrorIn('comment-error', t('con.commentEmpty'));
    box.focus();
    return;
  }
  const button = byId('comment-submit');
  button.disabled = true;
  try {
    const body = await post('/api/v1/alerts/' + encodeURIComponent(id) + '/comments', { text });
    box.value = '';
    answered(body, shown);
  } catch (e) {
    showErrorIn('comment-error', e.message || String(e));
  } finally {
    button.disabled = false;
  }
}

function showErrorIn(boxId, message) {
  const box = byId(boxId);
  box.textContent = message;
  box.hidden = false;
}

function hideError(boxId) {
  const box = byId(boxId);
  box.textContent = '';
  box.hidden = true;
}
