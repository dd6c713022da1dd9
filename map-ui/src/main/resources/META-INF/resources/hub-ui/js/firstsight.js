// What a resident sees first (issue 20): names of the areas and facility icons placed without overlap,
// "you are here", the legend and locate button, and the staff views behind a sign-in entry.
import { onLangChange } from './i18n.js';
import { initDeclutter, rebuild } from './declutter.js';
import { initLabels } from './labels.js';
import { initFacilityIcons } from './facilityicons.js';
import { initPosition } from './position.js';
import { initMapTools } from './legend.js';
import { initStaffEntry } from './staff.js';

/** Call once the map exists (after initMap) and before the residents' areas arrive. */
export function initFirstSight() {
  initDeclutter();
  initFacilityIcons(); // first: asks for the start view's facilities
  initLabels();
  initStaffEntry();
  initPosition();
  initMapTools();
  onLangChange(rebuild);
}
