#!/usr/bin/env bash
# Finds tshark (Wireshark's command-line reader) for src/capture/tshark.test.ts, or installs
# Debian's as root with apt, as e2e/ensure-chromium.sh does for Chromium. It runs before the unit
# tests (`pretest:unit`). tshark is how the tests check that Wireshark opens our captures; without
# it that one test is skipped and says so, so a machine that cannot install it still runs the
# rest: this script then prints one line saying what to install and exits 0.
# Debian 12 has tshark 4.0.17; --no-install-recommends keeps it to tshark and its libraries.
set -euo pipefail

if command -v tshark >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "The capture test reads our pcapng files with tshark: installing Debian's tshark with apt (once, about 30 s)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends tshark >/dev/null; then
    command -v tshark >/dev/null 2>&1 && exit 0
  fi
fi
echo "tshark not installed: run 'sudo apt-get install --no-install-recommends tshark' (Wireshark's reader) for the capture test; without it src/capture/tshark.test.ts is skipped." >&2
exit 0
