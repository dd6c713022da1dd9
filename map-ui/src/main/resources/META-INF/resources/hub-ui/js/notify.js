// System notifications for the guard's phone (issue 17). A live alert that needs someone — open (not acknowledged),
// not taken, severity critical or high, not from a device in test mode — is shown as a system notification once,
// and again when its escalation level rises; the notification closes when the alert is acknowledged, taken,
// confirmed or resolved. Through the service worker's showNotification (works in the background and on Android),
// else the page's Notification. The beep/vibration loop for fire alarms is alarm.js. Security and admin logins only.
import { hasRole, onSessionChange } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, addStrings, onLangChange } from './i18n.js';
import { onAlertsChange, sortedAlerts, getAlert } from './alerts.js';
import { severityLabel, kindLabel, formatTime } from './format.js';
import { nameOf } from './hierarchy.js';
import { swRegistration, onNotificationOpen } from './pwa.js';

addStrings({
  zh: {
    'ntf.enable': '开启系统通知', 'ntf.why': '开启后，手机在后台或锁屏时也会提醒未处理的火警。',
    'ntf.denied': '系统通知已被拒绝：请在浏览器的网站设置中允许通知。',
    'ntf.escalated': '已升级第 {n} 级', 'ntf.floor': '{n} 层', 'ntf.tap': '点按查看并处理',
  },
  en: {
    'ntf.enable': 'Turn on notifications', 'ntf.why': 'Alarms then reach this phone in the background or when locked.',
    'ntf.denied': 'Notifications are blocked: allow them in the browser\'s site settings.',
    'ntf.escalated': 'escalated to level {n}', 'ntf.floor': 'floor {n}', 'ntf.tap': 'Tap to open and respond',
  },
});

const MAX_SHOWN = 5;
/** alert id → escalation level notified */
const notified = new Map();
/** alert id → page Notification (only without a service worker) */
const pageNotes = new Map();
/** What was shown, newest last (for the test hook): {id, level, title, via}. */
const shownLog = [];
let bar = null;
let openHandler = null;

export function initNotify(onOpen) {
  openHandler = onOpen;
  bar = el('div', { id: 'notify-bar', 'data-testid': 'notify-bar', class: 'notice small', hidden: true });
  const panel = byId('panel-console');
  panel.insertBefore(bar, panel.firstChild);
  onAlertsChange(update);
  onLangChange(renderBar);
  onSessionChange((s) => {
    renderBar();
    if (!s) {
      closeAllNotices();
    }
  });
  renderBar();
  onNotificationOpen((id) => {
    if (openHandler) {
      openHandler(id);
    }
  });
}

function supported() {
  return typeof Notification !== 'undefined' && window.isSecureContext;
}

function permitted() {
  return supported() && Notification.permission === 'granted';
}

/** Shows the "turn on notifications" bar to a guard whose browser has not decided yet (or refused). */
export function renderBar() {
  if (!bar) {
    return;
  }
  const show = supported() && hasRole('security', 'admin') && Notification.permission !== 'granted';
  bar.hidden = !show;
  if (!show) {
    replace(bar);
    return;
  }
  if (Notification.permission === 'denied') {
    replace(bar, el('span', { text: t('ntf.denied') }));
    return;
  }
  replace(bar, el('span', { text: t('ntf.why') + ' ' }),
    el('button', { type: 'button', class: 'small-button primary', 'data-testid': 'notify-enable', text: t('ntf.enable'),
      onclick: () => Notification.requestPermission().then(() => { renderBar(); update(null); }).catch(() => null) }));
}

function wantsNotice(a) {
  return !!a && a.test !== true && a.status === 'open' && !a.assignee
    && (a.severity === 'critical' || a.severity === 'high');
}

function update(changedId) {
  if (!hasRole('security', 'admin')) {
    return;
  }
  if (changedId !== null && changedId !== undefined) {
    const a = getAlert(changedId);
    if (wantsNotice(a)) {
      maybeShow(a);
    } else {
      closeFor(String(changedId));
    }
    return;
  }
  const live = sortedAlerts().filter(wantsNotice);
  const keep = new Set(live.map((a) => String(a.id)));
  for (const id of [...notified.keys()]) {
    if (!keep.has(id)) {
      closeFor(id);
    }
  }
  live.slice(0, MAX_SHOWN).forEach(maybeShow);
}

function maybeShow(a) {
  const id = String(a.id);
  const level = Number(a.escalation_level) || 0;
  if (notified.has(id) && notified.get(id) >= level) {
    return;
  }
  if (!permitted()) {
    return;
  }
  notified.set(id, level);
  show(a, level).catch(() => notified.delete(id));
}

function placeOf(a) {
  const place = [nameOf('compound', a.compound), nameOf('building', a.building)].filter(Boolean).join(' › ')
    || nameOf('community', a.community);
  return a.floor !== null && a.floor !== undefined ? place + ' ' + t('ntf.floor', { n: a.floor }) : place;
}

async function show(a, level) {
  const id = String(a.id);
  const title = kindLabel(a.kind) + ' · ' + severityLabel(a.severity)
    + (level > 0 ? ' · ' + t('ntf.escalated', { n: level }) : '');
  const options = {
    body: placeOf(a) + '\n' + formatTime(a.opened_at) + ' · ' + t('ntf.tap'),
    tag: 'hub-alert-' + id,
    renotify: true,
    requireInteraction: a.severity === 'critical',
    vibrate: [300, 100, 300, 100, 300],
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    lang: document.documentElement.lang,
    data: { id, level },
  };
  const reg = await swRegistration();
  let via = 'page';
  if (reg && reg.showNotification) {
    await reg.showNotification(title, options);
    via = 'worker';
  } else {
    const note = new Notification(title, options);
    note.onclick = () => {
      window.focus();
      if (openHandler) {
        openHandler(id);
      }
    };
    pageNotes.set(id, note);
  }
  shownLog.push({ id, level, title, via });
}

async function closeFor(id) {
  notified.delete(id);
  const note = pageNotes.get(id);
  if (note) {
    pageNotes.delete(id);
    note.close();
  }
  const reg = await swRegistration();
  if (reg && reg.getNotifications) {
    const open = await reg.getNotifications({ tag: 'hub-alert-' + id }).catch(() => []);
    open.forEach((n) => n.close());
  }
}

/** Closes every alert notification (logout). */
export function closeAllNotices() {
  [...notified.keys()].forEach((id) => closeFor(id));
}

/** The notifications shown so far, oldest first, as {id, level, title, via}. */
export function shownNotices() {
  return shownLog.map((n) => ({ ...n }));
}
