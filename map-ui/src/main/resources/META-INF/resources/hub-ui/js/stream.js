// Live updates over WebSocket /api/v1/stream?token=…&since=<highest alert seq seen>.
// Reconnects by itself with exponential backoff; shows 在线/重连中 in #connection-status.
import { session, api } from './api.js';
import { byId } from './dom.js';
import { t, onLangChange } from './i18n.js';

const handlers = { alert: [], device: [], event: [], notification: [], reconnect: [] };
let socket = null;
let wanted = false;
let since = null;
let attempt = 0;
let connectedBefore = false;
let retryTimer = null;
let state = 'offline';
let watchedDevice = null;

/**
 * Subscribes to 'alert' (alert, seq), 'device' (device), 'event' (event), 'notification' (the login's own in-app
 * notification, README "Notifications") or 'reconnect' ().
 */
export function on(kind, fn) {
  handlers[kind].push(fn);
}

export function initStream() {
  onLangChange(renderStatus);
  window.addEventListener('online', () => {
    if (wanted && !socket) {
      clearTimeout(retryTimer);
      connect();
    }
  });
  renderStatus();
}

export function startStream() {
  if (wanted) {
    return;
  }
  wanted = true;
  attempt = 0;
  connect();
}

export function stopStream() {
  wanted = false;
  clearTimeout(retryTimer);
  connectedBefore = false;
  since = null;
  watchedDevice = null;
  if (socket) {
    const s = socket;
    socket = null;
    s.close();
  }
  setState('offline');
}

/**
 * Asks the hub for live events of one device ({"watch": code}; null stops). Sent now when the
 * stream is open and again after every reconnect.
 */
export function watchDevice(code) {
  watchedDevice = code ? String(code) : null;
  sendWatch();
}

function sendWatch() {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ watch: watchedDevice || '' }));
  }
}

/** The highest alert change sequence seen so far (null before the first). */
export function lastSeq() {
  return since;
}

function connect() {
  const s = session();
  if (!wanted || !s) {
    setState('offline');
    return;
  }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  let url = scheme + '//' + location.host + '/api/v1/stream?token=' + encodeURIComponent(s.token);
  if (since !== null) {
    url += '&since=' + encodeURIComponent(String(since));
  }
  let ws;
  try {
    ws = new WebSocket(url);
  } catch (e) {
    scheduleRetry();
    return;
  }
  socket = ws;
  ws.onopen = () => {
    if (socket !== ws) {
      return;
    }
    attempt = 0;
    setState('online');
    if (watchedDevice) {
      sendWatch();
    }
    if (connectedBefore) {
      emit('reconnect');
    }
    connectedBefore = true;
  };
  ws.onmessage = (message) => {
    if (socket === ws) {
      dispatch(message.data);
    }
  };
  ws.onclose = () => {
    if (socket !== ws) {
      return;
    }
    socket = null;
    if (wanted) {
      scheduleRetry();
    }
  };
  ws.onerror = () => {
    // a close event follows; the retry is scheduled there
  };
}

function scheduleRetry() {
  setState('reconnecting');
  attempt += 1;
  if (attempt % 3 === 0) {
    // a refused upgrade may mean the token expired: a 401 here ends the session (and the stream)
    api('/api/v1/alerts?status=open&limit=1').catch(() => null);
  }
  const delay = Math.min(30000, 1000 * 2 ** Math.min(attempt - 1, 5)) + Math.floor(Math.random() * 500);
  clearTimeout(retryTimer);
  retryTimer = setTimeout(connect, delay);
}

function dispatch(text) {
  let msg;
  try {
    msg = JSON.parse(text);
  } catch (e) {
    return;
  }
  if (!msg || typeof msg !== 'object') {
    return;
  }
  if (msg.kind === 'alert' && msg.alert) {
    const seq = Number(msg.seq);
    if (Number.isFinite(seq) && (since === null || seq > since)) {
      since = seq;
    }
    emit('alert', msg.alert, Number.isFinite(seq) ? seq : null);
  } else if (msg.kind === 'device' && msg.device) {
    emit('device', msg.device);
  } else if (msg.kind === 'event' && msg.event) {
    emit('event', msg.event);
  } else if (msg.kind === 'notification' && msg.notification) {
    emit('notification', msg.notification);
  }
}

function emit(kind, ...args) {
  for (const fn of handlers[kind]) {
    try {
      fn(...args);
    } catch (e) {
      console.warn('stream handler failed', e); // eslint-disable-line no-console
    }
  }
}

function setState(next) {
  state = next;
  renderStatus();
}

function renderStatus() {
  const box = byId('connection-status');
  if (!box) {
    return;
  }
  box.dataset.state = state;
  box.textContent = t('conn.' + state);
  box.hidden = state === 'offline' && !session();
}
