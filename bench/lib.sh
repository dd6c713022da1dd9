# Shared helpers of bench/run (sourced, not run). Each benchmark owns one hub process and one
# database named bench_<name>; bench_cleanup (an EXIT trap) stops the one and drops the other.

BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH_DIR=$BENCH_ROOT/bench
# BENCH_HUB_JAR: another build of the hub to measure (e.g. the one before a change), with these scripts.
HUB_JAR=${BENCH_HUB_JAR:-$BENCH_ROOT/iot-gateway/target/hub.jar}
SIM_JAR=$BENCH_ROOT/device-sim/target/hub-sim.jar
# The hub's JVM options during a benchmark: the heap target (< 512 MB) is checked by running inside it.
BENCH_HUB_JAVA_OPTS=${BENCH_HUB_JAVA_OPTS:--Xmx512m}

bench_log() { echo "bench: $*" >&2; }
bench_die() { echo "bench: $*" >&2; exit 1; }

# Starts (or reuses) the worktree's private services and exports their HUB_* values.
bench_services() {
  export HUB_DATA_DIR=${HUB_DATA_DIR:-$BENCH_ROOT/.hub}
  # shellcheck source=/dev/null
  source "$BENCH_ROOT/build/hub-services.sh"
  ensure_packages
  command -v wrk >/dev/null || bench_install wrk
  command -v pgbench >/dev/null || [[ -x $(pg_bindir)/pgbench ]] || bench_install postgresql-contrib
  command -v jstat >/dev/null || bench_die "jstat (a JDK) is needed for heap figures"
  (cd "$BENCH_ROOT" && ./hub services up >/dev/null)
  # shellcheck source=/dev/null
  source "$HUB_DATA_DIR/services.env"
  PG_PORT=$(sed -E 's#.*:([0-9]+)/.*#\1#' <<<"$HUB_DB_URL")
  export PGOPTIONS="-c client_min_messages=warning" PGPASSWORD=$HUB_DB_PASSWORD PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=$HUB_DB_USER
  PATH=$PATH:$(pg_bindir)
}

