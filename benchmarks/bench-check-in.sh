#!/usr/bin/env bash
# Missed-check-in detection cost: alert-service alone on a database of its own, 100,000 elders'
# care circles arming one check-in deadline each, most elders checking in, the rest falling due at
# one deadline minute; wall time and PostgreSQL work per phase, beside a plain insert/select loop
# into the same PostgreSQL (org.eldercare.bench.CheckInCostBenchmark).
#
#   benchmarks/bench-check-in.sh [--elders 100000] [--missed-share 0.03] [--baseline-rows 20000]
#
# It runs a broker of its own (Mosquitto on BENCH_MQTT_PORT): care circles and events on the project's
# shared broker would reach every other alert service listening there and arm 100,000 deadlines in
# each of their databases.
#
# Environment: BENCH_DB (eldercare_bench), ALERT_PORT (28682), BENCH_HEAP (768m), BENCH_MQTT_PORT (28883).
# Method and recorded figures: docs/benchmarks.md ("Missed-check-in detection cost").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${BENCH_DB:-eldercare_bench}"
AL_PORT="${ALERT_PORT:-28682}"
HEAP="${BENCH_HEAP:-768m}"
MQTT_PORT="${BENCH_MQTT_PORT:-28883}"
OUT="$ROOT/benchmarks/target/check-in-$(date -u +%Y%m%dT%H%M%SZ)"
source "$ROOT/benchmarks/lib.sh"   # ELDERCARE_ENVIRONMENT=bench, fresh databases, readiness, session wipes
mkdir -p "$OUT"

scripts/infra.sh up >/dev/null
# A database of its own: another alert-service on a shared database would claim the timers, and
# PostgreSQL's per-database statistics would count the others' work.
bench_fresh_db "$DB" || { echo "[check-in] set BENCH_DB to a database name this script may drop and create" >&2; exit 1; }

if [[ ! -f alert-service/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -q -B -ntp -pl alert-service -am install -DskipTests -DskipITs
fi
./mvnw -q -B -ntp -pl benchmarks compile
./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"
cp -r alert-service/target/quarkus-app "$OUT/alert-service-app"

PID=""
BROKER_PID=""
cleanup() {
  if [[ -n "$PID" ]]; then
    kill "$PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  [[ -n "$BROKER_PID" ]] && { kill "$BROKER_PID" 2>/dev/null || true; wait "$BROKER_PID" 2>/dev/null || true; }
}
trap cleanup EXIT

command -v mosquitto >/dev/null || { echo "[check-in] needs mosquitto (Debian package mosquitto) for a broker of its own" >&2; exit 1; }
mosquitto_passwd -b -c "$OUT/passwd" platform platform-dev-secret
cat >"$OUT/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
allow_anonymous false
password_file $OUT/passwd
persistence false
# as the project broker (.infra/mosquitto): a wider window only makes the alert service time out on its pool
max_inflight_messages 200
max_queued_messages 200000
user $(id -un)
CONF
mosquitto -c "$OUT/mosquitto.conf" >"$OUT/mosquitto.log" 2>&1 &
BROKER_PID=$!
for _ in $(seq 1 40); do (exec 3<>"/dev/tcp/127.0.0.1/$MQTT_PORT") 2>/dev/null && break; sleep 0.25; done

env INSTANCE_ID=checkin-bench ELDERCARE_DB_NAME="$DB" ALERT_PORT="$AL_PORT" MQTT_PORT="$MQTT_PORT" \
  VISIT_SERVICE_URL=http://127.0.0.1:1 ELDERCARE_ALERT_DETECT_FIRST_CHECK_IN_GRACE=0s java -Xmx"$HEAP" -jar "$OUT/alert-service-app/quarkus-run.jar" >"$OUT/alert.log" 2>&1 &
PID=$!
bench_await_ready "$AL_PORT" "$OUT/alert.log" "$PID" || exit 1

java -Xmx1g -cp "benchmarks/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.bench.CheckInCostBenchmark \
  --jdbc "jdbc:postgresql://${ELDERCARE_DB_HOST:-127.0.0.1}:${ELDERCARE_DB_PORT:-5432}/$DB" \
  --broker "tcp://127.0.0.1:$MQTT_PORT" --out "$OUT/result.md" "$@"
echo "[check-in] alert-service RSS at the end: $(awk '/VmRSS/ {print $2, $3}' /proc/$PID/status)"
echo "[check-in] machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "[check-in] result in $OUT/result.md"
