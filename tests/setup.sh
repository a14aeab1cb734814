#!/usr/bin/env bash
# Set up everything the demo and the tests need on a fresh machine, idempotently:
#   .venv           the project's virtualenv (pinned: tests/requirements.txt)
#   .venv-pipeline  OutSystems' own client, outsystems-pipeline, in a venv of its own (its pins differ)
#   chromium        Debian's headless browser for the report's screenshot test (only with --browser)
# Source it or run it; it prints what it does.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3

stamp_ok() { [ -f "$1/.installed" ] && cmp -s "$1/.installed" "$2"; }

if ! stamp_ok "$repo/.venv" "$repo/tests/requirements.txt"; then
  echo "setup: creating .venv with tests/requirements.txt"
  "$python" -m venv "$repo/.venv"
  "$repo/.venv/bin/python" -m pip install --quiet --upgrade pip
  "$repo/.venv/bin/python" -m pip install --quiet -r "$repo/tests/requirements.txt"
  cp "$repo/tests/requirements.txt" "$repo/.venv/.installed"
fi

if [ "${1:-}" = "--all" ]; then
  if ! stamp_ok "$repo/.venv-pipeline" "$repo/tests/requirements-pipeline.txt"; then
    echo "setup: creating .venv-pipeline with tests/requirements-pipeline.txt"
    "$python" -m venv "$repo/.venv-pipeline"
    "$repo/.venv-pipeline/bin/python" -m pip install --quiet -r "$repo/tests/requirements-pipeline.txt"
    cp "$repo/tests/requirements-pipeline.txt" "$repo/.venv-pipeline/.installed"
  fi
  if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the report screenshot test"
    apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  fi
fi
