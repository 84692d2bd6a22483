#!/usr/bin/env bash
# Headless Chromium for the labelling page's browser tests (test/labelPage*.test.ts), from Debian's
# packages: playwright-core drives /usr/bin/chromium (`npx playwright install` would download a
# browser build of its own, which cannot be fetched here). Prints the browser's path; exits non-zero
# when it cannot be installed (e.g. without root), and the browser tests then say they are skipped.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else return 1; fi; }

if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
fi
echo /usr/bin/chromium
