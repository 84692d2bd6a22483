#!/usr/bin/env bash
# The peers of activegraph's benchmark (`npm run bench -- --peers small-text`,
# `npm run bench:speed -- --peers small-text`): a Python virtualenv in .venv-peers (git-ignored)
# with small-text and scikit-learn, pinned in evals/peers/requirements.txt. A measuring aid only:
# neither the library nor `npm test` needs Python (the peer's one live test skips without it).
# Idempotent; set ACTIVEGRAPH_PEERS_VENV to put the virtualenv elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${ACTIVEGRAPH_PEERS_VENV:-.venv-peers}"
PYTHON="${PYTHON:-python3}"
command -v "$PYTHON" >/dev/null || { echo "install-peers: $PYTHON not found (Python 3.9 or newer is needed)" >&2; exit 1; }
if [ ! -x "$VENV/bin/python" ]; then
  "$PYTHON" -m venv "$VENV" || { echo "install-peers: could not create $VENV (on Debian: apt-get install python3-venv)" >&2; exit 1; }
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r evals/peers/requirements.txt
"$VENV/bin/python" -c "import small_text, sklearn; print(f'small-text {small_text.__version__}, scikit-learn {sklearn.__version__} in $VENV')"
