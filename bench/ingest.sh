# Benchmark "ingest": hub-sim load at rising rates through the hub (stored, latency, CPU, heap), then the
# same offered load through a raw floor (mosquitto_sub | awk | psql COPY, no validation). Sourced by bench/run.

# A load file of DEVICES logins: three gates (access.granted) to one other device (heartbeat).
ingest_devices() {
  local n=$1 out=$2
  { awk -v n=$((n * 3 / 4)) '/ type=gate/ && k++ < n' "$BENCH_CREDS"
    awk -v n=$((n - n * 3 / 4)) '!/ type=gate/ && k++ < n' "$BENCH_CREDS"; } >"$out"
  [[ $(wc -l <"$out") -eq $n ]] || bench_die "the subdistrict has fewer than $n devices"
}

# The load generator: raw (bench/RawLoad.java: MQTT 3.1.1 on one thread with non-blocking sockets, the
# default: it leaves the machine's cores to the hub, broker and database) or sim (hub-sim load: Paho, three
# threads per device; about 8-10k events/s is all it can offer on a 2-core machine).
BENCH_LOADER=${BENCH_LOADER:-raw}

# load_run RATE SECS FILE JSON-OUT: one load run with BENCH_LOADER; JSON-OUT gets run_prefix, achieved_rate, acked.
load_run() {
  if [[ $BENCH_LOADER == sim ]]; then
    sim_load "$@" --no-db
    return
  fi
  local rate=$1 secs=$2 creds=$3 out=$4 classes=$BENCH_WORK/rawload-classes
  if [[ ! -f $classes/RawLoad.class || $BENCH_DIR/RawLoad.java -nt $classes/RawLoad.class ]]; then
    mkdir -p "$classes" && javac -d "$classes" "$BENCH_DIR/RawLoad.java" || bench_die "cannot compile bench/RawLoad.java"
  fi
  java -cp "$classes" RawLoad "$HUB_MQTT_URL" "$creds" "$rate" "$secs" 100 60 >"$out" 2>"$out.err" || true
  jq -e .run_prefix "$out" >/dev/null 2>&1 || { cat "$out.err" >&2; bench_die "RawLoad failed"; }
}

# settle TABLE PREFIX EXPECTED: waits until the run's rows reach EXPECTED, or stop growing for 10 s (at most 180 s).
settle() {
  local n last=-1 still=0 i
  for i in $(seq 1 360); do
    n=$(bench_psql -d "$BENCH_DB" -c "SELECT count(DISTINCT (device_code, event_id)) FROM $1 WHERE event_id LIKE '$2-%'")
    ((n >= $3)) && return 0
    if ((n == last)); then still=$((still + 1)); ((still >= 20)) && return 0; else still=0; fi
    last=$n
    sleep 0.5
  done
}

# sim_load RATE SECS FILE JSON-OUT [extra options]: one hub-sim load run; its --json report goes to JSON-OUT.
sim_load() {
  local rate=$1 secs=$2 creds=$3 out=$4
  shift 4
  java -Xmx1g -jar "$SIM_JAR" load --rate "$rate" --devices "$(wc -l <"$creds")" --duration "${secs}s" --drain 60s \
    --credentials "$creds" --json --quiet "$@" >"$out" 2>"$out.err" || true
  jq -e .run_prefix "$out" >/dev/null 2>&1 || { cat "$out.err" >&2; bench_die "hub-sim load failed"; }
}

# stored_stats TABLE PREFIX: "rows distinct per_second p50_ms p99_ms" of a run's rows (first publish → last row).
stored_stats() {
  bench_psql -d "$BENCH_DB" -F ' ' -c "SELECT count(*), count(DISTINCT (device_code, event_id)),
      round(count(DISTINCT (device_code, event_id)) / greatest(extract(epoch FROM max(stored_at) - min(event_time)), 0.001)),
      round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::numeric, 1), round((percentile_cont(0.99) WITHIN GROUP (ORDER BY ms))::numeric, 1)
    FROM (SELECT device_code, event_id, event_time, stored_at, extract(epoch FROM stored_at - event_time) * 1000 AS ms
            FROM $1 WHERE event_id LIKE '$2-%') r"
}

