# ./hub backup FILE and ./hub restore FILE [--force] (sourced by ./hub after hub-services.sh, not run).
#
# What a hub needs to carry on elsewhere is all in its database: the data (photos included) and the
# installation secrets (table installation_secret: the key that signs login tokens and the key that
# derives every device's MQTT password from its code and rotation). The files under HUB_DATA_DIR are
# per machine and are not needed: state.env only holds the private services' own ports and passwords
# (a new machine makes its own), and the broker's password file only holds hashes of passwords that
# the database derives again; restore re-installs the device logins into the private broker.
#
# A backup is one tar file, mode 600: MANIFEST (format, source, versions, counts, SHA-256 of the
# dump) and hub.dump (pg_dump custom format). A restore as a superuser keeps the objects' owners (the
# private cluster's restores run so); as any other login, everything belongs to that login.

BACKUP_FORMAT=communityhub-backup/1

# db_connect: reads HUB_DB_URL/HUB_DB_USER/HUB_DB_PASSWORD into PG_ENV (libpq variables for the
# PostgreSQL client tools) and DB_LABEL (host:port/database, for messages).
db_connect() {
  local url=${HUB_DB_URL:-} hostport query param
  [[ $url =~ ^jdbc:postgresql://([^/?]+)/([^/?]+)(\?(.*))?$ ]] ||
    die "HUB_DB_URL must look like jdbc:postgresql://HOST:PORT/DATABASE, not '$url'"
  hostport=${BASH_REMATCH[1]}
  local db=${BASH_REMATCH[2]} host port
  query=${BASH_REMATCH[4]}
  if [[ $hostport =~ ^\[([0-9a-fA-F:.]+)\](:([0-9]+))?$ || $hostport =~ ^([^:,]+)(:([0-9]+))?$ ]]; then
    host=${BASH_REMATCH[1]}
    port=${BASH_REMATCH[3]:-5432}
  else
    die "HUB_DB_URL names several hosts ($hostport); backup and restore need one"
  fi
  PG_ENV=(PGHOST="$host" PGPORT="$port" PGDATABASE="$db" PGUSER="${HUB_DB_USER:-hub}"
    PGPASSWORD="${HUB_DB_PASSWORD:-}" PGCONNECT_TIMEOUT=10 PGAPPNAME=hub-backup
    PGOPTIONS='-c client_min_messages=warning')
  local IFS='&'
  for param in $query; do
    case $param in
      sslmode=*) PG_ENV+=(PGSSLMODE="${param#sslmode=}") ;;
      user=*) PG_ENV+=(PGUSER="${param#user=}") ;;
      password=*) PG_ENV+=(PGPASSWORD="${param#password=}") ;;
    esac
  done
  DB_NAME=$db
  DB_LABEL="$host:$port/$db"
}

# private_services_value NAME: NAME's value in this checkout's services.env (empty if never started).
private_services_value() {
  [[ -f $HUB_DATA_DIR/services.env ]] || return 0
  # shellcheck source=/dev/null
  (source "$HUB_DATA_DIR/services.env" && printf '%s' "${!1:-}")
}

# db_target: the hub's database: HUB_DB_URL's as HUB_DB_USER, else (or when HUB_DB_URL is the private
# cluster's, as after eval "$(./hub services env)") the private cluster's, started if needed, as its
# superuser over the private socket. Sets PRIVATE_BROKER=true when the broker is the private one too.
db_target() {
  PRIVATE_BROKER=false
  if [[ -n ${HUB_DB_URL:-} && $HUB_DB_URL != "$(private_services_value HUB_DB_URL)" ]]; then
    db_connect
    return 0
  fi
  local mqtt=${HUB_MQTT_URL:-}
  services_up >/dev/null
  # shellcheck source=/dev/null
  source "$HUB_DATA_DIR/services.env"
  [[ -z $mqtt || $mqtt == "$HUB_MQTT_URL" ]] && PRIVATE_BROKER=true
  DB_NAME=hub
  PG_ENV=(PGHOST="$PG_HOME/run" PGPORT="$PG_PORT" PGDATABASE="$DB_NAME" PGUSER=postgres PGAPPNAME=hub-backup
    PGOPTIONS='-c client_min_messages=warning')
  DB_LABEL="127.0.0.1:$PG_PORT/$DB_NAME (the private cluster)"
}

