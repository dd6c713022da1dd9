// Staff views appear only for a signed-in login: before that the tab bar shows the residents' views
// and one "工作人员登录" entry, which opens the sign-in form (app.js takes each role to its view after
// signing in). The staff tabs are hidden by CSS until body[data-signed-in=true], so they never flash.
// A staff view's address (#console, #cases …) still opens the sign-in form directly.
import { byId, el } from './dom.js';
import { t, addStrings } from './i18n.js';
import { session, onSessionChange } from './api.js';

addStrings({ zh: { 'staff.login': '工作人员登录' }, en: { 'staff.login': 'Staff sign-in' } });

/** The view the entry opens; a signed-in login of another role is taken to its own (app.js HOME). */
const ENTRY_VIEW = 'console';

export function initStaffEntry() {
  const entry = el('button', {
    type: 'button', role: 'tab', id: 'staff-login', 'data-testid': 'staff-login', 'data-i18n': 'staff.login',
    text: t('staff.login'), class: 'staff-login', onclick: () => { location.hash = ENTRY_VIEW; },
  });
  byId('tabs').appendChild(entry);
  const apply = (s) => { document.body.dataset.signedIn = String(!!s); };
  onSessionChange(apply);
  apply(session());
}
