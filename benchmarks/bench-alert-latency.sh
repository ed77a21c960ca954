#!/usr/bin/env bash
# Alert latency: SOS published by a watch -> notification received by the family app, through
# device-gateway and alert-service (visit-service supplies the care circles), while other watches
# publish telemetry at background rates; the broker's own round trip is measured in the same phases.
#
#   benchmarks/bench-alert-latency.sh [--rates 0,2000,10000] [--probes 100] [--interval-ms 200]
#                                     [--background-watches 200] [--background-qos 1]
#
# Environment: GATEWAY_PORT (28281), ALERT_PORT (28282), VISIT_PORT (28283), GATEWAY_INGEST_CONNECTIONS (2).
# Method and recorded figures: docs/benchmarks.md ("Alert latency").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
GW_PORT="${GATEWAY_PORT:-28281}"
AL_PORT="${ALERT_PORT:-28282}"
VS_PORT="${VISIT_PORT:-28283}"
CONNECTIONS="${GATEWAY_INGEST_CONNECTIONS:-2}"
OUT="$ROOT/benchmarks/target/alert-latency-$(date -u +%Y%m%dT%H%M%SZ)"
source "$ROOT/benchmarks/lib.sh"   # ELDERCARE_ENVIRONMENT=bench, fresh databases, readiness, session wipes
mkdir -p "$OUT"

scripts/infra.sh up
# Build only what is missing or older than its sources (the team shares two cores)
needs_build=false
for m in device-gateway alert-service visit-service; do
  jar="$m/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$m/src/main" platform-mqtt/src/main contracts/src/main -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
    needs_build=true
  fi
done
if $needs_build; then
  ./mvnw -o -q -B -pl device-gateway,alert-service,visit-service -am install -DskipTests -DskipITs
fi
./mvnw -o -q -B -pl benchmarks -am install -DskipTests -DskipITs
./mvnw -o -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"

PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # Drop the services' persistent sessions: left behind, they would queue every later message of their groups
  local ids=(device-gateway-latency-dynsec device-gateway-latency-ingest-urgent alert-service-latency-events
    alert-service-latency-readings alert-service-latency-circles alert-service-latency-motion)
  for ((i = 0; i < CONNECTIONS; i++)); do ids+=("device-gateway-latency-ingest-$i"); done
  bench_wipe_sessions "${ids[@]}"
}
trap cleanup EXIT

common=(INSTANCE_ID=latency ELDERCARE_MQTT_SHARE_GROUP_SUFFIX=-latency)
echo "[bench] starting device-gateway :$GW_PORT, visit-service :$VS_PORT, alert-service :$AL_PORT (logs in $OUT)"
env "${common[@]}" GATEWAY_PORT="$GW_PORT" GATEWAY_INGEST_CONNECTIONS="$CONNECTIONS" \
  java -Xmx512m -jar device-gateway/target/quarkus-app/quarkus-run.jar >"$OUT/gateway.log" 2>&1 &
PIDS+=($!)
env "${common[@]}" VISIT_PORT="$VS_PORT" \
  java -Xmx512m -jar visit-service/target/quarkus-app/quarkus-run.jar >"$OUT/visit.log" 2>&1 &
PIDS+=($!)
env "${common[@]}" ALERT_PORT="$AL_PORT" VISIT_SERVICE_URL="http://127.0.0.1:$VS_PORT" \
  java -Xmx512m -jar alert-service/target/quarkus-app/quarkus-run.jar >"$OUT/alert.log" 2>&1 &
PIDS+=($!)

for port in "$GW_PORT" "$VS_PORT" "$AL_PORT"; do
  bench_await_ready "$port" "$OUT/*.log" "${PIDS[@]}" || exit 1
done

java -Xmx1g -cp "benchmarks/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.bench.AlertLatencyBenchmark \
  --gateway "http://127.0.0.1:$GW_PORT" --alert "http://127.0.0.1:$AL_PORT" --visit "http://127.0.0.1:$VS_PORT" \
  --out "$OUT/result.md" "$@"
echo "[bench] load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "[bench] result in $OUT/result.md"
