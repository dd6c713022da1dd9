// Overview: per community open alerts by severity, share of devices online and events per
// hour for the last 24 h as a small canvas bar chart (GET /api/v1/overview).
import { api, showError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { SEVERITY_COLOR, severityLabel, formatHour } from './format.js';

const REFRESH_MS = 60000;
let data = null;
let timer = null;

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
  try {
    data = await api('/api/v1/overview');
  } catch (e) {
    showError(e);
  }
  render();
}

function render() {
  const box = byId('overview-list');
  const list = data && Array.isArray(data.communities) ? data.communities : [];
  if (!list.length) {
    replace(box, el('p', { class: 'muted', text: t('ov.none') }));
    return;
  }
  replace(box, list.map(card));
}

function card(c) {
  const open = c.open_alerts || {};
  const total = Number(c.devices_total) || 0;
  const online = Number(c.devices_online) || 0;
  const share = total ? Math.round((online / total) * 100) : 0;
  const canvas = el('canvas', { class: 'chart', width: '320', height: '80', role: 'img', 'aria-label': t('ov.events24') });
  const node = el('section', { class: 'ov-card', 'data-testid': 'overview-card', dataset: { community: c.code } },
    el('h3', { text: c.name || c.code }),
    el('div', { class: 'ov-label', text: t('ov.openAlerts') }),
    el('div', { class: 'sev-counts' }, ['critical', 'high', 'medium', 'low'].map((s) => el('span', {
      class: 'sev sev-' + s + (Number(open[s]) ? '' : ' zero'), dataset: { severity: s },
    }, severityLabel(s) + ' ' + String(Number(open[s]) || 0)))),
    el('div', { class: 'ov-label', text: t('ov.online') + t('sep') + t('ov.share', { online, total, share }) }),
    el('div', { class: 'meter', role: 'meter', 'aria-valuenow': String(share), 'aria-valuemin': '0', 'aria-valuemax': '100' },
      el('span', { style: { width: share + '%' } })),
    el('div', { class: 'ov-label', text: t('ov.events24') }),
    canvas);
  drawChart(canvas, Array.isArray(c.events_per_hour) ? c.events_per_hour : []);
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