# bench_install PKG...: Debian packages, the same way build/hub-services.sh's ensure_packages does.
bench_install() {
  command -v apt-get >/dev/null || bench_die "missing $*; install it"
  bench_log "installing $* from Debian ..."
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

bench_build() {
  local own=$BENCH_ROOT/iot-gateway/target/hub.jar
  if [[ -f $own && -f $SIM_JAR && ${BENCH_REBUILD:-} != 1 ]] && [[ -z $(find "$BENCH_ROOT" -path "$BENCH_ROOT/.hub" -prune \
      -o -path '*/target' -prune -o -path '*/node_modules' -prune -o \( -name '*.java' -o -name 'pom.xml' \
      -o -path '*/src/main/resources/*' -o -name 'build-ui.mjs' -o -name 'package-lock.json' \) \
      -not -path "$BENCH_DIR/*" -newer "$own" -print -quit) ]]; then
    return 0
  fi
  bench_log "building the hub and simulator jars (mvn package, tests skipped) ..."
  (cd "$BENCH_ROOT" && mvn -B -q -DskipTests -Dcheckstyle.skip package >"$BENCH_WORK/build.log" 2>&1) ||
    { tail -n 30 "$BENCH_WORK/build.log" >&2; bench_die "build failed"; }
}

bench_psql() { psql -X -v ON_ERROR_STOP=1 -qAt "$@"; }
# The runtime login 'hub' may not create or drop databases; the private cluster's admin login does.
bench_admin_psql() {
  # shellcheck source=/dev/null
  (source "$HUB_DATA_DIR/test-admin.env"
   PGUSER=$HUB_TEST_DB_ADMIN_USER PGPASSWORD=$HUB_TEST_DB_ADMIN_PASSWORD bench_psql "$@")
}

# bench_db NAME: a fresh database from hub_template; HUB_DB_URL points at it from now on.
bench_db() {
  BENCH_DB=$1
  bench_admin_psql -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" \
    -c "CREATE DATABASE $BENCH_DB TEMPLATE hub_template OWNER $HUB_DB_USER"
  export HUB_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/$BENCH_DB"
}

# bench_load_demo SCALE: generates and imports the demo subdistrict, creates every device's broker login.
bench_load_demo() {
  local scale=$1 file=$BENCH_WORK/subdistrict-$1.geojson
  [[ -f $file ]] || java -jar "$HUB_JAR" demo-data --out "$file" --scale "$scale" >&2
  local t0=$SECONDS
  java -jar "$HUB_JAR" import "$file" >"$BENCH_WORK/import-$BENCH_DB.txt" 2>&1 ||
    { tail -n 20 "$BENCH_WORK/import-$BENCH_DB.txt" >&2; bench_die "import failed"; }
  bench_log "$(grep -m1 '^Loaded' "$BENCH_WORK/import-$BENCH_DB.txt") in $((SECONDS - t0)) s"
}

bench_credentials() {
  BENCH_CREDS=$BENCH_WORK/credentials-$BENCH_DB.txt
  (umask 077; java -jar "$HUB_JAR" device credentials --all >"$BENCH_CREDS")
  broker_sync_device_credentials "$BENCH_CREDS"
}

# clear_hub_sessions: drops the stopped hub's persistent MQTT sessions (clean-session logins with its client ids),
# so that what was published for it while it was down (the floor of "ingest", an unfinished burst
# of an earlier run) is not queued for the next hub: back-to-back runs otherwise met the old backlog and counted
# messages 2–4 times. Called before bench_hub_start by ingest, alerts and deliveries.
clear_hub_sessions() {
  local id
  for id in hub-gateway-bench hub-gateway-bench-alarm; do
    mosquitto_sub -h 127.0.0.1 -p "${HUB_MQTT_URL##*:}" -u "$HUB_MQTT_USER" -P "$HUB_MQTT_PASSWORD" -i "$id" \
      -t "bench/none" -E -W 10 >/dev/null 2>&1 || true
  done
}

# bench_hub_start: the hub on a free port, against $HUB_DB_URL; sets HUB_PID and BENCH_HTTP. Another program
# (a second checkout's benchmark) may take the port between the check and the bind: then the hub exits with
# "Address already in use" and the next free port is tried; the health answer must come from this hub's pid.
bench_hub_start() {
  export HUB_HTTP_PORT
  export HUB_PASSWORD_ITERATIONS=1000 HUB_INSTANCE_ID=bench HUB_MQTT_SHARE_GROUP=bench-$$ HUB_MQTT_SESSION_EXPIRY_SECONDS=60
  local attempt port=18480 log=$BENCH_WORK/hub-$BENCH_DB.log
  for attempt in 1 2 3 4 5; do
    HUB_HTTP_PORT=$(free_port "$port")
    BENCH_HTTP=http://127.0.0.1:$HUB_HTTP_PORT
    # shellcheck disable=SC2086
    java $BENCH_HUB_JAVA_OPTS -jar "$HUB_JAR" start >"$log" 2>&1 &
    HUB_PID=$!
    local deadline=$((SECONDS + 90))
    until ss -ltnpH "sport = :$HUB_HTTP_PORT" 2>/dev/null | grep -q "pid=$HUB_PID," \
        && curl -fsS "$BENCH_HTTP/health" >/dev/null 2>&1; do
      if ! kill -0 "$HUB_PID" 2>/dev/null; then
        wait "$HUB_PID" 2>/dev/null || true
        grep -q 'Address already in use' "$log" && { port=$((HUB_HTTP_PORT + 1)); continue 2; }
        tail -n 30 "$log" >&2
        bench_die "the hub did not start"
      fi
      ((SECONDS < deadline)) || bench_die "the hub was not healthy within 90 s"
      sleep 0.5
    done
    bench_log "hub pid $HUB_PID serving $BENCH_HTTP (database $BENCH_DB, JVM ${BENCH_HUB_JAVA_OPTS:-defaults})"
    return 0
  done
  bench_die "no free port for the hub after 5 attempts (from 18480)"
}

bench_hub_stop() {
  [[ -n ${HUB_PID:-} ]] || return 0
  kill -TERM "$HUB_PID" 2>/dev/null || true
  local i
  for i in $(seq 1 100); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$HUB_PID" 2>/dev/null || true
  wait "$HUB_PID" 2>/dev/null || true
  HUB_PID=
}

# Background processes a benchmark started (besides the hub): killed by their ids on exit.
BENCH_PIDS=()

bench_cleanup() {
  local p
  for p in "${BENCH_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  bench_hub_stop
  if [[ -n ${BENCH_DB:-} && ${BENCH_KEEP_DB:-} != 1 ]]; then
    bench_admin_psql -d postgres -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" 2>/dev/null || true
    BENCH_DB=
  fi
}

# CPU seconds (user + system) a process has used so far.
proc_cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$1/stat"
}

