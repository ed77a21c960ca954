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
# Internal topics of the benchmarks' own (eldercare/internal/bench/v1/...), apart from a demo or tests
# on the same broker; the services and the benchmark's own clients read it alike (docs/decisions.md).
export ELDERCARE_ENVIRONMENT="${ELDERCARE_ENVIRONMENT:-bench}"
mkdir -p "$OUT"

scripts/infra.sh up >/dev/null
psql_admin() {
  if [[ $(id -u) == 0 ]] && id postgres >/dev/null 2>&1; then (cd / && runuser -u postgres -- psql -d postgres -qtAc "$1")
  else PGPASSWORD="${PG_ADMIN_PASSWORD:-}" psql -h 127.0.0.1 -U "${PG_ADMIN_USER:-postgres}" -d postgres -qtAc "$1"; fi
}
# A fresh database: the first start of each service includes its schema migration
if PGPASSWORD=eldercare psql -h 127.0.0.1 -U eldercare -d "$DB" -tAc "select 1" >/dev/null 2>&1; then
  psql_admin "DROP DATABASE \"$DB\""
fi
psql_admin "CREATE DATABASE \"$DB\" OWNER eldercare" || { echo "[startup] cannot create database $DB; set BENCH_MEM_DB" >&2; exit 1; }

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