# pg_tool_path TOOL [MAJOR]: the TOOL of the oldest installed PostgreSQL version >= MAJOR (Debian's
# /usr/lib/postgresql/N/bin, else PATH's if new enough).
pg_tool_path() {
  local tool=$1 want=${2:-0} d v
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V); do
    v=${d#/usr/lib/postgresql/}
    v=${v%/bin}
    if [[ -x $d/$tool ]] && ((v >= want)); then
      echo "$d/$tool"
      return 0
    fi
  done
  if command -v "$tool" >/dev/null; then
    v=$("$tool" --version 2>/dev/null | grep -oE '[0-9]+' | head -n 1)
    if ((${v:-0} >= want)); then
      command -v "$tool"
      return 0
    fi
  fi
  return 1
}

# db_sql SQL: one query on the target database as the hub's login; prints unaligned rows.
db_sql() {
  env "${PG_ENV[@]}" "$PSQL" -X -qAt -v ON_ERROR_STOP=1 -c "$1"
}

# db_probe: connects once; sets SERVER_MAJOR and SERVER_VERSION, and PSQL/PG_DUMP/PG_RESTORE to the
# client tools of the server's version (or the nearest newer one, which can read and write its dumps).
db_probe() {
  PSQL=$(pg_tool_path psql) || die "psql is not installed (Debian: apt-get install postgresql-client)"
  local out
  out=$(env "${PG_ENV[@]}" "$PSQL" -X -qAt -v ON_ERROR_STOP=1 \
    -c "SELECT current_setting('server_version_num')::int / 10000, current_setting('server_version')" 2>&1) ||
    die "cannot reach the database $DB_LABEL: $(printf '%s\n' "$out" | grep -m1 -v '^\s*$')"
  SERVER_MAJOR=${out%%|*}
  SERVER_VERSION=${out#*|}
  local tool
  for tool in pg_dump pg_restore psql; do
    local path
    path=$(pg_tool_path "$tool" "$SERVER_MAJOR") ||
      die "$tool of PostgreSQL $SERVER_MAJOR or newer is not installed (Debian: apt-get install postgresql-client-$SERVER_MAJOR)"
    case $tool in
      pg_dump) PG_DUMP=$path ;;
      pg_restore) PG_RESTORE=$path ;;
      psql) PSQL=$path ;;
    esac
  done
}

# db_counts: "alerts=N devices=N users=N" of the target database (what the manifest records).
db_counts() {
  db_sql "SELECT 'alerts=' || (SELECT count(*) FROM alert) || ' devices=' || (SELECT count(*) FROM device)
            || ' users=' || (SELECT count(*) FROM hub_user)"
}

# db_user_relations: how many tables, views and sequences the database holds beyond its extensions'.
db_user_relations() {
  db_sql "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
            AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
            AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                            AND d.objid = c.oid AND d.deptype = 'e')"
}

