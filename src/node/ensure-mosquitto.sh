#!/usr/bin/env bash
# Finds mosquitto 2 and its command-line clients for src/node/mosquitto-interop.test.ts, or
# installs Debian's as root with apt, as e2e/ensure-chromium.sh does for Chromium. It runs before
# the unit tests (`pretest:unit`). The tests start their own mosquitto on a free loopback port and
# stop it; a system service the install would start is stopped and disabled again (nothing keeps
# listening on 1883 because of `npm test`). Without them the interop tests are skipped and say so,
# so a machine that cannot install them still runs the rest: this script then prints one line
# saying what to install and exits 0.
set -euo pipefail

have() { command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ]; }
if have && command -v mosquitto_pub >/dev/null 2>&1 && command -v mosquitto_sub >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "The interop tests run real mosquitto clients and a real mosquitto broker: installing Debian's mosquitto and mosquitto-clients with apt (once, about 20 s)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends mosquitto mosquitto-clients >/dev/null; then
    if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet mosquitto 2>/dev/null; then
      systemctl disable --now mosquitto >/dev/null 2>&1 || true
      echo "(stopped and disabled the mosquitto service the package started: the tests start their own)" >&2
    fi
    have && exit 0
  fi
fi
echo "mosquitto not installed: run 'sudo apt-get install --no-install-recommends mosquitto mosquitto-clients' for the interop tests; without them src/node/mosquitto-interop.test.ts is skipped." >&2
exit 0