floor_table() {
  bench_psql -d "$BENCH_DB" <<'SQL'
DROP TABLE IF EXISTS event_floor;
CREATE TABLE event_floor (LIKE event INCLUDING DEFAULTS);
ALTER TABLE event_floor ALTER COLUMN received_at SET DEFAULT clock_timestamp();
ALTER TABLE event_floor ADD UNIQUE (device_code, event_id, event_time);
CREATE INDEX ON event_floor (device_code, event_time DESC);
CREATE INDEX ON event_floor (community_code, event_time DESC);
CREATE INDEX ON event_floor (person_ref) WHERE person_ref IS NOT NULL;
CREATE INDEX ON event_floor USING brin (event_time);
SQL
}

# floor_run RATE SECS FILE JSON-OUT: the same load into event_floor via mosquitto_sub | awk | COPY.
# mosquitto_sub stops after RATE × SECS messages (what the load sends) or SECS + 90 s.
floor_run() {
  local rate=$1 secs=$2 creds=$3 out=$4 count=$BENCH_WORK/floor.count
  rm -f "$count"
  (stdbuf -oL mosquitto_sub -h 127.0.0.1 -p "${HUB_MQTT_URL##*:}" -u "$HUB_MQTT_USER" -P "$HUB_MQTT_PASSWORD" \
      -i "bench-floor-$$" -q 1 -t 'hub/v1/+/+/+/event' -F '%t %p' -C $((rate * secs)) -W $((secs + 90)) |
    mawk -W interactive -v COUNT_FILE="$count" -f "$BENCH_DIR/floor.awk" |
    psql -X -q -v ON_ERROR_STOP=1 -d "$BENCH_DB" -c "COPY event_floor (device_code, event_id, event_time, community_code,
      device_type, type, event_class, person_ref, data) FROM STDIN") &
  local copy_pid=$!
  BENCH_PIDS+=("$copy_pid")
  sleep 1
  load_run "$rate" "$secs" "$creds" "$out"
  wait "$copy_pid" || bench_die "the floor's COPY failed"
}

