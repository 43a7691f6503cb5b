#!/usr/bin/env bash
# System packages the test suite needs beyond Python: Chromium for the browser tests, fonts and
# the Pango libraries WeasyPrint renders with, gettext for the translation checks. Installs the
# missing ones with apt-get when run as root on Debian/Ubuntu; otherwise says what is missing.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || need+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
command -v xgettext >/dev/null 2>&1 || need+=(gettext)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing system packages: ${need[*]}"
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
else
  echo "!! missing system packages: ${need[*]} (install them with your package manager)" >&2
fi
