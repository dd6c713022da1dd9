// Installer's registration form (issue 18): register a device, or edit or retire one, from a phone on site.
// Where: a building or compound picked from the hierarchy (community ▸ compound ▸ building) or by a tap on the map
// (resolved by /api/v1/locate); the position is the phone's location or that tap. The hub checks everything with the
// import's rules (POST /api/v1/devices): a refusal names the field ("parameter 'floor': …") and is shown next to it.
// Editing registers the same code again; retiring is PATCH {"install_state":"retired"}. Also the watched device's
// edit and test-mode buttons (deviceActions).
/* global L */
import { api, session, showError } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, onLangChange } from './i18n.js';
import { deviceTypeLabel, formatTime } from './format.js';
import { getMap, toLatLng, fromLatLng, dotIcon, onDatumChange, viewAt } from './map.js';
import { loadHierarchy, communities } from './hierarchy.js';
import { setPointPickPredicate } from './residents.js';

/** CONTRACT §4's device types, as hub-contract's DeviceType names them (InstallerRegistrationBrowserIT compares). */
export const DEVICE_TYPES = ['gate', 'fire_button', 'camera'];
const FIELDS = ['code', 'name', 'type', 'place', 'floor', 'position'];
/** Which input an API parameter belongs to. */
const INPUT_OF = {
  code: 'code', name: 'name', type: 'type', building: 'place', compound: 'place', floor: 'floor',
  lon: 'position', lat: 'position', crs: 'position',
};

let active = false;
let form = null; // { mode: 'new' | 'edit', code, community, compound, building, position: {lon, lat} | null }
let marker = null;
let saved = () => {};

/** Wires the open button and map taps; onSaved(device) runs after a registration, edit or retirement. */
export function initRegister(onSaved) {
  saved = onSaved;
  byId('register-open').addEventListener('click', () => openRegisterForm({}));
  setPointPickPredicate(() => active && form !== null);
  getMap().on('click', (e) => {
    if (active && form) {
      setPosition(fromLatLng(e.latlng), true);
    }
  });
  onDatumChange(drawMarker);
  onLangChange(() => { if (form) { renderForm(); } });
}

/** Taps pick the place and the marker shows only while the installer view is shown. */
export function setRegisterActive(on) {
  active = on;
  drawMarker();
}

/** Opens the form for a new device, prefilled with {code, type, community} when given (e.g. an unregistered sender). */
export async function openRegisterForm(prefill) {
  await loadHierarchy().catch(showError);
  form = {
    mode: 'new', code: String(prefill.code ?? ''), name: '', type: DEVICE_TYPES.includes(prefill.type) ? prefill.type : '',
    community: prefill.community ? String(prefill.community) : null, compound: null, building: null, floor: '',
    position: null,
  };
  show();
}

/** Opens the form on a registered device (as GET /api/v1/devices/{code} answers it). */
export async function openEditForm(d) {
  await loadHierarchy().catch(showError);
  const hasPoint = Number.isFinite(Number(d.lon)) && Number.isFinite(Number(d.lat)) && d.lon !== null && d.lat !== null;
  form = {
    mode: 'edit', code: String(d.code), name: String(d.name ?? ''), type: String(d.type ?? ''),
    community: d.community ? String(d.community) : null, compound: d.compound ? String(d.compound) : null,
    building: d.building ? String(d.building) : null, floor: d.floor === null || d.floor === undefined ? '' : String(d.floor),
    position: hasPoint ? { lon: Number(d.lon), lat: Number(d.lat) } : null, installState: d.install_state,
  };
  show();
}

function show() {
  renderForm();
  byId('register-section').hidden = false;
  byId('register-open').hidden = true;
  drawMarker();
  byId('register-section').scrollIntoView({ block: 'start' });
}

function close() {
  form = null;
  replace(byId('register-section'));
  byId('register-section').hidden = true;
  byId('register-open').hidden = false;
  drawMarker();
}

/** The communities this login may register in: its own, or every one for an admin. */
function allowedCommunities() {
  const own = session() && session().user ? session().user.community : null;
  return communities().filter((c) => !own || String(c.code) === String(own));
}

function field(name, label, input) {
  return [el('label', {}, el('span', { text: label }), input),
    el('p', { class: 'error field-error', dataset: { field: name }, role: 'alert', hidden: true })];
}

function option(value, text, selected) {
  return el('option', { value, text, selected: selected ? true : null });
}

