"""Every command and playbook of README.md and docs/*.md runs as written, from the built tarball, in a fresh directory.

Each fenced block of those files is preceded by a marker comment that says what the test does with it:

    <!-- docs-test: run -->              bash lines, run in order in one shell session (exports carry over)
    <!-- docs-test: run, fails -->       the same, and they must fail (exit code not 0)
    <!-- docs-test: file NAME -->        the block is written to NAME in the working directory at that point
    <!-- docs-test: output -->           every line must appear, in this order, in the output of the run block before it
    <!-- docs-test: not run: REASON -->  not run, for the reason given (a registry, AWX, a container build ...)

A block without a marker fails the test, and so does an inline command (`ansible-playbook ...`, `bash ...`, ...) that
no run block holds and INLINE_NOT_RUN does not list with a reason.

The session is a new user's: HOME is a directory of the test's (its ~/venvs/lifetime, the venv the docs create, is
kept in .cache/ between runs, keyed by the pinned ansible-core and requests of tests/requirements.txt, so the docs'
`python3.11 -m venv` and `pip install` find it ready and need no network; ~/.ansible is emptied first), the working
directory is an empty temporary directory holding only the tarball `ansible-galaxy collection build` made, and no
ANSIBLE_*, LIFETIME_* or project venv is in the environment. The only changes to the text: port 8080 becomes a free
port, and after a line that starts the simulator in the background the session waits until the port answers.
"""

import hashlib
import os
import re
import shutil
import signal
import socket
import subprocess

import pytest

from testlib.collection import BIN, REPO

# Run in this order (getting-started installs the collection the others use), then every other page.
FIRST_DOCS = ["docs/getting-started.md", "README.md", "docs/promotion-pipeline.md", "docs/awx.md"]
DOCS = FIRST_DOCS + sorted("docs/%s" % path.name for path in (REPO / "docs").glob("*.md") if "docs/%s" % path.name not in FIRST_DOCS)
MARKER = re.compile(r"^<!--\s*docs-test:\s*(.*?)\s*-->\s*$")
FENCE = re.compile(r"^```")
COMMAND_WORDS = ("ansible-playbook ", "ansible-galaxy ", "ansible-inventory ", "ansible-doc ", "ansible-builder ", "bash ",
                 "python", "pip ", "curl ", "podman ", "molecule ", ".venv/bin/", "PYTHONPATH=", "export ")
# Inline commands that are not run, and why.
INLINE_NOT_RUN = {
    "ansible-galaxy collection build": "the test builds the tarball the same way (with --output-path, outside the checkout)",
    "bash tests/matrix.sh": "the ansible-core matrix: a virtualenv and the integration tests per release line, run on demand",
    "bash tests/run.sh": "the whole test suite, of which this test is part",
    "bash tests/run.sh --fast": "the fast tier of the test suite (the unit tests and one smoke playbook)",
    "bash tests/demo.sh": "a checkout's demo (tests/setup.sh builds .venv), not the installed collection",
    "bash tests/setup.sh --all": "a checkout's development virtualenvs",
    ".venv/bin/python tests/quality/make_doc_fragments.py": "rewrites the doc fragments in a checkout; test_doc_fragments checks they equal its output",
    ".venv/bin/python -m pytest tests/reliability -p no:cacheprovider -rx": "part of the test suite",
    ".venv/bin/python tests/benchmark/bench_promotion.py --json /tmp/bench_promotion.json": "a benchmark of minutes, on demand",
    ".venv/bin/python tests/benchmark/bench_overhead.py --iterations 20 --rounds 3 --json /tmp/bench_overhead.json": "a benchmark, on demand",
    ".venv/bin/python tests/benchmark/bench_scale.py --json /tmp/bench_scale.json": "a benchmark of minutes, on demand",
    "ansible-builder create": "needs ansible-builder; tests/integration/test_awx_ee.py runs it",
    "podman build": "needs podman and a build context from ansible-builder",
    "export LIFETIME_URL=https://lifetime.example.com LIFETIME_TOKEN=...": "a real LifeTime's address; the session exports the simulator's the same way",
}
# What the documented commands leave in the working directory.
EXPECTED_FILES = ["lifetime-report/report.html", "lifetime-report/report.md", "release.yml", "production.yml"]


def blocks(name):
    """[(marker, fence language, text, line number)] of every fenced block of a document."""
    lines = (REPO / name).read_text().splitlines()
    found = []
    index = 0
    while index < len(lines):
        if not FENCE.match(lines[index]):
            index += 1
            continue
        end = next(number for number in range(index + 1, len(lines)) if FENCE.match(lines[number]))
        before = index - 1
        while before >= 0 and not lines[before].strip():
            before -= 1
        marker = MARKER.match(lines[before]) if before >= 0 else None
        found.append((marker.group(1) if marker else None, lines[index][3:].strip(), "\n".join(lines[index + 1:end]) + "\n", index + 1))
        index = end + 1
    return found


