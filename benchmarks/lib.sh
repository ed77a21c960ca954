#!/usr/bin/env bash
# Shared by the benchmark scripts (sourced, not run): a fresh database, waiting for a service's
# readiness, and dropping the persistent MQTT sessions a run leaves behind.

# Internal topics of the benchmarks' own (eldercare/internal/bench/v1/...), apart from a demo or tests
# on the same broker; the services and the benchmarks' own clients read it alike (docs/decisions.md).
export ELDERCARE_ENVIRONMENT="${ELDERCARE_ENVIRONMENT:-bench}"

# psql as the PostgreSQL superuser: the postgres OS account where we are root, PG_ADMIN_USER otherwise
bench_psql_admin() {
  if [[ $(id -u) == 0 ]] && id postgres >/dev/null 2>&1; then (cd / && runuser -u postgres -- psql -d postgres -qtAc "$1")
  else PGPASSWORD="${PG_ADMIN_PASSWORD:-}" psql -h "${ELDERCARE_DB_HOST:-127.0.0.1}" -p "${ELDERCARE_DB_PORT:-5432}" \
    -U "${PG_ADMIN_USER:-postgres}" -d postgres -qtAc "$1"; fi
}

# bench_fresh_db NAME: drops and recreates the database, owned by the platform's role
bench_fresh_db() {
  local db="$1"
  if PGPASSWORD=eldercare psql -h "${ELDERCARE_DB_HOST:-127.0.0.1}" -p "${ELDERCARE_DB_PORT:-5432}" -U eldercare -d "$db" \
      -tAc "select 1" >/dev/null 2>&1; then
    bench_psql_admin "DROP DATABASE \"$db\" WITH (FORCE)" || { echo "[bench] cannot drop database $db" >&2; return 1; }
  fi
  bench_psql_admin "CREATE DATABASE \"$db\" OWNER eldercare" || { echo "[bench] cannot create database $db" >&2; return 1; }
}

# bench_await_ready PORT LOGS PID...: waits (up to 120 s) for /q/health/ready on PORT, failing at once
# if one of the PIDs has died
bench_await_ready() {
  local port="$1" logs="$2"; shift 2
  local _pid
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    for _pid in "$@"; do
      kill -0 "$_pid" 2>/dev/null || { echo "[bench] a service died; see $logs" >&2; return 1; }
    done
    sleep 0.5
  done
  echo "[bench] nothing ready on port $port after 120 s; see $logs" >&2
  return 1
}

# bench_wipe_sessions CLIENT_ID...: connects once with each id and a clean session, which discards the
# persistent session a stopped service left; left behind, it would queue every later message of its groups
bench_wipe_sessions() {
  local id
  for id in "$@"; do
    mosquitto_pub -h "${MQTT_HOST:-127.0.0.1}" -p "${MQTT_PORT:-1884}" -u "${MQTT_SERVICE_USER:-platform}" \
      -P "${MQTT_SERVICE_PASSWORD:-platform-dev-secret}" -i "$id" \
      -t eldercare/internal/v1/session-wipe -m x -q 0 >/dev/null 2>&1 || true
  done
}