function renderForm() {
  const f = form;
  const allowed = allowedCommunities();
  if (!f.community || !allowed.some((c) => String(c.code) === f.community)) {
    f.community = allowed.length ? String(allowed[0].code) : null;
  }
  const community = allowed.find((c) => String(c.code) === f.community);
  const compounds = community && Array.isArray(community.compounds) ? community.compounds : [];
  const compound = compounds.find((c) => String(c.code) === f.compound);
  const buildings = compound && Array.isArray(compound.buildings) ? compound.buildings : [];
  const edit = f.mode === 'edit';
  const node = el('form', { id: 'register-form', 'data-testid': 'register-form', novalidate: true, dataset: { mode: f.mode },
    onsubmit: (e) => { e.preventDefault(); submit(); } },
  el('h3', { text: edit ? t('reg.title.edit') : t('reg.title.new') }),
  field('code', t('reg.code'), el('input', { id: 'reg-code', name: 'code', value: f.code, autocapitalize: 'none',
    spellcheck: 'false', maxlength: '64', readonly: edit ? true : null, oninput: (e) => { f.code = e.target.value; } })),
  field('name', t('reg.name'), el('input', { id: 'reg-name', name: 'name', value: f.name, maxlength: '200',
    oninput: (e) => { f.name = e.target.value; } })),
  field('type', t('reg.type'), el('select', { id: 'reg-type', name: 'type', onchange: (e) => { f.type = e.target.value; } },
    option('', '—', !f.type), DEVICE_TYPES.map((x) => option(x, deviceTypeLabel(x), f.type === x)))),
  el('div', { class: 'field-title', text: t('reg.place') }),
  allowed.length > 1 ? el('select', { id: 'reg-community', 'aria-label': t('reg.community'),
    onchange: (e) => { f.community = e.target.value; f.compound = null; f.building = null; renderForm(); } },
  allowed.map((c) => option(String(c.code), String(c.name || c.code), String(c.code) === f.community))) : null,
  el('div', { class: 'button-row' },
    el('select', { id: 'reg-compound', 'aria-label': t('reg.compound'),
      onchange: (e) => { f.compound = e.target.value || null; f.building = null; renderForm(); } },
    option('', t('reg.compound'), !compound), compounds.map((c) => option(String(c.code), String(c.name || c.code),
      String(c.code) === f.compound))),
    el('select', { id: 'reg-building', 'aria-label': t('reg.building'), disabled: compound ? null : true,
      onchange: (e) => { f.building = e.target.value || null; } },
    option('', t('reg.wholeCompound'), !f.building), buildings.map((b) => option(String(b.code), String(b.name || b.code),
      String(b.code) === f.building)))),
  el('p', { class: 'error field-error', dataset: { field: 'place' }, role: 'alert', hidden: true }),
  field('floor', t('reg.floor'), el('input', { id: 'reg-floor', name: 'floor', value: f.floor, inputmode: 'numeric',
    maxlength: '6', oninput: (e) => { f.floor = e.target.value; } })),
  el('div', { class: 'field-title', text: t('reg.position') }),
  el('div', { class: 'button-row' },
    el('button', { type: 'button', id: 'reg-locate', text: t('rep.useLocation'), onclick: locateMe }),
    el('span', { class: 'muted small', text: t('reg.tapHint') })),
  el('div', { id: 'reg-position', 'data-testid': 'reg-position', class: 'muted small mono',
    dataset: { state: f.position ? 'set' : 'none' },
    text: f.position ? f.position.lon.toFixed(6) + ', ' + f.position.lat.toFixed(6) : t('reg.noPosition') }),
  el('p', { class: 'error field-error', dataset: { field: 'position' }, role: 'alert', hidden: true }),
  el('p', { id: 'reg-error', class: 'error', role: 'alert', hidden: true }),
  el('div', { class: 'button-row' },
    el('button', { type: 'submit', id: 'reg-submit', 'data-testid': 'reg-submit', class: 'primary', text: t('reg.submit') }),
    el('button', { type: 'button', id: 'reg-cancel', text: t('reg.cancel'), onclick: close }),
    edit && f.installState !== 'retired' ? el('button', { type: 'button', id: 'reg-retire', text: t('reg.retire'),
      onclick: (e) => { e.target.replaceWith(el('button', { type: 'button', id: 'reg-retire-confirm', class: 'primary',
        text: t('reg.retireConfirm'), onclick: retire })); } }) : null));
  replace(byId('register-section'), node);
}

/** Shows (or with '' clears) the error next to an input. */
function fieldError(name, message, detail) {
  const node = document.querySelector('#register-form .field-error[data-field="' + name + '"]');
  if (node) {
    replace(node, message ? el('span', { text: message }) : null,
      detail ? el('span', { class: 'muted small', text: ' (' + detail + ')' }) : null);
    node.hidden = !message;
  }
}