def inline_commands(name):
    text = re.sub(r"```.*?```", "", (REPO / name).read_text(), flags=re.S)
    return [span for span in re.findall(r"`([^`\n]+)`", text) if span.startswith(COMMAND_WORDS)]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def session_script(port):
    """One bash script of every run and file block, in document order; and the output checks, per block number."""
    lines = ["set -euo pipefail"]
    checks = []
    last_run = None
    for name in DOCS:
        for number, (marker, _language, text, line) in enumerate(blocks(name)):
            text = text.replace("8080", str(port))
            where = "%s:%d" % (name, line)
            if marker in ("run", "run, fails"):
                last_run = where
                lines.append("printf '\\n@@docs-test %s@@\\n'" % where)
                body = []
                for command in text.splitlines():
                    body.append(command)
                    if re.search(r"lifetime_simulator .*&\s*$", command):
                        body.append("for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/%d) 2>/dev/null && break; sleep 0.1; done" % port)
                if marker == "run":
                    lines += body
                else:
                    lines += ["if (", "\n".join(body), ") 2>&1; then echo 'expected a failure: %s' >&2; exit 97; fi" % where]
            elif marker and marker.startswith("file "):
                lines += ["cat > %s <<'DOCS_TEST_EOF'" % marker[5:].strip(), text.rstrip("\n"), "DOCS_TEST_EOF"]
            elif marker == "output":
                checks.append((last_run, where, [entry.strip() for entry in text.splitlines() if entry.strip()]))
    lines.append("printf '\\n@@docs-test end@@\\n'")
    return "\n".join(lines) + "\n", checks


def pins():
    wanted = {}
    for line in (REPO / "tests" / "requirements.txt").read_text().splitlines():
        match = re.match(r"^(ansible-core|requests)==(\S+)", line)
        if match:
            wanted[match.group(1)] = match.group(2)
    return wanted


def user_home():
    """The user's HOME, whose ~/venvs/lifetime (ansible-core and requests as pinned) is built once and kept in .cache/."""
    python = shutil.which("python3.11")
    assert python, "python3.11 is needed (the docs create the venv with it)"
    wanted = pins()
    key = hashlib.sha1(("%s %s" % (python, sorted(wanted.items()))).encode()).hexdigest()[:12]
    home = REPO / ".cache" / ("docs-test-home-" + key)
    venv = home / "venvs" / "lifetime"
    ready = venv / ".docs-test-ready"
    if not ready.is_file():
        shutil.rmtree(home, ignore_errors=True)
        subprocess.run([python, "-m", "venv", str(venv)], check=True, timeout=300)
        subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet"] + ["%s==%s" % item for item in sorted(wanted.items())],
                       check=True, timeout=900)
        ready.write_text("%s\n" % sorted(wanted.items()))
    for entry in home.iterdir():
        if entry.name == "venvs":
            continue
        if entry.is_dir():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    return home


def user_environment(home):
    project = (str(BIN), str(REPO / ".venv" / "bin"), os.path.realpath(str(BIN)))
    path = [entry for entry in os.environ.get("PATH", "/usr/bin:/bin").split(":") if entry and entry not in project]
    environment = dict((key, value) for key, value in os.environ.items()
                       if not key.startswith(("ANSIBLE_", "LIFETIME_", "PYTEST_")) and key not in ("PYTHONPATH", "VIRTUAL_ENV"))
    environment.update({"HOME": str(home), "PATH": ":".join(path)})
    return environment


@pytest.mark.parametrize("name", DOCS)
def test_every_block_has_a_marker_and_every_inline_command_is_covered(name):
    run_text = "".join(text for doc in DOCS for marker, _language, text, _line in blocks(doc) if marker and marker.startswith("run"))
    for marker, _language, block, line in blocks(name):
        assert marker, "%s:%d: a fenced block without a docs-test marker" % (name, line)
        assert marker in ("run", "run, fails", "output") or re.match(r"^file \S+$", marker) or re.match(r"^not run: \S", marker), (
            "%s:%d: unknown marker %r" % (name, line, marker))
        same = re.match(r"^not run: the same command as in (\S+),", marker)
        if same:  # one way to do it: the copy must stay what the other document runs
            assert block in "".join(text for mark, _lang, text, _l in blocks(same.group(1)) if mark and mark.startswith("run")), line
    uncovered = [command for command in inline_commands(name) if command not in run_text and command not in INLINE_NOT_RUN]
    assert uncovered == []


def test_documented_commands_run_as_written_from_the_built_tarball(installed_collection, tmp_path):
    tarball = next((installed_collection.parent / "dist").glob("outsystems-lifetime-*.tar.gz"))
    work = tmp_path / "my-lifetime-work"
    work.mkdir()
    shutil.copy(str(tarball), str(work / tarball.name))
    port = free_port()
    script, checks = session_script(port)
    (tmp_path / "docs-session.sh").write_text(script)
    # The output goes to a file: the simulator started in the background keeps a pipe open after the session ends.
    with open(str(tmp_path / "docs-session.log"), "w") as log:
        process = subprocess.Popen(["bash", str(tmp_path / "docs-session.sh")], cwd=str(work), env=user_environment(user_home()),
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            process.wait(timeout=600)
        finally:
            try:
                os.killpg(process.pid, signal.SIGTERM)  # the simulator the docs started in the background
            except ProcessLookupError:
                pass
    output = (tmp_path / "docs-session.log").read_text()
    assert process.returncode == 0, output[-8000:]
    assert output.rstrip().endswith("@@docs-test end@@"), output[-3000:]
    sections = dict(re.findall(r"@@docs-test (\S+)@@\n(.*?)(?=@@docs-test )", output, flags=re.S))
    for run_block, where, expected in checks:
        shown = sections[run_block]
        position = 0
        for entry in expected:
            found = shown.find(entry.replace("8080", str(port)), position)
            assert found >= 0, "%s: %r not in the output of %s (in this order):\n%s" % (where, entry, run_block, shown[-4000:])
            position = found + len(entry)
    for name in EXPECTED_FILES:
        assert (work / name).is_file(), name
    assert "command not found" not in output
    ran = sum(1 for doc in DOCS for marker, _language, text, _line in blocks(doc) if marker and marker.startswith("run")
              for command in text.splitlines() if command.strip() and not command.strip().startswith("#"))
    print("documented commands run: %d" % ran)
