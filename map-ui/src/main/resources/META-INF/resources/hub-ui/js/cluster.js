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
      script.onload = () => resolve();
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
