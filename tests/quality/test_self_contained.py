"""A clone of the repository, alone in an empty directory, has everything its tests read.

Covers: `git clone` of the checkout's HEAD (committed work only) into a directory with no sibling folders; no tracked
file names the shared folder beside the checkout, /work/ or a home directory, and no test climbs above the repository with Path(...).parents[N];
the tests that read the contract files (tests/contract/) pass inside the clone: the swagger coverage of the simulator,
the API coverage of the modules and the regeneration of the simulator's schema.
Does not cover: the whole suite from the clone (`bash tests/run.sh`, which CI runs on a fresh clone), nor
uncommitted changes (a clone only has what is committed).
"""

import os
import re
import subprocess
import sys

from testlib.collection import REPO

OUTSIDE = re.compile(r"\.\./shared|/work/|/home/|/root/|~/shared")
CONTRACT_TESTS = ["tests/unit/simulator/test_contract.py", "tests/quality/test_api_coverage.py", "tests/unit/simulator/test_make_schema.py"]


def tracked_text(clone):
    names = subprocess.run(["git", "ls-files"], cwd=str(clone), capture_output=True, text=True, check=True).stdout.split()
    for name in names:
        try:
            yield name, (clone / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue


def test_clone_alone_in_an_empty_directory_has_what_its_tests_read(tmp_path):
    alone = tmp_path / "empty"
    alone.mkdir()
    clone = alone / "outsystems.lifetime"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True, capture_output=True, text=True, timeout=120)
    assert sorted(os.listdir(alone)) == ["outsystems.lifetime"]

    outside = []
    climbing = []
    for name, text in tracked_text(clone):
        if (name.startswith("tests/contract/") and name != "tests/contract/README.md") or name == "tests/quality/test_self_contained.py":
            continue  # OutSystems' own text, copied verbatim; this file names the patterns
        outside += ["%s: %s" % (name, match.group(0)) for match in OUTSIDE.finditer(text)]
        depth = name.count("/")  # parents[depth] is the repository root
        climbing += ["%s: parents[%s]" % (name, level) for level in re.findall(r"parents\[(\d+)\]", text) if int(level) > depth]
    assert outside == []
    assert climbing == []

    environment = dict((key, value) for key, value in os.environ.items() if not key.startswith(("LIFETIME_", "ANSIBLE_", "PYTEST_")))
    completed = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs"] + CONTRACT_TESTS, cwd=str(clone),
                               capture_output=True, text=True, env=environment, timeout=600, check=False)
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-2000:]
    summary = completed.stdout.strip().splitlines()[-1]
    assert re.match(r"^\d+ passed in ", summary), summary
