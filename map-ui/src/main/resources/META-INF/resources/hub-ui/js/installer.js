// Installer view: devices with status (list + map), unregistered devices seen on the broker (each with "register
// this"), a live event feed for one chosen device, and that device's rejected messages with reasons; the registration
// form is register.js.
import { api, showError, session } from './api.js';
import { byId, el, replace, debounce } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { deviceStatusLabel, deviceTypeLabel, formatTime } from './format.js';
import {
  loadDevices, allDevices, onDevicesChange, setDeviceLayer, focusDevice, setWatchHandler, eventItem, loadEventsInto,
  getDevice, deviceSummary, applyDevice,
} from './devices.js';
import { initRegister, setRegisterActive, openRegisterForm, deviceActions } from './register.js';
import { on as onStream, watchDevice } from './stream.js';

const LIST_LIMIT = 100;
const FEED_LIMIT = 50;
const STATUS_ORDER = { offline: 0, never_seen: 1, online: 2 };
let watched = null;
let active = false;

export function initInstaller() {
  setWatchHandler(watch);
  initRegister((device) => {
    loadDevices(true).then(() => watch(String(device.code)));
    loadUnregistered();
  });
  byId('device-filter').addEventListener('input', debounce(renderDevices, 150));
  byId('device-status-filter').addEventListener('change', renderDevices);
  byId('unregistered-refresh').addEventListener('click', loadUnregistered);
  byId('rejects-refresh').addEventListener('click', loadRejects);
  onDevicesChange(debounce(() => { if (active) { renderDevices(); renderWatched(); } }, 300));
  onStream('event', onEvent);
  onLangChange(() => { renderDevices(); renderWatched(); renderStatusFilter(); });
  renderStatusFilter();
}

export function setInstallerActive(on) {
  active = on;
  setDeviceLayer('installer', on);
  setRegisterActive(on);
  if (on) {
    loadDevices().then(renderDevices);
    loadUnregistered();
    renderWatched();
    if (watched) {
      watchDevice(watched); // after a new login the stream starts without it
    }
  }
}

function renderStatusFilter() {
  const select = byId('device-status-filter');
  const value = select.value;
  replace(select, el('option', { value: '', text: t('ins.status.all') }),
    ['online', 'offline', 'never_seen'].map((s) => el('option', { value: s, text: deviceStatusLabel(s) })));
  select.value = value;
}

function renderDevices() {
  const q = byId('device-filter').value.trim().toLowerCase();
  const status = byId('device-status-filter').value;
  const matches = allDevices().filter((d) => (!status || d.status === status)
    && (!q || String(d.code).toLowerCase().includes(q) || String(d.name || '').toLowerCase().includes(q)));
  matches.sort((a, b) => (STATUS_ORDER[a.status] ?? 3) - (STATUS_ORDER[b.status] ?? 3)
    || String(a.code).localeCompare(String(b.code)));
  const shown = matches.slice(0, LIST_LIMIT).map((d) => el('li', {},
    el('button', {
      type: 'button', class: 'list-button device-item' + (watched === String(d.code) ? ' active' : ''),
      dataset: { deviceCode: d.code, status: d.status },
      onclick: () => { watch(String(d.code)); focusDevice(d.code); },
    },
    el('span', { class: 'status-dot status-' + String(d.status), title: deviceStatusLabel(d.status) }),
    el('span', { class: 'grow' }, el('span', { class: 'name', text: d.name || d.code }),
      el('span', { class: 'muted small', text: String(d.code) + ' · ' + deviceTypeLabel(d.type) })),
    el('span', { class: 'muted small', text: deviceStatusLabel(d.status) }))));
  if (matches.length > LIST_LIMIT) {
    shown.push(el('li', { class: 'muted', text: t('ins.more', { n: matches.length - LIST_LIMIT }) }));
  }
  replace(byId('device-list'), shown);
}

