// Leaflet.markercluster, loaded when first needed (issue 20): the first sight shows no clustered markers (the
// facility icons are placed by declutter.js), so its script and two style sheets are not part of the page's start —
// three requests fewer before the first frame on HTTP/1.1 and ~130 ms less script on a phone. The nearest-facility
// results and the staff views' device layer wait for it; app.js also fetches it when the browser is idle after the
// first sight, so a tap rarely waits.
/* global L */
import { el } from './dom.js';

const BASE = '/webjars/leaflet-markercluster/1.4.1/';
let loading = null;

/**
 * Settles once L.markerClusterGroup exists: adds the plugin's style sheets and script (same origin, allowed by the
 * page's CSP) the first time; later calls return the same promise. Rejects when the script cannot be fetched
 * (offline without the service worker's copy), and the next call tries again.
 */
export function loadMarkerCluster() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      if (typeof L.markerClusterGroup === 'function') {
        endStaleShows(L.MarkerClusterGroup.prototype);
        resolve();
        return;
      }
      for (const sheet of ['MarkerCluster.css', 'MarkerCluster.Default.css']) {
        if (!document.querySelector('link[href="' + BASE + sheet + '"]')) {
          document.head.append(el('link', { rel: 'stylesheet', href: BASE + sheet }));
        }
      }
      const script = document.createElement('script');
      script.src = BASE + 'leaflet.markercluster.js';
      script.onload = () => {
        endStaleShows(L.MarkerClusterGroup.prototype);
        resolve();
      };
      script.onerror = () => {
        script.remove();
        reject(new Error('leaflet.markercluster.js could not be loaded'));
      };
      document.head.append(script);
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

/**
 * Mends zoomToShowLayer of Leaflet.markercluster 1.4.1 (the newest on Maven Central's webjars): it waits on the map's
 * moveend (and the group's animationend) until the marker shows, and the wait outlives the marker — once
 * clearLayers has taken it out of the group (its __parent gone), the wait throws "Cannot read properties of
 * undefined (reading '_icon')" on every later move (upstream issue #580), and the throw stops Leaflet's other
 * moveend listeners, such as the one that finishes a nearest-facility search and opens its card. Here a wait ends
 * when its marker has left the group, and a newer call ends the group's earlier wait (whose callback would
 * otherwise open an old popup at some later move). Otherwise the plug-in's own logic, unchanged. Runs once, when
 * the script has loaded.
 */
function endStaleShows(proto) {
  if (proto.zoomToShowLayer.hubMended) {
    return;
  }
  proto.zoomToShowLayer = function zoomToShowLayer(layer, callback) {
    const done = typeof callback === 'function' ? callback : () => {};
    const map = this._map;
    if (this._hubPendingShow) {
      this._hubPendingShow();
    }
    if (!map || !layer.__parent) {
      return; // not on a map, or not in this group
    }
    const end = () => {
      map.off('moveend', showMarker, this);
      this.off('animationend', showMarker, this);
      if (this._hubPendingShow === end) {
        this._hubPendingShow = null;
      }
    };
    function showMarker() {
      if (!layer.__parent) {
        end(); // taken out of the group while waiting: nothing left to show
        return;
      }
      if ((layer._icon || layer.__parent._icon) && !this._inZoomAnimation) {
        end();
        if (layer._icon) {
          done();
        } else {
          this.once('spiderfied', done, this);
          this._hubPendingShow = () => this.off('spiderfied', done, this); // a newer call before the spiderfy ends
          layer.__parent.spiderfy();
        }
      }
    }
    if (layer._icon && map.getBounds().contains(layer.getLatLng())) {
      done(); // visible and on screen
    } else if (layer.__parent._zoom < Math.round(map._zoom)) {
      this._hubPendingShow = end;
      map.on('moveend', showMarker, this); // visible at this zoom, off screen: pan over to it
      map.panTo(layer.getLatLng());
    } else {
      this._hubPendingShow = end;
      map.on('moveend', showMarker, this);
      this.on('animationend', showMarker, this);
      layer.__parent.zoomToBounds();
    }
  };
  proto.zoomToShowLayer.hubMended = true;
}
