#!/usr/bin/env bash
# Proof that replicas work: two device-gateways and two alert-services side by side on this machine,
# against the same broker and database, with one visit-service. Runs
# org.eldercare.bench.replicas.ReplicaProof, which loads a small district through the APIs and shows
# (1) the load split between the replicas, (2) no duplicate alerts under resends and concurrent SOS,
# (3) every timer firing once, also after one alert replica is SIGKILLed with timers pending.
# Prints PASS/FAIL with the figures; exits non-zero on failure; stops everything it started and
# discards the broker sessions of its client ids.
#
#   scripts/prove-replicas.sh [--elders 40] [--telemetry 3000]
#
# Environment: PROOF_DB (eldercare_replicas), PROOF_FALL_WINDOW (10s), PROOF_DB_POOL (4), PROOF_HEAP (384m), MQTT_PORT (1884).
# Recorded result: docs/scaling.md ("Two replicas side by side: measured").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${PROOF_DB:-eldercare_replicas}"
WINDOW="${PROOF_FALL_WINDOW:-10s}"
HEAP="${PROOF_HEAP:-384m}"
MQTT_PORT="${MQTT_PORT:-1884}"
OUT="$ROOT/benchmarks/target/replicas-$(date -u +%Y%m%dT%H%M%SZ)"
source "$ROOT/benchmarks/lib.sh"   # ELDERCARE_ENVIRONMENT=bench, readiness, session wipes
mkdir -p "$OUT"

scripts/infra.sh up >/dev/null
# A database of its own: any other alert-service on the shared databases (a benchmark, a demo, a test
# run) would claim the proof's timers and process its events, and the proof would no longer be of two.
if ! PGPASSWORD=eldercare psql -h 127.0.0.1 -U eldercare -d "$DB" -tAc "select 1" >/dev/null 2>&1; then
  bench_psql_admin "CREATE DATABASE \"$DB\" OWNER eldercare" || { echo "[replicas] cannot create database $DB; set PROOF_DB" >&2; exit 1; }
fi
if [[ ! -f device-gateway/target/quarkus-app/quarkus-run.jar || ! -f alert-service/target/quarkus-app/quarkus-run.jar \
      || ! -f visit-service/target/quarkus-app/quarkus-run.jar ]]; then
  ./mvnw -o -q -B install -DskipTests -DskipITs
fi
./mvnw -o -q -B -pl benchmarks compile
./mvnw -o -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"

# Run from a copy: the shared working tree's jars may be rebuilt while the proof runs
for m in device-gateway alert-service visit-service; do cp -r "$m/target/quarkus-app" "$OUT/$m-app"; done

PIDS=()
start() { # name jar env...
  local name="$1" jar="$2"; shift 2
  # small pools: five services and the rest of the team share one PostgreSQL (max_connections 100)
  env ELDERCARE_DB_POOL="${PROOF_DB_POOL:-4}" "$@" ELDERCARE_DB_NAME="$DB" java -Xmx"$HEAP" -jar "$jar" >"$OUT/$name.log" 2>&1 &
  PIDS+=("$!")
  echo "[replicas] started $name (pid $!, log $OUT/$name.log)"
}
SESSIONS=(device-gateway-rep-a-ingest-0 device-gateway-rep-a-ingest-1 device-gateway-rep-a-dynsec
          device-gateway-rep-b-ingest-0 device-gateway-rep-b-ingest-1 device-gateway-rep-b-dynsec
          alert-service-rep-a-events alert-service-rep-a-circles alert-service-rep-a-motion
          alert-service-rep-b-events alert-service-rep-b-circles alert-service-rep-b-motion
          )
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # Left behind, a persistent session in a share group would queue its share of every later message
  bench_wipe_sessions "${SESSIONS[@]}"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start visit "$OUT/visit-service-app/quarkus-run.jar" VISIT_PORT=28383 INSTANCE_ID=rep \
  ELDERCARE_MQTT_SHARE_GROUP_SUFFIX=-replicas
for r in a b; do
  port=$([[ $r == a ]] && echo 28381 || echo 28391)
  start "gateway-$r" "$OUT/device-gateway-app/quarkus-run.jar" GATEWAY_PORT="$port" INSTANCE_ID="rep-$r" \
    ELDERCARE_MQTT_SHARE_GROUP_SUFFIX=-replicas
done
for r in a b; do
  port=$([[ $r == a ]] && echo 28382 || echo 28392)
  part=$([[ $r == a ]] && echo 0 || echo 1)
  start "alert-$r" "$OUT/alert-service-app/quarkus-run.jar" ALERT_PORT="$port" INSTANCE_ID="rep-$r" \
    ELDERCARE_MQTT_SHARE_GROUP_SUFFIX=-replicas VISIT_SERVICE_URL=http://127.0.0.1:28383 \
    ELDERCARE_ALERT_FALL_CANCEL_WINDOW="$WINDOW" ELDERCARE_ALERT_MOTION_PARTITIONS=2 ELDERCARE_ALERT_MOTION_PARTITION="$part"
done
ALERT_A_PID="${PIDS[3]}"

for port in 28383 28381 28391 28382 28392; do
  bench_await_ready "$port" "$OUT" "${PIDS[@]}" || exit 1
done
echo "[replicas] all five services ready"

java -cp "benchmarks/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.bench.replicas.ReplicaProof \
  --gateway-a http://127.0.0.1:28381 --gateway-b http://127.0.0.1:28391 \
  --alert-a http://127.0.0.1:28382 --alert-b http://127.0.0.1:28392 --visit http://127.0.0.1:28383 \
  --broker "tcp://127.0.0.1:$MQTT_PORT" --jdbc "jdbc:postgresql://127.0.0.1:5432/$DB" \
  --fall-window-seconds "${WINDOW%s}" --kill-pid "$ALERT_A_PID" --out "$OUT/result.txt" "$@"
