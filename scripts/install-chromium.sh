#!/usr/bin/env bash
# Install headless Chromium for the browser tests (tests/browser/): the Debian package
# `chromium`. Idempotent: does nothing when a Chromium is already on PATH. Needs root (or
# sudo) and apt-get; elsewhere it says so and exits 0, and the browser tests skip with a
# reason (the README's test command still passes).
set -euo pipefail

for name in chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$name" >/dev/null 2>&1; then
    echo "install-chromium: $name already installed ($(command -v "$name"))"
    exit 0
  fi
done

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here; install Chromium yourself to run tests/browser/" >&2
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    echo "install-chromium: not root and no password-less sudo; the browser tests will skip" >&2
    exit 0
  fi
fi

export DEBIAN_FRONTEND=noninteractive
# the package lists may be missing or stale on a fresh machine: update once, then install
$sudo apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  $sudo apt-get update -qq
  $sudo apt-get install -y --no-install-recommends chromium
}
echo "install-chromium: $(chromium --version 2>/dev/null || echo 'chromium installed')"
