#!/usr/bin/env bash
# Install Debian's Chromium (plus DejaVu fonts) for the browser tests and `hve report --pdf`,
# but only when /usr/bin/chromium is missing. Idempotent: a second run does nothing.
# Never downloads a browser of its own (no `npx playwright install`): apt-get only.
set -euo pipefail

CHROMIUM=${ENSURE_CHROMIUM_BIN:-/usr/bin/chromium}  # override only to test this script
PACKAGES=(chromium fonts-dejavu-core)

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: $CHROMIUM is already installed."
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "ensure-chromium: Chromium is missing and installing it needs root; run 'sudo bash scripts/ensure-chromium.sh' (or 'sudo apt-get install -y ${PACKAGES[*]}')." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
install() { apt-get install -y -q --no-install-recommends "${PACKAGES[@]}"; }

echo "ensure-chromium: installing ${PACKAGES[*]} with apt-get..."
if ! install; then
  # The package lists are missing or stale (as on a fresh machine): refresh them once, then retry.
  echo "ensure-chromium: install failed; running apt-get update and trying again..."
  apt-get update -q
  install
fi

if [ ! -x "$CHROMIUM" ]; then
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)."
