#!/usr/bin/env bash
# Run the integration tests (real ansible-playbook against the simulator) on every ansible-core release line
# that runs on Python 3.11, each in its own virtualenv, and write the results to docs/compatibility.md.
# On demand, not in CI:   bash tests/matrix.sh            (all lines)
#                         bash tests/matrix.sh 2.18 2.19  (some lines)
# Virtualenvs are kept in $MATRIX_CACHE (default ~/.cache/outsystems-lifetime-matrix) and reused.
# MATRIX_REPORT_ONLY=1 rewrites docs/compatibility.md from the last results without running anything.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${MATRIX_CACHE:-$HOME/.cache/outsystems-lifetime-matrix}"
python="${MATRIX_PYTHON:-python3.11}"
lines=("$@")
[ ${#lines[@]} -eq 0 ] && lines=(2.16 2.17 2.18 2.19)
mkdir -p "$cache"
results="$cache/results.tsv"
touch "$results"

for line in "${lines[@]}"; do
  [ -n "${MATRIX_REPORT_ONLY:-}" ] && break
  venv="$cache/ansible-core-$line"
  if [ ! -x "$venv/bin/ansible-playbook" ]; then
    "$python" -m venv "$venv" || { echo "cannot create $venv" >&2; continue; }
    "$venv/bin/pip" install -q --upgrade pip
    # The test harness needs what tests/requirements.txt pins, except ansible-core (the line under test) and the lint tools.
    grep -vE '^(ansible-core|ansible-lint|molecule)==' "$repo/tests/requirements.txt" | grep -vE '^\s*(#|$)' > "$cache/requirements-$line.txt"
    "$venv/bin/pip" install -q "ansible-core==$line.*" -r "$cache/requirements-$line.txt" ansible-builder || { echo "pip failed for $line" >&2; continue; }
  fi
  version="$("$venv/bin/python" -c 'from ansible.release import __version__; print(__version__)')"
  log="$cache/pytest-$line.log"
  start=$(date +%s)
  (cd "$repo" && PATH="$venv/bin:$PATH" "$venv/bin/python" -m pytest tests/integration -q -p no:cacheprovider \
      -o junit_family=xunit2 --junitxml="$cache/junit-$line.xml" > "$log" 2>&1)
  rc=$?
  seconds=$(( $(date +%s) - start ))
  summary="$(tail -n 1 "$log" | sed -e 's/=//g' -e 's/^ *//' -e 's/ *$//')"
  grep -v "^$line	" "$results" > "$results.new"; mv "$results.new" "$results"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$line" "$version" "$rc" "$summary" "$seconds" "$(date -u +%Y-%m-%d)" >> "$results"
  echo "ansible-core $version: $summary (rc=$rc, ${seconds}s; log: $log)"
done

required="$(sed -n -e 's/^requires_ansible: *//p' "$repo/meta/runtime.yml" | tr -d "\"'")"
{
  echo "# Compatibility"
  echo
  echo "outsystems.lifetime declares \`requires_ansible: \"$required\"\` (meta/runtime.yml) and is developed on ansible-core 2.19"
  echo "with Python 3.11. \`bash tests/matrix.sh\` runs the integration tests (real \`ansible-playbook\`, \`ansible-inventory\`,"
  echo "lookups, the report and the release build against the LifeTime simulator) on each ansible-core release line that"
  echo "runs on Python 3.11, each in its own virtualenv. It is run on demand, not in CI; the last results:"
  echo
  echo "| ansible-core line | version tested | result | exit code | seconds | date |"
  echo "| --- | --- | --- | --- | --- | --- |"
  sort -V "$results" | while IFS=$'\t' read -r line version rc summary seconds day; do
    echo "| $line | $version | $summary | $rc | $seconds | $day |"
  done
  echo
  sort -V "$results" | while IFS=$'\t' read -r line _rest; do
    if grep -qE '^(FAILED|ERROR) ' "$cache/pytest-$line.log" 2>/dev/null; then
      echo "Not passing on $line:"
      echo
      grep -E '^(FAILED|ERROR) ' "$cache/pytest-$line.log" | sed -e 's/ - .*//' -e 's/^/- /'
      echo
    fi
  done
  echo "Python: $("$python" --version 2>&1). ansible-core 2.16 and 2.17 also run on Python 3.10 and 3.12, 2.18 and 2.19 on 3.12"
  echo "and 3.13; only 3.11 is tested here. The modules need \`requests\` on the host that runs them."
  echo
  echo "The 4 skipped tests are the molecule scenarios of the roles: molecule is installed only in the project's venv,"
  echo "where \`bash tests/run.sh\` runs them (ansible-core 2.19)."
} > "$repo/docs/compatibility.md"
echo "wrote $repo/docs/compatibility.md"
