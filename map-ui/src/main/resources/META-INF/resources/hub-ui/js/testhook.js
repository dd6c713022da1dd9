// window.hubTest: a tiny read-only hook for the browser tests. It exposes only what the canvas
// renderer hides from the DOM (which buildings are drawn red, where a point is on screen) and
// when the page became ready; it changes nothing.
import { getMap, toLatLng, fromLatLng } from './map.js';
import { alarmStats, isAlarmOn } from './alarm.js';
import { pwaState } from './pwa.js';
import { firstSightMs } from './declutter.js';
import { earlyIconRequest } from './facilityicons.js';

/** staff() answers the staff views' part ({alertingBuildings, shownNotices}), or null before they are loaded. */
export function installTestHook(readyMs, staff) {
  window.hubTest = Object.freeze({
    readyMs,
    /** ms from navigation start until the map first showed names and facility icons, or null (not yet). */
    firstSightMs: () => firstSightMs(),
    /** Codes of the buildings currently drawn red for live alerts, sorted. */
    alertingBuildings: () => (staff() ? staff().alertingBuildings() : []),
    /** Whether the fire alarm's beep loop runs (whatever the browser lets it play). */
    alarmOn: () => isAlarmOn(),
    /** The alarm loop: {on, muted, cycles, beeps, audio} (alarm.js). */
    alarm: () => alarmStats(),
    /** System notifications shown so far: [{id, level, title, via}] (notify.js). */
    notifications: () => (staff() ? staff().shownNotices() : []),
    /** The start view's facility request made by the early start (firstview.js) and taken over: {path, zoom, box}, or null. */
    earlyIcons: () => earlyIconRequest(),
    /** The installable app: {supported, registered, cached} (pwa.js). */
    pwa: () => pwaState(),
    /** The WGS-84 [lon, lat] at the centre of the map, and its zoom, as [lon, lat, zoom]. */
    view: () => [...fromLatLng(getMap().getCenter()), getMap().getZoom()],
    /** The map's visible extent as [west, south, east, north] (WGS-84). */
    bounds: () => {
      const b = getMap().getBounds();
      return [...fromLatLng(b.getSouthWest()), ...fromLatLng(b.getNorthEast())];
    },
    /** Pixel position {x, y} of a WGS-84 point inside #map (basemap datum applied). */
    containerPoint: (lon, lat) => {
      const p = getMap().latLngToContainerPoint(toLatLng(Number(lon), Number(lat)));
      return { x: Math.round(p.x), y: Math.round(p.y) };
    },
  });
}
