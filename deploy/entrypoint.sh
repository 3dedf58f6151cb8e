#!/bin/sh
# Container entry point: render nginx's config from the mounted config.json (and the Secret's
# headers file) into PATHLIGHT_RUN_DIR, then run nginx in the foreground as PID 1, so it gets
# the pod's stop signal directly. Settings: see deploy/container-config.mjs.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
run_dir=${PATHLIGHT_RUN_DIR:-/tmp/pathlight}
node "$here/container-config.mjs"
exec "${PATHLIGHT_NGINX:-nginx}" -e stderr -p "$run_dir" -c "$run_dir/nginx.conf"
