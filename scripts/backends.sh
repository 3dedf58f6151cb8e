#!/usr/bin/env bash
# Real trace backends on 127.0.0.1 for Pathlight's end-to-end tests (no docker).
#
#   scripts/backends.sh install [jaeger|hotrod|zipkin|tempo ...]   build/download into the cache
#                                   (with no names, helm for the chart tests too: scripts/helm.sh)
#   scripts/backends.sh start   [jaeger|hotrod|zipkin|tempo ...]   install if missing, start, wait until each answers
#   scripts/backends.sh stop    [jaeger|hotrod|zipkin|tempo ...]   stop what this script started
#   scripts/backends.sh status  [jaeger|hotrod|zipkin|tempo ...]
#
# With no names: all four. Everything lives outside the repo, in
# ${PATHLIGHT_CACHE:-$HOME/.cache/pathlight} (bin/, zipkin.jar, jaeger-src/, run/ with pid files and logs).
# Ports (all on 127.0.0.1): Jaeger query 16686 (gRPC 16685), OTLP in 4317/4318;
# HotROD 8080-8083; Zipkin 9411; Tempo-compatible test server 3200, OTLP/HTTP JSON in 4418.
# Jaeger forwards everything it receives to the Tempo-compatible server (scripts/backends/jaeger.yaml).
# See shared/WIRE-FORMATS.md §7.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CACHE=${PATHLIGHT_CACHE:-$HOME/.cache/pathlight}
BIN=$CACHE/bin
RUN=$CACHE/run
JAEGER_MODULE=github.com/jaegertracing/jaeger
JAEGER_VERSION=${JAEGER_VERSION:-v1.76.0}
ZIPKIN_VERSION=${ZIPKIN_VERSION:-3.6.1}
READY_TIMEOUT=${READY_TIMEOUT:-60}
ALL=(tempo jaeger hotrod zipkin) # start order: Jaeger exports to Tempo, HotROD exports to Jaeger

log() { printf '%s\n' "backends: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# ------------------------------------------------------------------ install

install_go() {
  if [[ -x $BIN/jaeger && -x $BIN/hotrod && -f $BIN/.jaeger-version && $(cat "$BIN/.jaeger-version") == "$JAEGER_VERSION" ]]; then
    log "jaeger + hotrod $JAEGER_VERSION already installed in $BIN"
    return
  fi
  command -v go >/dev/null || die "go is not installed (needed to build Jaeger and HotROD)"
  log "building jaeger + hotrod $JAEGER_VERSION (a few minutes when the Go caches are cold)"
  local dir src=$CACHE/jaeger-src
  # go.mod has a replace directive, so `go install module@version` is refused: download, copy, build.
  dir=$(go mod download -json "$JAEGER_MODULE@$JAEGER_VERSION" |
    python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("Dir") or sys.exit(d.get("Error","no Dir")))') ||
    die "go mod download $JAEGER_MODULE@$JAEGER_VERSION failed"
  mkdir -p "$CACHE"
  rm -rf "$src.tmp"
  cp -r "$dir" "$src.tmp"
  chmod -R u+w "$src.tmp"
  rm -rf "$src"
  mv "$src.tmp" "$src"
  mkdir -p "$BIN"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$BIN/jaeger.tmp" ./cmd/jaeger) || die "building jaeger failed"
  (cd "$src" && CGO_ENABLED=0 go build -trimpath -o "$BIN/hotrod.tmp" ./examples/hotrod) || die "building hotrod failed"
  mv "$BIN/jaeger.tmp" "$BIN/jaeger"
  mv "$BIN/hotrod.tmp" "$BIN/hotrod"
  echo "$JAEGER_VERSION" >"$BIN/.jaeger-version"
  log "built $BIN/jaeger and $BIN/hotrod"
}

install_zipkin() {
  if [[ -f $CACHE/zipkin.jar ]]; then
    log "zipkin already installed: $CACHE/zipkin.jar"
    return
  fi
  command -v mvn >/dev/null || die "mvn is not installed (needed to fetch Zipkin)"
  command -v java >/dev/null || die "java is not installed (needed to run Zipkin)"
  log "downloading io.zipkin:zipkin-server:$ZIPKIN_VERSION (exec jar, ~135 MB)"
  mkdir -p "$CACHE"
  mvn -q -B -Dstyle.color=never dependency:copy -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -DoutputDirectory="$CACHE" ||
    die "maven could not fetch zipkin-server $ZIPKIN_VERSION"
  mv "$CACHE/zipkin-server-$ZIPKIN_VERSION-exec.jar" "$CACHE/zipkin.jar"
  log "installed $CACHE/zipkin.jar"
}

install_tempo() {
  command -v node >/dev/null || die "node is not installed (needed for the Tempo-compatible server)"
  log "tempo: nothing to install (e2e/tempo-server/server.mjs runs on node $(node -v))"
}

# ------------------------------------------------------------------ processes

pidfile() { echo "$RUN/$1.pid"; }
logfile() { echo "$RUN/$1.log"; }

# A word that must appear in the command line of the process we started (guards against pid reuse).
signature() {
  case $1 in
  jaeger) echo "$BIN/jaeger" ;;
  hotrod) echo "$BIN/hotrod" ;;
  zipkin) echo "zipkin.jar" ;;
  tempo) echo "tempo-server/server.mjs" ;;
  esac
}

# Prints the pid when the service this script started is alive.
running_pid() {
  local f pid
  f=$(pidfile "$1")
  [[ -f $f ]] || return 1
  pid=$(cat "$f")
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$(signature "$1")" || return 1
  echo "$pid"
}

