// Datums on the page.
// - hubDatum(lon, lat): a position in WGS-84, GCJ-02 and BD-09 and whether it is in mainland China, as the hub's
//   own converters decide (GET /api/v1/datum: geo-service's DatumConverter, with the Hong Kong and Macau land
//   borders to about 10 m). The directions links (directions.js) use only this: one converter, the Java one.
// - wgs84ToGcj02 / gcj02ToWgs84 (gcj02.js, re-exported): the GCJ-02 formula on the Krasovsky ellipsoid, used only to draw the overlays on a
//   GCJ-02 tile set (map.js), where a rough box around China decides; near Hong Kong and Macau such a basemap
//   would draw their overlays shifted. Never used for links.
import { api } from './api.js';

export { outOfChina, wgs84ToGcj02, gcj02ToWgs84 } from './gcj02.js';

/** Answers kept per position (the same card is drawn again and again); dropped all at once past this many. */
const MAX_CACHED = 256;
const answers = new Map();

/**
 * The hub's conversion of the WGS-84 position (lon, lat): a promise of
 * {mainland, wgs84: {lon, lat}, gcj02: {lon, lat}, bd09: {lon, lat}}. Asked once per position (to 7 decimals,
 * about 1 cm); a failure is not kept, so the next call asks again.
 */
export function hubDatum(lon, lat) {
  const query = 'lon=' + Number(lon).toFixed(7) + '&lat=' + Number(lat).toFixed(7);
  let answer = answers.get(query);
  if (!answer) {
    if (answers.size >= MAX_CACHED) {
      answers.clear();
    }
    answer = api('/api/v1/datum?' + query, { auth: false }).catch((e) => {
      answers.delete(query);
      throw e;
    });
    answers.set(query, answer);
  }
  return answer;
}
