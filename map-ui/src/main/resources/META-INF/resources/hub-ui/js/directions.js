// "到这里去": walking directions in AMap, Baidu Maps or Tencent Maps through their public web URI
// schemes (they open the app when it is installed, else the provider's mobile web page), with the
// WGS-84 position in each provider's datum as the hub converts it (GET /api/v1/datum via datum.js's
// hubDatum: geo-service's DatumConverter and its mainland outline): GCJ-02 for AMap and Tencent, BD-09
// for Baidu, inside mainland China; Hong Kong, Macau and places abroad unshifted, as these apps take
// them there. A WGS-84 position given to AMap in the mainland would land some 300–700 m off.
//   AMap     https://uri.amap.com/navigation?to=lon,lat,name&mode=walk&coordinate=gaode&callnative=1&src=…
//   Baidu    https://api.map.baidu.com/direction?destination=latlng:lat,lng|name:…&mode=walking&coord_type=bd09ll&output=html&src=…
//   Tencent  https://apis.map.qq.com/uri/v1/routeplan?type=walk&to=…&tocoord=lat,lng&coord_type=2&referer=…
// The origin is this device's position when known (position.js); otherwise each app starts from
// where the phone is. Names are URL-encoded; separators the schemes use (, | :) are replaced in them.
// The block is drawn at once with the three buttons inert (<a> without href or data-provider); they
// become links when the hub has answered, or the block says it cannot make them (and a tap asks again).
import { el } from './dom.js';
import { t, addStrings } from './i18n.js';
import { hubDatum } from './datum.js';
import { userPosition } from './position.js';

addStrings({
  zh: {
    'dir.title': '到这里去（步行）', 'dir.amap': '高德地图', 'dir.baidu': '百度地图', 'dir.tencent': '腾讯地图',
    'dir.origin': '我的位置', 'dir.dest': '目的地', 'dir.failed': '暂时无法生成导航链接，点按重试',
  },
  en: {
    'dir.title': 'Walk here with', 'dir.amap': 'AMap', 'dir.baidu': 'Baidu Maps', 'dir.tencent': 'Tencent Maps',
    'dir.origin': 'My position', 'dir.dest': 'Destination',
    'dir.failed': 'The directions links cannot be made just now; tap to try again',
  },
});

/** Who the links say they come from (AMap src, Baidu src as webapp.company.app, Tencent referer). */
const SOURCE = 'communityhub';
export const PROVIDERS = ['amap', 'baidu', 'tencent'];

const fixed = (v) => v.toFixed(6);

/** A place name safe inside a scheme's value: separators replaced by their full-width twins, then URL-encoded. */
function name(text) {
  const clean = String(text || '').replace(/[\u0000-\u001f]/g, ' ').replace(/,/g, '，').replace(/\|/g, '｜')
    .replace(/:/g, '：').replace(/;/g, '；').trim().slice(0, 60);
  return encodeURIComponent(clean || t('dir.dest'));
}

/**
 * The three providers' walking-directions URLs to a place named placeName: {amap, baidu, tencent}. to and from
 * are the hub's answers for the destination and the origin (hubDatum: {gcj02: {lon, lat}, bd09: {lon, lat}}),
 * from null when the origin is not known.
 */
export function directionUrls(to, placeName, from = null) {
  const g = to.gcj02;
  const b = to.bd09;
  const me = name(t('dir.origin'));
  let amapFrom = '';
  let baiduFrom = '';
  let tencentFrom = '';
  if (from) {
    const fg = from.gcj02;
    const fb = from.bd09;
    amapFrom = 'from=' + fixed(fg.lon) + ',' + fixed(fg.lat) + ',' + me + '&';
    baiduFrom = 'origin=latlng:' + fixed(fb.lat) + ',' + fixed(fb.lon) + '|name:' + me + '&';
    tencentFrom = 'from=' + me + '&fromcoord=' + fixed(fg.lat) + ',' + fixed(fg.lon) + '&';
  }
  const dest = name(placeName);
  return {
    amap: 'https://uri.amap.com/navigation?' + amapFrom + 'to=' + fixed(g.lon) + ',' + fixed(g.lat) + ',' + dest
      + '&mode=walk&coordinate=gaode&callnative=1&src=' + SOURCE,
    baidu: 'https://api.map.baidu.com/direction?' + baiduFrom + 'destination=latlng:' + fixed(b.lat) + ',' + fixed(b.lon)
      + '|name:' + dest + '&mode=walking&coord_type=bd09ll&output=html&src=webapp.' + SOURCE + '.map',
    tencent: 'https://apis.map.qq.com/uri/v1/routeplan?type=walk&' + tencentFrom + 'to=' + dest + '&tocoord=' + fixed(g.lat)
      + ',' + fixed(g.lon) + '&coord_type=2&referer=' + SOURCE,
  };
}

const finite = (v) => v !== null && v !== undefined && v !== '' && Number.isFinite(Number(v));

/** The hub's answers for the destination and (when the device's position is known) the origin. */
function converted(lon, lat) {
  const here = userPosition();
  const from = here && finite(here.lon) && finite(here.lat) ? hubDatum(here.lon, here.lat) : Promise.resolve(null);
  return Promise.all([hubDatum(lon, lat), from]);
}

/**
 * "到这里去" with one large link per provider, for a WGS-84 point; null when there is no point. The block's
 * data-state is pending until the hub's conversion is in, then ready (links) or failed (a tap asks again).
 */
export function directionsBlock(lon, lat, placeName) {
  if (!finite(lon) || !finite(lat)) {
    return null;
  }
  const buttons = PROVIDERS.map((p) => el('a', { class: 'button directions-link', 'aria-disabled': 'true',
    dataset: { pendingProvider: p }, text: t('dir.' + p) }));
  const note = el('div', { class: 'muted small', 'data-testid': 'directions-note', hidden: true, text: t('dir.failed') });
  const block = el('div', { class: 'directions', 'data-testid': 'directions', dataset: { state: 'pending' } },
    el('div', { class: 'directions-title', text: t('dir.title') }),
    el('div', { class: 'directions-links' }, buttons), note);
  const fill = () => {
    block.dataset.state = 'pending';
    note.hidden = true;
    converted(Number(lon), Number(lat)).then(([to, from]) => {
      const urls = directionUrls(to, placeName, from);
      buttons.forEach((a) => {
        const p = a.dataset.pendingProvider;
        a.setAttribute('href', urls[p]);
        a.setAttribute('target', '_blank');
        a.setAttribute('rel', 'noopener noreferrer');
        a.removeAttribute('aria-disabled');
        a.dataset.provider = p;
      });
      block.dataset.state = 'ready';
    }).catch(() => {
      block.dataset.state = 'failed';
      note.hidden = false;
    });
  };
  buttons.forEach((a) => a.addEventListener('click', () => {
    if (block.dataset.state === 'failed') {
      fill();
    }
  }));
  fill();
  return block;
}
