"""module_utils/matrix_report.py: the report's HTML page and Markdown table, and how they are written."""

import os
from html.parser import HTMLParser

import pytest

from ansible_collections.outsystems.lifetime.plugins.module_utils.application_matrix import application_matrix
from ansible_collections.outsystems.lifetime.plugins.module_utils.matrix_report import html_page, markdown_page, write_reports

ENVIRONMENTS = [{"Key": "dev", "Name": "Dev <1>", "Order": 0}, {"Key": "tst", "Name": "Test", "Order": 1}]


def application(name, dev=None, tst=None, label=None, modified=False):
    statuses = []
    if dev:
        statuses.append({"EnvironmentKey": "dev", "BaseApplicationVersionKey": dev, "BaseApplicationVersionLabel": label, "IsModified": modified})
    if tst:
        statuses.append({"EnvironmentKey": "tst", "BaseApplicationVersionKey": tst, "IsModified": False})
    return {"Key": "k-" + name, "Name": name, "AppStatusInEnvs": statuses}


MATRIX = application_matrix(ENVIRONMENTS, [
    application("R&D <Tools> \"x\" 'y'", dev="v2", tst="v1", label="2.0", modified=True),
    application("Pipe|Name", dev="v1", tst="v1", label="1.0"),
    application("Only Dev", dev="v9", label=None),
])


class Cells(HTMLParser):
    """(application, environment, version attribute, classes, text) of every td, and the page's text."""

    def __init__(self):
        super().__init__()
        self.cells, self.row, self.cell, self.text = [], None, None, ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tr" and "data-application" in attrs:
            self.row = attrs["data-application"]
        if tag == "td":
            self.cell = [self.row, attrs["data-environment"], attrs["data-version"], set(attrs["class"].split()), ""]
            self.cells.append(self.cell)

    def handle_endtag(self, tag):
        if tag == "td":
            self.cell = None

    def handle_data(self, data):
        self.text += data
        if self.cell is not None:
            self.cell[4] += data


def test_html_escapes_every_name_and_marks_drift_modified_and_absent():
    page = html_page(MATRIX, "Report <of> & \"all\"", "2026-12-01 09:30 UTC")
    assert "<title>Report &lt;of&gt; &amp; &#34;all&#34;</title>" in page
    assert "R&D" not in page and "<Tools>" not in page
    parser = Cells()
    parser.feed(page)
    assert parser.cells == [
        ["Only Dev", "Dev <1>", "", {"cell"}, "v9"],  # no label: shown by key
        ["Only Dev", "Test", "", {"cell", "drift", "absent"}, "\u2014"],
        ["Pipe|Name", "Dev <1>", "1.0", {"cell"}, "1.0"],
        ["Pipe|Name", "Test", "", {"cell"}, "v1"],
        ["R&D <Tools> \"x\" 'y'", "Dev <1>", "2.0", {"cell", "modified"}, "2.0modified"],
        ["R&D <Tools> \"x\" 'y'", "Test", "", {"cell", "drift"}, "v1"],
    ]
    assert "Generated 2026-12-01 09:30 UTC \u00b7 3 applications \u00b7 2 environments" in parser.text
    assert "Dev <1> \u2192 Test:\n      Only Dev, R&D <Tools> \"x\" 'y'" in parser.text


def test_markdown_escapes_the_pipe_and_marks_cells():
    lines = markdown_page(MATRIX, "T", "now").splitlines()
    assert lines[0] == "# T" and lines[2].startswith("Generated now.")
    table = [line for line in lines if line.startswith("|")]
    assert table == ["| Application | Dev <1> | Test |", "|---|---|---|",
                     "| Only Dev | v9 | **\u2014** \u26a0 |",
                     "| Pipe\\|Name | 1.0 | v1 |",
                     "| R&D <Tools> \"x\" 'y' | 2.0 \u270e | **v1** \u26a0 |"]
    assert lines[-1] == "- **Dev <1> \u2192 Test**: Only Dev, R&D <Tools> \"x\" 'y'"


def test_no_environment_pair_says_no_difference():
    matrix = application_matrix(ENVIRONMENTS, [application("Same", dev="v1", tst="v1", label="1.0")])
    assert markdown_page(matrix, "T", "now").endswith("- **Dev <1> \u2192 Test**: no difference\n")
    assert "<strong>Dev &lt;1&gt; &rarr; Test</strong>:\n      no difference</li>" in html_page(matrix, "T", "now")


def test_written_once_then_unchanged_and_check_mode_writes_nothing(tmp_path):
    directory = str(tmp_path / "new" / "report")
    files, diffs = write_reports(directory, ["html", "markdown"], MATRIX, "T", "now", check_mode=True)
    assert [entry["changed"] for entry in files] == [True, True] and not os.path.exists(directory)
    assert [entry["before"] for entry in diffs] == ["", ""]

    files, diffs = write_reports(directory, ["html", "markdown"], MATRIX, "T", "now")
    assert [(entry["format"], os.path.basename(entry["path"]), entry["changed"]) for entry in files] == [
        ("html", "report.html", True), ("markdown", "report.md", True)]
    assert oct(os.stat(directory).st_mode & 0o777) == oct(0o755 & ~current_umask())
    html_file = os.path.join(directory, "report.html")
    assert oct(os.stat(html_file).st_mode & 0o777) == "0o644"
    with open(html_file, encoding="utf-8") as handle:
        assert handle.read() == diffs[0]["after"] == html_page(MATRIX, "T", "now")
    assert sorted(os.listdir(directory)) == ["report.html", "report.md"]  # no temporary file left

    mtime = os.stat(html_file).st_mtime_ns
    files, diffs = write_reports(directory, ["html", "markdown"], MATRIX, "T", "now")
    assert [entry["changed"] for entry in files] == [False, False] and diffs == []
    assert os.stat(html_file).st_mtime_ns == mtime

    files, diffs = write_reports(directory, ["markdown"], MATRIX, "T", "later", check_mode=True)
    assert [(entry["format"], entry["changed"]) for entry in files] == [("markdown", True)]
    assert "Generated now." in diffs[0]["before"] and "Generated later." in diffs[0]["after"]
    with open(os.path.join(directory, "report.md"), encoding="utf-8") as handle:
        assert "Generated now." in handle.read()


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_a_file_where_the_directory_goes_is_refused(tmp_path):
    path = tmp_path / "report"
    path.write_text("not a directory")
    with pytest.raises(ValueError, match="path %s is not a directory" % path):
        write_reports(str(path), ["html"], MATRIX, "T", "now")
    assert path.read_text() == "not a directory"