# hub_step RATE SECS DEVICES: one rate through a freshly started hub (after a warm-up at 2,000/s that is not
# counted: BENCH_INGEST_WARMUP seconds, default 5); appends a row to HUB_ROWS and updates HUB_BEST, HUB_BEST_US, HUB_BEST_US_WORK, HUB_PEAK_HEAP,
# HUB_LIVE_HEAP, HUB_LOST, HUB_OOM.
hub_step() {
  local rate=$1 secs=$2 devices=$3
  clear_hub_sessions
  bench_hub_start
  load_run 2000 "${BENCH_INGEST_WARMUP:-5}" "$BENCH_WORK/load-devices.txt" "$BENCH_WORK/warmup-$rate.json"
  bench_log "ingest through the hub: $rate events/s for ${secs}s from $devices devices ..."
  local heapf=$BENCH_WORK/heap-$rate.txt cpu0 t0
  (while kill -0 "$HUB_PID" 2>/dev/null; do hub_heap_used_mb >>"$heapf"; echo >>"$heapf"; sleep 1; done) &
  local sampler=$!
  BENCH_PIDS+=("$sampler")
  local svc0 svc1 busy0 busy1
  local jit0 jit1
  jit0=$(proc_jit_cpu_seconds "$HUB_PID")
  cpu0=$(proc_cpu_seconds "$HUB_PID"); svc0=$(services_cpu_seconds); busy0=$(machine_busy_seconds); t0=$(date +%s.%N)
  load_run "$rate" "$secs" "$BENCH_WORK/load-devices.txt" "$BENCH_WORK/hub-$rate.json"
  local j=$BENCH_WORK/hub-$rate.json prefix achieved acked lost dup r_rows r_distinct r_rate r_p50 r_p99 cpu peak live us
  prefix=$(jq -r .run_prefix "$j"); achieved=$(jq '.achieved_rate | round' "$j"); acked=$(jq .acked "$j")
  settle event "$prefix" "$acked"
  local cpu1 t1
  jit1=$(proc_jit_cpu_seconds "$HUB_PID")
  cpu1=$(proc_cpu_seconds "$HUB_PID"); svc1=$(services_cpu_seconds); busy1=$(machine_busy_seconds); t1=$(date +%s.%N)
  kill "$sampler" 2>/dev/null || true
  read -r r_rows r_distinct r_rate r_p50 r_p99 < <(stored_stats event "$prefix")
  # Lost: acknowledged by the broker but never stored; duplicated: rows beyond one per (device, id).
  lost=$((acked - r_distinct)); ((lost < 0)) && lost=0
  dup=$((r_rows - r_distinct))
  cpu=$(awk -v a="$cpu0" -v b="$cpu1" -v s="$t0" -v e="$t1" 'BEGIN { printf "%.0f", 100 * (b - a) / (e - s) }')
  # Hub CPU per stored event: the hub's utime+stime over the step ÷ the events it stored.
  us=$(awk -v a="$cpu0" -v b="$cpu1" -v n="$r_distinct" 'BEGIN { printf "%.1f", (n > 0 ? 1e6 * (b - a) / n : 0) }')
  # Of it, the JIT compiler threads; the rest is the steady-state cost of the path (workers, MQTT, JDBC, GC).
  local us_jit us_work
  us_jit=$(awk -v a="$jit0" -v b="$jit1" -v n="$r_distinct" 'BEGIN { printf "%.1f", (n > 0 ? 1e6 * (b - a) / n : 0) }')
  us_work=$(awk -v a="$us" -v j="$us_jit" 'BEGIN { printf "%.1f", a - j }')
  # Where the cores went: broker, database, everything else (the load generator, samplers, helpers), machine busy.
  local split
  split=$(awk -v a="$cpu0" -v b="$cpu1" -v s0="$svc0" -v s1="$svc1" -v u0="$busy0" -v u1="$busy1" \
    -v t="$t0" -v e="$t1" -v n="$(nproc)" 'BEGIN {
      split(s0, x, " "); split(s1, y, " "); d = e - t;
      br = 100 * (y[1] - x[1]) / d; db = 100 * (y[2] - x[2]) / d; busy = 100 * (u1 - u0) / d;
      other = busy - br - db - 100 * (b - a) / d; if (other < 0) other = 0;
      printf "%.0f | %.0f | %.0f | %.0f of %d", br, db, other, busy, 100 * n }')
  peak=$(sort -n "$heapf" | tail -1)
  live=$(jvm_live_heap_mb "$HUB_PID")
  HUB_ROWS+=("| $rate | $achieved | $r_rate | $r_p50 | $r_p99 | $lost | $dup | $cpu | $us | $us_jit | $us_work | $split | $peak | $live |")
  local sustained
  sustained=$(awk -v s="$r_rate" -v a="$achieved" -v l="$lost" -v d="$dup" 'BEGIN { print (s >= 0.95 * a && l == 0 && d == 0) }')
  if [[ $sustained == 1 ]] && ((r_rate > HUB_BEST)); then HUB_BEST=$r_rate; HUB_BEST_US=$us; HUB_BEST_US_WORK=$us_work; fi
  HUB_PEAK_HEAP=$(( HUB_PEAK_HEAP > peak ? HUB_PEAK_HEAP : peak ))
  HUB_LIVE_HEAP=$(( HUB_LIVE_HEAP > live ? HUB_LIVE_HEAP : live ))
  HUB_LOST=$(( HUB_LOST + lost + dup ))
  grep -q OutOfMemoryError "$BENCH_WORK/hub-$BENCH_DB.log" && HUB_OOM=1
  bench_hub_stop
}

# floor_step RATE SECS: the same load with the hub stopped, into event_floor; appends to FLOOR_ROWS, updates FLOOR_BEST.
floor_step() {
  local rate=$1 secs=$2
  bench_log "ingest floor (mosquitto_sub | awk | COPY): $rate events/s for ${secs}s ..."
  local fb0 fb1 ft0 ft1 fbusy
  fb0=$(machine_busy_seconds); ft0=$(date +%s.%N)
  floor_run "$rate" "$secs" "$BENCH_WORK/load-devices.txt" "$BENCH_WORK/floor-$rate.json"
  fb1=$(machine_busy_seconds); ft1=$(date +%s.%N)
  fbusy=$(awk -v a="$fb0" -v b="$fb1" -v s="$ft0" -v e="$ft1" -v n="$(nproc)" 'BEGIN { printf "%.0f of %d", 100 * (b - a) / (e - s), 100 * n }')
  local j=$BENCH_WORK/floor-$rate.json prefix achieved acked f_rows f_distinct f_rate f_p50 f_p99
  prefix=$(jq -r .run_prefix "$j"); achieved=$(jq '.achieved_rate | round' "$j"); acked=$(jq .acked "$j")
  read -r f_rows f_distinct f_rate f_p50 f_p99 < <(stored_stats event_floor "$prefix")
  FLOOR_ROWS+=("| $rate | $achieved | $f_rate | $f_p50 | $f_p99 | $((acked - f_distinct)) | $fbusy |")
  local sustained
  sustained=$(awk -v s="$f_rate" -v a="$achieved" -v m="$((acked - f_distinct))" 'BEGIN { print (s >= 0.95 * a && m <= 0) }')
  if [[ $sustained == 1 ]] && ((f_rate > FLOOR_BEST)); then FLOOR_BEST=$f_rate; fi
}

