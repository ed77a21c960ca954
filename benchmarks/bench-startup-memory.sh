#!/usr/bin/env bash
# Start-up time (launch to ready) and memory (RSS idle and under light API load) of each service,
# launched from its packaged jar one at a time, beside a minimal JVM started the same way
# (org.eldercare.bench.StartupMemoryBenchmark).
#
#   benchmarks/bench-startup-memory.sh [--starts 3] [--heap 384m] [--idle-seconds 10] [--load-seconds 30] [--rps 20]
#
# Environment: BENCH_MEM_DB (eldercare_bench_mem), MQTT_PORT (1884). Ports 28780-28785.
# Method and recorded figures: docs/benchmarks.md ("Start-up time and memory").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${BENCH_MEM_DB:-eldercare_bench_mem}"
OUT="$ROOT/benchmarks/target/startup-memory-$(date -u +%Y%m%dT%H%M%SZ)"
source "$ROOT/benchmarks/lib.sh"   # ELDERCARE_ENVIRONMENT=bench, fresh databases, readiness, session wipes
mkdir -p "$OUT"

scripts/infra.sh up >/dev/null
# A fresh database: the first start of each service includes its schema migration
bench_fresh_db "$DB" || { echo "[startup] set BENCH_MEM_DB to a database name this script may drop and create" >&2; exit 1; }

MODULES=(device-gateway visit-service alert-service bed-registry station-ops)
for m in "${MODULES[@]}"; do
  if [[ ! -f "$m/target/quarkus-app/quarkus-run.jar" ]]; then
    ./mvnw -q -B -ntp -pl "$(IFS=,; echo "${MODULES[*]}")" -am install -DskipTests -DskipITs
    break
  fi
done
./mvnw -q -B -ntp -pl benchmarks compile
./mvnw -q -B -ntp -pl benchmarks dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt"
# Run from copies: the working tree's jars may be rebuilt meanwhile
for m in "${MODULES[@]}"; do cp -r "$m/target/quarkus-app" "$OUT/$m"; done

java -Xmx256m -cp "benchmarks/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.bench.StartupMemoryBenchmark \
  --apps "$OUT" --logs "$OUT" --db "$DB" --broker "tcp://127.0.0.1:${MQTT_PORT:-1884}" --out "$OUT/result.md" "$@"
echo "[startup] machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "[startup] result in $OUT/result.md"