/** Takes a WGS-84 point as the position; a tap or the phone's location also picks the building or compound there. */
async function setPosition(point, pickPlace) {
  const lon = Math.round(point[0] * 1e7) / 1e7;
  const lat = Math.round(point[1] * 1e7) / 1e7;
  form.position = { lon, lat };
  renderForm();
  drawMarker();
  if (!pickPlace) {
    return;
  }
  try {
    const at = await api('/api/v1/locate?lon=' + lon + '&lat=' + lat, { auth: false });
    if (!form || !form.position || form.position.lon !== lon || form.position.lat !== lat) {
      return;
    }
    const allowed = allowedCommunities();
    if (!at || !at.community || !at.compound || !allowed.some((c) => String(c.code) === String(at.community.code))) {
      fieldError('place', t('reg.err.outside'));
      return;
    }
    form.community = String(at.community.code);
    form.compound = String(at.compound.code);
    form.building = at.building ? String(at.building.code) : null;
    renderForm();
  } catch (e) {
    showError(e);
  }
}

function locateMe() {
  if (!navigator.geolocation) {
    fieldError('position', t('rep.geo.denied'));
    return;
  }
  replace(byId('reg-position'), t('rep.locating'));
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      if (!form) {
        return;
      }
      setPosition([pos.coords.longitude, pos.coords.latitude], true);
      viewAt(toLatLng(pos.coords.longitude, pos.coords.latitude), 18);
    },
    () => { if (form) { renderForm(); fieldError('position', t('rep.geo.denied')); } },
    { enableHighAccuracy: true, timeout: 10000, maximumAge: 0 },
  );
}

function drawMarker() {
  const map = getMap();
  if (marker) {
    map.removeLayer(marker);
    marker = null;
  }
  if (active && form && form.position) {
    marker = L.marker(toLatLng(form.position.lon, form.position.lat), {
      icon: dotIcon('+', '#6a1b9a', 'register-pin'), zIndexOffset: 900, interactive: false,
    });
    marker.addTo(map);
  }
}

async function submit() {
  const f = form;
  FIELDS.forEach((x) => fieldError(x, ''));
  byId('reg-error').hidden = true;
  // No rules of its own: the hub checks the registration exactly as the import does and names what is wrong.
  const body = { code: f.code.trim(), name: f.name.trim(), type: f.type || null };
  if (f.building) {
    body.building = f.building;
  } else if (f.compound) {
    body.compound = f.compound;
  }
  if (f.floor.trim()) {
    body.floor = f.floor.trim();
  }
  if (f.position) {
    body.lon = f.position.lon;
    body.lat = f.position.lat;
  }
  byId('reg-submit').disabled = true;
  try {
    const device = await api('/api/v1/devices', { method: 'POST', body });
    close();
    saved(device);
  } catch (e) {
    refused(e);
  } finally {
    const button = byId('reg-submit');
    if (button) {
      button.disabled = false;
    }
  }
}

async function retire() {
  try {
    const device = await api('/api/v1/devices/' + encodeURIComponent(form.code),
      { method: 'PATCH', body: { install_state: 'retired' } });
    close();
    saved(device);
  } catch (e) {
    refused(e);
  }
}

/**
 * Shows a refusal next to the input it names (404: a place, or a code, of another community), else below the form.
 */
function refused(e) {
  const named = /(?:field|parameter) '([a-z_]+)'/.exec(e.message || '');
  const input = e.status === 404 ? (/^device /.test(e.message || '') ? 'code' : 'place') : named ? INPUT_OF[named[1]] : null;
  if (input && e.status >= 400 && e.status < 500) {
    fieldError(input, t('reg.err.' + input), e.message);
    const node = document.querySelector('#register-form .field-error[data-field="' + input + '"]');
    node.scrollIntoView({ block: 'nearest' });
    return;
  }
  const box = byId('reg-error');
  box.textContent = e.message || String(e);
  box.hidden = false;
}

/** The watched device's edit and test-mode buttons, with its test mode shown while on. */
export function deviceActions(d, onChange) {
  const code = String(d.code);
  const testMode = d.test_mode === true;
  return el('div', { class: 'button-row' },
    el('button', { type: 'button', class: 'button', id: 'device-edit', text: t('reg.edit'), onclick: () => openEditForm(d) }),
    el('button', { type: 'button', class: 'button', id: 'device-test-mode', dataset: { testMode },
      text: testMode ? t('ins.testMode.leave') : t('ins.testMode.enter'),
      onclick: async () => {
        try {
          onChange(await api('/api/v1/devices/' + encodeURIComponent(code),
            { method: 'PATCH', body: { test_mode: !testMode } }));
        } catch (e) {
          showError(e);
        }
      } }),
    testMode ? el('span', { class: 'status-pill test-pill', 'data-testid': 'device-test-mode-on',
      text: t('ins.testMode.on', { time: formatTime(d.test_mode_until) }) }) : null);
}
