// The browser-storage keys that more than one module reads (a key only one module uses stays in that module): api.js
// keeps the login under them, map.js the basemap chosen last, and the early start (firstview.js, bundled on its own)
// reads both before the app has loaded.

/** sessionStorage: the login's bearer token. */
export const TOKEN_KEY = 'hub.token';
/** sessionStorage: the logged-in user ({username, role, community, …}) as JSON. */
export const USER_KEY = 'hub.user';
/** localStorage: the basemap chosen last (an index into ui-config's tiles, -1 for none). */
export const BASEMAP_KEY = 'hub.basemap';
