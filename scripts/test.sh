#!/usr/bin/env bash
# Runs every module's tests against a real PostgreSQL and a real MQTT broker (started if needed).
# Extra arguments go to Maven, e.g. scripts/test.sh -pl device-gateway
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/infra.sh up
scripts/infra.sh browser
exec ./mvnw -B -ntp verify "$@"
