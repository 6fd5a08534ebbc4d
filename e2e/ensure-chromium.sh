#!/usr/bin/env bash
# Finds a Chromium for the browser tests, or installs Debian's (never downloads Playwright's).
# Order: $PLAYWRIGHT_CHROMIUM_PATH, /usr/bin/chromium, Playwright's cache, then apt as root.
set -euo pipefail

if [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ]; then
  if [ -x "$PLAYWRIGHT_CHROMIUM_PATH" ]; then exit 0; fi
  echo "PLAYWRIGHT_CHROMIUM_PATH=$PLAYWRIGHT_CHROMIUM_PATH is not an executable file; point it at a Chromium binary or unset it." >&2
  exit 1
fi
[ -x /usr/bin/chromium ] && exit 0
for dir in "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium*; do
  [ -d "$dir" ] && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Browser tests need Chromium: installing Debian's chromium and fonts-liberation with apt (once, about 30 s)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends chromium fonts-liberation >/dev/null
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "No Chromium found for the browser tests: run 'sudo apt-get install chromium fonts-liberation', or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium binary." >&2
exit 1
