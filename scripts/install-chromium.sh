#!/usr/bin/env bash
# Headless Chromium for the labelling page's browser tests (test/labelPage.test.ts), from Debian's
# packages: playwright-core drives it at /usr/bin/chromium (npx playwright install would download a
# browser build of its own, which this setup does not allow). Prints where it is; exits non-zero
# when it cannot be installed, and the browser tests then say they are skipped.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo /usr/bin/chromium
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-chromium: run as root (or: sudo apt-get install -y chromium)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
echo /usr/bin/chromium
