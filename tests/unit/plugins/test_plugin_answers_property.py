"""No traceback from the lookup and the inventory either: their answers varied by Hypothesis (plugin_answers_child.py).

The plugins run in a child Python (see there why). For each call and family: 30 deterministic examples; documented
variants never reach the no-traceback guard; broken answers fail with an AnsibleError naming the request; nothing
else escapes.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = Path(__file__).resolve().parent / "plugin_answers_child.py"


def test_lookup_and_inventory_answers(tmp_path):
    environment = dict((key, value) for key, value in os.environ.items() if not key.startswith(("LIFETIME_", "ANSIBLE_")))
    done = subprocess.run([sys.executable, str(CHILD)], capture_output=True, text=True, timeout=300, env=environment,
                          cwd=str(tmp_path), check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    results = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    assert sorted((result["kind"], result["family"]) for result in results) == sorted(
        (kind, family) for kind in ("inventory", "lookup-application", "lookup-environment") for family in ("broken", "valid"))
    for result in results:
        assert result["examples"] == 30, result
        assert result["bad"] == [] and "escaped" not in result["outcomes"], result
        if result["family"] == "valid":
            assert "guard" not in result["outcomes"], result
