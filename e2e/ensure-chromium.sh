#!/usr/bin/env bash
# Finds a Chromium for the browser tests, or installs Debian's (never downloads Playwright's),
# and the fonts the tests and screenshots need: Liberation (Mermaid's Arial falls back to it)
# and WenQuanYi Micro Hei, a CJK font, so the Chinese page draws characters, not empty boxes,
# and matches its prerendered diagram.
# Order for Chromium: $PLAYWRIGHT_CHROMIUM_PATH, /usr/bin/chromium, Playwright's cache, then apt as root.
set -euo pipefail

PACKAGES=(chromium fonts-liberation fonts-wqy-microhei)

have_fonts() {
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] && [ -d /usr/share/fonts/truetype/liberation ]
}

have_chromium() {
  if [ -n "${PLAYWRIGHT_CHROMIUM_PATH:-}" ]; then
    if [ -x "$PLAYWRIGHT_CHROMIUM_PATH" ]; then return 0; fi
    echo "PLAYWRIGHT_CHROMIUM_PATH=$PLAYWRIGHT_CHROMIUM_PATH is not an executable file; point it at a Chromium binary or unset it." >&2
    exit 1
  fi
  [ -x /usr/bin/chromium ] && return 0
  for dir in "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium*; do
    [ -d "$dir" ] && return 0
  done
  return 1
}

if have_chromium && have_fonts; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Browser tests need Chromium and fonts: installing Debian's ${PACKAGES[*]} with apt (once, about 30 s)..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${PACKAGES[@]}" >/dev/null
  have_chromium && have_fonts && exit 0
fi
echo "Browser tests need Chromium and two fonts: run 'sudo apt-get install ${PACKAGES[*]}', or set PLAYWRIGHT_CHROMIUM_PATH to a Chromium binary and install the fonts." >&2
exit 1
