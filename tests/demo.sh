#!/usr/bin/env bash
# The main job on the embedded default: start the LifeTime simulator, promote applications
# from Development to Test with playbooks/promote.yml, show what moved, stop the simulator.
# Sets up its own virtualenv first (tests/setup.sh), so it works on a fresh machine.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
bash tests/setup.sh
port="${LIFETIME_SIMULATOR_PORT:-8080}"
work="$(mktemp -d)"
PYTHONPATH="$repo/tests" "$repo/.venv/bin/python" -m lifetime_simulator --port "$port" --token demo-token \
  --deploy-seconds 2 >"$work/simulator.log" 2>&1 &
simulator=$!
trap 'kill $simulator 2>/dev/null; wait $simulator 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  "$repo/.venv/bin/python" -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
    "http://127.0.0.1:$port/_sim/health" 2>/dev/null && break
  sleep 0.1
done
head -n 1 "$work/simulator.log"
mkdir -p "$work/collections/ansible_collections/outsystems"
ln -s "$repo" "$work/collections/ansible_collections/outsystems/lifetime"
export ANSIBLE_COLLECTIONS_PATH="$work/collections" ANSIBLE_ROLES_PATH="$repo/roles"
export LIFETIME_URL="http://127.0.0.1:$port" LIFETIME_TOKEN=demo-token
export ANSIBLE_PYTHON_INTERPRETER="$repo/.venv/bin/python"
"$repo/.venv/bin/ansible-playbook" -i localhost, -c local playbooks/promote.yml -e tag_modified=true "$@"
