// The workflow steps of a case the login may take (CONTRACT §6/§7): dispatchers accept, reject, assign,
// close, reopen and return a handled case for rework (退回重办, with a reason); grid workers start and handle
// (现场办结 is part of filing a report: report.js); admins all. Steps needing input open a small form
// (deadline/priority/assignee, reason, assignee, note with up to 3 after-photos sent as multipart). The assignee is
// chosen from the users who may work on the case (GET /api/v1/cases/{id}/assignees: the grid's workers first), never
// typed. Refusals: 409 reloads the case, a 400
// is shown next to the field it names.
import { api, postForm, session, showInfo } from './api.js';
import { el } from './dom.js';
import { t } from './i18n.js';
import { caseActionLabel, casePriorityLabel } from './format.js';
import { photoPicker } from './photos.js';
import { caseUpdated, caseStale } from './casecard.js';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];
const FORMS = {
  accept: [
    { name: 'deadline_hours', kind: 'number', label: 'case.deadlineHours' },
    { name: 'priority', kind: 'priority', label: 'case.priority' },
    { name: 'assignee', kind: 'assignee', label: 'case.assigneeOptional' },
  ],
  reject: [{ name: 'reason', kind: 'textarea', label: 'case.reason', required: true }],
  assign: [{ name: 'assignee', kind: 'assignee', label: 'case.assigneeRequired', required: true }],
  handle: [{ name: 'note', kind: 'textarea', label: 'case.note', required: true }, { name: 'photo', kind: 'photos' }],
  reopen: [{ name: 'reason', kind: 'textarea', label: 'case.reason', required: true }],
  rework: [{ name: 'reason', kind: 'textarea', label: 'case.reworkReason', required: true }],
};

/** The steps the login may take on case d now. */
export function allowedSteps(d) {
  const s = session();
  const role = s && s.user ? s.user.role : null;
  const dispatches = role === 'dispatcher' || role === 'admin';
  const works = role === 'grid_worker' || role === 'admin';
  const st = d.status;
  const steps = [];
  if (dispatches && st === 'submitted') {
    steps.push('accept');
  }
  if (works && st === 'assigned') {
    steps.push('start');
  }
  if (works && (st === 'assigned' || st === 'in_progress')) {
    steps.push('handle');
  }
  if (dispatches && ['accepted', 'assigned', 'in_progress'].includes(st)) {
    steps.push('assign');
  }
  if (st === 'handled' && dispatches) {
    steps.push('close');
  }
  if (dispatches && st === 'handled') {
    steps.push('rework');
  }
  if (dispatches && ['submitted', 'accepted', 'assigned', 'in_progress'].includes(st)) {
    steps.push('reject');
  }
  if (dispatches && (st === 'closed' || st === 'rejected')) {
    steps.push('reopen');
  }
  return steps;
}

/** The step buttons and, once one needing input is pressed, its form. */
export function actionBar(d) {
  const steps = allowedSteps(d);
  if (!steps.length) {
    return null;
  }
  const formBox = el('div', { class: 'case-form-box' });
  const error = el('p', { class: 'error', role: 'alert', 'data-testid': 'case-action-error', hidden: true });
  const buttons = steps.map((step) => el('button', {
    type: 'button', class: 'small-button' + (step === 'accept' || step === 'close' ? ' primary' : ''),
    'data-testid': 'case-action-' + step, dataset: { step },
    text: caseActionLabel(step),
    onclick: () => {
      error.hidden = true;
      const fields = FORMS[step];
      if (fields) {
        formBox.replaceChildren(stepForm(d, step, fields, error));
      } else {
        send(d, step, {}, null, error);
      }
    },
  }));
  return el('div', { class: 'case-actions' }, el('div', { class: 'actions' }, buttons), formBox, error);
}

/** A choice of the users who may work on case d, loaded from the server (the grid's workers first). */
function assigneeSelect(d, f) {
  const select = el('select', { name: f.name, 'data-testid': 'case-field-' + f.name, dataset: { loaded: 'false' } },
    el('option', { value: '', text: t(f.required ? 'case.assigneeChoose' : 'case.assigneeDefault') }));
  api('/api/v1/cases/' + encodeURIComponent(d.id) + '/assignees').then((r) => {
    const current = d.assignee;
    const grid = (r.assignees || []).filter((a) => a.cases_grid);
    const others = (r.assignees || []).filter((a) => !a.cases_grid);
    const option = (a) => el('option', { value: a.username, dataset: { role: a.role },
      text: [a.username, t('crole.' + a.role), (a.grids || []).join(' ')].filter(Boolean).join(' · ')
        + (a.username === current ? ' ' + t('case.assigneeCurrent') : '') });
    if (grid.length) {
      select.append(el('optgroup', { label: t('case.assigneesOfGrid') }, grid.map(option)));
    }
    if (others.length) {
      select.append(el('optgroup', { label: t('case.assigneesOthers') }, others.map(option)));
    }
    select.dataset.loaded = 'true';
  }).catch(() => {
    select.dataset.loaded = 'error';
  });
  return select;
}

