# Private PostGIS cluster and Mosquitto broker for ./hub (sourced, not run).
# State lives under $HUB_DATA_DIR: services.env (ports, logins; mode 600), pg/, mqtt/.
# Everything here is idempotent: running services are reused, stopped ones restarted.

PG_BASE_PORT=55432
MQTT_BASE_PORT=51883
# Broker logins live in two namespaces that never meet: a device logs in with its code
# ([a-z0-9-]{1,64}); a service login contains a dot, which no device code can (CONTRACT §3).
MQTT_SERVICE_USER=hub.gateway
# The contract's 16 KiB payload plus room for the topic, properties and headers: the broker refuses
# bigger packets, so no client can make the broker or the hub buffer more than this per message.
MQTT_MAX_PACKET_BYTES=20480

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
  # The build bundles the map page with esbuild (map-ui/build-ui.mjs): Node.js and npm.
  command -v node >/dev/null || want+=(nodejs)
  command -v npm >/dev/null || want+=(npm)
  # Case photos are decoded and re-encoded by libjpeg-turbo when it is there (the JDK's codec costs ~2x the CPU).
  compgen -G '/usr/lib/*/libturbojpeg.so.0' >/dev/null || compgen -G '/usr/lib*/libturbojpeg.so.0' >/dev/null \
    || want+=(libturbojpeg0)
  # WebP photos likewise by libwebp (the pure-Java reader costs ~7x the CPU).
  compgen -G '/usr/lib/*/libwebp.so.7' >/dev/null || compgen -G '/usr/lib*/libwebp.so.7' >/dev/null || want+=(libwebp7)
  if [[ ${1:-} == chromium ]]; then
    command -v chromium >/dev/null || want+=(chromium)
    command -v chromedriver >/dev/null || want+=(chromium-driver)
    # Chinese is the page's default language: without CJK fonts it renders as boxes.
    # grep -c reads all of fc-list's output: with pipefail, grep -q could exit first and fc-list's
    # SIGPIPE would make the pipeline fail (and the fonts look missing) at random.
    [[ $(fc-list 2>/dev/null | grep -ci 'cjk') -gt 0 ]] || want+=(fonts-noto-cjk)
    # The production-recipe test runs a private nginx (TLS, WebSocket proxying) in front of a hub.
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || want+=(nginx)
  fi
  [[ ${#want[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || { echo "hub: missing ${want[*]}; install them or set HUB_DB_URL/HUB_MQTT_URL" >&2; return 1; }
  install_from_debian "${want[@]}"
}

# ensure_node: only what the build needs (Node.js and npm run map-ui/build-ui.mjs), for a host whose database
# and broker are elsewhere (HUB_DB_URL/HUB_MQTT_URL): the private services' packages are not installed for it.
ensure_node() {
  local want=()
  command -v node >/dev/null || want+=(nodejs)
  command -v npm >/dev/null || want+=(npm)
  [[ ${#want[@]} -eq 0 ]] && return 0
  command -v apt-get >/dev/null || { echo "hub: the build needs Node.js 18+ and npm (map-ui/build-ui.mjs bundles the page); install them" >&2; return 1; }
  install_from_debian "${want[@]}"
}

install_from_debian() {
  local want=("$@")
  echo "hub: installing ${want[*]} from Debian ..." >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >&2
  # Debian's packages start system services; ours are private, on other ports.
  if is_root; then
    service mosquitto stop >/dev/null 2>&1 || true
    # A just-installed nginx would hold port 80 for nothing: the tests run their own instance.
    [[ " ${want[*]} " == *" nginx "* ]] && { service nginx stop >/dev/null 2>&1 || true; }
  fi
  # Installed: succeed whatever the test above left ($? of a failed [[ ]] would fail `.ci/run`'s `&&` chain).
  return 0
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
      local base alt
      base=$(service_fallback_dir) || return 1
      alt=$base/$name
      mkdir -p "$alt"
      rmdir "$dir" 2>/dev/null || true
      if [[ -L $dir && $(readlink "$dir") != "$alt" ]]; then rm -f "$dir"; fi
      [[ -L $dir ]] || ln -sfn "$alt" "$dir"
      dir=$alt
    fi
    chown "$user" "$dir"
  else
    mkdir -p "$dir"
  fi
  (cd "$dir" && pwd -P)
}

# service_fallback_dir: prints the root-only folder for service data when the service users cannot
# enter HUB_DATA_DIR. Created once like mktemp -d (unpredictable name, made by us) and remembered in
# state.env as SERVICE_DIR. A remembered (or older, predictable) folder is used only when it is a real
# directory owned by root and writable by nobody else; otherwise the launcher refuses, saying why.
service_fallback_dir() {
  if [[ -z ${SERVICE_DIR:-} && -f $HUB_DATA_DIR/state.env ]]; then
    SERVICE_DIR=$(SERVICE_DIR=; . "$HUB_DATA_DIR/state.env"; echo "${SERVICE_DIR:-}")
  fi
  local legacy
  legacy=/var/tmp/communityhub-$(printf '%s' "$HUB_DATA_DIR" | md5sum | cut -c1-12)
  if [[ -z $SERVICE_DIR && -e $legacy ]]; then
    SERVICE_DIR=$legacy # an earlier version's predictable folder: adopted only if it passes the checks below
  fi
  if [[ -n $SERVICE_DIR ]]; then
    if [[ -L $SERVICE_DIR || ! -d $SERVICE_DIR || $(stat -c %u "$SERVICE_DIR") != 0 ]] ||
       [[ $(( 8#$(stat -c %a "$SERVICE_DIR") & 8#022 )) -ne 0 ]]; then
      echo "hub: $SERVICE_DIR is not a directory owned by root and writable only by it (owner $(stat -c %U "$SERVICE_DIR" 2>/dev/null)); refusing to keep service data there. Remove it (and any SERVICE_DIR line in $HUB_DATA_DIR/state.env) or move HUB_DATA_DIR to a folder the postgres and mosquitto users can enter" >&2
      return 1
    fi
  else
    SERVICE_DIR=$(mktemp -d /var/tmp/communityhub-XXXXXXXXXXXX) || return 1
  fi
  save_state
  chmod 711 "$SERVICE_DIR"
  echo "$SERVICE_DIR"
}

# secure_data_dir: HUB_DATA_DIR holds secrets (services.env, credentials, logins): mode 700, or 711 as
# root when the postgres/mosquitto system users must pass through it to their own subfolders.
secure_data_dir() {
  local mode=700
  if is_root && { id postgres >/dev/null 2>&1 || id mosquitto >/dev/null 2>&1; }; then mode=711; fi
  chmod "$mode" "$HUB_DATA_DIR" 2>/dev/null || echo "hub: cannot chmod $mode $HUB_DATA_DIR; make it private yourself" >&2
}

# write_private FILE: stdin into FILE with mode 600 (created private, replaced atomically).
write_private() {
  local f=$1 tmp
  tmp=$(umask 077; mktemp "$f.XXXXXX") || return 1
  if ! cat >"$tmp"; then rm -f "$tmp"; return 1; fi
  chmod 600 "$tmp"
  mv -f "$tmp" "$f"
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
  if [[ -z ${PG_PORT:-} || -z ${MQTT_PORT:-} || -z ${DB_PASSWORD:-} || -z ${MQTT_PASSWORD:-} ||
        -z ${DB_ADMIN_PASSWORD:-} ]]; then
    PG_PORT=${PG_PORT:-$(free_port $PG_BASE_PORT)}
    MQTT_PORT=${MQTT_PORT:-$(free_port $MQTT_BASE_PORT)}
    DB_PASSWORD=${DB_PASSWORD:-$(random_secret)}
    MQTT_PASSWORD=${MQTT_PASSWORD:-$(random_secret)}
    DB_ADMIN_PASSWORD=${DB_ADMIN_PASSWORD:-$(random_secret)}
    save_state
  fi
}

save_state() {
  (umask 077; printf 'PG_PORT=%s\nMQTT_PORT=%s\nDB_PASSWORD=%s\nMQTT_PASSWORD=%s\n' \
    "$PG_PORT" "$MQTT_PORT" "$DB_PASSWORD" "$MQTT_PASSWORD" >"$HUB_DATA_DIR/state.env"
    printf 'DB_ADMIN_PASSWORD=%s\nSERVICE_DIR=%s\n' "${DB_ADMIN_PASSWORD:-}" "${SERVICE_DIR:-}" >>"$HUB_DATA_DIR/state.env")
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
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -F -e "$conf" -e "$HUB_DATA_DIR/mqtt/mosquitto.conf" >/dev/null || return 1
  echo "$pid"
}

mqtt_running() { mqtt_pid >/dev/null; }

# broker_reload: the private broker re-reads its password and ACL files (SIGHUP), if it runs.
broker_reload() {
  local pid
  if pid=$(mqtt_pid); then kill -HUP "$pid"; fi
}

# broker_watchdog: runs until killed; restarts the private broker whenever it has died. Mosquitto
# 2.0.11 (Debian 12) crashes (SIGSEGV) when a session that a reload met while it was restored from
# persistence, and not yet taken over, is taken over or expires (README, Tests: each reload adds it
# to the expiry list again); like a service manager's Restart=on-failure this brings it back, and its
# persistence keeps sessions and queued messages (up to autosave_interval). A test that stops the
# broker on purpose creates mqtt/watchdog.pause first. Each restart is counted in mqtt/watchdog.restarts.
broker_watchdog() {
  local home=$HUB_DATA_DIR/mqtt
  # Its own state (ports, service password): a restart must never write a broker config without them.
  load_state
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

# pg_allow_replication BINDIR: the private cluster can feed a streaming replica made with
# `pg_basebackup -R -h 127.0.0.1` (HUB_DB_READ_URL, ReadReplicaIT): WAL at replica level, WAL senders, and
# replication connections from loopback with a password. initdb's defaults give all three; checked here so
# that an older or hand-edited cluster gets them too. Idempotent; sets PG_REPLICATION_CHANGED when
# postgresql.conf changed (a running server must restart).
pg_allow_replication() {
  local bin=$1 conf=$PG_HOME/data/postgresql.conf hba=$PG_HOME/data/pg_hba.conf level senders
  PG_REPLICATION_CHANGED=
  level=$(run_as postgres "$bin/postgres" -D "$PG_HOME/data" -C wal_level 2>/dev/null) || level=
  senders=$(run_as postgres "$bin/postgres" -D "$PG_HOME/data" -C max_wal_senders 2>/dev/null) || senders=
  if [[ $level == minimal || $senders == 0 ]]; then
    printf "wal_level = replica\t# Community Hub: read replicas\nmax_wal_senders = 10\n" | run_as postgres tee -a "$conf" >/dev/null
    PG_REPLICATION_CHANGED=1
  fi
  if ! run_as postgres grep -qE '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$hba"; then
    printf 'host    replication     all             127.0.0.1/32            scram-sha-256\n' | run_as postgres tee -a "$hba" >/dev/null
    if pg_running; then run_as postgres "$bin/pg_ctl" -D "$PG_HOME/data" reload >/dev/null; fi
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
  pg_allow_replication "$bin"
  if ! pg_running; then
    run_as postgres "$bin/pg_ctl" -D "$PG_HOME/data" -l "$PG_HOME/postgres.log" -w -t 60 \
      -o "-p $PG_PORT -k $PG_HOME/run" start >/dev/null ||
      { tail -n 20 "$PG_HOME/postgres.log" >&2; return 1; }
  elif [[ -n $PG_PRELOAD_CHANGED || -n $PG_REPLICATION_CHANGED ]]; then
    # The preload list is read at server start only: restart once so the new line takes effect.
    run_as postgres "$bin/pg_ctl" -D "$PG_HOME/data" -l "$PG_HOME/postgres.log" -w -t 60 -m fast \
      -o "-p $PG_PORT -k $PG_HOME/run" restart >/dev/null ||
      { tail -n 20 "$PG_HOME/postgres.log" >&2; return 1; }
  fi
  # The runtime role 'hub' gets only what the hub needs: it logs in and owns its databases. Creating
  # and dropping databases (tests, benchmarks) is the separate login 'hub_admin' (test-admin.env).
  pg_psql -d postgres <<EOF
SELECT count(*) > 0 AS hub_exists FROM pg_roles WHERE rolname='hub' \gset
\if :hub_exists
ALTER ROLE hub WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$DB_PASSWORD';
\else
CREATE ROLE hub WITH LOGIN NOCREATEDB NOCREATEROLE PASSWORD '$DB_PASSWORD';
\endif
REVOKE pg_signal_backend FROM hub;
SELECT count(*) > 0 AS admin_exists FROM pg_roles WHERE rolname='hub_admin' \gset
\if :admin_exists
ALTER ROLE hub_admin WITH LOGIN CREATEDB PASSWORD '$DB_ADMIN_PASSWORD';
\else
CREATE ROLE hub_admin WITH LOGIN CREATEDB PASSWORD '$DB_ADMIN_PASSWORD';
\endif
-- It creates databases owned by hub and drops them WITH (FORCE), which may have to end a session.
GRANT hub TO hub_admin;
GRANT pg_signal_backend TO hub_admin;
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
max_packet_size $MQTT_MAX_PACKET_BYTES
pid_file $MQTT_HOME/mosquitto.pid
log_dest file $MQTT_HOME/mosquitto.log
log_type error
log_type warning
log_type notice
log_timestamp_format %Y-%m-%dT%H:%M:%S
EOF
  cat >"$MQTT_HOME/acl.services" <<EOF
# The hub reads every device topic and uses hub/internal/ to fan out to its other instances.
user $MQTT_SERVICE_USER
topic read hub/v1/#
topic readwrite hub/internal/#
EOF
  touch "$MQTT_HOME/passwd" "$MQTT_HOME/acl.devices"
  # Before service logins had a dot the hub's login was 'hub': drop it unless it is now a device's.
  if ! grep -q '^hub ' "$MQTT_HOME/acl.devices"; then
    broker_lock
    awk -F: '$1 != "hub"' "$MQTT_HOME/passwd" | broker_replace "$MQTT_HOME/passwd"
    broker_unlock
  fi
  chmod 600 "$MQTT_HOME/passwd" "$MQTT_HOME/acl.devices" "$MQTT_HOME/acl.services"
  # Once the hub renders the device logins (issue 18) their ACL is its own: keep it.
  grep -q 'rendered by the hub' "$MQTT_HOME/acl" 2>/dev/null || broker_render_acl
  if is_root && id mosquitto >/dev/null 2>&1; then
    chown -R mosquitto "$MQTT_HOME"
  fi
  broker_set_service_password "$MQTT_SERVICE_USER" "$MQTT_PASSWORD"
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

# broker_set_service_password USER PASSWORD: sets a service login (its name has a dot) in the private
# broker's password file. Device logins go through broker_sync_device_credentials only.
broker_set_service_password() {
  local home=$HUB_DATA_DIR/mqtt tmp
  [[ $1 == *.* && $1 != *:* ]] || { echo "hub: '$1' is not a service login name (it needs a dot)" >&2; return 1; }
  tmp=$(mktemp -d)
  printf '%s:%s\n' "$1" "$2" >"$tmp/new"
  mosquitto_passwd -U "$tmp/new" >/dev/null
  broker_lock
  awk -F: -v u="$1" '$1 != u' "$home/passwd" >"$tmp/keep"
  broker_install_passwd "$tmp/keep" "$tmp/new"
  broker_unlock
  rm -rf "$tmp"
  broker_reload
}

# broker_sync_device_credentials FILE [--replace]: lines 'username=CODE password=SECRET community=C
# type=T' (what ./hub device credentials prints) into the private broker: the login, and ACL lines that
# let CODE publish only hub/v1/C/T/CODE/event and .../status (a line without a valid community and
# type gives a login with no rights). A username that is not a device code is refused, so a device
# can never replace a service login. --replace drops every device login not in FILE (retired or
# deleted devices); without it the others are kept. Files are replaced atomically (rename) under
# broker_lock, and the broker reloads once: a reload never sees a half-written file, and concurrent
# writers never lose each other's logins.
broker_sync_device_credentials() {
  local file=$1 mode=${2:-}
  local home=$HUB_DATA_DIR/mqtt
  touch "$home/passwd" "$home/acl.devices"
  local tmp
  tmp=$(mktemp -d)
  : >"$tmp/new"; : >"$tmp/acl"; : >"$tmp/names"
  if ! awk -v dir="$tmp" '
      { u=""; p=""; c=""; t=""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^username=/) u = substr($i, 10); else if ($i ~ /^password=/) p = substr($i, 10)
          else if ($i ~ /^community=/) c = substr($i, 11); else if ($i ~ /^type=/) t = substr($i, 6)
        }
        if (u == "") next
        if (u !~ /^[a-z0-9-]+$/ || length(u) > 64) {
          print "hub: refusing broker login \"" u "\": device logins are device codes [a-z0-9-]{1,64}" > "/dev/stderr"; bad = 1; next
        }
        if (p == "" || p ~ /:/) { print "hub: refusing broker login \"" u "\": no usable password" > "/dev/stderr"; bad = 1; next }
        print u ":" p > (dir "/new"); print u > (dir "/names")
        if (c ~ /^[a-z0-9-]+$/ && length(c) <= 64 && (t == "gate" || t == "fire_button" || t == "camera"))
          print u " " c " " t > (dir "/acl")
      }
      END { exit bad }' "$file"; then
    rm -rf "$tmp"
    return 1
  fi
  [[ -s $tmp/new ]] && mosquitto_passwd -U "$tmp/new" >/dev/null
  broker_lock
  if [[ $mode == --replace ]]; then
    # Every device login is in FILE: keep only service logins.
    awk -F: '$1 !~ /^[a-z0-9-]+$/' "$home/passwd" >"$tmp/keep"
    : >"$tmp/acl.keep"
  else
    awk -F: 'NR==FNR{n[$1]=1; next} !($1 in n)' "$tmp/names" "$home/passwd" >"$tmp/keep"
    awk 'NR==FNR{n[$1]=1; next} !($1 in n)' "$tmp/names" "$home/acl.devices" >"$tmp/acl.keep"
  fi
  broker_install_passwd "$tmp/keep" "$tmp/new"
  cat "$tmp/acl.keep" "$tmp/acl" | broker_replace "$home/acl.devices"
  broker_render_acl
  broker_unlock
  rm -rf "$tmp"
  broker_reload
}

# broker_remove_device_logins CODE...: a retired or deleted device's login and ACL lines leave the
# private broker (its open connection is refused at the next reconnect; its publishes at once).
broker_remove_device_logins() {
  local home=$HUB_DATA_DIR/mqtt tmp
  tmp=$(mktemp -d)
  printf '%s\n' "$@" >"$tmp/names"
  broker_lock
  awk -F: 'NR==FNR{n[$1]=1; next} !($1 in n)' "$tmp/names" "$home/passwd" >"$tmp/keep"
  : >"$tmp/none"
  broker_install_passwd "$tmp/keep" "$tmp/none"
  awk 'NR==FNR{n[$1]=1; next} !($1 in n)' "$tmp/names" "$home/acl.devices" | broker_replace "$home/acl.devices"
  broker_render_acl
  broker_unlock
  rm -rf "$tmp"
  broker_reload
}

# broker_install_passwd KEEP NEW: the password file becomes KEEP then NEW (hashed lines), atomically.
# Call it under broker_lock, with KEEP read under the same lock.
broker_install_passwd() {
  cat "$1" "$2" | broker_replace "$HUB_DATA_DIR/mqtt/passwd"
}

# broker_lock / broker_unlock: one writer of the broker's password and ACL files at a time, across
# processes (./hub commands, test JVMs adding logins, ./hub services up): each read-modify-write runs
# alone, so no writer loses another's logins. Re-entrant within one shell; waits up to 120 s. A writer
# that dies releases it (the kernel closes its descriptor).
broker_lock() {
  if (( ${BROKER_LOCK_DEPTH:-0} == 0 )); then
    exec {BROKER_LOCK_FD}>>"$HUB_DATA_DIR/mqtt/files.lock"
    flock -w 120 "$BROKER_LOCK_FD" || { echo "hub: another writer held the broker's files for 120 s" >&2; return 1; }
  fi
  BROKER_LOCK_DEPTH=$(( ${BROKER_LOCK_DEPTH:-0} + 1 ))
}

broker_unlock() {
  BROKER_LOCK_DEPTH=$(( BROKER_LOCK_DEPTH - 1 ))
  if (( BROKER_LOCK_DEPTH == 0 )); then exec {BROKER_LOCK_FD}>&-; fi
}

# broker_replace FILE: standard input becomes FILE (mode 600, owned by the broker's user) by renaming a
# temporary file of this writer's own: a broker reload never reads a half-written file (with one shared
# temporary name, a second writer could rename the first one's half-written file into place: Mosquitto
# then refused it with "Corrupt password file at line 1").
broker_replace() {
  local next
  next=$(mktemp "$1.XXXXXX")
  cat >"$next"
  chmod 600 "$next"
  if is_root && id mosquitto >/dev/null 2>&1; then chown mosquitto "$next"; fi
  mv -f "$next" "$1"
}

# broker_render_acl: the ACL file = the service rules + one block per device (its own topics only).
broker_render_acl() {
  local home=$HUB_DATA_DIR/mqtt
  broker_lock
  {
    cat "$home/acl.services" 2>/dev/null
    printf '\n# Each device may publish only its own event and status topics, under its registered community\n'
    printf '# and type (rendered from the registry by ./hub device credentials).\n'
    awk '{ printf "user %s\ntopic write hub/v1/%s/%s/%s/event\ntopic write hub/v1/%s/%s/%s/status\n", $1, $2, $3, $1, $2, $3, $1 }' \
      "$home/acl.devices" 2>/dev/null
  } | broker_replace "$home/acl"
  broker_unlock
}

# export_private_broker_files: the hub owns the device logins (issue 18): it renders this checkout's private
# broker's password and ACL files from its database and reloads the broker by SIGHUP. Sets HUB_MOSQUITTO_* for
# the private broker unless the caller configured them (e.g. for a system Mosquitto service).
export_private_broker_files() {
  [[ -n ${HUB_MOSQUITTO_PASSWORD_FILE:-} ]] && return 0
  local home=$HUB_DATA_DIR/mqtt
  export HUB_MOSQUITTO_PASSWORD_FILE=$home/passwd HUB_MOSQUITTO_ACL_FILE=$home/acl \
    HUB_MOSQUITTO_ACL_BASE=$home/acl.services HUB_MOSQUITTO_PID_FILE=$home/mosquitto.pid
}

# is_private_broker URL: true when URL is this checkout's private broker (loopback, its port).
is_private_broker() {
  local url=$1 port=
  [[ -f $HUB_DATA_DIR/state.env ]] || return 1
  port=$(MQTT_PORT=; . "$HUB_DATA_DIR/state.env"; echo "${MQTT_PORT:-}")
  [[ -n $port && $url =~ ^(tcp|mqtt)://(127\.0\.0\.1|localhost|\[::1\]):([0-9]+)/?$ && ${BASH_REMATCH[3]} == "$port" ]]
}

write_services_env() {
  (umask 077; cat >"$HUB_DATA_DIR/services.env" <<EOF
export HUB_DATA_DIR='$HUB_DATA_DIR'
export HUB_DB_URL='jdbc:postgresql://127.0.0.1:$PG_PORT/hub'
export HUB_DB_USER='hub'
export HUB_DB_PASSWORD='$DB_PASSWORD'
export HUB_MQTT_URL='tcp://127.0.0.1:$MQTT_PORT'
export HUB_MQTT_USER='$MQTT_SERVICE_USER'
export HUB_MQTT_PASSWORD='$MQTT_PASSWORD'
EOF
  )
  # Only tests and benchmarks read this: the login that creates and drops their databases.
  write_private "$HUB_DATA_DIR/test-admin.env" <<EOF
export HUB_TEST_DB_ADMIN_USER='hub_admin'
export HUB_TEST_DB_ADMIN_PASSWORD='$DB_ADMIN_PASSWORD'
EOF
}

services_up() {
  ensure_packages
  secure_data_dir
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
