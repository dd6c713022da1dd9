# Private PostGIS cluster and Mosquitto broker for ./hub (sourced, not run).
# State lives under $HUB_DATA_DIR: services.env (ports, logins; mode 600), pg/, mqtt/.
# Everything here is idempotent: running services are reused, stopped ones restarted.

PG_BASE_PORT=55432
MQTT_BASE_PORT=51883

is_root() { [[ $(id -u) -eq 0 ]]; }

as_root() {
  if is_root; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "hub: '$*' needs root (run as root or install sudo)" >&2; return 1; fi
}

pg_bindir() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    local v=${d#/usr/lib/postgresql/}; v=${v%/bin}
    if [[ -f /usr/share/postgresql/$v/extension/postgis.control ]]; then echo "$d"; return 0; fi
  done
  return 1
}

# ensure_packages [chromium]: installs from Debian what is missing.
ensure_packages() {
  local want=()
  pg_bindir >/dev/null || want+=(postgresql-15-postgis-3 postgresql-contrib)
  command -v mosquitto >/dev/null || [[ -x /usr/sbin/mosquitto ]] || want+=(mosquitto)
  command -v mosquitto_passwd >/dev/null || want+=(mosquitto)
  command -v mosquitto_pub >/dev/null || want+=(mosquitto-clients)
  command -v curl >/dev/null || want+=(curl)
  if [[ ${1:-} == chromium ]]; then
    command -v chromium >/dev/null || want+=(chromium)
    command -v chromedriver >/dev/null || want+=(chromium-driver)
    # Chinese is the page's default language: without CJK fonts it renders as boxes.
    fc-list 2>/dev/null | grep -qi 'cjk' || want+=(fonts-noto-cjk)
    # The production-recipe test runs a private nginx (TLS, WebSocket proxying) in front of a hub.
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || want+=(nginx)
  fi
  [[ ${#want[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || { echo "hub: missing ${want[*]}; install them or set HUB_DB_URL/HUB_MQTT_URL" >&2; return 1; }
  echo "hub: installing ${want[*]} from Debian ..." >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >&2
  # Debian's packages start system services; ours are private, on other ports.
  if is_root; then
    service mosquitto stop >/dev/null 2>&1 || true
    # A just-installed nginx would hold port 80 for nothing: the tests run their own instance.
    [[ " ${want[*]} " == *" nginx "* ]] && { service nginx stop >/dev/null 2>&1 || true; }
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local p=$1
  while port_in_use "$p"; do p=$((p + 1)); done
  echo "$p"
}

random_secret() { head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# A folder that the postgres/mosquitto system users can enter (when we are root).
service_home() {
  local name=$1 user=$2
  local dir=$HUB_DATA_DIR/$name
  if is_root && id "$user" >/dev/null 2>&1; then
    mkdir -p "$dir"
    if ! runuser -u "$user" -- test -x "$dir" 2>/dev/null; then
      # HUB_DATA_DIR sits below a folder the service user cannot enter: keep the data beside it.
      local alt
      alt=/var/tmp/communityhub-$(printf '%s' "$HUB_DATA_DIR" | md5sum | cut -c1-12)/$name
      mkdir -p "$alt"
      rmdir "$dir" 2>/dev/null || true
      [[ -L $dir ]] || ln -sfn "$alt" "$dir"
      dir=$alt
    fi
    chown "$user" "$dir"
  else
    mkdir -p "$dir"
  fi
  (cd "$dir" && pwd -P)
}

run_as() {
  local user=$1; shift
  if is_root && id "$user" >/dev/null 2>&1; then runuser -u "$user" -- "$@"; else "$@"; fi
}

load_state() {
  if [[ -f $HUB_DATA_DIR/state.env ]]; then
    # shellcheck source=/dev/null
    source "$HUB_DATA_DIR/state.env"
  fi
  if [[ -z ${PG_PORT:-} || -z ${MQTT_PORT:-} || -z ${DB_PASSWORD:-} || -z ${MQTT_PASSWORD:-} ]]; then
    PG_PORT=${PG_PORT:-$(free_port $PG_BASE_PORT)}
    MQTT_PORT=${MQTT_PORT:-$(free_port $MQTT_BASE_PORT)}
    DB_PASSWORD=${DB_PASSWORD:-$(random_secret)}
    MQTT_PASSWORD=${MQTT_PASSWORD:-$(random_secret)}
    save_state
  fi
}

save_state() {
  (umask 077; printf 'PG_PORT=%s\nMQTT_PORT=%s\nDB_PASSWORD=%s\nMQTT_PASSWORD=%s\n' \
    "$PG_PORT" "$MQTT_PORT" "$DB_PASSWORD" "$MQTT_PASSWORD" >"$HUB_DATA_DIR/state.env")
}

pg_running() {
  local home=$HUB_DATA_DIR/pg
  [[ -f $home/data/postmaster.pid ]] && run_as postgres "$(pg_bindir)/pg_ctl" -D "$home/data" status >/dev/null 2>&1
}

# mqtt_pid: prints the private broker's pid if it runs. The pid file alone is not enough: after a
# crash its pid may belong to another process by now, which must never get the broker's signals.
mqtt_pid() {
  local pidf=$HUB_DATA_DIR/mqtt/mosquitto.pid pid conf
  [[ -f $pidf ]] || return 1
  pid=$(cat "$pidf")
  [[ $pid =~ ^[0-9]+$ && -r /proc/$pid/cmdline ]] || return 1
  # The broker was started with the resolved path (the folder may be a symlink, see service_home).
  conf=$(readlink -f "$HUB_DATA_DIR/mqtt")/mosquitto.conf
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -e "$conf" -e "$HUB_DATA_DIR/mqtt/mosquitto.conf" || return 1
  echo "$pid"
}

mqtt_running() { mqtt_pid >/dev/null; }

# broker_reload: the private broker re-reads its password and ACL files (SIGHUP), if it runs.
broker_reload() {
  local pid
  if pid=$(mqtt_pid); then kill -HUP "$pid"; fi
}

# broker_watchdog: runs until killed; restarts the private broker whenever it has died. Mosquitto
# 2.0.11 (Debian 12) was seen to crash (SIGSEGV) now and then, right after a persistent session
# ended or expired; like a service manager's Restart=on-failure this brings it back, and its
# persistence keeps sessions and queued messages (up to autosave_interval). A test that stops the
# broker on purpose creates mqtt/watchdog.pause first. Each restart is counted in mqtt/watchdog.restarts.
broker_watchdog() {
  local home=$HUB_DATA_DIR/mqtt
  while sleep 1; do
    [[ -f $home/watchdog.pause ]] && continue
    mqtt_running && continue
    echo "hub: $(date -u +%H:%M:%S) the private broker stopped unexpectedly (last log lines below); restarting it" >&2
    tail -n 3 "$home/mosquitto.log" >&2 2>/dev/null || true
    echo x >>"$home/watchdog.restarts"
    mqtt_up >/dev/null || echo "hub: restarting the broker failed" >&2
  done
}

services_running() { pg_running && mqtt_running; }

pg_psql() { run_as postgres env PGOPTIONS='-c client_min_messages=warning' "$(pg_bindir)/psql" -h "$PG_HOME/run" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# timescaledb_installed [BINDIR]: TimescaleDB (extension and loader) is installed for that PostgreSQL.
timescaledb_installed() {
  local bin=${1:-$(pg_bindir)} v
  v=${bin%/bin}; v=${v##*/}
  [[ -f /usr/share/postgresql/$v/extension/timescaledb.control && -f /usr/lib/postgresql/$v/lib/timescaledb.so ]]
}

# pg_preload_timescaledb BINDIR: when TimescaleDB is installed for this PostgreSQL, the private
# cluster preloads it (CREATE EXTENSION timescaledb is FATAL otherwise), also in a cluster that was
# initialised before it was installed; when it is gone again, our line goes too (the server would not
# start). Idempotent; sets PG_PRELOAD_CHANGED when postgresql.conf changed (a running server must restart).
PG_PRELOAD_MARK='# Community Hub: TimescaleDB is installed'
pg_preload_timescaledb() {
  local bin=$1 conf=$PG_HOME/data/postgresql.conf current
  PG_PRELOAD_CHANGED=
  if timescaledb_installed "$bin"; then
    grep -qF "$PG_PRELOAD_MARK" "$conf" && return 0
    current=$(run_as postgres "$bin/postgres" -D "$PG_HOME/data" -C shared_preload_libraries 2>/dev/null) || current=
    current=${current// /}
    [[ ,$current, == *,timescaledb,* ]] && return 0
    # Telemetry off as well: this cluster is private (a real install decides for itself, see README).
    printf "shared_preload_libraries = '%s'\t%s\ntimescaledb.telemetry_level = 'off'\t%s\n" \
      "${current:+$current,}timescaledb" "$PG_PRELOAD_MARK" "$PG_PRELOAD_MARK" | run_as postgres tee -a "$conf" >/dev/null
    PG_PRELOAD_CHANGED=1
  elif grep -qF "$PG_PRELOAD_MARK" "$conf" 2>/dev/null; then
    run_as postgres sed -i "/$PG_PRELOAD_MARK/d" "$conf"
    PG_PRELOAD_CHANGED=1
  fi
}

pg_up() {
  local bin
  bin=$(pg_bindir)
  PG_HOME=$(service_home pg postgres)
  if [[ ! -f $PG_HOME/data/PG_VERSION ]]; then
    run_as postgres mkdir -p "$PG_HOME/data" "$PG_HOME/run"
    run_as postgres "$bin/initdb" -D "$PG_HOME/data" -U postgres -E UTF8 --locale=C.UTF-8 \
      --auth-local=trust --auth-host=scram-sha-256 >"$HUB_DATA_DIR/pg-initdb.log" 2>&1 ||
      { cat "$HUB_DATA_DIR/pg-initdb.log" >&2; return 1; }
    chmod 700 "$PG_HOME/run" 2>/dev/null || true
    run_as postgres tee -a "$PG_HOME/data/postgresql.conf" >/dev/null <<EOF
# Community Hub private cluster
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$PG_HOME/run'
max_connections = 200
shared_buffers = 256MB
work_mem = 16MB
maintenance_work_mem = 128MB
max_wal_size = 2GB
fsync = on
synchronous_commit = on
logging_collector = off
EOF
  fi
  if ! pg_running && port_in_use "$PG_PORT"; then
    # Someone else (another checkout's cluster) took our port meanwhile: move to a free one.
    PG_PORT=$(free_port $((PG_PORT + 1)))
    save_state
  fi
  pg_preload_timescaledb "$bin"
  if ! pg_running; then
    run_as postgres "$bin/pg_ctl" -D "$PG_HOME/data" -l "$PG_HOME/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_HOME/run" start >/dev/null ||
      { tail -n 20 "$PG_HOME/postgres.log" >&2; return 1; }
  elif [[ -n $PG_PRELOAD_CHANGED ]]; then
    # The preload list is read at server start only: restart once so the new line takes effect.
    run_as postgres "$bin/pg_ctl" -D "$PG_HOME/data" -l "$PG_HOME/postgres.log" -w -t 60 -m fast \
      -o "-p $PG_PORT -k $PG_HOME/run" restart >/dev/null ||
      { tail -n 20 "$PG_HOME/postgres.log" >&2; return 1; }
  fi
  pg_psql -d postgres <<EOF
SELECT count(*) > 0 AS hub_exists FROM pg_roles WHERE rolname='hub' \gset
\if :hub_exists
ALTER ROLE hub WITH LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
\else
CREATE ROLE hub WITH LOGIN CREATEDB PASSWORD '$DB_PASSWORD';
\endif
-- Tests drop their databases WITH (FORCE), which may have to end an autovacuum worker.
GRANT pg_signal_backend TO hub;
EOF
  local db
  for db in hub_template hub; do
    if [[ -z $(pg_psql -d postgres -c "SELECT 1 FROM pg_database WHERE datname='$db'") ]]; then
      pg_psql -d postgres -c "CREATE DATABASE $db OWNER hub"
      pg_psql -d "$db" -c "CREATE EXTENSION IF NOT EXISTS postgis"
    fi
  done
  # Tests create their own databases from this template (it carries PostGIS already). No one connects
  # to it: with TimescaleDB preloaded, CREATE DATABASE … TEMPLATE restarts the template's background
  # scheduler, which then holds a connection to it and fails the copy ("being accessed by other users").
  pg_psql -d postgres -c "ALTER DATABASE hub_template WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"
}

mqtt_up() {
  MQTT_HOME=$(service_home mqtt mosquitto)
  if ! mqtt_running && port_in_use "$MQTT_PORT"; then
    MQTT_PORT=$(free_port $((MQTT_PORT + 1)))
    save_state
  fi
  local conf=$MQTT_HOME/mosquitto.conf
  mkdir -p "$MQTT_HOME/data"
  cat >"$conf" <<EOF
# Community Hub private broker (written by ./hub services up; edits are overwritten)
per_listener_settings false
listener $MQTT_PORT 127.0.0.1
allow_anonymous false
password_file $MQTT_HOME/passwd
acl_file $MQTT_HOME/acl
persistence true
persistence_location $MQTT_HOME/data/
autosave_interval 5
persistent_client_expiration 14d
# Debian's default of 1000 queued messages silently drops the rest: keep a large backlog.
max_queued_messages 2000000
max_queued_bytes 0
max_inflight_messages 0
max_packet_size 4194304
pid_file $MQTT_HOME/mosquitto.pid
log_dest file $MQTT_HOME/mosquitto.log
log_type error
log_type warning
log_type notice
log_timestamp_format %Y-%m-%dT%H:%M:%S
EOF
  cat >"$MQTT_HOME/acl" <<'EOF'
# The hub reads every device topic and uses hub/internal/ to fan out to its other instances.
user hub
topic read hub/v1/#
topic readwrite hub/internal/#

# A device (username = device code) may publish only its own event and status topics.
pattern write hub/v1/+/+/%u/event
pattern write hub/v1/+/+/%u/status
EOF
  touch "$MQTT_HOME/passwd"
  if is_root && id mosquitto >/dev/null 2>&1; then
    chown -R mosquitto "$MQTT_HOME"
  fi
  broker_set_password hub "$MQTT_PASSWORD"
  if mqtt_running; then
    broker_reload
  else
    rm -f "$MQTT_HOME/mosquitto.pid"
    local bin
    bin=$(command -v mosquitto || echo /usr/sbin/mosquitto)
    "$bin" -c "$conf" -d
    local i
    for i in $(seq 1 100); do mqtt_running && port_in_use "$MQTT_PORT" && break; sleep 0.1; done
    # Only our own broker counts: its pid must be alive, not just something listening on the port.
    if ! { mqtt_running && port_in_use "$MQTT_PORT"; }; then
      tail -n 20 "$MQTT_HOME/mosquitto.log" >&2
      echo "hub: the private broker did not start on port $MQTT_PORT" >&2
      return 1
    fi
  fi
}

# broker_set_password USER PASSWORD: sets one login in the private broker's password file.
broker_set_password() {
  local tmp
  tmp=$(mktemp)
  printf 'username=%s password=%s\n' "$1" "$2" >"$tmp"
  broker_sync_device_credentials "$tmp"
  rm -f "$tmp"
}

# broker_sync_device_credentials FILE: lines 'username=CODE password=SECRET' into the private broker.
# The password file is replaced atomically (rename) and the broker reloads it once: a reload never
# sees a half-written file, which would disconnect every client whose login it could not find.
broker_sync_device_credentials() {
  local file=$1
  local home=$HUB_DATA_DIR/mqtt
  [[ -f $home/passwd ]] || touch "$home/passwd"
  local tmp
  tmp=$(mktemp -d)
  awk '{u=""; p=""; for(i=1;i<=NF;i++){ if($i ~ /^username=/) u=substr($i,10); if($i ~ /^password=/) p=substr($i,10) }
        if(u!="") print u":"p}' "$file" >"$tmp/new"
  cut -d: -f1 "$tmp/new" | sort -u >"$tmp/names"
  awk -F: 'NR==FNR{n[$1]=1; next} !($1 in n)' "$tmp/names" "$home/passwd" >"$tmp/keep"
  mosquitto_passwd -U "$tmp/new" >/dev/null
  cat "$tmp/keep" "$tmp/new" >"$home/passwd.next"
  chmod 600 "$home/passwd.next"
  if is_root && id mosquitto >/dev/null 2>&1; then chown mosquitto "$home/passwd.next"; fi
  mv -f "$home/passwd.next" "$home/passwd"
  rm -rf "$tmp"
  broker_reload
}

write_services_env() {
  (umask 077; cat >"$HUB_DATA_DIR/services.env" <<EOF
export HUB_DATA_DIR='$HUB_DATA_DIR'
export HUB_DB_URL='jdbc:postgresql://127.0.0.1:$PG_PORT/hub'
export HUB_DB_USER='hub'
export HUB_DB_PASSWORD='$DB_PASSWORD'
export HUB_MQTT_URL='tcp://127.0.0.1:$MQTT_PORT'
export HUB_MQTT_USER='hub'
export HUB_MQTT_PASSWORD='$MQTT_PASSWORD'
EOF
  )
}

services_up() {
  ensure_packages
  load_state
  pg_up
  mqtt_up
  write_services_env
  cat "$HUB_DATA_DIR/services.env"
}

services_env() {
  [[ -f $HUB_DATA_DIR/services.env ]] || { echo "hub: services were never started here; run ./hub services up" >&2; return 1; }
  cat "$HUB_DATA_DIR/services.env"
}

services_down() {
  load_state
  local bin
  if bin=$(pg_bindir) && [[ -f $HUB_DATA_DIR/pg/data/postmaster.pid ]]; then
    run_as postgres "$bin/pg_ctl" -D "$HUB_DATA_DIR/pg/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  local pidf=$HUB_DATA_DIR/mqtt/mosquitto.pid
  if [[ -f $pidf ]]; then
    local pid
    pid=$(mqtt_pid) && kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$pidf"
  fi
  echo "hub: private services stopped"
}
