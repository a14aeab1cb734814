"""playbooks/report.yml: the HTML and Markdown report, checked as data and in a real headless browser."""

import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

from lifetime_simulator.profiles import PROFILES
from testlib.collection import REPO
from testlib.playbooks import recap

CHROMIUM = "/usr/bin/chromium"
DRIFT_COLOUR = (0xFF, 0x8C, 0x00)  # td.cell.drift in module_utils/matrix_report.py
ENVIRONMENTS = ["Development", "Test", "Production"]
# What the seeded simulator runs: application -> versions per environment (None: not deployed).
EXPECTED = {
    "Customer Portal": ["1.2.0", "1.1.0", "1.0.0"],
    "HR Onboarding": ["1.0.0", None, None],
    "Inventory": ["1.0.0", "1.0.0", "1.0.0"],
    "Mobile Banking": ["3.1.0", "3.0.0", "3.0.0"],
    "Orders": ["2.1.0", "2.1.0", "2.0.0"],
    "Shared Components": ["1.1.0", "1.1.0", "1.0.0"],
}
MODIFIED_IN_DEVELOPMENT = {"Customer Portal", "Inventory", "Shared Components"}


class MatrixParser(HTMLParser):
    """Collects table#matrix: the column environments and, per row, its cells' attributes and text."""

    def __init__(self):
        super().__init__()
        self.in_table = False
        self.columns = []
        self.rows = {}
        self._row = None
        self._cell = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == "matrix":
            self.in_table = True
        if not self.in_table:
            return
        if tag == "th" and attrs.get("scope") == "col" and "data-environment" in attrs:
            self.columns.append(attrs["data-environment"])
        elif tag == "tr" and "data-application" in attrs:
            self._row = self.rows.setdefault(attrs["data-application"], [])
        elif tag == "td" and self._row is not None:
            self._cell = dict(attrs, classes=set((attrs.get("class") or "").split()), text="")
            self._row.append(self._cell)

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif tag == "td":
            self._cell = None
        elif tag == "tr":
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def read_png(path):
    """(width, height, rows of (r, g, b) pixels) of an 8-bit RGB or RGBA PNG, non-interlaced."""
    data = Path(path).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, b"", None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        chunk = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        elif kind == b"IEND":
            break
    width, height, depth, colour, _compression, _filter, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, "unsupported PNG layout %r" % (header,)
    channels = 3 if colour == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + up) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                estimate = left + up - corner
                pa, pb, pc = abs(estimate - left), abs(estimate - up), abs(estimate - corner)
                predictor = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[x] = (line[x] + predictor) & 0xFF
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


_REPORT = {}


@pytest.fixture
def report(playbook, simulator, tmp_path_factory):
    """One report run for this file (it only reads LifeTime): (run, report_dir, requests the simulator received)."""
    if not _REPORT:
        report_dir = tmp_path_factory.mktemp("report") / "lifetime-report"
        run = playbook(REPO / "playbooks" / "report.yml", extra_vars={"report_dir": str(report_dir)})
        assert run.returncode == 0, run
        _REPORT.update(run=run, report_dir=report_dir, requests=simulator.requests())
    return _REPORT["run"], _REPORT["report_dir"]


def report_paths(requests):
    return sorted(request["path"].rstrip("/").rsplit("/lifetimeapi/rest/v2", 1)[-1] for request in requests)


def test_report_from_one_list_call_each(report, simulator):
    """The documented LifeTime names running versions by key only: one versions read per application names them."""
    run, report_dir = report
    assert (report_dir / "report.html").is_file() and (report_dir / "report.md").is_file()
    requests = _REPORT["requests"]
    assert {request["method"] for request in requests} == {"GET"}, requests
    per_app = ["/applications/%s/versions" % key for key in simulator.state.apps]
    assert report_paths(requests) == sorted(["/applications", "/environments"] + per_app), requests
    assert "Test -> Production: Customer Portal, Orders, Shared Components" in run.stdout
    assert "Development -> Test: Customer Portal, HR Onboarding, Mobile Banking" in run.stdout
    assert "| Customer Portal | 1.2.0" in (report_dir / "report.md").read_text()


