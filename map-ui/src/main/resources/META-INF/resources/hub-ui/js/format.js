// Formatting of distances, walking times, timestamps and enum labels.
import { t, tOr, currentLang } from './i18n.js';

export const CATEGORIES = ['kindergarten', 'elderly_care', 'clinic', 'vaccination', 'service_station',
  'parcel_locker', 'ebike_charging', 'aed', 'fire_hydrant', 'extinguisher', 'exit', 'guard_post'];

/** Short marker glyphs and colours per facility category. */
export const CATEGORY_STYLE = {
  kindergarten: ['幼', '#8e24aa'], elderly_care: ['老', '#6d4c41'], clinic: ['医', '#00796b'],
  vaccination: ['苗', '#0277bd'], service_station: ['站', '#c62828'], parcel_locker: ['柜', '#5d4037'],
  ebike_charging: ['充', '#2e7d32'], aed: ['AED', '#d84315'], fire_hydrant: ['栓', '#b71c1c'],
  extinguisher: ['灭', '#e53935'], exit: ['出', '#1b5e20'], guard_post: ['岗', '#283593'],
};

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
