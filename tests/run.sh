#!/usr/bin/env bash
# Run the tests. Sets up its own virtualenvs first (tests/setup.sh), so it works on a fresh machine.
#   bash tests/run.sh          every test: unit, integration (real ansible-playbook), molecule, sanity, lint, docs (CI runs this)
#   bash tests/run.sh --fast   the edit-test loop: every test not marked integration (unit, simulator, contract, reliability)
#                              and the smoke playbook from the built collection
# Extra arguments go to pytest (for example: bash tests/run.sh --fast -k deployment; -n 0 runs in one process).
# Tests run in 4 pytest-xdist workers on 2 CPUs (much of a test's time is waiting on subprocesses and the simulator), in the
# order tests/conftest.py gives (the slowest first), with --dist worksteal: an idle worker takes tests queued for a busy
# one. (--dist load hands each worker its first quarter of the tests up front; two workers then ran the slow
# integration tests alone for minutes after the others had finished: 567 s against 466 s with worksteal, one run each on
# the same machine.) Every run ends with its 15 slowest tests.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
selection=()
if [ "${1:-}" = "--fast" ]; then
  shift
  selection=(-m "not integration or smoke")
fi
bash tests/setup.sh --all
export OUTSYSTEMS_PIPELINE_PYTHON="$repo/.venv-pipeline/bin/python"
export PATH="$repo/.venv/bin:$PATH"
status=0
"$repo/.venv/bin/python" -m pytest tests -p no:cacheprovider -n 4 --dist worksteal --durations=15 "${selection[@]}" "$@" || status=$?
if [ "$status" = 5 ]; then
  echo "run.sh: pytest ran no test (exit 5): the selection matched nothing" >&2
fi
exit "$status"
