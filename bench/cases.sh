# Benchmark "cases" (issue 16): report submission with three 1 MB photos at 20/s (bench/CaseLoad.java), then a
# grid worker listing its grid's open cases among 100,000 cases (wrk through the HTTP API); the hub's heap peak.
# Sourced by bench/run.

# cases_seed N: N cases spread over every grid of the demo subdistrict and 400 days, most of them closed or
# rejected, written straight into hub_case with one INSERT … SELECT (the bench may bypass the workflow; the
# measured listing does not). Open ones go to the grid's default worker (worker-<grid>) or stay unassigned.
cases_seed() {
  local n=$1
  bench_psql -d "$BENCH_DB" <<SQL
WITH g AS (SELECT code, community_code, ST_X(ST_PointOnSurface(geom)) AS lon, ST_Y(ST_PointOnSurface(geom)) AS lat,
                  row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS grids FROM grid)
INSERT INTO hub_case (tracking_code, category, status, description, lon, lat, community_code, grid_code, assignee,
                      submitted_at, accepted_at, deadline, handled_at, closed_at)
SELECT 'BENCH' || lpad(i::text, 7, '0'),
       (ARRAY['environment','facility_damage','safety_hazard','fire_safety','dispute','noise','other'])[1 + i % 7],
       s.status, 'bench case ' || i, g.lon, g.lat, g.community_code, g.code,
       CASE WHEN s.status IN ('assigned', 'in_progress', 'handled', 'closed') THEN 'worker-' || g.code END,
       t.at, t.at + interval '2 hours', t.at + interval '74 hours',
       CASE WHEN s.status IN ('handled', 'closed') THEN t.at + interval '30 hours' END,
       CASE WHEN s.status IN ('closed', 'rejected') THEN t.at + interval '40 hours' END
  FROM generate_series(1, $n) AS i
  JOIN g ON g.k = i % g.grids
 CROSS JOIN LATERAL (SELECT now() - (i::double precision / $n) * interval '400 days' AS at) t
 CROSS JOIN LATERAL (SELECT CASE WHEN i % 1000 < 900 THEN 'closed' WHEN i % 1000 < 950 THEN 'rejected'
                                 WHEN i % 1000 < 960 THEN 'submitted' WHEN i % 1000 < 970 THEN 'accepted'
                                 WHEN i % 1000 < 980 THEN 'assigned' WHEN i % 1000 < 990 THEN 'in_progress'
                                 ELSE 'handled' END AS status) s;
ANALYZE hub_case;
SQL
}

# cases_points FILE: "lon lat" of 500 building centres (inside communities and mostly grids) for the reports.
cases_points() {
  bench_psql -d "$BENCH_DB" -F ' ' -c "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) AS p FROM building
    ORDER BY code LIMIT 500) b" >"$1"
}

cases_token() {
  curl -fsS -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"$2\"}" \
    "$BENCH_HTTP/api/v1/login" | jq -r .token
}