async function loadUnregistered() {
  const list = byId('unregistered-list');
  try {
    const body = await api('/api/v1/devices/unregistered');
    const items = body && Array.isArray(body.devices) ? body.devices : [];
    replace(list, items.length ? items.map((u) => el('li', { class: 'unregistered', dataset: { deviceCode: u.code } },
      el('button', {
        type: 'button', class: 'list-button', dataset: { deviceCode: u.code }, onclick: () => watch(String(u.code)),
      },
      el('span', { class: 'grow' }, el('span', { class: 'name', text: String(u.code ?? '') }),
        el('span', { class: 'muted small mono', text: String(u.topic ?? '') })),
      el('span', { class: 'muted small' }, el('span', { text: formatTime(u.last_seen) }), ' · ',
        el('span', { text: t('ins.count', { n: u.count ?? 0 }) }))),
      el('button', { type: 'button', class: 'small-button', 'data-testid': 'register-this', text: t('reg.this'),
        onclick: () => openRegisterForm({ code: u.code, type: u.type, community: u.community }) })))
      : [el('li', { class: 'muted', text: t('ins.noUnregistered') })]);
  } catch (e) {
    replace(list, el('li', { class: 'muted', text: e.message }));
  }
}

/** Chooses the device whose live events and rejects are shown. */
export function watch(code) {
  watched = code;
  watchDevice(code);
  renderWatched();
  renderDevices();
  replace(byId('event-feed'), el('li', { class: 'muted waiting', text: t('ins.feed.waiting') }));
  if (getDevice(code)) {
    loadEventsInto(code, byId('event-feed'), 20).then((items) => {
      if (watched === code && !items.length) {
        replace(byId('event-feed'), el('li', { class: 'muted waiting', text: t('ins.feed.waiting') }));
      }
    });
  }
  loadRejects();
  byId('watch-section').scrollIntoView({ block: 'nearest' });
}

function renderWatched() {
  const head = byId('watched-device');
  byId('watch-section').hidden = !watched;
  if (!watched) {
    replace(head, el('span', { class: 'muted', text: t('ins.feed.pick') }));
    return;
  }
  const d = getDevice(watched);
  replace(head, d ? deviceSummary(d) : el('strong', { text: watched }),
    d ? deviceActions(d, (changed) => applyDevice(changed)) : null, d ? fieldTools(String(d.code)) : null);
  head.dataset.deviceCode = watched;
}

// Issue 18: from the phone, issue the device's broker login (shown once, with its provisioning QR code) and run
// the hub's acceptance check (POST/GET /api/v1/devices/{code}/check), showing PASS or FAIL with the cause.
const CHECK_POLL_MS = 2000;
const checkState = new Map();
const loginState = new Map(); // the login just issued, kept while the page shows that device (re-renders keep it)

function fieldTools(code) {
  const result = el('div', { class: 'device-test-result', dataset: { testid: 'device-test-result' } });
  renderCheck(result, checkState.get(code));
  const login = el('div', { class: 'device-login', dataset: { testid: 'device-login' } });
  renderLogin(login, loginState.get(code));
  return el('div', { class: 'device-tools' },
    el('button', { type: 'button', class: 'button', id: 'device-test', text: t('ins.test'), onclick: () => startCheck(code, result) }),
    ' ',
    el('button', { type: 'button', class: 'button', id: 'device-credentials', text: t('ins.credentials'),
      onclick: () => issueLogin(code, login) }),
    result, login);
}

function renderCheck(node, check) {
  if (!check) {
    replace(node);
    return;
  }
  node.dataset.result = check.result;
  const label = check.result === 'pass' ? 'PASS' : check.result === 'fail' ? 'FAIL' : t('ins.test.waiting');
  replace(node, el('strong', { class: 'check-' + check.result, text: label }),
    check.cause ? el('span', { class: 'check-cause', text: ' ' + String(check.cause) }) : null,
    el('ul', { class: 'small muted' }, (Array.isArray(check.steps) ? check.steps : []).map((x) => el('li', { text: String(x) }))));
}

