#!/usr/bin/env bash
# Builds and starts the whole platform with a living simulated district:
#   scripts/run.sh [--elders 60] [--seed 42] [--incident-seconds 20]
# PostgreSQL and the MQTT broker are found or started by scripts/infra.sh. Each service's log is in
# .infra/logs/. Ctrl-C stops the simulator and the services (not the database or the broker).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
STATE="${ELDERCARE_STATE_DIR:-$ROOT/.infra}"
LOGS="$STATE/logs"
mkdir -p "$LOGS"

say() { printf '\033[1m[run]\033[0m %s\n' "$*"; }

scripts/infra.sh up

say "building the platform (first time: a few minutes while Maven fetches dependencies) ..."
./mvnw -B -q -ntp install -DskipTests -DskipITs
./mvnw -B -q -ntp -pl simulators dependency:copy-dependencies -DoutputDirectory=target/lib -DincludeScope=runtime

SERVICE_TOKEN="$(java -cp "dev-tokens/target/classes:$(ls simulators/target/lib/*.jar | tr '\n' ':')" \
  org.eldercare.devtokens.DevTokens platform-services service)"

PIDS=()
cleanup() {
  trap - INT TERM EXIT
  say "stopping ..."
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

start() { # module port-variable port [env...]
  local module=$1 var=$2 port=$3; shift 3
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "port $port for $module is taken: stop what listens there, or set $var to another port" >&2; exit 1
  fi
  env "$var=$port" "$@" java -Xmx384m -jar "$module/target/quarkus-app/quarkus-run.jar" >"$LOGS/$module.log" 2>&1 &
  PIDS+=($!)
}

await_ready() { # module port
  local i
  for ((i = 0; i < 240; i++)); do
    if curl -fsS "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "$1 did not become ready; see $LOGS/$1.log" >&2; exit 1
}

GATEWAY_PORT="${GATEWAY_PORT:-8081}"; ALERT_PORT="${ALERT_PORT:-8082}"; VISIT_PORT="${VISIT_PORT:-8083}"
BED_REGISTRY_PORT="${BED_REGISTRY_PORT:-8084}"; STATION_OPS_PORT="${STATION_OPS_PORT:-8085}"
CONSOLE_PORT="${CONSOLE_PORT:-8086}"

# Mosquitto gets device accounts through its dynamic-security plugin; the embedded broker asks the
# gateway over HTTP instead (docs/infrastructure.md).
BROKER_ACCOUNTS="${BROKER_ACCOUNTS:-dynsec}"
if [ "$(cat "$STATE/broker-kind" 2>/dev/null)" = embedded ]; then BROKER_ACCOUNTS=http; fi

# The demo's own internal topics (eldercare/internal/demo/v1/...): tests and benchmarks on the same
# broker neither see its events nor feed it theirs (docs/decisions.md). The simulator gets it too.
export ELDERCARE_ENVIRONMENT="${ELDERCARE_ENVIRONMENT:-demo}"

say "starting the services ..."
start device-gateway GATEWAY_PORT "$GATEWAY_PORT" "BROKER_ACCOUNTS=$BROKER_ACCOUNTS"
start visit-service VISIT_PORT "$VISIT_PORT"
# No first-check-in grace in the demo, so that its forgotten check-in falls due minutes after loading.
start alert-service ALERT_PORT "$ALERT_PORT" "ELDERCARE_VISIT_SERVICE_URL=http://127.0.0.1:$VISIT_PORT" \
  "ELDERCARE_VISIT_SERVICE_TOKEN=$SERVICE_TOKEN" "ELDERCARE_ALERT_DETECT_FIRST_CHECK_IN_GRACE=0s"
start bed-registry BED_REGISTRY_PORT "$BED_REGISTRY_PORT"
start station-ops STATION_OPS_PORT "$STATION_OPS_PORT" "BED_REGISTRY_URL=http://127.0.0.1:$BED_REGISTRY_PORT" \
  "BED_REGISTRY_TOKEN=$SERVICE_TOKEN"
# The console with its development sign-in (demo users of each role): local runs only.
start console CONSOLE_PORT "$CONSOLE_PORT" CONSOLE_DEV_SIGN_IN=true \
  "GATEWAY_URL=http://127.0.0.1:$GATEWAY_PORT" "ALERT_SERVICE_URL=http://127.0.0.1:$ALERT_PORT" \
  "VISIT_SERVICE_URL=http://127.0.0.1:$VISIT_PORT" "BED_REGISTRY_URL=http://127.0.0.1:$BED_REGISTRY_PORT" \
  "STATION_OPS_URL=http://127.0.0.1:$STATION_OPS_PORT"
for s in "device-gateway $GATEWAY_PORT" "visit-service $VISIT_PORT" "alert-service $ALERT_PORT" \
         "bed-registry $BED_REGISTRY_PORT" "station-ops $STATION_OPS_PORT" "console $CONSOLE_PORT"; do
  await_ready $s
done

cat <<INFO

  console          http://localhost:$CONSOLE_PORT   (sign in as a demo bureau user, station operator or device admin)
  device-gateway   http://localhost:$GATEWAY_PORT/q/swagger-ui
  alert-service    http://localhost:$ALERT_PORT/q/swagger-ui
  visit-service    http://localhost:$VISIT_PORT/q/swagger-ui
  bed-registry     http://localhost:$BED_REGISTRY_PORT/q/swagger-ui   (demo district's beds loaded)
  station-ops      http://localhost:$STATION_OPS_PORT/q/swagger-ui
  MQTT broker      mqtt://localhost:${MQTT_PORT:-1884}
  logs             $LOGS/
  a token          scripts/mint-token.sh me bureau

INFO

java -cp "simulators/target/classes:simulators/target/lib/*" org.eldercare.simulators.district.LivingDistrict \
  --gateway "http://127.0.0.1:$GATEWAY_PORT" --visits "http://127.0.0.1:$VISIT_PORT" \
  --alerts "http://127.0.0.1:$ALERT_PORT" --station-ops "http://127.0.0.1:$STATION_OPS_PORT" --broker "tcp://${MQTT_HOST:-127.0.0.1}:${MQTT_PORT:-1884}" \
  --forgotten-check-in-minutes 2 "$@" &
PIDS+=($!)
wait "${PIDS[-1]}"
