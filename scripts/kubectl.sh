#!/usr/bin/env bash
# Runs kubectl with the given arguments, e.g. scripts/kubectl.sh kustomize k8s/overlays/prod
# When no kubectl is found it installs Debian's kubernetes-client package (kubectl 1.20 with its
# built-in kustomize), which needs root and apt-get; otherwise it says what to install and fails.
#   KUBECTL=/path/to/kubectl   use this binary instead of the one on PATH
set -euo pipefail

log() { printf '[kubectl.sh] %s\n' "$*" >&2; }

find_kubectl() {
  if [ -n "${KUBECTL:-}" ]; then
    [ -x "$KUBECTL" ] && { echo "$KUBECTL"; return 0; }
    log "KUBECTL=$KUBECTL is not an executable file"; return 2
  fi
  command -v kubectl 2>/dev/null
}

install_kubectl() {
  if [ "$(id -u)" != 0 ]; then
    log "kubectl is not installed and this is not root: install it (Debian/Ubuntu: sudo apt-get install kubernetes-client;"
    log "elsewhere: https://kubernetes.io/docs/tasks/tools/) or point KUBECTL at a kubectl binary"
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "kubectl is not installed and there is no apt-get here: install kubectl (https://kubernetes.io/docs/tasks/tools/)"
    log "or point KUBECTL at a kubectl binary"
    return 1
  fi
  log "kubectl not found: installing Debian's kubernetes-client package"
  if ! DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
     || ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends kubernetes-client >/dev/null; then
    log "apt-get could not install kubernetes-client (no network or no such package in the configured sources):"
    log "install kubectl yourself (https://kubernetes.io/docs/tasks/tools/) or point KUBECTL at a kubectl binary"
    return 1
  fi
  command -v kubectl 2>/dev/null || { log "kubernetes-client installed but no kubectl on PATH"; return 1; }
}

bin="$(find_kubectl)" || rc=$?
if [ -z "${bin:-}" ]; then
  [ "${rc:-1}" = 2 ] && exit 1
  bin="$(install_kubectl)" || exit 1
fi
exec "$bin" "$@"
