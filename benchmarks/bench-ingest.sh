#!/usr/bin/env bash
# Ingest benchmark of device-gateway, with the broker's raw throughput measured in the same run.
# One command: builds the gateway and the harness, makes sure PostgreSQL and Mosquitto are up,
# starts the gateway jar, runs org.eldercare.bench.IngestBenchmark, stops the gateway.
#
#   benchmarks/bench-ingest.sh [--devices 500] [--rate 20000] [--seconds 30]
#
# Environment: BENCH_PORT (28181), GATEWAY_INGEST_CONNECTIONS (8), BENCH_HEAP (1g),
# GATEWAY_VITALS_EVENTS (false: storage and state only), GATEWAY_VITALS_PER_BATCH (true: one VitalsBatch
# message per stored batch; false: one VITALS event per sample), BENCH_JFR=1 (a JFR recording of the
# gateway, gateway.jfr beside the result, with its hottest frames summarised in profile.txt),
# BENCH_JVM_OPTS (further options for the gateway's JVM, e.g. -XX:+HeapDumpOnOutOfMemoryError).
# Method and recorded figures: docs/benchmarks.md ("Ingest").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${BENCH_PORT:-28181}"
OUT="$ROOT/benchmarks/target/ingest-$(date -u +%Y%m%dT%H%M%SZ)"
source "$ROOT/benchmarks/lib.sh"   # ELDERCARE_ENVIRONMENT=bench, fresh databases, readiness, session wipes
mkdir -p "$OUT"

scripts/infra.sh up
./mvnw -q -B -pl device-gateway,benchmarks -am install -DskipTests
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"

echo "[bench] starting device-gateway on port $PORT (log: $OUT/gateway.log)"
CONNECTIONS="${GATEWAY_INGEST_CONNECTIONS:-8}"
# Its own shared-subscription group (device-gateway-bench), so that its persistent sessions never take a share of a demo's messages
GATEWAY_PORT="$PORT" INSTANCE_ID="bench" GATEWAY_INGEST_CONNECTIONS="$CONNECTIONS" ELDERCARE_MQTT_SHARE_GROUP_SUFFIX="-bench" \
  java -Xmx"${BENCH_HEAP:-1g}" ${BENCH_JVM_OPTS:-} ${BENCH_JFR:+-XX:StartFlightRecording=filename=$OUT/gateway.jfr,settings=profile} \
  -jar device-gateway/target/quarkus-app/quarkus-run.jar >"$OUT/gateway.log" 2>&1 &
GW_PID=$!
cleanup() {
  kill "$GW_PID" 2>/dev/null; wait "$GW_PID" 2>/dev/null || true
  # Drop the gateway's persistent sessions: left behind, they would queue every later message of the group
  local ids=(device-gateway-bench-ingest-urgent)
  for ((i = 0; i < CONNECTIONS; i++)); do ids+=("device-gateway-bench-ingest-$i"); done
  bench_wipe_sessions "${ids[@]}"
}
trap cleanup EXIT

bench_await_ready "$PORT" "$OUT/gateway.log" "$GW_PID" || exit 1

java -cp "benchmarks/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.bench.IngestBenchmark \
  --gateway "http://127.0.0.1:$PORT" --gateway-pid "$GW_PID" --out "$OUT/result.md" "$@"
if [[ -n "${BENCH_JFR:-}" ]]; then
  kill "$GW_PID" 2>/dev/null; wait "$GW_PID" 2>/dev/null || true   # the recording is written on exit
  # Top frames of the execution samples: where the gateway's CPU time goes
  jfr print --events jdk.ExecutionSample "$OUT/gateway.jfr" \
    | awk '/stackTrace = \[/{getline; sub(/^[ \t]+/, ""); sub(/line:.*/, ""); top[$0]++; n++} END {for (f in top) printf "%6.2f%% %s\n", 100*top[f]/n, f}' \
    | sort -rn | head -40 >"$OUT/profile.txt" || true
  echo "[bench] profile (top frames) in $OUT/profile.txt"
fi
echo "[bench] result in $OUT/result.md"
