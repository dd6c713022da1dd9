# Benchmark "geo": nearest / locate over HTTP (wrk) beside the same SQL in pgbench, and vector tiles.
# Sourced by bench/run; uses lib.sh.

GEO_FACILITIES=100000
GEO_CATEGORIES="kindergarten elderly_care clinic vaccination service_station parcel_locker ebike_charging aed fire_hydrant extinguisher exit guard_post"

# ms from a wrk figure like 850.00us, 1.23ms, 1.02s, 2.00m.
wrk_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'
}

# wrk_summary FILE: "rps p50 p99 errors" from wrk --latency output.
wrk_summary() {
  local f=$1 rps p50 p99 errors
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$f")
  p50=$(wrk_ms "$(awk '$1 == "50%" { print $2 }' "$f")")
  p99=$(wrk_ms "$(awk '$1 == "99%" { print $2 }' "$f")")
  errors=$(awk '/Non-2xx or 3xx/ { n += $NF } /Socket errors/ { for (i = 4; i <= NF; i += 2) n += $i } END { print n + 0 }' "$f")
  echo "$rps $p50 $p99 $errors"
}

# pgbench_run NAME CLIENTS SECONDS: "tps p50 p99 failed" of bench/sql/NAME.pgbench at random points of the bbox.
pgbench_run() {
  local name=$1 clients=$2 secs=$3 dir=$BENCH_WORK/pgbench-$1
  rm -rf "$dir" && mkdir -p "$dir"
  sed -e "s/@MINX@/$MINX/g; s/@MINY@/$MINY/g; s/@MAXX@/$MAXX/g; s/@MAXY@/$MAXY/g" "$BENCH_DIR/sql/$name.pgbench" >"$dir/script.sql"
  (cd "$dir" && pgbench -n -M prepared -c "$clients" -j 2 -T "$secs" -l -f script.sql "$BENCH_DB" >out.txt 2>&1) ||
    { cat "$dir/out.txt" >&2; bench_die "pgbench $name failed"; }
  local tps failed
  tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$dir/out.txt")
  failed=$(awk '/failed transactions:/ { print $5 } END { }' "$dir/out.txt")
  # Per-transaction log: field 3 is the latency in microseconds.
  cat "$dir"/pgbench_log.* | awk '{ print $3 }' | sort -n >"$dir/lat.txt"
  local n p50 p99
  n=$(wc -l <"$dir/lat.txt")
  p50=$(awk -v n="$n" 'NR == int(n * 0.50) + 1 { printf "%.2f", $1 / 1000; exit }' "$dir/lat.txt")
  p99=$(awk -v n="$n" 'NR == int(n * 0.99) + 1 { printf "%.2f", $1 / 1000; exit }' "$dir/lat.txt")
  echo "$tps $p50 $p99 ${failed:-0}"
}

# geo_stages NAME: where the measured run's requests spent their time, from the hub's /metrics scraped just before
# (metrics-NAME-0.txt) and after (metrics-NAME-1.txt): per stage the count, mean ms and share over 20 ms (its
# le="0.02" bucket, see LatencyBuckets) of the HTTP response, the public worker pool's queue and thread, and the
# public database pool's acquire and hold. One markdown row per stage.
geo_stages() {
  local name=$1
  awk -v name="$name" '
    function key(line,   k) { k = line; sub(/[ ].*$/, "", k); return k }
    FNR == 1 { file++ }
    /^#/ { next }
    { v[file, key($0)] = $NF; seen[key($0)] = 1 }
    END {
      n = split("http|vertx_http_server_response_time_seconds|" \
                ",worker queue (hub-public)|vertx_pool_queue_time_seconds|pool_name=\"hub-public\"" \
                ",worker thread (hub-public)|vertx_pool_usage_seconds|pool_name=\"hub-public\"" \
                ",connection acquire (hub-public)|hikaricp_connections_acquire_seconds|pool=\"hub-public\"" \
                ",connection held = SQL (hub-public)|hikaricp_connections_usage_seconds|pool=\"hub-public\"", st, ",")
      for (i = 1; i <= n; i++) {
        split(st[i], f, "|"); count = 0; sum = 0; le = 0
        for (k in seen) {
          if (f[3] != "" && index(k, f[3]) == 0) continue
          if (k ~ "^" f[2] "_count") count += v[2, k] - v[1, k]
          else if (k ~ "^" f[2] "_sum") sum += v[2, k] - v[1, k]
          else if (k ~ "^" f[2] "_bucket" && index(k, "le=\"0.02\"")) le += v[2, k] - v[1, k]
        }
        if (count > 0) printf "| %s | %s | %d | %.2f | %.1f %% |\n", name, f[1], count, 1000 * sum / count, 100 * (count - le) / count
        else printf "| %s | %s | 0 | – | – |\n", name, f[1]
      }
    }' "$BENCH_WORK/metrics-$name-0.txt" "$BENCH_WORK/metrics-$name-1.txt"
}

