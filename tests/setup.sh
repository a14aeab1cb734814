#!/usr/bin/env bash
# Set up everything the demo and the tests need on a fresh machine, idempotently:
#   .venv           the project's virtualenv (pinned: tests/requirements.txt)
#   .cache/collections  community.general, unpacked from the ansible wheel pinned in tests/requirements-collections.txt
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

# community.general for the notification examples' tests (tests/integration/test_notifications.py): only that collection,
# unpacked from the pinned ansible wheel (about 1 s; installing the whole wheel would add 21,000 files to .venv).
collections="$repo/.cache/collections"
if ! stamp_ok "$collections" "$repo/tests/requirements-collections.txt"; then
  echo "setup: unpacking community.general from the ansible wheel of tests/requirements-collections.txt into .cache/collections"
  wheels="$(mktemp -d)"
  "$repo/.venv/bin/python" -m pip download --quiet --no-deps -r "$repo/tests/requirements-collections.txt" -d "$wheels"
  rm -rf "$collections/ansible_collections/community/general"
  "$repo/.venv/bin/python" - "$collections" "$wheels"/ansible-*.whl <<'PYTHON'
import sys
import zipfile

destination, wheel = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    archive.extractall(destination, [name for name in archive.namelist() if name.startswith("ansible_collections/community/general/")])
PYTHON
  rm -rf "$wheels"
  cp "$repo/tests/requirements-collections.txt" "$collections/.installed"
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
