"""Every variant of the option doc fragments says what the option tables say, and is what the generator writes."""

import importlib
import sys
from pathlib import Path

import pytest
import yaml

from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import BDD_OPTIONS, PROBE_OPTIONS
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import CONNECTION_OPTIONS
from ansible_collections.outsystems.lifetime.plugins.module_utils.technical_debt import AIMS_OPTIONS

sys.path.insert(0, str(Path(__file__).resolve().parent))
make_doc_fragments = importlib.import_module("make_doc_fragments")

# (fragment, its option table, the variants and whether each declares `env:`)
VARIANTS = [
    ("connection", CONNECTION_OPTIONS, "DOCUMENTATION", False),
    ("connection", CONNECTION_OPTIONS, "PLUGINS", True),
    ("ai_mentor_studio", AIMS_OPTIONS, "DOCUMENTATION", False),
    ("cicd_probe", PROBE_OPTIONS, "DOCUMENTATION", False),
    ("bdd_framework", BDD_OPTIONS, "DOCUMENTATION", False),
]


def fragment_options(fragment, variant):
    module = importlib.import_module("ansible_collections.outsystems.lifetime.plugins.doc_fragments." + fragment)
    return yaml.safe_load(getattr(module.ModuleDocFragment, variant))["options"]


@pytest.mark.parametrize("fragment, table, variant, with_env", VARIANTS, ids=[v[0] + "." + v[2] for v in VARIANTS])
def test_every_fragment_variant_matches_its_option_table(fragment, table, variant, with_env):
    documented = fragment_options(fragment, variant)
    assert set(documented) == set(table)
    for name, (entry, variable) in table.items():
        option = documented[name]
        assert option["type"] == entry["type"], name
        assert option.get("default") == entry.get("default"), name
        assert option.get("required", False) == entry.get("required", False), name
        assert option.get("aliases", []) == entry.get("aliases", []), name
        assert option.get("choices") == entry.get("choices"), name
        assert option.get("env") == ([{"name": variable}] if with_env else None), name
        assert ("E(%s)" % variable) in " ".join(option["description"]), name
        # no_log cannot be declared in documentation: a secret says so, and only a secret does.
        assert any(line.startswith("Never logged") for line in option["description"]) == bool(entry.get("no_log")), name


def test_the_plugin_variant_is_the_module_variant_plus_environment_variables():
    modules = fragment_options("connection", "DOCUMENTATION")
    plugins = fragment_options("connection", "PLUGINS")
    for option in plugins.values():
        option.pop("env")
    assert plugins == modules


@pytest.mark.parametrize("path", sorted(make_doc_fragments.FRAGMENTS), ids=lambda path: path.name)
def test_fragments_are_what_the_generator_writes_from_the_tables(path):
    assert path.read_text() == make_doc_fragments.render(path, make_doc_fragments.FRAGMENTS[path]), (
        "run .venv/bin/python tests/quality/make_doc_fragments.py")
