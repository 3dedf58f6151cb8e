#!/usr/bin/env bash
# Helm for the chart tests (deploy/helm/pathlight), built from its Go module like Jaeger (no downloads
# of release tarballs): helm.sh/helm/v3@$HELM_VERSION into ${PATHLIGHT_CACHE:-$HOME/.cache/pathlight}/bin.
#
#   scripts/helm.sh install   build helm unless the cache already holds this version (then a no-op)
#   scripts/helm.sh path      print the cached helm's path; exit 1 when it is not installed
set -euo pipefail

CACHE=${PATHLIGHT_CACHE:-$HOME/.cache/pathlight}
BIN=$CACHE/bin
HELM_VERSION=${HELM_VERSION:-v3.22.0}

log() { printf '%s\n' "helm: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

installed() { [[ -x $BIN/helm && -f $BIN/.helm-version && $(cat "$BIN/.helm-version") == "$HELM_VERSION" ]]; }

install_helm() {
  if installed; then
    log "helm $HELM_VERSION already installed in $BIN"
    return
  fi
  command -v go >/dev/null || die "go is not installed (needed to build helm)"
  log "building helm $HELM_VERSION from helm.sh/helm/v3 (a few minutes when the Go caches are cold)"
  mkdir -p "$BIN"
  local tmp
  tmp=$(mktemp -d "$BIN/.helm-build.XXXXXX")
  # GOBIN into a temporary directory, then one rename: an interrupted build leaves no half binary.
  if ! CGO_ENABLED=0 GOBIN=$tmp go install -trimpath "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"; then
    rm -rf "$tmp"
    die "go install helm.sh/helm/v3/cmd/helm@$HELM_VERSION failed"
  fi
  mv "$tmp/helm" "$BIN/helm"
  rm -rf "$tmp"
  echo "$HELM_VERSION" >"$BIN/.helm-version"
  log "built $BIN/helm ($("$BIN/helm" version --short 2>/dev/null || echo '?'))"
}

case ${1:-} in
install) install_helm ;;
path)
  installed || exit 1
  echo "$BIN/helm"
  ;;
*)
  sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
  ;;
esac
