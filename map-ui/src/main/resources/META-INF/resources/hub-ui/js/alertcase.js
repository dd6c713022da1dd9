// Turning an alert into a case from its incident card (issue 16: "a security alert can be turned into a case, e.g.
// a broken fire button, linked"; CONTRACT §7 POST /api/v1/alerts/{id}/case, security, dispatcher, admin). The hub
// makes one case per alert: asked again it answers with the case made before (200, created false), which is shown
// the same way. Dispatchers and admins can open that case in the cases view; a guard sees its number and tracking
// code. Strings from the hub are put in text nodes. Main thread only.
import { post, hasRole } from './api.js';
import { byId, el, replace } from './dom.js';
import { t, addStrings, applyStatic } from './i18n.js';
import { openCase } from './casecard.js';

addStrings({
  zh: {
    'con.toCase': '转为工单', 'con.caseMade': '已转为工单 #{id}（跟踪码 {code}）',
    'con.caseExists': '此告警已有工单 #{id}（跟踪码 {code}）', 'con.openCase': '打开工单',
  },
  en: {
    'con.toCase': 'Turn into a case', 'con.caseMade': 'Case #{id} made (tracking code {code})',
    'con.caseExists': 'This alert has case #{id} already (tracking code {code})', 'con.openCase': 'Open the case',
  },
});

let shownFor = null; // the alert id the result belongs to

/** Wires the button; currentId() is the card's alert id (or null). */
export function initAlertCase(currentId) {
  applyStatic(byId('alert-case-box'));
  byId('alert-case').addEventListener('click', () => makeCase(currentId()));
}

/** Shows the button for an alert on the card (any status: a resolved alert may still need a repair). */
export function renderAlertCase(a) {
  const id = a && a.id !== undefined ? String(a.id) : null;
  if (id !== shownFor) {
    shownFor = id;
    byId('alert-case-result').hidden = true;
    byId('alert-case-error').hidden = true;
  }
  byId('alert-case-box').hidden = !id || !hasRole('security', 'dispatcher', 'admin');
}

async function makeCase(id) {
  if (!id) {
    return;
  }
  const button = byId('alert-case');
  const error = byId('alert-case-error');
  error.hidden = true;
  button.disabled = true;
  try {
    const made = await post('/api/v1/alerts/' + encodeURIComponent(id) + '/case', {});
    if (shownFor === String(id)) {
      showResult(made);
    }
  } catch (e) {
    error.textContent = e.message || String(e);
    error.hidden = false;
  } finally {
    button.disabled = false;
  }
}

function showResult(made) {
  const text = t(made.created === false ? 'con.caseExists' : 'con.caseMade',
    { id: String(made.id ?? ''), code: String(made.tracking_code ?? '') });
  const parts = [el('span', { text })];
  if (hasRole('dispatcher', 'admin') && made.id !== undefined) {
    parts.push(' ', el('button', {
      type: 'button', class: 'link-button', 'data-testid': 'alert-case-open', text: t('con.openCase'),
      onclick: () => { byId('view-cases').click(); openCase(made.id); },
    }));
  }
  const box = byId('alert-case-result');
  replace(box, ...parts);
  box.hidden = false;
}