cmd_backup() {
  [[ $# -eq 1 && $1 != -* ]] || die "usage: ./hub backup FILE"
  local out=$1 dir
  dir=$(dirname -- "$out")
  [[ -d $dir ]] || die "cannot write $out: the folder $dir does not exist"
  [[ ! -d $out ]] || die "cannot write $out: it is a folder"
  [[ -w $dir ]] || die "cannot write $out: the folder $dir is not writable"
  db_target
  db_probe
  [[ $(db_sql "SELECT to_regclass('installation_secret') IS NOT NULL") == t ]] ||
    die "the database $DB_LABEL holds no hub (no installation_secret table); is HUB_DB_URL right?"
  local counts work
  counts=$(db_counts) || die "cannot read the hub's tables in $DB_LABEL"
  work=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  local err
  if ! err=$(env "${PG_ENV[@]}" "$PG_DUMP" --format=custom \
      --file="$work/hub.dump" 2>&1); then
    die "pg_dump of $DB_LABEL failed: $(printf '%s\n' "$err" | grep -m1 -v '^\s*$')"
  fi
  local commit
  commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
  {
    echo "format=$BACKUP_FORMAT"
    echo "created=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "source=$DB_LABEL"
    echo "server_version=$SERVER_VERSION"
    echo "pg_dump=$("$PG_DUMP" --version)"
    echo "hub_commit=$commit"
    echo "schema_version=$(db_sql "SELECT max(version) FROM flyway_schema_history WHERE success" 2>/dev/null)"
    echo "timescaledb=$(db_sql "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")"
    printf '%s\n' $counts
    echo "secrets=installation_secret (token-signing-key, device-credential-key), inside hub.dump"
    echo "dump_sha256=$(sha256sum "$work/hub.dump" | cut -d' ' -f1)"
  } >"$work/MANIFEST"
  local tmp
  tmp=$(mktemp "$out.XXXXXX") || die "cannot write $out"
  chmod 600 "$tmp"
  if ! tar -C "$work" -cf "$tmp" MANIFEST hub.dump; then
    rm -f "$tmp"
    die "cannot write $out (disk full?)"
  fi
  mv -f "$tmp" "$out"
  echo "hub: backup of $DB_LABEL written to $out ($(du -h "$out" | cut -f1), ${counts//=/ })"
}

# restore_list DUMP: the dump's table of contents without the extensions the target already has
# (CREATE/COMMENT EXTENSION need the extension's owner, usually a superuser; the target's own copy stays).
restore_list() {
  local existing
  existing=$(db_sql "SELECT string_agg(extname, ' ') FROM pg_extension")
  env "${PG_ENV[@]}" "$PG_RESTORE" --list "$1" | awk -v have=" $existing " '
    / EXTENSION - / || / COMMENT - EXTENSION / { if (index(have, " " $NF " ") > 0) next }
    { print }'
}

# restore_timescaledb_begin VERSION: the backup holds hypertables: the target needs TimescaleDB of the
# same version, created before the data and put into restore mode (Timescale's documented procedure).
restore_timescaledb_begin() {
  local want=$1 have err
  if ! err=$(db_sql "CREATE EXTENSION IF NOT EXISTS timescaledb" 2>&1); then
    die "the backup uses TimescaleDB $want, which $DB_LABEL cannot load ($(printf '%s\n' "$err" | head -n 1)); install TimescaleDB $want there and preload it (see README)"
  fi
  have=$(db_sql "SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'")
  [[ $have == "$want" ]] ||
    die "the backup uses TimescaleDB $want but $DB_LABEL has $have; install $want there (or ALTER EXTENSION timescaledb UPDATE before the backup)"
  db_sql "SELECT timescaledb_pre_restore()" >/dev/null 2>&1 ||
    die "restoring TimescaleDB hypertables needs a superuser login (TimescaleDB issue 2686): run the restore with HUB_DB_USER/HUB_DB_PASSWORD of one"
}

cmd_restore() {
  local file="" force=false a
  for a in "$@"; do
    case $a in
      --force) force=true ;;
      -*) die "usage: ./hub restore FILE [--force]" ;;
      *) [[ -z $file ]] || die "usage: ./hub restore FILE [--force]"; file=$a ;;
    esac
  done
  [[ -n $file ]] || die "usage: ./hub restore FILE [--force]"
  [[ -f $file ]] || die "no such file: $file"
  local work
  work=$(mktemp -d)
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  tar -C "$work" -xf "$file" MANIFEST hub.dump 2>/dev/null ||
    die "$file is not a hub backup (expected a tar with MANIFEST and hub.dump, as ./hub backup writes)"
  grep -qx "format=$BACKUP_FORMAT" "$work/MANIFEST" ||
    die "$file has an unknown format ($(grep -m1 '^format=' "$work/MANIFEST" || echo 'no format line')); this hub reads $BACKUP_FORMAT"
  [[ $(sha256sum "$work/hub.dump" | cut -d' ' -f1) == "$(sed -n 's/^dump_sha256=//p' "$work/MANIFEST")" ]] ||
    die "$file is damaged: hub.dump does not match its checksum in MANIFEST"
  db_target
  db_probe
  local used
  used=$(db_user_relations) || die "cannot inspect the database $DB_LABEL"
  if ((used > 0)) && ! $force; then
    die "the database $DB_LABEL is not empty ($used tables/views/sequences); restore into a fresh database, or add --force to replace its hub data (stop the hub first)"
  fi
  # A superuser keeps the backup's owners (the roles must exist; the private cluster has 'hub'), and can
  # write TimescaleDB's catalog; any other login restores everything as its own.
  local tsdb clean=() owners=(--no-owner)
  [[ $(db_sql "SELECT rolsuper FROM pg_roles WHERE rolname = current_user") == t ]] && owners=()
  tsdb=$(sed -n 's/^timescaledb=//p' "$work/MANIFEST")
  if $force && ((used > 0)); then
    clean=(--clean --if-exists)
    # pg_restore --clean cannot drop hypertables (ALTER TABLE ONLY …) nor a partition's inherited
    # constraints: drop those tables first. Hypertables and chunks go with the extension, which comes
    # back fresh below when the backup uses it; partitions go with their partitioned table.
    db_sql "DROP EXTENSION IF EXISTS timescaledb CASCADE" >/dev/null ||
      die "cannot drop TimescaleDB in $DB_LABEL to replace its hub data (needs the extension's owner)"
    db_sql "DO \$\$ DECLARE t regclass; BEGIN
              FOR t IN SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                       WHERE c.relkind = 'p' AND NOT c.relispartition
                         AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\_%'
              LOOP EXECUTE format('DROP TABLE IF EXISTS %s CASCADE', t); END LOOP; END \$\$" >/dev/null ||
      die "cannot drop the partitioned tables in $DB_LABEL to replace its hub data"
  fi
  if [[ -n $tsdb ]]; then
    restore_timescaledb_begin "$tsdb"
  fi
  restore_list "$work/hub.dump" >"$work/list" || die "cannot read the dump in $file"
  local err rc=0
  err=$(env "${PG_ENV[@]}" "$PG_RESTORE" "${owners[@]}" --no-privileges --single-transaction --exit-on-error \
      "${clean[@]}" --use-list="$work/list" --dbname="$DB_NAME" "$work/hub.dump" 2>&1) || rc=$?
  [[ -z $tsdb ]] || db_sql "SELECT timescaledb_post_restore()" >/dev/null ||
    die "restored into $DB_LABEL, but timescaledb_post_restore() failed: run it there by hand"
  if ((rc != 0)) && [[ $err =~ role\ \"([^\"]+)\"\ does\ not\ exist ]]; then
    die "the backup's objects belong to the role ${BASH_REMATCH[1]}, which $DB_LABEL lacks: create it first (CREATE ROLE ${BASH_REMATCH[1]})"
  fi
  if ((rc != 0)); then
    die "restoring into $DB_LABEL failed: $(printf '%s\n' "$err" | grep -m1 -E 'error|ERROR|FATAL' || printf '%s\n' "$err" | head -n 1)"
  fi
  local counts want
  counts=$(db_counts)
  want=$(grep -E '^(alerts|devices|users)=' "$work/MANIFEST" | paste -sd' ')
  [[ $counts == "$want" ]] || die "restored into $DB_LABEL, but it holds $counts where the backup recorded $want"
  if $PRIVATE_BROKER; then
    # Device passwords derive from the restored key: install them in this checkout's broker. Any built
    # hub.jar derives them the same way (no rebuild inside a test run).
    [[ -f $HUB_JAR ]] || ensure_built
    local creds
    creds=$(mktemp)
    # The hub renders them into the private broker's files (issue 18).
    (export_private_broker_files; java -jar "$HUB_JAR" device credentials --all >"$creds") \
      || { rm -f "$creds"; die "installing the restored device logins failed"; }
    rm -f "$creds"
    echo "hub: restored $file into $DB_LABEL (${counts//=/ }); tokens and device logins of the backup are valid here"
  else
    echo "hub: restored $file into $DB_LABEL (${counts//=/ }); tokens of the backup are valid here; install the device logins in your broker (device credentials --all, docs/production.md section 3)"
  fi
}