bench_cases() {
  local rate=${BENCH_CASES_RATE:-20} secs=60 warm=10 list_secs=15
  if $BENCH_QUICK; then secs=20; warm=5; list_secs=5; fi
  bench_db bench_cases
  bench_load_demo 1
  local t0=$SECONDS
  cases_seed 100000
  bench_log "seeded 100000 cases in $((SECONDS - t0)) s"
  local password
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  HUB_PASSWORD=$password java -jar "$HUB_JAR" user add worker-c01-g1 --role grid_worker --grid c01-g1 >&2
  export HUB_TRUSTED_PROXIES=127.0.0.1
  bench_hub_start
  local heapf=$BENCH_WORK/heap-cases.txt
  (while kill -0 "$HUB_PID" 2>/dev/null; do hub_heap_used_mb >>"$heapf"; echo >>"$heapf"; sleep 1; done) &
  BENCH_PIDS+=($!)

  # Listing first (on the 100,000 seeded cases), then the submissions (which add a few hundred more).
  local token open_in_grid path plan
  token=$(cases_token worker-c01-g1 "$password")
  [[ -n $token && $token != null ]] || bench_die "the grid worker could not log in"
  open_in_grid=$(bench_psql -d "$BENCH_DB" -c "SELECT count(*) FROM hub_case WHERE grid_code = 'c01-g1'
    AND status NOT IN ('closed', 'rejected')")
  path="/api/v1/cases?grid=c01-g1"
  plan=$BENCH_WORK/cases-list-plan.txt
  bench_psql -d "$BENCH_DB" -c "EXPLAIN (ANALYZE, BUFFERS) $(cases_list_sql)" >"$plan"
  wrk -t 2 -c 8 -d 3s -H "Authorization: Bearer $token" "$BENCH_HTTP$path" >/dev/null
  bench_log "wrk $path as worker-c01-g1: 8 connections, ${list_secs}s ..."
  local list lcpu0 list_cpu
  lcpu0=$(proc_cpu_seconds "$HUB_PID")
  wrk -t 2 -c 8 -d "${list_secs}s" --latency -H "Authorization: Bearer $token" "$BENCH_HTTP$path" \
    >"$BENCH_WORK/wrk-cases-list.txt" 2>&1
  read -r -a list <<<"$(wrk_summary "$BENCH_WORK/wrk-cases-list.txt")"
  # One grid worker at a time (wrk, 1 connection): the answer's own latency, without 8 clients queueing for 2 cores.
  bench_log "wrk $path as worker-c01-g1: 1 connection, ${list_secs}s ..."
  wrk -t 1 -c 1 -d "${list_secs}s" --latency -H "Authorization: Bearer $token" "$BENCH_HTTP$path" \
    >"$BENCH_WORK/wrk-cases-list-1.txt" 2>&1
  local one
  read -r -a one <<<"$(wrk_summary "$BENCH_WORK/wrk-cases-list-1.txt")"
  # The hub's CPU time per listing: what the answer costs whatever else the machine is doing.
  list_cpu=$(awk -v a="$lcpu0" -v b="$(proc_cpu_seconds "$HUB_PID")" -v n="$(awk '/requests in/ { print $1 }' \
    "$BENCH_WORK/wrk-cases-list.txt")" 'BEGIN { printf "%.1f", (n > 0 ? (b - a) * 1000 / n : 0) }')

  cases_points "$BENCH_WORK/points.txt"
  bench_log "submitting reports with 3 photos each at $rate/s for ${warm}+${secs} s ..."
  local cpu0 sub load0 svc0 svc1
  cpu0=$(proc_cpu_seconds "$HUB_PID")
  read -r -a svc0 <<<"$(services_cpu_seconds)"
  load0=$(cut -d' ' -f1 /proc/loadavg)
  sub=$(java -cp "$BENCH_WORK" "$BENCH_DIR/CaseLoad.java" "$BENCH_HTTP" "$rate" "$secs" "$warm" "$BENCH_WORK/points.txt" \
    "$BENCH_WORK/case-latencies.txt")
  local hub_cpu load1 cpu1 report_cpu
  cpu1=$(proc_cpu_seconds "$HUB_PID" 2>/dev/null || echo "$cpu0")
  read -r -a svc1 <<<"$(services_cpu_seconds)"
  hub_cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v s=$((secs + warm)) 'BEGIN { printf "%.0f", (b - a) * 100 / s }')
  load1=$(cut -d' ' -f1 /proc/loadavg)
  local peak live oom
  peak=$(sort -n "$heapf" | tail -1)
  live=$(jvm_live_heap_mb "$HUB_PID")
  oom=$(grep -c OutOfMemoryError "$BENCH_WORK/hub-$BENCH_DB.log" || true)
  declare -A s
  local kv
  for kv in $sub; do s[${kv%%=*}]=${kv#*=}; done
  # Hub CPU per report taken (warm-up included in both): the re-encoding's cost whatever else runs.
  report_cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$(bench_psql -d "$BENCH_DB" -c "SELECT count(*) FROM hub_case
    WHERE description LIKE 'bench report %'")" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1000 / n : 0) }')
  # PostgreSQL's CPU per report taken (postmaster and backends, the hub's pooled connections live through the run).
  local pg_cpu
  pg_cpu=$(awk -v a="${svc0[1]:-0}" -v b="${svc1[1]:-0}" -v n="$(bench_psql -d "$BENCH_DB" -c "SELECT count(*) FROM hub_case
    WHERE description LIKE 'bench report %'")" 'BEGIN { printf "%.0f", (n > 0 ? (b - a) * 1000 / n : 0) }')
  local stored
  stored=$(bench_psql -d "$BENCH_DB" -c "SELECT count(*) FROM case_photo p JOIN hub_case c ON c.id = p.case_id
    WHERE c.description LIKE 'bench report %'")
  {
    echo
    echo "### cases — $(date -u '+%Y-%m-%d %H:%M') UTC, demo subdistrict (44 grids), $(bench_psql -d "$BENCH_DB" -c 'SELECT count(*) FROM hub_case') cases at the end"
    echo
    echo "Listing: GET $path as grid worker worker-c01-g1 (the grid has $open_in_grid open cases among 100,000; the answer"
    echo "lists up to 100, overdue first), wrk 8 connections (the hub's capacity, 8 clients queueing for 2 cores), then 1 connection
(one worker's request at a time: the answer's latency), ${list_secs} s each. Submission: anonymous multipart reports with 3 JPEGs"
    echo "of ${s[photo_bytes]} bytes (${s[photo_px]} px, EXIF APP1), open-loop at $rate/s for $secs s after ${warm} s warm-up,"
    echo "each from its own X-Forwarded-For client; latency from the report's due time to the full answer."
    echo
    echo "| measure | requests | p50 ms | p99 ms | max ms | errors / non-201 (status=count; -1: no answer) | hub CPU | hub CPU ms each |"
    echo "|---|---:|---:|---:|---:|---|---:|---:|"
    echo "| list a grid's open cases, 8 connections | ${list[0]}/s | ${list[1]} | ${list[2]} | | ${list[3]} | | $list_cpu |"
    echo "| list a grid's open cases, 1 connection | ${one[0]}/s | ${one[1]} | ${one[2]} | | ${one[3]} | | |"
    echo "| submit with 3 × 1 MB photos at $rate/s | ${s[measured]} | ${s[p50]} | ${s[p99]} | ${s[max]} | $(( ${s[measured]} - ${s[ok]} )) ${s[statuses]} | $hub_cpu % of a core | $report_cpu per report taken |"
    echo
    echo "Load average (1 min) before / after the submissions: $load0 / $load1 (2 cores). PostgreSQL CPU per report taken: $pg_cpu ms."
    echo
    echo "Photo codec (the hub's log): $(grep -o -m1 'case photos are re-encoded with [^(]*' "$BENCH_WORK/hub-$BENCH_DB.log" \
      | sed 's/case photos are re-encoded with //; s/ *$//' || true)."
    echo
    echo "Photos stored: $stored (3 per report: re-encoded, no EXIF). Heap: peak used ${peak:-?} MB (sampled each second from /metrics), live after GC $live MB (-Xmx512m); OutOfMemoryError in the hub log: $oom."
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| submission p99 ≤ 300 ms at $rate/s | ${s[p99]} ms | $(pass_fail "$(awk -v p="${s[p99]}" -v ok="${s[ok]}" -v m="${s[measured]}" 'BEGIN { print (p <= 300 && ok == m) ? 1 : 0 }')") |"
    echo "| list a grid's open cases p99 ≤ 50 ms (one request at a time; 8 at once: ${list[2]} ms) | ${one[2]} ms | $(pass_fail "$(awk -v p="${one[2]}" -v e="${one[3]}" 'BEGIN { print (p <= 50 && e == 0) ? 1 : 0 }')") |"
    echo "| heap < 512 MB (peak used; no OutOfMemoryError) | ${peak:-?} MB | $(pass_fail "$(( ${peak:-999} < 512 && oom == 0 ))") |"
    echo
    echo "Query plan of the listing (EXPLAIN ANALYZE of the hub's SQL for this worker): $(grep -m1 -oE 'Index[^(]*|Seq Scan[^(]*|Bitmap[^(]*' "$plan" | head -1)—"
    echo "$(grep -m1 'Execution Time' "$plan" | sed 's/^ *//')."
  } | bench_out
}

# The SQL the hub runs for GET /api/v1/cases?grid=c01-g1 as worker-c01-g1 (CaseSql LIST_HEAD + BY_WORKER + OPEN +
# BY_GRID + LIST_TAIL, in PostgisCaseStore's order), with the parameters filled in.
cases_list_sql() {
  local now="'$(date -u +%FT%TZ)'::timestamptz"
  echo "SELECT c.id, c.category, c.status, c.community_code, c.grid_code, c.lon, c.lat, c.assignee, c.deadline,
    (c.status IN ('accepted', 'assigned', 'in_progress') AND c.deadline < $now) AS overdue, c.submitted_at
    FROM hub_case c WHERE true AND c.community_code = 'c01' AND c.grid_code = 'c01-g1'
    AND c.status NOT IN ('closed', 'rejected')
    AND (c.grid_code = ANY (ARRAY['c01-g1']) OR c.reporter = 'worker-c01-g1' OR c.assignee = 'worker-c01-g1')
    ORDER BY overdue DESC, c.deadline NULLS LAST, c.id DESC LIMIT 100"
}
