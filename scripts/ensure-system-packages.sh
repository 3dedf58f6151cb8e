#!/usr/bin/env bash
# Debian packages the tests use, installed with apt-get when missing:
#   chromium     Playwright drives Debian's build (never a browser download)
#   nginx-light  the production proxy config in deploy/ is tested with the real nginx
set -euo pipefail
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ ${#missing[@]} -eq 0 ] && exit 0

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "Missing Debian packages: ${missing[*]}. Install them: apt-get install ${missing[*]}" >&2; exit 1; }
  SUDO=sudo
fi
echo "Installing Debian packages: ${missing[*]} (apt-get)…"
$SUDO apt-get update -qq
# policy-rc.d keeps the nginx package from starting a system-wide server on port 80.
if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null; $SUDO chmod +x /usr/sbin/policy-rc.d; trap '$SUDO rm -f /usr/sbin/policy-rc.d' EXIT; fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
