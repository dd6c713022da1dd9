// The staff views (issue 20, "phone first"): the security console, incident card, installer, cases, overview,
// channels, roster, the live stream, notifications and the bell. A resident never needs them, so app.js loads this
// module (and what only it imports) with a dynamic import once someone signs in, or at start when a session is kept;
// the build (map-ui/build-ui.mjs) puts it in its own chunk, fetched only then. initStaffViews runs once, after the
// map and the residents' views are set up; each module then follows the session itself (onSessionChange).
import { showError } from './api.js';
import { initStream, startStream, stopStream, on as onStream } from './stream.js';
import { refreshAlerts, applyAlert, clearAlerts } from './alerts.js';
import { initDevices, applyDevice, clearDevices, loadDevices, allDevices } from './devices.js';
import { initConsole, setConsoleActive, alertingBuildings } from './console.js';
import { initIncident, setIncidentActive, closeIncident, openIncident } from './incident.js';
import { initInstaller, setInstallerActive } from './installer.js';
import { initOverview, setOverviewActive, overviewChanged } from './overview.js';
import { initCases, setCasesActive } from './cases.js';
import { initCaseCard } from './casecard.js';
import { initCaseReport } from './casereport.js';
import { initNotify, shownNotices } from './notify.js';
import { initHistory, setHistoryActive } from './history.js';
import { initChannels, setChannelsActive } from './channels.js';
import { initRoster, setRosterActive } from './roster.js';
import { initInbox } from './inbox.js';
import { mountStaffPanels } from './staffpanels.js';

let started = false;

/** Sets the staff views up (once); openConsole(id) shows the console (on alert id, when not null). */
export function initStaffViews(openConsole) {
  if (started) {
    return;
  }
  started = true;
  mountStaffPanels(); // their markup first: the views below wire it
  initStream();
  initDevices();
  initIncident();
  initConsole();
  initInstaller();
  initOverview();
  initCaseCard();
  initCaseReport();
  initCases();
  initNotify((id) => { openConsole(); if (id) { openIncident(id); } });
  initHistory();
  initChannels();
  initRoster();
  initInbox(); // the bell: in-app notifications
  onStream('alert', (alert) => {
    applyAlert(alert);
    overviewChanged();
  });
  onStream('device', (device) => {
    applyDevice(device);
  });
  onStream('reconnect', () => {
    refreshAlerts().catch(showError);
    if (allDevices().length) {
      loadDevices(true);
    }
  });
}

/** A login signed in (s) or out (null): the stream and the live alerts follow it. */
export function staffSession(s) {
  if (s) {
    startStream();
    refreshAlerts().catch(showError);
  } else {
    stopStream();
    clearAlerts();
    clearDevices();
    closeIncident();
  }
}

/** Shows the staff view {@code name} (when loggedIn) and stops the others. */
export function showStaffView(name, loggedIn) {
  setConsoleActive(name === 'console' && loggedIn);
  setIncidentActive(name === 'console' && loggedIn);
  setInstallerActive(name === 'installer' && loggedIn);
  setOverviewActive(name === 'overview' && loggedIn);
  setCasesActive(name === 'cases' && loggedIn);
  setHistoryActive(name === 'console' && loggedIn);
  setChannelsActive(name === 'channels' && loggedIn);
  setRosterActive(name === 'roster' && loggedIn);
}

/** For the browser tests' hook (testhook.js). */
export const staffTestHook = { alertingBuildings, shownNotices };
