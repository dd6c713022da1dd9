// "到这里去": walking directions in AMap, Baidu Maps or Tencent Maps through their public web URI
// schemes (they open the app when it is installed, else the provider's mobile web page), with the
// WGS-84 position converted to each provider's datum here (datum.js): GCJ-02 for AMap and Tencent,
// BD-09 for Baidu. A WGS-84 position given to AMap as it is would land some 300–700 m off.
//   AMap     https://uri.amap.com/navigation?to=lon,lat,name&mode=walk&coordinate=gaode&callnative=1&src=…
//   Baidu    https://api.map.baidu.com/direction?destination=latlng:lat,lng|name:…&mode=walking&coord_type=bd09ll&output=html&src=…
//   Tencent  https://apis.map.qq.com/uri/v1/routeplan?type=walk&to=…&tocoord=lat,lng&coord_type=2&referer=…
// The origin is this device's position when known (position.js); otherwise each app starts from
// where the phone is. Names are URL-encoded; separators the schemes use (, | :) are replaced in them.
import { el } from './dom.js';
import { t, addStrings } from './i18n.js';
import { wgs84ToGcj02, wgs84ToBd09 } from './datum.js';
import { userPosition } from './position.js';

addStrings({
  zh: {
    'dir.title': '到这里去（步行）', 'dir.amap': '高德地图', 'dir.baidu': '百度地图', 'dir.tencent': '腾讯地图',
    'dir.origin': '我的位置', 'dir.dest': '目的地',
  },
  en: {
    'dir.title': 'Walk here with', 'dir.amap': 'AMap', 'dir.baidu': 'Baidu Maps', 'dir.tencent': 'Tencent Maps',
    'dir.origin': 'My position', 'dir.dest': 'Destination',
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
 * The three providers' walking-directions URLs to a WGS-84 point named name, from the WGS-84 point
 * from ({lon, lat}) when given: {amap, baidu, tencent}.
 */
export function directionUrls(lon, lat, placeName, from = null) {
  const [gLon, gLat] = wgs84ToGcj02(lon, lat);
  const [bLon, bLat] = wgs84ToBd09(lon, lat);
  const me = name(t('dir.origin'));
  let amapFrom = '';
  let baiduFrom = '';
  let tencentFrom = '';
  if (from && Number.isFinite(from.lon) && Number.isFinite(from.lat)) {
    const [fgLon, fgLat] = wgs84ToGcj02(from.lon, from.lat);
    const [fbLon, fbLat] = wgs84ToBd09(from.lon, from.lat);
    amapFrom = 'from=' + fixed(fgLon) + ',' + fixed(fgLat) + ',' + me + '&';
    baiduFrom = 'origin=latlng:' + fixed(fbLat) + ',' + fixed(fbLon) + '|name:' + me + '&';
    tencentFrom = 'from=' + me + '&fromcoord=' + fixed(fgLat) + ',' + fixed(fgLon) + '&';
  }
  const to = name(placeName);
  return {
    amap: 'https://uri.amap.com/navigation?' + amapFrom + 'to=' + fixed(gLon) + ',' + fixed(gLat) + ',' + to
      + '&mode=walk&coordinate=gaode&callnative=1&src=' + SOURCE,
    baidu: 'https://api.map.baidu.com/direction?' + baiduFrom + 'destination=latlng:' + fixed(bLat) + ',' + fixed(bLon)
      + '|name:' + to + '&mode=walking&coord_type=bd09ll&output=html&src=webapp.' + SOURCE + '.map',
    tencent: 'https://apis.map.qq.com/uri/v1/routeplan?type=walk&' + tencentFrom + 'to=' + to + '&tocoord=' + fixed(gLat)
      + ',' + fixed(gLon) + '&coord_type=2&referer=' + SOURCE,
  };
}

/** "到这里去" with one large link per provider, for a WGS-84 point; null when there is no point. */
export function directionsBlock(lon, lat, placeName) {
  if (lon === null || lon === undefined || lat === null || lat === undefined || lon === '' || lat === ''
    || !Number.isFinite(Number(lon)) || !Number.isFinite(Number(lat))) {
    return null;
  }
  const urls = directionUrls(Number(lon), Number(lat), placeName, userPosition());
  return el('div', { class: 'directions', 'data-testid': 'directions' },
    el('div', { class: 'directions-title', text: t('dir.title') }),
    el('div', { class: 'directions-links' }, PROVIDERS.map((p) => el('a', {
      class: 'button directions-link', href: urls[p], target: '_blank', rel: 'noopener noreferrer',
      dataset: { provider: p }, text: t('dir.' + p),
    }))));
}