# The SQL in bench/sql must stay the hub's: warn when GeoSql.java no longer contains its key lines.
geo_sql_drift_check() {
  local java=$BENCH_ROOT/geo-service/src/main/java/org/communityhub/geo/postgis/GeoSql.java
  grep -qF 'ORDER BY f.geom::geography <-> q.g LIMIT ?) k ORDER BY distance_m, code LIMIT ?' "$java" &&
    grep -qF 'b AS (SELECT b.code, b.name, b.compound_code FROM building b, p WHERE ST_Covers(b.geom, p.g)' "$java" &&
    grep -qF 'AND ST_Covers(g.geom, p.g) ORDER BY g.code COLLATE "C" LIMIT 1)' "$java" &&
    grep -qF 's.setInt(i++, limit * 2 + 10);' "$BENCH_ROOT/geo-service/src/main/java/org/communityhub/geo/postgis/PostgisGeoQueries.java" ||
    bench_log "WARNING: GeoSql.java changed; bench/sql/*.pgbench may no longer be the hub's SQL"
}

# Every buildings tile of zooms 15–18 over the bbox, shuffled, as request paths.
geo_tile_list() {
  awk -v x0="$MINX" -v y0="$MINY" -v x1="$MAXX" -v y1="$MAXY" 'function tx(lon, z) { return int((lon + 180) / 360 * 2^z) }
    function ty(lat, z,   r) { r = lat * 3.14159265358979 / 180
      return int((1 - log(sin(r) / cos(r) + 1 / cos(r)) / 3.14159265358979) / 2 * 2^z) }
    BEGIN { for (z = 15; z <= 19; z++) for (x = tx(x0, z); x <= tx(x1, z); x++) for (y = ty(y1, z); y <= ty(y0, z); y++)
      printf "/tiles/buildings/%d/%d/%d.mvt\n", z, x, y }' |
    awk 'BEGIN { srand(42) } { printf "%.12f %s\n", rand(), $0 }' | sort -k1,1 | cut -d' ' -f2
}

