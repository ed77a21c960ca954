#!/usr/bin/env bash
# Soak mode: the living district with its whole watch fleet (clock drift, coverage gaps flushed in
# bursts, reconnects, a share of garbage) and staged incidents for N minutes against device-gateway,
# visit-service and alert-service started here, then a summary: incidents, alerts, notifications,
# incident-to-notification latencies, closed alerts, the field's trouble and the gateway's rejects.
#
#   simulators/soak.sh [--minutes 10] [--elders 200] [--incident-seconds 10] [--field busy|everyday|none] [--seed 42]
#
# Environment: ELDERCARE_ENVIRONMENT (soak), SOAK_DB (eldercare), SOAK_HEAP (384m), GATEWAY_PORT (28581), ALERT_PORT (28582),
# VISIT_PORT (28583), MQTT_PORT (1884). Logs and the summary go to simulators/target/soak-<time>/.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
GW_PORT="${GATEWAY_PORT:-28581}"; AL_PORT="${ALERT_PORT:-28582}"; VS_PORT="${VISIT_PORT:-28583}"
DB="${SOAK_DB:-eldercare}"; HEAP="${SOAK_HEAP:-384m}"; MQTT_PORT="${MQTT_PORT:-1884}"
OUT="$ROOT/simulators/target/soak-$(date -u +%Y%m%dT%H%M%SZ)"
# Internal topics of its own (eldercare/internal/soak/v1/...), apart from tests or a benchmark on the
# same broker (docs/decisions.md); a demo on the same database would still share its timers: run one.
export ELDERCARE_ENVIRONMENT="${ELDERCARE_ENVIRONMENT:-soak}"
mkdir -p "$OUT"
ARGS=("$@")
[[ " $* " == *" --minutes "* ]] || ARGS=(--minutes 10 "${ARGS[@]}")
[[ " $* " == *" --elders "* ]] || ARGS=(--elders 200 "${ARGS[@]}")
[[ " $* " == *" --incident-seconds "* ]] || ARGS=(--incident-seconds 10 "${ARGS[@]}")
[[ " $* " == *" --field "* ]] || ARGS=(--field busy "${ARGS[@]}")

scripts/infra.sh up >/dev/null
for m in device-gateway alert-service visit-service; do
  jar="$m/target/quarkus-app/quarkus-run.jar"
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$m/src/main" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then
    ./mvnw -q -B -ntp -pl device-gateway,alert-service,visit-service -am install -DskipTests -DskipITs
    break
  fi
done
./mvnw -q -B -ntp -pl simulators -am install -DskipTests -DskipITs
./mvnw -q -B -ntp -pl simulators dependency:build-classpath -Dmdep.outputFile="$OUT/classpath.txt" -Dmdep.includeScope=runtime
# Run from a copy: the working tree's jars may be rebuilt during a long soak
for m in device-gateway alert-service visit-service; do cp -r "$m/target/quarkus-app" "$OUT/$m-app"; done

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  # the broker client ids the services hold sessions under, as their readiness checks name them
  local SESSIONS=() port
  for port in "$GW_PORT" "$AL_PORT" "$VS_PORT"; do
    SESSIONS+=($(curl -s "http://127.0.0.1:$port/q/health/ready" 2>/dev/null \
      | grep -oE '"(device-gateway|alert-service|visit-service)-soak[A-Za-z0-9_-]*"' | tr -d '"' || true))
  done
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  # Left behind, the services' persistent sessions would queue every later message of their groups
  for id in "${SESSIONS[@]}"; do
    mosquitto_pub -h 127.0.0.1 -p "$MQTT_PORT" -u platform -P platform-dev-secret -i "$id" \
      -t eldercare/internal/v1/session-wipe -m x -q 0 >/dev/null 2>&1 || true
  done
}
trap cleanup INT TERM EXIT

start() { # name port-var port env...
  local name=$1 var=$2 port=$3; shift 3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "[soak] port $port for $name is taken: set $var to another port" >&2; exit 1
  fi
  env "$var=$port" INSTANCE_ID=soak ELDERCARE_MQTT_SHARE_GROUP_SUFFIX=-soak ELDERCARE_DB_NAME="$DB" "$@" \
    java -Xmx"$HEAP" -jar "$OUT/$name-app/quarkus-run.jar" >"$OUT/$name.log" 2>&1 &
  PIDS+=($!)
}
TOKEN="$(java -cp "dev-tokens/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.devtokens.DevTokens platform-services service)"
echo "[soak] starting the services (logs in $OUT)"
start device-gateway GATEWAY_PORT "$GW_PORT"
start visit-service VISIT_PORT "$VS_PORT"
start alert-service ALERT_PORT "$AL_PORT" VISIT_SERVICE_URL="http://127.0.0.1:$VS_PORT" VISIT_SERVICE_TOKEN="$TOKEN"
for port in "$GW_PORT" "$VS_PORT" "$AL_PORT"; do
  for _ in $(seq 1 240); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
    for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "[soak] a service died; see $OUT/*.log" >&2; exit 1; }; done
    sleep 0.5
  done
  curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null
done

java -cp "simulators/target/classes:$(cat "$OUT/classpath.txt")" org.eldercare.simulators.district.LivingDistrict \
  --gateway "http://127.0.0.1:$GW_PORT" --visits "http://127.0.0.1:$VS_PORT" --alerts "http://127.0.0.1:$AL_PORT" \
  --broker "tcp://127.0.0.1:$MQTT_PORT" "${ARGS[@]}" | tee "$OUT/soak.log"
sed -n '/=== soak summary/,$p' "$OUT/soak.log" >"$OUT/summary.txt"
echo "[soak] summary in $OUT/summary.txt"