async function startCheck(code, node) {
  try {
    const started = await api('/api/v1/devices/' + encodeURIComponent(code) + '/check', { method: 'POST' });
    checkState.set(code, started);
    renderCheck(node, started);
    let check = started;
    while (check && check.result === 'waiting') {
      await new Promise((resolve) => setTimeout(resolve, CHECK_POLL_MS));
      check = await api('/api/v1/devices/' + encodeURIComponent(code) + '/check');
      checkState.set(code, check);
      const shown = document.querySelector('[data-testid=device-test-result]');
      if (shown && watched === code) {
        renderCheck(shown, check);
      }
    }
    if (check && check.result === 'pass') {
      loadDevices(true); // install_state is now tested
    }
  } catch (e) {
    showError(e);
  }
}

async function issueLogin(code, node) {
  try {
    const login = await api('/api/v1/devices/' + encodeURIComponent(code) + '/credentials', { method: 'POST' });
    const s = session();
    const response = await fetch('/api/v1/devices/' + encodeURIComponent(code) + '/provisioning.png',
      { headers: s ? { Authorization: 'Bearer ' + s.token } : {} });
    const qr = response.ok ? URL.createObjectURL(await response.blob()) : null;
    for (const [other, state] of loginState) {
      if (state.qr) {
        URL.revokeObjectURL(state.qr);
      }
      loginState.delete(other);
    }
    loginState.set(code, { login, qr });
    const shown = document.querySelector('[data-testid=device-login]');
    renderLogin(shown || node, loginState.get(code));
  } catch (e) {
    showError(e);
  }
}

function renderLogin(node, state) {
  if (!state) {
    replace(node);
    return;
  }
  const { login, qr } = state;
  let image = null;
  if (qr) {
    image = el('img', { class: 'provisioning-qr', alt: t('ins.credentials') });
    image.src = qr; // a blob: URL this page made from the hub's PNG (el() only takes http(s) and relative URLs)
  }
  replace(node, el('dl', { class: 'small' },
    ['username', 'password', 'mqtt_url', 'topic_prefix'].map((k) => [el('dt', { text: k }),
      el('dd', { class: 'mono', dataset: { field: k }, text: String(login[k] ?? '') })])),
  image);
}

function onEvent(event) {
  if (!watched || String(event.device) !== watched) {
    return;
  }
  const feed = byId('event-feed');
  feed.querySelectorAll('.muted').forEach((n) => n.remove());
  feed.insertBefore(eventItem(event), feed.firstChild);
  while (feed.children.length > FEED_LIMIT) {
    feed.removeChild(feed.lastChild);
  }
}

async function loadRejects() {
  const list = byId('reject-list');
  if (!watched) {
    replace(list);
    return;
  }
  const code = watched;
  replace(list, el('li', { class: 'muted', text: t('res.loading') }));
  try {
    const body = await api('/api/v1/rejects?device=' + encodeURIComponent(code));
    if (watched !== code) {
      return;
    }
    const items = body && Array.isArray(body.rejects) ? body.rejects : [];
    replace(list, items.length ? items.map(rejectItem) : [el('li', { class: 'muted', text: t('ins.noRejects') })]);
  } catch (e) {
    showError(e);
    replace(list, el('li', { class: 'muted', text: e.message }));
  }
}

function rejectItem(r) {
  const payload = typeof r.payload === 'string' ? r.payload : JSON.stringify(r.payload ?? '');
  return el('li', { class: 'reject' },
    el('div', {}, el('span', { class: 'time', text: formatTime(r.received_at) }), ' ',
      el('strong', { class: 'reason', text: String(r.reason ?? '') })),
    r.detail ? el('div', { class: 'small', text: String(r.detail) }) : null,
    el('div', { class: 'muted small mono', text: t('ins.topic') + t('sep') + String(r.topic ?? '') }),
    payload ? el('code', { class: 'data', text: payload.length > 600 ? payload.slice(0, 600) + '…' : payload }) : null);
}
