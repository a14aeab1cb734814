# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The report of what runs where, as an HTML page and a Markdown table, from application_matrix's result.

Written in Python rather than with Ansible's template module: at 2,000 applications the two Jinja templates cost about
1 s of rendering (each lookup in a template is ~10 us in ansible-core 2.19) and five module runs to write the files.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.outsystems.lifetime.plugins.module_utils.artifacts import write_file

HTML_STYLE = """  body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 24px; color: #1d2733; background: #ffffff; }
  h1 { font-size: 22px; margin: 0 0 4px 0; }
  p.meta { color: #5b6775; margin: 0 0 18px 0; font-size: 13px; }
  table.matrix { border-collapse: collapse; min-width: 720px; }
  table.matrix th, table.matrix td { border: 1px solid #c9d1da; padding: 10px 14px; text-align: left; font-size: 14px; }
  table.matrix thead th { background: #1f3a5f; color: #ffffff; }
  table.matrix tbody th { background: #eef2f6; font-weight: 600; }
  td.cell { background: #e3f4e8; }
  td.cell.absent { background: #f4f5f7; color: #8a94a0; }
  td.cell.drift { background: #ff8c00; color: #1d2733; font-weight: 600; }
  span.modified { display: inline-block; margin-left: 8px; padding: 1px 6px; border-radius: 8px; background: #6b2fb3; color: #ffffff; font-size: 11px; }
  ul.legend { list-style: none; padding: 0; margin: 16px 0; font-size: 13px; }
  ul.legend li { display: inline-block; margin-right: 18px; }
  ul.legend span.swatch { display: inline-block; width: 12px; height: 12px; margin-right: 6px; vertical-align: middle; border: 1px solid #c9d1da; }
  section.drift h2 { font-size: 17px; margin: 22px 0 6px 0; }
  section.drift li { font-size: 14px; margin: 4px 0; }
"""

HTML_LEGEND = """<ul class="legend">
  <li><span class="swatch" style="background: #ff8c00"></span>differs from the environment to the left (drift)</li>
  <li><span class="swatch" style="background: #6b2fb3"></span>modified since the version was tagged</li>
  <li><span class="swatch" style="background: #f4f5f7"></span>not deployed</li>
</ul>
"""

MODIFIED_BADGE = '<span class="modified" title="changed since this version was tagged">modified</span>'

FILE_NAMES = {"html": "report.html", "markdown": "report.md"}


def escape(value):
    """HTML text or attribute value (the five characters Jinja's ``e`` filter escapes, the same way)."""
    text = "" if value is None else "%s" % (value,)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&#34;").replace("'", "&#39;"))


def cell_text(cell):
    """What a cell shows: the version's label, else its key; None when the application is not deployed there."""
    return (cell["version"] or cell["version_key"]) if cell["deployed"] else None


def html_cell(cell, column):
    classes = "cell" + (" drift" if cell["drift"] else "") + (" modified" if cell["modified"] else "") + ("" if cell["deployed"] else " absent")
    text = cell_text(cell)
    return '      <td class="%s" data-environment="%s" data-version="%s">%s%s</td>\n' % (
        classes, column, escape(cell["version"] or ""), "&mdash;" if text is None else escape(text),
        MODIFIED_BADGE if cell["modified"] else "")


def html_page(matrix, title, generated):
    """The HTML page: applications as rows, environments as columns; a cell whose version differs from the environment to
    its left has the class "drift", one changed since its version was tagged "modified", one not deployed "absent"."""
    columns = [escape(env["name"]) for env in matrix["environments"]]
    parts = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n'
             % (escape(title), HTML_STYLE),
             '<h1>%s</h1>\n<p class="meta">Generated %s &middot; %d applications &middot; %d environments</p>\n'
             % (escape(title), escape(generated), len(matrix["rows"]), len(columns)),
             '<table class="matrix" id="matrix">\n  <thead>\n    <tr>\n      <th scope="col">Application</th>\n']
    parts.extend('      <th scope="col" data-environment="%s">%s</th>\n' % (column, column) for column in columns)
    parts.append("    </tr>\n  </thead>\n  <tbody>\n")
    for row in matrix["rows"]:
        name = escape(row["name"])
        parts.append('    <tr data-application="%s">\n      <th scope="row">%s</th>\n' % (name, name))
        parts.extend(html_cell(cell, column) for cell, column in zip(row["cells"], columns))
        parts.append("    </tr>\n")
    parts.append("  </tbody>\n</table>\n" + HTML_LEGEND)
    parts.append('<section class="drift">\n  <h2>Drift between adjacent environments</h2>\n  <ul>\n')
    for pair in matrix["drift"]:
        names = ", ".join(escape(name) for name in pair["applications"]) or "no difference"
        parts.append('    <li data-from="%s" data-to="%s"><strong>%s &rarr; %s</strong>:\n      %s</li>\n'
                     % (escape(pair["from"]), escape(pair["to"]), escape(pair["from"]), escape(pair["to"]), names))
    parts.append("  </ul>\n</section>\n</body>\n</html>\n")
    return "".join(parts)


def markdown_cell(cell):
    text = cell_text(cell) or u"\u2014"
    return (u"**%s** \u26a0" % text if cell["drift"] else text) + (u" \u270e" if cell["modified"] else "")


def markdown_page(matrix, title, generated):
    """The Markdown table: **bold** with a warning sign for drift, a pencil for modified, a dash for not deployed."""
    names = [env["name"] for env in matrix["environments"]]
    lines = [u"# %s" % title, u"",
             u"Generated %s. Each cell is the version running in that environment;" % generated,
             u"**bold** with \u26a0 = differs from the environment to its left (drift), \u270e = modified since that version "
             u"was tagged, \u2014 = not deployed.", u"",
             u"| Application |%s" % "".join(u" %s |" % name for name in names),
             u"|---|%s" % ("---|" * len(names))]
    for row in matrix["rows"]:
        lines.append(u"| %s |%s" % (row["name"].replace("|", "\\|"), "".join(u" %s |" % markdown_cell(cell) for cell in row["cells"])))
    lines.extend([u"", u"## Drift between adjacent environments", u""])
    for pair in matrix["drift"]:
        lines.append(u"- **%s \u2192 %s**: %s" % (pair["from"], pair["to"], ", ".join(pair["applications"]) or "no difference"))
    return u"\n".join(lines) + u"\n"


PAGES = {"html": html_page, "markdown": markdown_page}


def read_text(path):
    """The file's text, or None when there is no such file."""
    try:
        with open(path, "rb") as handle:
            return handle.read().decode("utf-8", "replace")
    except (IOError, OSError):
        return None


def write_reports(directory, formats, matrix, title, generated, check_mode=False):
    """Write the pages asked into ``directory`` (created 0755 when missing) where their text differs.

    Returns (files, diffs): per format its path and whether it changed; per changed file a diff entry (before, after).
    In check mode nothing is created or written.
    """
    if os.path.exists(directory) and not os.path.isdir(directory):
        raise ValueError("path %s is not a directory: the report writes report.html and report.md into a directory" % directory)
    files, diffs = [], []
    if not os.path.isdir(directory) and not check_mode:
        os.makedirs(directory, 0o755)
    for name in formats:
        path = os.path.join(directory, FILE_NAMES[name])
        text = PAGES[name](matrix, title, generated)
        before = read_text(path)
        changed = before != text
        if changed and not check_mode:
            write_file(path, text.encode("utf-8"))
        files.append({"format": name, "path": path, "changed": changed})
        if changed:
            diffs.append({"before_header": path, "after_header": path, "before": before or "", "after": text})
    return files, diffs
