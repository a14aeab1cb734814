"""Rewrite the facts of the option doc fragments from the option tables they document.

The tables (module_utils/connection.py CONNECTION_OPTIONS, module_utils/technical_debt.py AIMS_OPTIONS,
module_utils/cicd_probe.py PROBE_OPTIONS and BDD_OPTIONS) are the
one source of each option's type, default, aliases and environment variable. ansible-test reads only literal
DOCUMENTATION strings, so the fragments stay literals: this script keeps each option's description as written in
the fragment's DOCUMENTATION variant, writes its type/default/aliases lines from the table, and writes the PLUGINS
variant (inventory and lookup plugins, which read the environment through ``env:``) as the same text plus ``env:``.
Run: .venv/bin/python tests/quality/make_doc_fragments.py (tests/quality/test_doc_fragments.py checks it is current).
"""

import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from testlib.collection import make_importable  # noqa: E402

make_importable()

from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import BDD_OPTIONS, PROBE_OPTIONS  # noqa: E402
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import CONNECTION_OPTIONS  # noqa: E402
from ansible_collections.outsystems.lifetime.plugins.module_utils.technical_debt import AIMS_OPTIONS  # noqa: E402

FRAGMENTS = {
    REPO / "plugins" / "doc_fragments" / "connection.py": CONNECTION_OPTIONS,
    REPO / "plugins" / "doc_fragments" / "ai_mentor_studio.py": AIMS_OPTIONS,
    REPO / "plugins" / "doc_fragments" / "cicd_probe.py": PROBE_OPTIONS,
    REPO / "plugins" / "doc_fragments" / "bdd_framework.py": BDD_OPTIONS,
}
LITERAL = re.compile(r'(    (\w+) = r""")(.*?)(""")', re.S)
FACT_KEYS = ("type", "default", "choices", "aliases", "required", "env")


def yaml_scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def descriptions(literal):
    """(option name -> its description lines as written, the text after the options) of a DOCUMENTATION literal."""
    lines = literal.split("\n")
    start = lines.index("options:")
    found, name, in_fact, index = {}, None, False, start + 1
    while index < len(lines) and (lines[index].startswith("  ") or not lines[index]):
        line = lines[index]
        if re.match(r"^  \w+:$", line):
            name, in_fact = line.strip()[:-1], False
            found[name] = []
        else:
            if re.match(r"^    \w+:", line):
                in_fact = line.split(":")[0].strip() in FACT_KEYS
            if not in_fact:
                found[name].append(line)
        index += 1
    return lines[:start + 1], found, lines[index:]


def render_options(table, described, with_env):
    lines = []
    for name, (entry, variable) in table.items():
        lines.append("  %s:" % name)
        lines.extend(described[name])
        lines.append("    type: %s" % entry["type"])
        if entry.get("default") is not None:
            lines.append("    default: %s" % yaml_scalar(entry["default"]))
        if entry.get("choices"):
            lines.append("    choices: [%s]" % ", ".join(yaml_scalar(choice) for choice in entry["choices"]))
        if entry.get("aliases"):
            lines.append("    aliases: [%s]" % ", ".join(entry["aliases"]))
        if entry.get("required"):
            lines.append("    required: true")
        if with_env:
            lines.extend(["    env:", "      - name: %s" % variable])
    return lines


def render(path, table):
    """The fragment file at ``path`` with every variant's option facts written from ``table``."""
    text = path.read_text()
    literals = {match.group(2): match.group(3) for match in LITERAL.finditer(text)}
    head, described, tail = descriptions(literals["DOCUMENTATION"])
    unknown = set(described) ^ set(table)
    if unknown:
        raise SystemExit("%s: options not both in the table and the fragment: %s" % (path, sorted(unknown)))

    def variant(match):
        body = "\n".join(head + render_options(table, described, match.group(2) == "PLUGINS") + tail)
        return match.group(1) + body + match.group(4)

    return LITERAL.sub(variant, text)


def main():
    for path, table in FRAGMENTS.items():
        path.write_text(render(path, table))
        print("wrote %s" % path.relative_to(REPO))


if __name__ == "__main__":
    main()