bench_ingest() {
  local rates="2000 5000 10000 15000 20000" secs=20 devices=200
  $BENCH_QUICK && { rates="1000 3000"; secs=10; }
  rates=${BENCH_INGEST_RATES:-$rates} secs=${BENCH_INGEST_SECS:-$secs}
  bench_db bench_ingest
  bench_load_demo 1
  bench_credentials
  ingest_devices "$devices" "$BENCH_WORK/load-devices.txt"
  floor_table
  # Hub and floor alternate rate by rate (each hub step on a fresh hub), so a change in the machine's load
  # hits both sides of the comparison.
  HUB_ROWS=() FLOOR_ROWS=() HUB_BEST=0 HUB_BEST_US=0 HUB_BEST_US_WORK=0 FLOOR_BEST=0 HUB_PEAK_HEAP=0 HUB_LIVE_HEAP=0 HUB_LOST=0 HUB_OOM=0
  local rate
  for rate in $rates; do
    hub_step "$rate" "$secs" "$devices"
    floor_step "$rate" "$secs"
  done
  local best=$HUB_BEST floor_best=$FLOOR_BEST oom=$HUB_OOM

  local ratio
  ratio=$(awk -v a="$best" -v b="$floor_best" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b; else print 0 }')
  {
    echo
    echo "### ingest — $(date -u '+%Y-%m-%d %H:%M UTC'), $devices devices (3 gates : 1 heartbeat device), ${secs} s per rate"
    echo
    echo "Hub and floor alternate rate by rate (each hub step on a freshly started hub after a ${BENCH_INGEST_WARMUP:-5} s warm-up at 2,000/s that is not counted)."
    echo "Through the hub (JVM ${BENCH_HUB_JAVA_OPTS:-defaults}); stored/s = distinct stored ÷ (last stored_at − first publish); latency = publish (event time) → stored_at; CPU in % of one core: the hub, the broker, the database, everything else (mostly the load generator), and the whole machine; hub µs/event = the hub's CPU time over the step ÷ events stored, split into its JIT compiler threads (a fresh JVM compiles for minutes) and the rest (the path's own cost: workers, MQTT, JDBC, GC)."
    echo
    echo "| target/s | published/s | stored/s | p50 ms | p99 ms | lost | duplicated | hub CPU % | hub µs/event | of it JIT | without JIT | broker % | database % | other % | machine busy % | heap peak MB | live heap MB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${HUB_ROWS[@]}"
    echo
    echo "Floor: mosquitto_sub -q 1 | awk | one psql COPY into event_floor (same columns and indexes, no validation, one commit at the end)."
    echo
    echo "| target/s | published/s | floor rows/s | p50 ms | p99 ms | missing | machine busy % |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${FLOOR_ROWS[@]}"
    echo
    echo "Sustained = stored/s ≥ 95 % of published/s with nothing lost or duplicated."
    echo
    echo "| target | measured | result |"
    echo "|---|---:|---|"
    echo "| ≥ 15,000 events/s sustained | $best /s | $(pass_fail "$((best >= 15000))") |"
    echo "| hub CPU ≤ 25 µs per stored event (at the best sustained rate; JIT compilation excluded) | $HUB_BEST_US_WORK µs ($HUB_BEST_US with JIT) | $(pass_fail "$(awk -v v="$HUB_BEST_US_WORK" -v b="$best" 'BEGIN { print (b > 0 && v <= 25) }')") |"
    echo "| ≥ 100 % of the floor (best sustained) | $ratio % (floor $floor_best /s) | $(pass_fail "$(awk -v v="$ratio" 'BEGIN { print (v >= 100) }')") |"
    echo "| heap < 512 MB (peak used / live after GC; no OutOfMemoryError) | ${HUB_PEAK_HEAP} / ${HUB_LIVE_HEAP} MB | $(pass_fail "$(( HUB_PEAK_HEAP < 512 && oom == 0 ))") |"
    echo "| lost + duplicated = 0 | ${HUB_LOST} | $(pass_fail "$((HUB_LOST == 0))") |"
  } | bench_out
  bench_cleanup
}
