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
# Internal topics of the benchmarks' own (eldercare/internal/bench/v1/...), apart from a demo or tests
# on the same broker; the services and the benchmark's own clients read it alike (docs/decisions.md).
export ELDERCARE_ENVIRONMENT="${ELDERCARE_ENVIRONMENT:-bench}"
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
  for id in "${ids[@]}"; do
    mosquitto_pub -h 127.0.0.1 -p "${MQTT_PORT:-1884}" -u platform -P platform-dev-secret -i "$id" \
      -t eldercare/internal/v1/session-wipe -m x -q 0 >/dev/null 2>&1 || true
  done
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
  for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1; then break; fi
    for pid in "${PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo "[bench] a service died; see $OUT/*.log" >&2; exit 1; }
    done
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null
done

java -Xmx1g -cp "benchmarks/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.bench.AlertLatencyBenchmark \
  --gateway "http://127.0.0.1:$GW_PORT" --alert "http://127.0.0.1:$AL_PORT" --visit "http://127.0.0.1:$VS_PORT" \
  --out "$OUT/result.md" "$@"
echo "[bench] load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "[bench] result in $OUT/result.md"