bench_geo() {
  local scale=10 secs=15
  $BENCH_QUICK && { scale=1; secs=5; }
  geo_sql_drift_check
  bench_db bench_geo
  bench_load_demo "$scale"
  local have
  have=$(bench_psql -d "$BENCH_DB" -c "SELECT count(*) FROM facility")
  read -r MINX MINY MAXX MAXY < <(bench_psql -d "$BENCH_DB" -F ' ' -c \
    "SELECT round(ST_XMin(e)::numeric, 7), round(ST_YMin(e)::numeric, 7), round(ST_XMax(e)::numeric, 7), round(ST_YMax(e)::numeric, 7)
       FROM (SELECT ST_Extent(geom) AS e FROM building) s")
  local cats
  cats=$(printf "'%s'," $GEO_CATEGORIES)
  bench_log "adding $((GEO_FACILITIES - have)) random facilities in the bbox ($MINX,$MINY)–($MAXX,$MAXY) ..."
  bench_psql -d "$BENCH_DB" -c "INSERT INTO facility (code, name, category, geom)
      SELECT 'bench-f-' || g, 'bench facility ' || g, (ARRAY[${cats%,}])[1 + g % 12],
             ST_SetSRID(ST_MakePoint($MINX + random() * ($MAXX - $MINX), $MINY + random() * ($MAXY - $MINY)), 4326)
        FROM generate_series(1, $GEO_FACILITIES - $have) g" -c "ANALYZE facility"
  local counts
  counts=$(bench_psql -d "$BENCH_DB" -F ' ' -c "SELECT (SELECT count(*) FROM building), (SELECT count(*) FROM facility)")
  bench_hub_start

  local bbox="$MINX $MINY $MAXX $MAXY" name
  local -A http db
  for name in nearest locate; do
    local path=/api/v1/facilities/nearest
    [[ $name == locate ]] && path=/api/v1/locate
    # A short warm-up lets the JIT and the pools settle before the measured run.
    wrk -t 2 -c 32 -d 3s -s "$BENCH_DIR/lua/random-point.lua" "$BENCH_HTTP" -- $path $bbox >/dev/null
    bench_log "wrk $path: 32 connections, ${secs}s ..."
    curl -fsS "$BENCH_HTTP/metrics" >"$BENCH_WORK/metrics-$name-0.txt"
    wrk -t 2 -c 32 -d "${secs}s" --latency -s "$BENCH_DIR/lua/random-point.lua" "$BENCH_HTTP" -- $path $bbox \
      >"$BENCH_WORK/wrk-$name.txt"
    curl -fsS "$BENCH_HTTP/metrics" >"$BENCH_WORK/metrics-$name-1.txt"
    http[$name]=$(wrk_summary "$BENCH_WORK/wrk-$name.txt")
    bench_log "pgbench $name: 32 clients, ${secs}s ..."
    db[$name]=$(pgbench_run "$name" 32 "$secs")
  done

  bench_log "tiles: distinct buildings tiles (z15–19) cold for ${secs}s, then If-None-Match for ${secs}s ..."
  geo_tile_list >"$BENCH_WORK/tiles.txt"
  local ntiles
  ntiles=$(wc -l <"$BENCH_WORK/tiles.txt")
  rm -f "$BENCH_WORK"/etags.*
  wrk -t 32 -c 32 -d "${secs}s" --timeout 10s --latency -s "$BENCH_DIR/lua/tiles-cold.lua" "$BENCH_HTTP" -- \
    "$BENCH_WORK/tiles.txt" 32 "$BENCH_WORK/etags" >"$BENCH_WORK/wrk-tiles-cold.txt"
  cat "$BENCH_WORK"/etags.[0-9]* >"$BENCH_WORK/cold-answers.txt"
  awk '$2 == 200' "$BENCH_WORK/cold-answers.txt" >"$BENCH_WORK/etags.txt"
  local cold_ok cold_distinct
  cold_ok=$(wc -l <"$BENCH_WORK/etags.txt")
  cold_distinct=$(awk '{ print $1 }' "$BENCH_WORK/cold-answers.txt" | sort -u | wc -l)
  wrk -t 2 -c 32 -d "${secs}s" --latency -s "$BENCH_DIR/lua/tiles-warm.lua" "$BENCH_HTTP" -- "$BENCH_WORK/etags.txt" \
    >"$BENCH_WORK/wrk-tiles-warm.txt"
  local not304
  not304=$(awk '/^not304:/ { print $2 }' "$BENCH_WORK/wrk-tiles-warm.txt")
  read -r cold_rps cold_p50 cold_p99 _ < <(wrk_summary "$BENCH_WORK/wrk-tiles-cold.txt")
  read -r warm_rps warm_p50 warm_p99 _ < <(wrk_summary "$BENCH_WORK/wrk-tiles-warm.txt")
  bench_hub_stop

  read -r n_rps n_p50 n_p99 n_err <<<"${http[nearest]}"
  read -r l_rps l_p50 l_p99 l_err <<<"${http[locate]}"
  read -r dn_tps dn_p50 dn_p99 dn_fail <<<"${db[nearest]}"
  read -r dl_tps dl_p50 dl_p99 dl_fail <<<"${db[locate]}"
  local n_ratio l_ratio
  n_ratio=$(awk -v a="$n_rps" -v b="$dn_tps" 'BEGIN { printf "%.0f", 100 * a / b }')
  l_ratio=$(awk -v a="$l_rps" -v b="$dl_tps" 'BEGIN { printf "%.0f", 100 * a / b }')
  {
    echo
    echo "### geo — $(date -u '+%Y-%m-%d %H:%M UTC'), scale $scale: ${counts% *} buildings, ${counts#* } facilities"
    echo
    echo "32 connections, ${secs} s each, random points in the buildings' bbox; HTTP via wrk, DB floor = the same SQL in pgbench (-M prepared, -c 32 -j 2)."
    echo
    echo "| query | HTTP req/s | HTTP p50 ms | HTTP p99 ms | HTTP errors | DB tx/s | DB p50 ms | DB p99 ms | HTTP/DB |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    echo "| nearest (limit 10) | $n_rps | $n_p50 | $n_p99 | $n_err | $dn_tps | $dn_p50 | $dn_p99 | $n_ratio % |"
    echo "| locate | $l_rps | $l_p50 | $l_p99 | $l_err | $dl_tps | $dl_p50 | $dl_p99 | $l_ratio % |"
    echo
    echo "Where the HTTP requests' time went (the hub's /metrics before and after each run; stages overlap: the worker"
    echo "thread includes the acquire and the SQL; the HTTP time includes all of them plus the event loop):"
    echo
    echo "| query | stage | count | mean ms | over 20 ms |"
    echo "|---|---|---:|---:|---:|"
    geo_stages nearest
    geo_stages locate
    echo
    echo "| tiles /tiles/buildings (32 connections) | req/s | p50 ms | p99 ms | notes |"
    echo "|---|---:|---:|---:|---|"
    echo "| cold: first fetch of distinct tiles z15–19, ${secs} s | $cold_rps | $cold_p50 | $cold_p99 | $cold_ok × 200, $cold_distinct distinct of $ntiles |"
    echo "| warm: If-None-Match, ${secs} s | $warm_rps | $warm_p50 | $warm_p99 | ${not304:-?} answers not 304 |"
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| nearest p99 ≤ 10 ms | $n_p99 ms | $(pass_fail "$(awk -v v="$n_p99" 'BEGIN { print (v <= 10) }')") |"
    echo "| nearest HTTP ≥ 50 % of DB floor | $n_ratio % | $(pass_fail "$(awk -v v="$n_ratio" 'BEGIN { print (v >= 50) }')") |"
    echo "| locate HTTP ≥ 50 % of DB floor | $l_ratio % | $(pass_fail "$(awk -v v="$l_ratio" 'BEGIN { print (v >= 50) }')") |"
    echo "| no HTTP/DB errors | $((n_err + l_err)) / $((dn_fail + dl_fail)) | $(pass_fail "$(( n_err + l_err + dn_fail + dl_fail == 0 ))") |"
  } | bench_out
  bench_cleanup
}
