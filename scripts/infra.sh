#!/usr/bin/env bash
# Makes sure a PostgreSQL server and an MQTT broker are reachable for the platform, its tests and
# its demo. Uses what is already running where it can, starts what is missing, and creates the
# databases, the role and the broker accounts the platform needs. Idempotent: run it as often as
# you like. See docs/infrastructure.md for the decisions behind it.
#
#   scripts/infra.sh          ensure both are up (default)
#   scripts/infra.sh status   say what is reachable
#   scripts/infra.sh stop     stop what this script started (the project's broker, its own PostgreSQL)
#
# Environment (all optional):
#   ELDERCARE_DB_HOST/PORT        PostgreSQL to use                 (127.0.0.1:5432)
#   ELDERCARE_DB_USER/PASSWORD    role the services log in as       (eldercare/eldercare)
#   PG_ADMIN_USER                 superuser used to create the role (postgres)
#   MQTT_HOST/MQTT_PORT           broker to use                     (127.0.0.1:1884)
#   ELDERCARE_EXTERNAL_MQTT=1     the broker is managed elsewhere: only check it is reachable
#   ELDERCARE_STATE_DIR           where the project's broker/database keep their data (.infra/)
#   ELDERCARE_EMBEDDED=1          use the embedded PostgreSQL and broker even where system ones exist
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${ELDERCARE_STATE_DIR:-$ROOT/.infra}"
DB_HOST="${ELDERCARE_DB_HOST:-127.0.0.1}"
DB_PORT="${ELDERCARE_DB_PORT:-5432}"
DB_USER="${ELDERCARE_DB_USER:-eldercare}"
DB_PASSWORD="${ELDERCARE_DB_PASSWORD:-eldercare}"
PG_ADMIN_USER="${PG_ADMIN_USER:-postgres}"
MQTT_HOST="${MQTT_HOST:-127.0.0.1}"
MQTT_PORT="${MQTT_PORT:-1884}"
MQTT_ADMIN_USER="${MQTT_ADMIN_USER:-eldercare-admin}"
MQTT_ADMIN_PASSWORD="${MQTT_ADMIN_PASSWORD:-admin-dev-secret}"
MQTT_SERVICE_USER="${MQTT_SERVICE_USER:-platform}"
MQTT_SERVICE_PASSWORD="${MQTT_SERVICE_PASSWORD:-platform-dev-secret}"
DATABASES=(eldercare eldercare_test)

log() { printf '[infra] %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [ "$(id -u)" = 0 ]; }

port_open() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && { exec 3>&- 3<&-; return 0; } || return 1
}

wait_port() { # host port seconds
  local i
  for ((i = 0; i < $3 * 5; i++)); do port_open "$1" "$2" && return 0; sleep 0.2; done
  return 1
}

