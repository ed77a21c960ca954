#!/usr/bin/env bash
# Replays a directory of labelled trials through the fall detector and prints sensitivity and false-alarm share
# per wearer group and activity (see docs/fall-detection.md).
#   fall-detection/scripts/evaluate-fall-detector.sh <dir> [--unit g|ms2] [other EvaluateTrials options]
# Example: fall-detection/scripts/evaluate-fall-detector.sh <dataset-dir> --unit ms2 --list
# Options are split on spaces; MVN_FLAGS (default -o, offline) is passed to Maven.
set -euo pipefail
if [ $# -lt 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 <dir-of-trials> [--unit g|ms2] [--time-unit auto|ms|s] [--subjects all|odd|even|LIST] [--param name=value] [--list]" >&2
  exit 2
fi
dir=$(cd "$1" && pwd)
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
exec ./mvnw -q ${MVN_FLAGS--o} -pl fall-detection compile exec:java -Dexec.args="--dir $dir $*"