# CPU seconds (user + system) a JVM's JIT compiler threads (C1/C2 CompilerThreadN) have used so far: the one-time
# cost of a freshly started hub, which a step of a few seconds cannot amortise.
proc_jit_cpu_seconds() {
  local t total=0
  for t in /proc/"$1"/task/*; do
    grep -q '^C[12] CompilerThre' "$t/comm" 2>/dev/null || continue
    total=$(awk -v a="$total" -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print a + ($12 + $13) / hz }' "$t/stat" 2>/dev/null ||
      echo "$total")
  done
  echo "$total"
}

# services_cpu_seconds: CPU seconds so far of this checkout's broker and of its PostgreSQL (postmaster and backends).
services_cpu_seconds() {
  local pids pg
  pids=$(mqtt_pid || true)
  pg=$(head -1 "$HUB_DATA_DIR/pg/data/postmaster.pid" 2>/dev/null || true)
  local broker db=0 p
  broker=$( [[ -n $pids ]] && proc_cpu_seconds "$pids" 2>/dev/null || echo 0)
  if [[ -n $pg ]]; then
    for p in $pg $(pgrep -P "$pg"); do db=$(awk -v a="$db" -v b="$(proc_cpu_seconds "$p" 2>/dev/null || echo 0)" 'BEGIN { print a + b }'); done
  fi
  echo "$broker $db"
}

# machine_busy_seconds: busy CPU seconds of the whole machine so far, all cores together (/proc/stat).
machine_busy_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '/^cpu / { print ($2 + $3 + $4 + $7 + $8 + $9) / hz; exit }' /proc/stat
}

# Used heap of a JVM in MB (jstat: survivors + eden + old).
jvm_heap_used_mb() {
  jstat -gc "$1" 2>/dev/null | awk 'NR==2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'
}

# The hub's stage timers (hub_stage_seconds{lane,stage}: p50/p99 over the last ~2 minutes, max, count) as a
# markdown table; LANES is a regular expression of the lanes to show (e.g. 'alarm|stream').
hub_stage_table() {
  local lanes=$1
  echo "| lane | stage | count | p50 ms | p99 ms | max ms |"
  echo "|---|---|---:|---:|---:|---:|"
  curl -fsS "$BENCH_HTTP/metrics" 2>/dev/null | mawk -v lanes="^($lanes)\$" '
    /^hub_stage_seconds/ {
      lane = $0; sub(/.*lane="/, "", lane); sub(/".*/, "", lane)
      stage = $0; sub(/.*stage="/, "", stage); sub(/".*/, "", stage)
      if (lane !~ lanes) next
      k = lane " " stage; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
      v = $NF
      if ($0 ~ /quantile="0.5"/) p50[k] = v * 1000
      else if ($0 ~ /quantile="0.99"/) p99[k] = v * 1000
      else if ($1 ~ /^hub_stage_seconds_max/) mx[k] = v * 1000
      else if ($1 ~ /^hub_stage_seconds_count/) cnt[k] = v
    }
    END { for (i = 1; i <= n; i++) { split(order[i], f, " ")
            printf "| %s | %s | %d | %.1f | %.1f | %.1f |\n", f[1], f[2], cnt[order[i]], p50[order[i]], p99[order[i]], mx[order[i]] } }'
}

# Used heap of the benchmark's hub in MB, from its /metrics (a curl, not a whole jstat JVM every second), asking
# for that one gauge (name[]): rendering the whole registry each second cost the hub ~5 % of its CPU at 10,000/s.
hub_heap_used_mb() {
  curl -gfsS "$BENCH_HTTP/metrics?name[]=jvm_heap_used_bytes" 2>/dev/null | awk '/^jvm_heap_used_bytes / { printf "%.0f", $2 / 1048576 }'
}

# Live heap after a full GC, in MB.
jvm_live_heap_mb() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jvm_heap_used_mb "$1"
}

pass_fail() { if [[ $1 == 1 ]]; then echo PASS; else echo FAIL; fi; }

# bench_table_header TITLE: starts this benchmark's markdown output (stdout and the results file).
bench_out() { tee -a "$BENCH_RESULT"; }
