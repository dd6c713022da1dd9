// Overview: per community open alerts by severity, share of devices online and events per
// hour for the last 24 h as a small canvas bar chart (GET /api/v1/overview). When the hub has no
// overview endpoint (404), the cards are computed from the alert store and the device list and
// the chart section is replaced by a note.
import { api, showError, session, ApiError } from './api.js';
import { sortedAlerts } from './alerts.js';
import { loadDevices, allDevices } from './devices.js';
import { communities as treeCommunities, nameOf } from './hierarchy.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { SEVERITY_COLOR, severityLabel, formatHour } from './format.js';

const REFRESH_MS = 60000;
let data = null;
let timer = null;
let withoutEndpoint = false;

export function initOverview() {
  onLangChange(render);
}

export function setOverviewActive(on) {
  clearInterval(timer);
  timer = null;
  if (on) {
    load();
    timer = setInterval(load, REFRESH_MS);
  }
}

/** Reloads soon (e.g. after an alert change), at most every few seconds. */
let pending = null;
export function overviewChanged() {
  if (!timer || pending) {
    return;
  }
  pending = setTimeout(() => { pending = null; load(); }, 3000);
}

async function load() {
  if (!withoutEndpoint) {
    try {
      data = await api('/api/v1/overview');
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        withoutEndpoint = true;
      } else {
        showError(e);
      }
    }
  }
  if (withoutEndpoint) {
    await loadDevices(true);
    data = computed();
  }
  render();
}

/** Overview cards from what the page already has: live alerts and the device list (no chart). */
function computed() {
  const s = session();
  const own = s && s.user && s.user.community ? String(s.user.community) : null;
  const codes = new Set(own ? [own] : treeCommunities().map((c) => String(c.code)));
  allDevices().forEach((d) => { if (!own) { codes.add(String(d.community)); } });
  const cards = new Map([...codes].map((code) => [code, {
    code, name: nameOf('community', code), open_alerts: {}, devices_total: 0, devices_online: 0,
  }]));
  for (const a of sortedAlerts()) {
    const c = cards.get(String(a.community));
    if (c && a.status === 'open') {
      c.open_alerts[a.severity] = (c.open_alerts[a.severity] || 0) + 1;
    }
  }
  for (const d of allDevices()) {
    const c = cards.get(String(d.community));
    if (c) {
      c.devices_total += 1;
      c.devices_online += d.status === 'online' ? 1 : 0;
    }
  }
  return { communities: [...cards.values()] };
}

function render() {
  const box = byId('overview-list');
  const list = data && Array.isArray(data.communities) ? data.communities : [];
  const note = withoutEndpoint ? el('p', { class: 'notice', 'data-testid': 'overview-note', text: t('ov.noChart') }) : null;
  if (!list.length) {
    replace(box, note, el('p', { class: 'muted', text: t('ov.none') }));
    return;
  }
  replace(box, note, list.map(card));
}

function card(c) {
  const open = c.open_alerts || {};
  const total = Number(c.devices_total) || 0;
  const online = Number(c.devices_online) || 0;
  const share = total ? Math.round((online / total) * 100) : 0;
  const canvas = withoutEndpoint ? null
    : el('canvas', { class: 'chart', width: '320', height: '80', role: 'img', 'aria-label': t('ov.events24') });
  const node = el('section', { class: 'ov-card', 'data-testid': 'overview-card', dataset: { community: c.code } },
    el('h3', { text: c.name || c.code }),
    el('div', { class: 'ov-label', text: t('ov.openAlerts') }),
    el('div', { class: 'sev-counts' }, ['critical', 'high', 'medium', 'low'].map((s) => el('span', {
      class: 'sev sev-' + s + (Number(open[s]) ? '' : ' zero'), dataset: { severity: s },
    }, severityLabel(s) + ' ' + String(Number(open[s]) || 0)))),
    el('div', { class: 'ov-label', text: t('ov.online') + t('sep') + t('ov.share', { online, total, share }) }),
    el('div', { class: 'meter', role: 'meter', 'aria-valuenow': String(share), 'aria-valuemin': '0', 'aria-valuemax': '100' },
      el('span', { style: { width: share + '%' } })),
    canvas ? el('div', { class: 'ov-label', text: t('ov.events24') }) : null,
    canvas);
  if (canvas) {
    drawChart(canvas, Array.isArray(c.events_per_hour) ? c.events_per_hour : []);
  }
  return node;
}

function drawChart(canvas, hours) {
  const ratio = window.devicePixelRatio || 1;
  const width = 320;
  const height = 80;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  canvas.style.width = '100%';
  canvas.style.maxWidth = width + 'px';
  const g = canvas.getContext('2d');
  if (!g) {
    return;
  }
  g.scale(ratio, ratio);
  const axis = 14;
  const max = Math.max(1, ...hours.map((h) => Number(h.count) || 0));
  const n = Math.max(hours.length, 24);
  const slot = width / n;
  g.fillStyle = '#f5f7fa';
  g.fillRect(0, 0, width, height);
  g.font = '10px sans-serif';
  g.textAlign = 'center';
  hours.forEach((h, i) => {
    const count = Number(h.count) || 0;
    const barHeight = Math.round(((height - axis - 12) * count) / max);
    g.fillStyle = '#1565c0';
    g.fillRect(i * slot + 1, height - axis - barHeight, Math.max(1, slot - 2), barHeight);
    if (i % 6 === 0) {
      g.fillStyle = '#37474f';
      g.fillText(formatHour(h.hour), i * slot + slot / 2, height - 3);
    }
  });
  g.fillStyle = '#37474f';
  g.textAlign = 'left';
  g.fillText(String(max), 2, 10);
  g.strokeStyle = '#90a4ae';
  g.beginPath();
  g.moveTo(0, height - axis + 0.5);
  g.lineTo(width, height - axis + 0.5);
  g.stroke();
}
