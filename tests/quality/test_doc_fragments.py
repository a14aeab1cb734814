"""The connection doc fragment's two variants (modules, plugins) say the same, and match the option table."""

import yaml

from ansible_collections.outsystems.lifetime.plugins.doc_fragments.connection import ModuleDocFragment
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import CONNECTION_OPTIONS


def test_plugin_variant_is_the_module_variant_plus_environment_variables():
    modules = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)
    plugins = yaml.safe_load(ModuleDocFragment.PLUGINS)
    for name, option in plugins["options"].items():
        env = option.pop("env")
        assert env == [{"name": CONNECTION_OPTIONS[name][1]}], name
    assert plugins == modules


def test_documented_options_match_the_option_table():
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    assert set(documented) == set(CONNECTION_OPTIONS)
    for name, (entry, _variable) in CONNECTION_OPTIONS.items():
        assert documented[name]["type"] == entry["type"], name
        assert documented[name].get("default") == entry.get("default"), name
        assert documented[name].get("required", False) == entry.get("required", False), name
        assert documented[name].get("aliases", []) == entry.get("aliases", []), name