ready_url() {
  case $1 in
  jaeger) echo "http://127.0.0.1:16686/api/v3/services" ;;
  hotrod) echo "http://127.0.0.1:8080/" ;;
  zipkin) echo "http://127.0.0.1:9411/health" ;;
  tempo) echo "http://127.0.0.1:3200/ready" ;;
  esac
}

ports() {
  case $1 in
  jaeger) echo "16686 16685 4317 4318" ;;
  hotrod) echo "8080 8081 8082 8083" ;;
  zipkin) echo "9411" ;;
  tempo) echo "3200 4418" ;;
  esac
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

launch() {
  local name=$1
  shift
  local out
  out=$(logfile "$name")
  mkdir -p "$RUN"
  echo "--- $(date -u +%FT%TZ) starting: $*" >>"$out"
  # setsid: the service outlives this shell and gets no terminal signals from it.
  setsid "$@" >>"$out" 2>&1 </dev/null &
  echo $! >"$(pidfile "$name")"
}

wait_ready() {
  local name=$1 url pid deadline
  url=$(ready_url "$name")
  pid=$(cat "$(pidfile "$name")")
  deadline=$((SECONDS + READY_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      log "$name exited before it was ready; last lines of $(logfile "$name"):"
      tail -n 30 "$(logfile "$name")" >&2
      rm -f "$(pidfile "$name")"
      exit 1
    fi
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      log "$name ready (pid $pid, $url)"
      return
    fi
    sleep 0.5
  done
  log "$name did not answer $url within ${READY_TIMEOUT}s (pid $pid still running); last lines of $(logfile "$name"):"
  tail -n 30 "$(logfile "$name")" >&2
  exit 1
}

start_one() {
  local name=$1 pid p
  if pid=$(running_pid "$name"); then
    log "$name already running (pid $pid)"
    return
  fi
  for p in $(ports "$name"); do
    port_busy "$p" && die "port 127.0.0.1:$p is in use by a process this script did not start (needed by $name)"
  done
  case $name in
  jaeger)
    [[ -x $BIN/jaeger ]] || install_go # first start installs (minutes for Go when cold)
    launch jaeger "$BIN/jaeger" --config="$REPO/scripts/backends/jaeger.yaml"
    ;;
  hotrod)
    [[ -x $BIN/hotrod ]] || install_go # first start installs (minutes for Go when cold)
    launch hotrod env OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318 \
      "$BIN/hotrod" all \
      --frontend-service-hostname=127.0.0.1 --customer-service-hostname=127.0.0.1 \
      --driver-service-hostname=127.0.0.1 --route-service-hostname=127.0.0.1 \
      -j http://127.0.0.1:16686
    ;;
  zipkin)
    [[ -f $CACHE/zipkin.jar ]] || install_zipkin # first start installs
    launch zipkin java -Xms64m -Xmx512m -jar "$CACHE/zipkin.jar" \
      '--armeria.ports[0].ip=127.0.0.1' '--armeria.ports[0].port=9411' '--armeria.ports[0].protocols[0]=http'
    ;;
  tempo)
    launch tempo node "$REPO/e2e/tempo-server/server.mjs" --host 127.0.0.1 --http-port 3200 --otlp-port 4418
    ;;
  esac
  wait_ready "$name"
}

stop_one() {
  local name=$1 pid i
  if ! pid=$(running_pid "$name"); then
    rm -f "$(pidfile "$name")"
    log "$name not running"
    return
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name (pid $pid) ignored SIGTERM for 10 s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$(pidfile "$name")"
  log "$name stopped (pid $pid)"
}

status_one() {
  local name=$1 pid state
  if pid=$(running_pid "$name"); then
    if curl -fsS -o /dev/null --max-time 2 "$(ready_url "$name")" 2>/dev/null; then state=ready; else state=not-ready; fi
    printf '%-7s running  pid %-7s %-9s %s  log %s\n' "$name" "$pid" "$state" "$(ready_url "$name")" "$(logfile "$name")"
  else
    printf '%-7s stopped\n' "$name"
  fi
}

# ------------------------------------------------------------------ main

usage() {
  sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

cmd=${1:-}
[[ -n $cmd ]] || usage
shift
named=$#
names=("$@")
((${#names[@]})) || names=("${ALL[@]}")
for n in "${names[@]}"; do
  [[ " ${ALL[*]} " == *" $n "* ]] || die "unknown backend '$n' (expected: ${ALL[*]})"
done
# Canonical order (dependencies first when starting, reverse when stopping).
ordered=()
for n in "${ALL[@]}"; do [[ " ${names[*]} " == *" $n "* ]] && ordered+=("$n"); done

case $cmd in
install)
  go_done=
  for n in "${ordered[@]}"; do
    case $n in
    jaeger | hotrod)
      if [[ -z $go_done ]]; then
        install_go
        go_done=1
      fi
      ;;
    zipkin) install_zipkin ;;
    tempo) install_tempo ;;
    esac
  done
  ((named)) || bash "$REPO/scripts/helm.sh" install
  ;;
start)
  command -v curl >/dev/null || die "curl is needed to check readiness"
  for n in "${ordered[@]}"; do start_one "$n"; done
  ;;
stop)
  for ((i = ${#ordered[@]} - 1; i >= 0; i--)); do stop_one "${ordered[i]}"; done
  ;;
status)
  for n in "${ordered[@]}"; do status_one "$n"; done
  ;;
*) usage ;;
esac