apt_install() {
  is_root && have apt-get || return 1
  log "installing $* from Debian packages"
  if [ ! -f "$STATE/.apt-updated" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null && mkdir -p "$STATE" && touch "$STATE/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

pg_bin() { # newest installed PostgreSQL server binary directory
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true
}

# ---------------------------------------------------------------- PostgreSQL
start_postgres() {
  if port_open "$DB_HOST" "$DB_PORT"; then
    log "PostgreSQL already listening on $DB_HOST:$DB_PORT"
    return 0
  fi
  if [ "$DB_HOST" != 127.0.0.1 ] && [ "$DB_HOST" != localhost ]; then
    log "PostgreSQL at $DB_HOST:$DB_PORT is not reachable and is not ours to start"; return 1
  fi
  if [ -n "${ELDERCARE_EMBEDDED:-}" ]; then
    start_embedded postgres; return
  fi
  # A system cluster that is installed but stopped: start it.
  if have pg_ctlcluster && is_root && ls /etc/postgresql/*/main >/dev/null 2>&1; then
    local v; v="$(ls /etc/postgresql | sort -V | tail -1)"
    log "starting the system PostgreSQL cluster $v/main"
    pg_ctlcluster --skip-systemctl-redirect "$v" main start >/dev/null 2>&1 || true
    wait_port "$DB_HOST" "$DB_PORT" 20 && return 0
  fi
  if [ -z "$(pg_bin)" ]; then
    apt_install postgresql || true
    if have pg_ctlcluster && is_root && ls /etc/postgresql/*/main >/dev/null 2>&1; then
      local v; v="$(ls /etc/postgresql | sort -V | tail -1)"
      pg_ctlcluster --skip-systemctl-redirect "$v" main start >/dev/null 2>&1 || true
      wait_port "$DB_HOST" "$DB_PORT" 20 && return 0
    fi
  fi
  local bin; bin="$(pg_bin)"
  if [ -n "$bin" ]; then
    # Our own cluster in the state directory, trust auth on loopback only.
    local data="$STATE/postgres"
    local runas=()
    if is_root; then runas=(runuser -u postgres --); mkdir -p "$STATE"; fi
    if [ ! -f "$data/PG_VERSION" ]; then
      log "initialising a PostgreSQL cluster in $data"
      mkdir -p "$data"; is_root && chown -R postgres "$data"
      "${runas[@]}" "$bin/initdb" -D "$data" -U "$PG_ADMIN_USER" --auth=trust -E UTF8 >/dev/null
    fi
    log "starting PostgreSQL from $bin on port $DB_PORT"
    "${runas[@]}" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $DB_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$data -c max_connections=300" start >/dev/null
    wait_port "$DB_HOST" "$DB_PORT" 30 && return 0
  fi
  log "no PostgreSQL server could be found or installed; falling back to the embedded one"
  start_embedded postgres
}

psql_admin() { # sql...
  if have psql; then
    if PGCONNECT_TIMEOUT=5 psql -h "$DB_HOST" -p "$DB_PORT" -U "$PG_ADMIN_USER" -d postgres -tAc "select 1" >/dev/null 2>&1; then
      psql -h "$DB_HOST" -p "$DB_PORT" -U "$PG_ADMIN_USER" -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
      return
    elif is_root && id postgres >/dev/null 2>&1; then
      (cd / && runuser -u postgres -- psql -p "$DB_PORT" -d postgres -v ON_ERROR_STOP=1 -qtA "$@")
      return
    fi
  fi
  return 1
}

create_databases() {
  if PGPASSWORD="$DB_PASSWORD" have psql && PGPASSWORD="$DB_PASSWORD" PGCONNECT_TIMEOUT=5 \
      psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "${DATABASES[1]}" -tAc "select 1" >/dev/null 2>&1 \
      && PGPASSWORD="$DB_PASSWORD" psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "${DATABASES[0]}" -tAc "select 1" >/dev/null 2>&1; then
    log "databases ${DATABASES[*]} ready for role $DB_USER"
    return 0
  fi
  if ! have psql; then
    log "no psql client: creating the role and databases through the embedded tooling"
    start_embedded provision; return
  fi
  log "creating role $DB_USER and databases ${DATABASES[*]}"
  psql_admin -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
        CREATE ROLE \"$DB_USER\" LOGIN PASSWORD '$DB_PASSWORD';
      END IF; END \$\$;" || { log "cannot log in to PostgreSQL as $PG_ADMIN_USER to create the role"; return 1; }
  local db
  for db in "${DATABASES[@]}"; do
    if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != 1 ]; then
      psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$DB_USER\""
    fi
  done
}

# ---------------------------------------------------------------- MQTT broker
mqtt_login_ok() { # user password
  have mosquitto_pub || return 1
  timeout 5 mosquitto_pub -h "$MQTT_HOST" -p "$MQTT_PORT" -u "$1" -P "$2" -i "infra-check-$$" \
    -t "eldercare/internal/v1/infra-check" -m ok -q 1 >/dev/null 2>&1
}

dynsec_plugin() {
  ls /usr/lib/*/mosquitto_dynamic_security.so /usr/lib/mosquitto_dynamic_security.so \
     /usr/local/lib/mosquitto_dynamic_security.so 2>/dev/null | head -1 || true
}

ctrl() { mosquitto_ctrl -h "$MQTT_HOST" -p "$MQTT_PORT" -u "$MQTT_ADMIN_USER" -P "$MQTT_ADMIN_PASSWORD" dynsec "$@"; }

start_mosquitto() {
  if [ -n "${ELDERCARE_EXTERNAL_MQTT:-}" ]; then
    port_open "$MQTT_HOST" "$MQTT_PORT" && { log "external MQTT broker at $MQTT_HOST:$MQTT_PORT reachable"; echo external > "$STATE/broker-kind"; return 0; }
    log "external MQTT broker at $MQTT_HOST:$MQTT_PORT not reachable"; return 1
  fi
  if port_open "$MQTT_HOST" "$MQTT_PORT"; then
    if mqtt_login_ok "$MQTT_SERVICE_USER" "$MQTT_SERVICE_PASSWORD"; then
      log "MQTT broker already listening on $MQTT_HOST:$MQTT_PORT"; return 0
    fi
    if ! have mosquitto_pub; then
      log "MQTT broker listening on $MQTT_HOST:$MQTT_PORT (no client to check its accounts)"; return 0
    fi
    log "something listens on $MQTT_HOST:$MQTT_PORT but refuses the platform's account; set MQTT_PORT to a free port"
    return 1
  fi
  if [ -z "${ELDERCARE_EMBEDDED:-}" ] && { ! have mosquitto || ! have mosquitto_ctrl || [ -z "$(dynsec_plugin)" ]; }; then
    apt_install mosquitto mosquitto-clients || true
  fi
  if [ -n "${ELDERCARE_EMBEDDED:-}" ] || ! have mosquitto || ! have mosquitto_ctrl || [ -z "$(dynsec_plugin)" ]; then
    log "no Mosquitto could be found or installed (or ELDERCARE_EMBEDDED is set); starting the embedded broker"
    start_embedded mqtt
    # The embedded broker asks device-gateway about every login and topic (BROKER_ACCOUNTS=http).
    echo embedded > "$STATE/broker-kind"
    return
  fi
  local dir="$STATE/mosquitto"
  mkdir -p "$dir/data"
  if [ ! -f "$dir/dynamic-security.json" ]; then
    mosquitto_ctrl dynsec init "$dir/dynamic-security.json" "$MQTT_ADMIN_USER" "$MQTT_ADMIN_PASSWORD" >/dev/null
  fi
  cat > "$dir/mosquitto.conf" <<CONF
# Written by scripts/infra.sh; edits are overwritten.
per_listener_settings false
listener $MQTT_PORT ${MQTT_BIND:-0.0.0.0}
allow_anonymous false
plugin $(dynsec_plugin)
plugin_opt_config_file $dir/dynamic-security.json
persistence true
persistence_location $dir/data/
# Mosquitto rewrites its whole store on every autosave, blocking its one thread: with a backlog of
# hundreds of MB (disconnected sessions of other environments) a 5 s interval stalled it 1-2 s each
# time (docs/benchmarks.md). Saved on shutdown anyway; per-session backlogs bounded in bytes too.
autosave_interval 60
max_queued_messages 200000
max_queued_bytes 33554432
max_inflight_messages 200
max_keepalive 300
log_dest file $dir/mosquitto.log
log_type error
log_type warning
log_type notice
pid_file $dir/mosquitto.pid
CONF
  if is_root && id mosquitto >/dev/null 2>&1; then chown -R mosquitto "$dir"; fi
  log "starting Mosquitto on port $MQTT_PORT (data in $dir)"
  mosquitto -d -c "$dir/mosquitto.conf"
  echo mosquitto > "$STATE/broker-kind"
  wait_port "$MQTT_HOST" "$MQTT_PORT" 15 || { log "Mosquitto did not start; see $dir/mosquitto.log"; return 1; }
  ensure_broker_accounts
}

ensure_broker_accounts() {
  # The platform's services log in as one service account allowed on every topic. Watches and apps
  # are added one by one by device-gateway through the same dynamic-security API.
  if ctrl getClient "$MQTT_SERVICE_USER" >/dev/null 2>&1 && mqtt_login_ok "$MQTT_SERVICE_USER" "$MQTT_SERVICE_PASSWORD"; then
    return 0
  fi
  log "creating the broker's service account '$MQTT_SERVICE_USER'"
  ctrl createRole platform-service >/dev/null 2>&1 || true
  local acl
  for acl in publishClientSend publishClientReceive subscribePattern unsubscribePattern; do
    ctrl addRoleACL platform-service "$acl" '#' allow 5 >/dev/null 2>&1 || true
  done
  ctrl createClient "$MQTT_SERVICE_USER" -p "$MQTT_SERVICE_PASSWORD" >/dev/null 2>&1 \
    || ctrl setClientPassword "$MQTT_SERVICE_USER" "$MQTT_SERVICE_PASSWORD" >/dev/null
  ctrl addClientRole "$MQTT_SERVICE_USER" platform-service 5 >/dev/null 2>&1 || true
  # device-gateway manages device and app accounts: it needs the admin role for $CONTROL.
  ctrl addClientRole "$MQTT_SERVICE_USER" admin 5 >/dev/null 2>&1 || true
  mqtt_login_ok "$MQTT_SERVICE_USER" "$MQTT_SERVICE_PASSWORD" || { log "the broker refuses the service account"; return 1; }
}

# ---------------------------------------------------------------- embedded fallback (JDK only)
start_embedded() { # postgres | mqtt | provision
  "$ROOT/scripts/embedded-infra.sh" "$1"
}

stop_all() {
  local dir="$STATE/mosquitto"
  if [ -f "$dir/mosquitto.pid" ]; then
    kill "$(cat "$dir/mosquitto.pid")" 2>/dev/null && log "stopped the project's Mosquitto" || true
    rm -f "$dir/mosquitto.pid"
  fi
  if [ -f "$STATE/postgres/postmaster.pid" ]; then
    local runas=(); is_root && runas=(runuser -u postgres --)
    "${runas[@]}" "$(pg_bin)/pg_ctl" -D "$STATE/postgres" stop -m fast >/dev/null && log "stopped the project's PostgreSQL"
  fi
  "$ROOT/scripts/embedded-infra.sh" stop 2>/dev/null || true
}

# The console's browser tests drive Debian's Chromium through chromedriver; a CJK font lets it draw
# the Chinese labels (screenshots). Installed as root when missing; otherwise the tests say what is missing.
ensure_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    log "Chromium and chromedriver found"
  elif apt_install chromium chromium-driver; then
    log "installed Chromium and chromedriver"
  else
    log "Chromium is missing and cannot be installed here (needs root and apt-get): the console's browser tests will fail"
  fi
  if have fc-list && [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    apt_install fonts-wqy-microhei || log "no Chinese font: the browser shows the console's Chinese labels as boxes"
  fi
}

case "${1:-up}" in
  up)
    mkdir -p "$STATE"
    start_postgres
    create_databases
    start_mosquitto
    log "ready: PostgreSQL $DB_HOST:$DB_PORT (databases ${DATABASES[*]}), MQTT $MQTT_HOST:$MQTT_PORT"
    ;;
  status)
    port_open "$DB_HOST" "$DB_PORT" && log "PostgreSQL $DB_HOST:$DB_PORT reachable" || log "PostgreSQL $DB_HOST:$DB_PORT down"
    port_open "$MQTT_HOST" "$MQTT_PORT" && log "MQTT $MQTT_HOST:$MQTT_PORT reachable" || log "MQTT $MQTT_HOST:$MQTT_PORT down"
    ;;
  stop) stop_all ;;
  browser) ensure_browser ;;
  *) echo "usage: $0 [up|status|stop|browser]" >&2; exit 2 ;;
esac
