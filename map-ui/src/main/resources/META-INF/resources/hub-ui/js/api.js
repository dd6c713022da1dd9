// fetch wrapper: JSON in/out, Bearer token from sessionStorage, error JSON
// {"error":{"code","message"}} turned into ApiError and shown in the toast.
import { byId, replace, el } from './dom.js';
import { t } from './i18n.js';
import { TOKEN_KEY, USER_KEY } from './storagekeys.js';

const sessionListeners = [];

export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    /** Seconds from a 429's Retry-After header, else null. */
    this.retryAfter = retryAfter;
  }
}

export function session() {
  try {
    const token = sessionStorage.getItem(TOKEN_KEY);
    const user = JSON.parse(sessionStorage.getItem(USER_KEY) || 'null');
    return token ? { token, user: user || {} } : null;
  } catch (e) {
    return null;
  }
}

export function setSession(token, user) {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.setItem(USER_KEY, JSON.stringify(user || {}));
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(USER_KEY);
  }
  sessionListeners.forEach((fn) => fn(session()));
}

export function onSessionChange(fn) {
  sessionListeners.push(fn);
}

export function hasRole(...roles) {
  const s = session();
  return !!s && roles.includes(s.user.role);
}

/**
 * Requests a path (same origin) and returns the parsed JSON body (null for an empty body).
 * options.body is sent as JSON, options.form (a FormData) as multipart/form-data.
 * Throws ApiError; a 401 on an authenticated request ends the session.
 */
export async function api(path, options = {}) {
  const headers = { Accept: 'application/json' };
  const s = session();
  if (s && options.auth !== false) {
    headers.Authorization = 'Bearer ' + s.token;
  }
  const init = { method: options.method || 'GET', headers };
  if (options.form !== undefined) {
    init.body = options.form; // the browser sets multipart/form-data with its boundary
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'network', t('err.network'));
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch (e) {
      body = null;
    }
  }
  if (!response.ok) {
    const err = body && body.error ? body.error : {};
    const message = typeof err.message === 'string' && err.message
      ? err.message : t('err.http', { status: response.status });
    if (response.status === 401 && s && headers.Authorization) {
      setSession(null);
    }
    const retry = Number.parseInt(response.headers.get('Retry-After') || '', 10);
    throw new ApiError(response.status, String(err.code || response.status), message,
      Number.isFinite(retry) ? retry : null);
  }
  return body;
}

export const get = (path, options) => api(path, options);
export const post = (path, body, options = {}) => api(path, { ...options, method: 'POST', body: body ?? {} });
export const postForm = (path, form, options = {}) => api(path, { ...options, method: 'POST', form });

/**
 * An image the API serves only with the login's token (a case photo), as a blob: URL for an <img>;
 * the caller revokes it (URL.revokeObjectURL) when the image leaves the page.
 */
export async function imageUrl(path) {
  const s = session();
  const response = await fetch(path, { headers: s ? { Authorization: 'Bearer ' + s.token } : {} });
  if (!response.ok) {
    throw new ApiError(response.status, String(response.status), t('err.http', { status: response.status }));
  }
  return URL.createObjectURL(await response.blob());
}

/** Fetches a GeoJSON FeatureCollection and follows rel=next links up to maxPages. */
export async function getAllFeatures(path, maxPages = 20, onPage = null) {
  const features = [];
  let url = path;
  for (let page = 0; url && page < maxPages; page++) {
    const fc = await api(url, { auth: false });
    const batch = (fc && fc.features) || [];
    features.push(...batch);
    if (onPage) {
      onPage(batch);
    }
    const next = ((fc && fc.links) || []).find((l) => l && l.rel === 'next' && typeof l.href === 'string');
    url = next && batch.length > 0 ? sameOriginPath(next.href) : null;
  }
  return features;
}

function sameOriginPath(href) {
  try {
    // the hub may name itself by another host name than the browser uses: keep path and query
    const u = new URL(href, location.href);
    return u.pathname + u.search;
  } catch (e) {
    return null;
  }
}

let toastTimer = null;

/** Shows an error (ApiError or message) in the toast area for a few seconds. */
export function showError(error) {
  const box = byId('toast');
  if (!box) {
    return;
  }
  const message = error instanceof ApiError && error.status === 403 ? t('con.forbidden')
    : (error && error.message) || String(error);
  const code = error instanceof ApiError && error.status ? ' [' + error.code + ']' : '';
  replace(box, el('span', { text: message + code }));
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 6000);
}

/** Shows an informational message in the toast. */
export function showInfo(message) {
  showError({ message });
}
