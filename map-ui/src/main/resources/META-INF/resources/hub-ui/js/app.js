// Entry point: tabs, login/logout, language switch, panel toggle; the residents' views. The staff views
// (staffviews.js: console, installer, cases, stream …) are loaded with a dynamic import only once someone signs in;
// the report view (reportview.js: the 随手拍 form and one's reports) when it is first shown or the browser is idle.
import { post, session, setSession, onSessionChange, showError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, setLang, currentLang, applyStatic, onLangChange } from './i18n.js';
import { initMap, showBasemap, refreshSize, openOnCommunity } from './map.js';
import { initResidents } from './residents.js';
import { initFacilities, setFacilitiesActive } from './facilities.js';
import { unlockAudio, setAlarm } from './alarm.js';
import { initGrids } from './grids.js';
import { installTestHook } from './testhook.js';
import { initPwa, cacheLoadedShell } from './pwa.js';
import { initFirstSight } from './firstsight.js';
import { onFirstSight } from './declutter.js';
import { loadMarkerCluster } from './cluster.js';

const VIEWS = ['residents', 'report', 'cases', 'console', 'installer', 'overview', 'channels', 'roster'];
const NEEDS_LOGIN = new Set(['cases', 'console', 'installer', 'overview', 'channels', 'roster']);
/** Where a login of these roles goes when it signs in from another view that needs a login. */
const HOME = { dispatcher: 'cases', grid_worker: 'cases', security: 'console', installer: 'installer' };
let view = 'residents';
/** The staff views (staffviews.js) once loaded, else null: a resident's phone never fetches them. */
let staff = null;
let staffLoading = null;
/** The report view (reportview.js) once loaded and wired, else null; its panel stays hidden until then. */
let reportView = null;
let reportLoading = null;

/**
 * Loads and sets up the staff views (once); settles when they are ready. Started as a login is sent, so the
 * session is set only when they can follow it, and at start when a session is kept.
 */
function loadStaff() {
  if (!staffLoading) {
    // the device layer clusters its markers: the plugin (cluster.js) comes with the views
    staffLoading = Promise.all([import('./staffviews.js'), loadMarkerCluster()]).then(([module]) => {
      module.initStaffViews(() => { location.hash = 'console'; });
      staff = module;
      return module;
    });
    staffLoading.catch(() => { staffLoading = null; }); // offline now: tried again on the next login
  }
  return staffLoading;
}

/** Loads and wires the report view (once); settles when it is ready. A failed load (offline) is tried again on next use. */
function loadReport() {
  if (!reportLoading) {
    reportLoading = import('./reportview.js').then((module) => {
      module.initReportView();
      reportView = module;
      if (view === 'report') {
        showView(view);
      }
      return module;
    });
    reportLoading.catch(() => { reportLoading = null; });
  }
  return reportLoading;
}

async function main() {
  applyStatic();
  byId('lang-toggle').addEventListener('click', () => setLang(currentLang() === 'zh' ? 'en' : 'zh'));
  byId('panel-toggle').addEventListener('click', togglePanel);
  byId('login-form').addEventListener('submit', login);
  byId('logout-button').addEventListener('click', () => setSession(null));
  for (const name of VIEWS) {
    byId('view-' + name).addEventListener('click', () => { location.hash = name; });
  }
  window.addEventListener('hashchange', () => showView(viewFromHash()));
  onLangChange(renderUser);
  onSessionChange(sessionChanged);
  await initMap();
  // names, facility icons, legend, you are here, the staff sign-in entry: first, so the start view's facility
  // request leaves as soon as the view is known, before the rest is set up (and the areas' answers are drawn)
  initFirstSight();
  showBasemap();
  initFacilities();
  initGrids();
  for (const id of ['report-form', 'track-add']) {
    // a send before the view's chunk is wired (its panel is hidden until then) waits for it instead of leaving the page
    byId(id).addEventListener('submit', (event) => {
      if (!reportView) {
        event.preventDefault();
        loadReport().then(() => byId(id).requestSubmit()).catch(showError);
      }
    });
  }
  if (session()) {
    await loadStaff().catch(showError);
  }
  const ready = initResidents();
  const qr = reportLink();
  if (qr) {
    history.replaceState(null, '', location.pathname + location.search + '#report');
  }
  showView(viewFromHash());
  if (view === 'report') {
    await loadReport().catch(showError);
  }
  if (qr && qr.grid && reportView) {
    reportView.preselectGrid(qr.grid);
  }
  sessionChanged(session());
  await ready;
  installTestHook(Math.round(performance.now()), () => (staff ? staff.staffTestHook : null));
  document.body.dataset.ready = 'true';
  // what the first sight does without: fetched when the browser is idle after it, so a first tap rarely waits
  onFirstSight(() => whenIdle(() => {
    loadMarkerCluster().catch(() => null);
    loadReport().catch(() => null);
  }));
  // the service worker's install fetches and stores the whole shell (a dozen requests, the worker's start): not
  // while the first sight is still being drawn, but after it, or PWA_LATEST_MS after ready for a view without one
  afterFirstSight(() => {
    initPwa();
    cacheLoadedShell().catch(() => null);
  });
}

