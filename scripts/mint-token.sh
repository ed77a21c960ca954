#!/usr/bin/env bash
# Prints a development JWT: scripts/mint-token.sh <subject> <role>[,<role>...] [station-id]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="$ROOT/dev-tokens/target/dev-tokens-0.1.0-SNAPSHOT.jar"
if [ ! -f "$JAR" ] || [ ! -d "$ROOT/dev-tokens/target/lib" ]; then
  (cd "$ROOT" && ./mvnw -B -q -ntp -pl dev-tokens -am install -DskipTests \
     && ./mvnw -B -q -ntp -pl dev-tokens dependency:copy-dependencies -DoutputDirectory=target/lib) >&2
fi
exec java -cp "$JAR:$ROOT/dev-tokens/target/lib/*" org.eldercare.devtokens.DevTokens "$@"
