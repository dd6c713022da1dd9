// Which facility icons a zoom shows and how the page asks the hub for them: facilityicons.js per view, and the early
// start (firstview.js) for the start view before the app runs. No imports: firstview.js is bundled on its own.

/** The zoom from which facilities are loaded at all. */
export const LOAD_ZOOM = 12;
/** The zoom from which a category's icons are offered, and their priority (lower: placed first). */
// From zoom 14 AEDs and clinics go before the community names (priority 10, which then move aside);
// below it every name goes first (facilityicons.js adds NAMES_FIRST to the icons' priorities).
export const SHOWN = {
  aed: [14, 5], clinic: [12, 6], service_station: [12, 12], elderly_care: [12, 13], kindergarten: [12, 14],
  vaccination: [13, 15], guard_post: [15, 17], exit: [15, 18], parcel_locker: [16, 24], ebike_charging: [16, 25],
  fire_hydrant: [17, 26], extinguisher: [17, 27],
};
/** Degrees added around the view's box: a small pan needs no new request. */
const PAD = 0.003;

/** The categories whose icons a zoom shows. */
export function shownAt(zoom) {
  return Object.keys(SHOWN).filter((c) => zoom >= SHOWN[c][0]);
}

/**
 * The request for the facilities of some categories around a WGS-84 view box [w, s, e, n]: {box (the padded box
 * asked for), categories (a Set), path (/collections/facilities/items?bbox=…&category=…&limit=1000)}.
 */
export function iconRequest(bbox, categories) {
  const box = [bbox[0] - PAD, bbox[1] - PAD, bbox[2] + PAD, bbox[3] + PAD].map((v) => Math.round(v * 1e6) / 1e6);
  const sorted = [...categories].sort();
  return {
    box, categories: new Set(sorted),
    path: '/collections/facilities/items?bbox=' + box.join(',') + '&category=' + sorted.join(',') + '&limit=1000',
  };
}