/** How long after ready the service worker waits for a first sight that may never come (a staff view, no data). */
const PWA_LATEST_MS = 3000;

/** Runs fn once, when idle after the first sight or at the latest PWA_LATEST_MS from now. */
function afterFirstSight(fn) {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      fn();
    }
  };
  onFirstSight(() => whenIdle(once));
  setTimeout(once, PWA_LATEST_MS);
}

/** Runs fn when the main thread is idle (or after a second where requestIdleCallback is missing, e.g. Safari). */
function whenIdle(fn) {
  if (typeof window.requestIdleCallback === 'function') {
    window.requestIdleCallback(fn, { timeout: 5000 });
  } else {
    setTimeout(fn, 1000);
  }
}

/** The grid QR code's link, /?report=1&grid=CODE (CaseReportRoutes): the report form with that grid. */
function reportLink() {
  const params = new URLSearchParams(location.search);
  if (params.get('report') !== '1') {
    return null;
  }
  const grid = params.get('grid');
  return { grid: grid && /^[a-z0-9-]{1,64}$/.test(grid) ? grid : null };
}

function viewFromHash() {
  const name = location.hash.replace(/^#/, '');
  return VIEWS.includes(name) ? name : 'residents';
}

function showView(name) {
  view = name;
  for (const v of VIEWS) {
    const tab = byId('view-' + v);
    tab.classList.toggle('active', v === name);
    tab.setAttribute('aria-selected', String(v === name));
  }
  const needLogin = NEEDS_LOGIN.has(name) && !session();
  byId('login-section').hidden = !needLogin;
  for (const v of VIEWS) {
    byId('panel-' + v).hidden = v !== name || needLogin || (v === 'report' && !reportView);
  }
  document.body.dataset.view = name;
  const loggedIn = !!session();
  setFacilitiesActive(name === 'residents');
  if (reportView) {
    reportView.setReportActive(name === 'report');
  } else if (name === 'report') {
    loadReport().catch(showError);
  }
  if (staff) {
    staff.showStaffView(name, loggedIn);
  }
  if (needLogin) {
    byId('login-username').focus({ preventScroll: true });
  }
  openPanel();
}

async function login(event) {
  event.preventDefault();
  unlockAudio();
  const username = byId('login-username').value.trim();
  const password = byId('login-password').value;
  const error = byId('login-error');
  error.hidden = true;
  const button = byId('login-submit');
  button.disabled = true;
  try {
    const views = loadStaff(); // fetched while the login is checked
    const body = await post('/api/v1/login', { username, password }, { auth: false });
    if (!body || typeof body.token !== 'string') {
      throw new Error(t('login.failed'));
    }
    await views;
    byId('login-password').value = '';
    setSession(body.token, body.user || { username });
    const home = body.user ? HOME[body.user.role] : null;
    if (home && NEEDS_LOGIN.has(view) && view !== home) {
      location.hash = home;
    }
    if (body.user && body.user.community) {
      openOnCommunity(body.user.community);
    }
  } catch (e) {
    error.textContent = t('login.failed') + t('sep') + (e.message || '');
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

function sessionChanged(s) {
  renderUser();
  if (s && !staff) {
    // signed in elsewhere than the form (not expected): the views follow once loaded
    loadStaff().then(() => sessionChanged(session())).catch(showError);
  }
  if (staff) {
    staff.staffSession(s);
  }
  if (!s) {
    setAlarm(false);
  }
  showView(view);
}

function renderUser() {
  const s = session();
  const box = byId('user-info');
  byId('logout-button').hidden = !s;
  if (!s) {
    replace(box);
    return;
  }
  const role = s.user && s.user.role ? ' (' + String(s.user.role) + ')' : '';
  replace(box, el('span', { 'data-testid': 'user-name', text: String((s.user && s.user.username) || '') + role }));
}

function togglePanel() {
  const panel = byId('panel');
  const collapsed = panel.classList.toggle('collapsed');
  byId('panel-toggle').setAttribute('aria-expanded', String(!collapsed));
  refreshSize();
}

function openPanel() {
  const panel = byId('panel');
  if (panel.classList.contains('collapsed')) {
    panel.classList.remove('collapsed');
    byId('panel-toggle').setAttribute('aria-expanded', 'true');
    refreshSize();
  }
}

main().catch((e) => {
  showError(e);
  document.body.dataset.ready = 'error';
});