function fieldInput(d, f) {
  if (f.kind === 'assignee') {
    return assigneeSelect(d, f);
  }
  if (f.kind === 'textarea') {
    return el('textarea', { name: f.name, rows: '2', maxlength: '1000', 'data-testid': 'case-field-' + f.name });
  }
  if (f.kind === 'priority') {
    return el('select', { name: f.name, 'data-testid': 'case-field-' + f.name },
      el('option', { value: '', text: t('case.priorityDefault') }),
      PRIORITIES.map((p) => el('option', { value: p, text: casePriorityLabel(p) })));
  }
  if (f.kind === 'number') {
    return el('input', { name: f.name, type: 'number', min: '1', max: '720', step: '1', inputmode: 'numeric',
      'data-testid': 'case-field-' + f.name });
  }
  return el('input', { name: f.name, type: 'text', autocomplete: 'off', maxlength: '64', 'data-testid': 'case-field-' + f.name });
}

function stepForm(d, step, fields, error) {
  let picker = null;
  const errors = new Map();
  const rows = fields.map((f) => {
    const problem = el('p', { class: 'error field-error', dataset: { field: f.name }, hidden: true });
    errors.set(f.name, problem);
    if (f.kind === 'photos') {
      picker = photoPicker('case-photos', 3, (kind) => {
        problem.textContent = kind === 'size' ? t('rep.err.photo.413') : t('rep.err.photoCount');
        problem.hidden = false;
      });
      return el('div', {}, el('div', { class: 'field-title small', text: t('case.afterPhotos') }), picker.node, problem);
    }
    return el('div', {}, el('label', {}, el('span', { text: t(f.label) }), fieldInput(d, f)), problem);
  });
  const form = el('form', { class: 'case-form', 'data-testid': 'case-action-form', dataset: { step }, novalidate: true },
    rows,
    el('div', { class: 'button-row' },
      el('button', { type: 'submit', class: 'primary small-button', 'data-testid': 'case-action-submit', text: t('case.submit') }),
      el('button', { type: 'button', class: 'small-button', text: t('con.cancel'), onclick: () => form.remove() })));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    errors.forEach((p) => { p.hidden = true; });
    const values = {};
    let ok = true;
    for (const f of fields.filter((x) => x.kind !== 'photos')) {
      const raw = form.elements[f.name].value.trim();
      if (f.required && !raw) {
        errors.get(f.name).textContent = t('case.err.required');
        errors.get(f.name).hidden = false;
        ok = false;
      } else if (raw) {
        values[f.name] = f.kind === 'number' ? Number(raw) : raw;
      }
    }
    if (ok) {
      (picker ? picker.files() : Promise.resolve(null)).then((files) => send(d, step, values, files, error, errors));
    }
  });
  return form;
}

async function send(d, step, values, files, error, fieldErrors = new Map()) {
  const path = '/api/v1/cases/' + encodeURIComponent(d.id) + '/' + step;
  try {
    let detail;
    if (files && files.length) {
      const form = new FormData();
      Object.entries(values).forEach(([k, v]) => form.append(k, String(v)));
      files.forEach((f) => form.append('photo', f, f.name || 'photo.jpg'));
      detail = await postForm(path, form);
    } else {
      detail = await api(path, { method: 'POST', body: values });
    }
    caseUpdated(detail);
  } catch (e) {
    if (e.status === 409) {
      showInfo(t('case.conflict'));
      caseStale();
      return;
    }
    const m = /(?:field|parameter) '([a-z_]+)'/.exec(e.message || '');
    const field = e.status === 413 || e.status === 415 ? 'photo' : m ? m[1] : null;
    if (field && fieldErrors.has(field)) {
      const p = fieldErrors.get(field);
      p.textContent = field === 'assignee' && /no such user/.test(e.message) ? t('case.err.assignee') : e.message;
      p.title = e.message;
      p.hidden = false;
      return;
    }
    error.textContent = e.status === 403 ? t('con.forbidden') : e.status === 404 ? t('case.notFound') : e.message;
    error.hidden = false;
  }
}