def test_check_mode_writes_nothing_and_a_dated_report_is_rewritten_only_when_lifetime_changes(playbook, simulator, tmp_path):
    """A relative report_dir is relative to where ansible-playbook runs; with report_generated fixed a rerun changes nothing."""
    extra_vars = {"report_dir": "relative-report", "report_generated": "nightly"}
    report_dir = tmp_path / "relative-report"
    checked = playbook(REPO / "playbooks" / "report.yml", extra_vars=extra_vars, check=True)
    assert checked.returncode == 0 and recap(checked)["changed"] == 1, checked
    assert not report_dir.exists() and simulator.mutating_requests() == []

    first = playbook(REPO / "playbooks" / "report.yml", extra_vars=extra_vars)
    assert first.returncode == 0 and recap(first)["changed"] == 1, first
    assert "Generated nightly." in (report_dir / "report.md").read_text()
    stamps = [(report_dir / name).stat().st_mtime_ns for name in ("report.html", "report.md")]

    again = playbook(REPO / "playbooks" / "report.yml", extra_vars=extra_vars, diff=True)
    assert again.returncode == 0 and recap(again)["changed"] == 0, again
    assert [(report_dir / name).stat().st_mtime_ns for name in ("report.html", "report.md")] == stamps
    assert simulator.mutating_requests() == []


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_report_is_the_same_on_every_profile(report, playbook, simulator, tmp_path, profile):
    """Every server variant gives the same report; one that sends BaseApplicationVersionLabel (swagger) costs only the
    two list calls, the others one versions read per application to name the running versions."""
    simulator.set_profile(profile)
    simulator.clear_requests()
    run = playbook(REPO / "playbooks" / "report.yml", extra_vars={"report_dir": str(tmp_path / "report")})
    assert run.returncode == 0, run
    per_app = [] if profile == "swagger" else ["/applications/%s/versions" % key for key in simulator.state.apps]
    assert report_paths(simulator.requests()) == sorted(["/applications", "/environments"] + per_app), simulator.requests()
    assert "Test -> Production: Customer Portal, Orders, Shared Components" in run.stdout

    def table(path):
        return [line for line in path.read_text().splitlines() if line.startswith("|")]

    assert table(tmp_path / "report" / "report.md") == table(_REPORT["report_dir"] / "report.md")


def test_html_matrix_structure(report):
    _run, report_dir = report
    parser = MatrixParser()
    parser.feed((report_dir / "report.html").read_text())
    assert parser.columns == ENVIRONMENTS
    assert list(parser.rows) == sorted(EXPECTED)
    for application, versions in EXPECTED.items():
        cells = parser.rows[application]
        assert [cell["data-environment"] for cell in cells] == ENVIRONMENTS
        assert [cell["data-version"] or None for cell in cells] == versions, application
        for index, cell in enumerate(cells):
            drift = index > 0 and versions[index] != versions[index - 1]
            assert ("drift" in cell["classes"]) is drift, (application, ENVIRONMENTS[index])
            assert ("absent" in cell["classes"]) is (versions[index] is None)
            assert ("modified" in cell["classes"]) is (index == 0 and application in MODIFIED_IN_DEVELOPMENT), (application, index)
    production_drift = sorted(application for application, cells in parser.rows.items() if "drift" in cells[2]["classes"])
    assert production_drift == ["Customer Portal", "Orders", "Shared Components"]


def test_markdown_table(report):
    _run, report_dir = report
    lines = (report_dir / "report.md").read_text().splitlines()
    table = [line for line in lines if line.startswith("|")]
    assert table[0] == "| Application | Development | Test | Production |"
    assert table[1] == "|---|---|---|---|"
    rows = dict((line.split("|")[1].strip(), [cell.strip() for cell in line.split("|")[2:-1]]) for line in table[2:])
    assert list(rows) == sorted(EXPECTED)
    assert rows["Orders"] == ["2.1.0", "2.1.0", "**2.0.0** ⚠"]
    assert rows["Customer Portal"] == ["1.2.0 ✎", "**1.1.0** ⚠", "**1.0.0** ⚠"]
    assert rows["HR Onboarding"] == ["1.0.0", "**—** ⚠", "—"]
    assert rows["Inventory"] == ["1.0.0 ✎", "1.0.0", "1.0.0"]
    assert "- **Test → Production**: Customer Portal, Orders, Shared Components" in lines


@pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs the Debian package chromium (/usr/bin/chromium): apt-get install -y chromium")
def test_report_renders_in_headless_chromium(report, tmp_path):
    _run, report_dir = report
    screenshot = tmp_path / "report.png"
    profile = tmp_path / "chromium-profile"
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync",
               "--user-data-dir=%s" % profile, "--screenshot=%s" % screenshot, "--window-size=1280,900",
               (report_dir / "report.html").resolve().as_uri()]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, env=dict(os.environ, HOME=str(tmp_path)), check=False)
    assert completed.returncode == 0 and screenshot.is_file(), completed.stderr[-2000:]
    width, height, rows = read_png(screenshot)
    assert (width, height) == (1280, 900)
    colours = set()
    drift_pixels = 0
    drift_rows = set()
    for y, row in enumerate(rows):
        colours.update(row)
        for pixel in row:
            if all(abs(a - b) <= 3 for a, b in zip(pixel, DRIFT_COLOUR)):
                drift_pixels += 1
                drift_rows.add(y // 10)
    assert len(colours) > 50, "the page looks blank: %d colours" % len(colours)
    # 8 drift cells of about 100 x 37 pixels; the legend swatch alone is 12 x 12.
    assert drift_pixels > 8 * 2000, drift_pixels
    assert len(drift_rows) >= 15
    shutil.copy(screenshot, report_dir / "report.png")
