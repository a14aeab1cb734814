"""Each role's README documents exactly the variables its defaults and argument_specs have, with the same defaults.

A README's variable table has one row per variable: `name` | default | meaning. The default is written as
`value` (YAML flow style: `[]`, `{}`, `""`, `false`, `patch`) or "—" for a variable argument_specs marks required.
"""

import re

import pytest
import yaml

from testlib.collection import REPO

ROLES = sorted(path.name for path in (REPO / "roles").iterdir() if (path / "meta" / "argument_specs.yml").is_file())


def written(value):
    """How a README writes a default."""
    if value == "":
        return '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, dict)):
        return yaml.safe_dump(value, default_flow_style=True).strip()
    return str(value)


def readme_table(role):
    """name -> default cell, for every row of the README's variable table; a row naming two variables fails."""
    rows = {}
    for line in (REPO / "roles" / role / "README.md").read_text().splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        names = re.findall(r"`([^`]+)`", cells[0])
        assert len(names) == 1, "one variable per row in roles/%s/README.md: %s" % (role, line)
        assert names[0] not in rows, "documented twice: %s" % names[0]
        rows[names[0]] = cells[1]
    return rows


@pytest.mark.parametrize("role", ROLES)
def test_readme_defaults_and_argument_specs_agree(role):
    defaults = yaml.safe_load((REPO / "roles" / role / "defaults" / "main.yml").read_text()) or {}
    specs = yaml.safe_load((REPO / "roles" / role / "meta" / "argument_specs.yml").read_text())["argument_specs"]["main"]["options"]
    table = readme_table(role)
    assert sorted(table) == sorted(defaults) == sorted(specs), role
    for name, spec in specs.items():
        if "default" in spec:
            assert spec["default"] == defaults[name], (role, name)
        expected = "—" if spec.get("required") else "`%s`" % written(defaults[name])
        assert table[name] == expected, (role, name, table[name], expected)
