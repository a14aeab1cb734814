#!/usr/bin/env bash
# Run every test: unit, integration (real ansible-playbook), molecule, sanity, lint and docs checks.
# Sets up its own virtualenvs first (tests/setup.sh), so it works on a fresh machine.
# Extra arguments go to pytest (for example: bash tests/run.sh -k deployment).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash tests/setup.sh --all
export OUTSYSTEMS_PIPELINE_PYTHON="$repo/.venv-pipeline/bin/python"
export PATH="$repo/.venv/bin:$PATH"
exec "$repo/.venv/bin/python" -m pytest tests -p no:cacheprovider "$@"
