// Formatting of distances, walking times, timestamps and enum labels.
import { t, tOr, currentLang } from './i18n.js';

export const CATEGORIES = ['kindergarten', 'elderly_care', 'clinic', 'vaccination', 'service_station',
  'parcel_locker', 'ebike_charging', 'aed', 'fire_hydrant', 'extinguisher', 'exit', 'guard_post'];

/** Marker colour and short glyphs (zh, en) per facility category. */
const CATEGORY_GLYPHS = {
  kindergarten: ['#8e24aa', '幼', 'K'], elderly_care: ['#6d4c41', '老', 'E'], clinic: ['#00796b', '医', 'C'],
  vaccination: ['#0277bd', '苗', 'V'], service_station: ['#c62828', '站', 'S'], parcel_locker: ['#5d4037', '柜', 'P'],
  ebike_charging: ['#2e7d32', '充', 'EV'], aed: ['#d84315', 'AED', 'AED'], fire_hydrant: ['#b71c1c', '栓', 'H'],
  extinguisher: ['#e53935', '灭', 'FX'], exit: ['#1b5e20', '出', 'X'], guard_post: ['#283593', '岗', 'G'],
};

/** [glyph, colour] for a facility category marker in the current language. */
export function categoryStyle(category) {
  const entry = CATEGORY_GLYPHS[category];
  if (!entry) {
    return ['•', '#455a64'];
  }
  return [currentLang() === 'zh' ? entry[1] : entry[2], entry[0]];
}

export const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };
export const SEVERITY_COLOR = { critical: '#b00020', high: '#d84315', medium: '#f9a825', low: '#1565c0' };
export const DEVICE_COLOR = { online: '#2e7d32', offline: '#c62828', never_seen: '#757575' };

/** "120 米" / "1.2 公里" style walking-scale distance. */
export function formatDistance(metres) {
  const m = Number(metres);
  if (!Number.isFinite(m)) {
    return '';
  }
  if (m < 1000) {
    return t('dist.m', { n: Math.max(0, Math.round(m / 10) * 10 || Math.round(m)) });
  }
  const km = m < 10000 ? (Math.round(m / 100) / 10).toFixed(1) : String(Math.round(m / 1000));
  return t('dist.km', { n: km });
}

/** Walking minutes at about 80 m per minute, at least 1. */
export function walkingMinutes(metres) {
  return Math.max(1, Math.round(Number(metres) / 80));
}

export function categoryLabel(category) {
  return tOr('cat.' + category, String(category ?? ''));
}

export function severityLabel(severity) {
  return tOr('sev.' + severity, String(severity ?? ''));
}

export function kindLabel(kind) {
  return tOr('kind.' + kind, String(kind ?? ''));
}

export function statusLabel(status) {
  return tOr('status.' + status, String(status ?? ''));
}

export function deviceStatusLabel(status) {
  return tOr('dev.' + status, String(status ?? ''));
}

export function deviceTypeLabel(type) {
  return tOr('dev.type.' + type, String(type ?? ''));
}

/** Local date-time, short; returns the raw string when it does not parse. */
export function formatTime(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return String(iso);
  }
  return d.toLocaleString(currentLang() === 'zh' ? 'zh-CN' : 'en-GB', {
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  });
}

export function formatHour(iso) {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : String(d.getHours()).padStart(2, '0');
}

/** The case categories of CONTRACT §7, in the order the report form offers them. */
export const CASE_CATEGORIES = ['environment', 'facility_damage', 'safety_hazard', 'fire_safety', 'dispute', 'noise',
  'other'];
export const CASE_STATUSES = ['submitted', 'accepted', 'assigned', 'in_progress', 'handled', 'closed', 'rejected'];
export const CASE_OPEN = new Set(['submitted', 'accepted', 'assigned', 'in_progress', 'handled']);
export const CASE_STATUS_COLOR = {
  submitted: '#6a1b9a', accepted: '#1565c0', assigned: '#0277bd', in_progress: '#ef6c00', handled: '#00897b',
  closed: '#2e7d32', rejected: '#616161',
};

export function caseCategoryLabel(category) {
  return tOr('ccat.' + category, String(category ?? ''));
}

export function caseStatusLabel(status) {
  return tOr('cst.' + status, String(status ?? ''));
}

export function caseActionLabel(action) {
  return tOr('cact.' + action, String(action ?? ''));
}

export function casePriorityLabel(priority) {
  return tOr('cpri.' + priority, String(priority ?? ''));
}
