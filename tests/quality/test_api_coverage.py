"""Every operation of the LifeTime API v2 is used by a module or plugin, or deliberately left out with a reason.

The paths the collection calls are named once, in plugins/module_utils/endpoints.py, with the methods it sends
to each (METHODS); this test reads that table. Call sites name the table's entries, so no path is written as a
literal anywhere else in plugins/ (checked below). The table also names the paths of two other APIs, which the
swagger does not describe: the Properties API on the LifeTime host (in METHODS too) and the AI Mentor Studio API.
"""

import importlib.util
import json
import re
from pathlib import Path

import yaml

from testlib.collection import REPO, SWAGGER

NOT_COVERED = Path(__file__).with_name("api_not_covered.yml")
ENDPOINTS_FILE = REPO / "plugins" / "module_utils" / "endpoints.py"
# Entries that are not LifeTime API v2 paths, each with the reason.
NOT_LIFETIME = {
    "AIMS_": "the AI Mentor Studio API (technical_debt.py), a different service with its own base address",
    "PROPERTIES_": "the Properties API (properties.py), on the LifeTime host under its own base path; no swagger describes it",
    "PROBE_": "the CI/CD Probe (cicd_probe.py), an application installed in an environment, with its own base address",
    "BDD_": "the BDD Framework's test runners (cicd_probe.py, bdd_runs.py), applications installed in an environment",
}
# Of those, the APIs whose paths have their methods in METHODS too.
WITH_METHODS = ("PROPERTIES_",)
# A string literal that starts like a path of LifeTime or of a service beside it (raw strings are regular expressions
# that recognise a path in an error, errors.py's version hints, not paths the collection calls).
PATH_LITERAL = re.compile(r"(?<![rR])[\"'](?:/?(?:deployments|applications|environments|users|teams|roles|modules|auth|downloads)/|/?TechnicalDebt_"
                          r"|/?Modules/|/?ScanBDDTestEndpoints|/?GetApplicationDependencies|/?BDDTestRunner/)")
# A call that names a table entry: client.get(endpoints.X ...), client.post(endpoints.path(endpoints.X, ...)), ...
NAMED_CALL = re.compile(r"\.(get|get_list|records|read|post|put|delete)\(\s*(?:\"GET [^\"]*\",\s*)?(?:endpoints\.path\(\s*)?endpoints\.([A-Z][A-Z0-9_]*)")
NAMED_REQUEST = re.compile(r"\.request\(\s*\"(GET|POST|PUT|DELETE)\",\s*(?:endpoints\.path\(\s*)?endpoints\.([A-Z][A-Z0-9_]*)")
METHOD_OF_CALL = {"get": "GET", "get_list": "GET", "records": "GET", "read": "GET", "post": "POST", "put": "PUT", "delete": "DELETE"}


def normal(path):
    path = re.sub(r"\{[^}]*\}", "{}", path)
    return path.strip("/").lower()


def load_endpoints():
    spec = importlib.util.spec_from_file_location("lifetime_endpoints", str(ENDPOINTS_FILE))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def table():
    """name -> path template, for every named path in endpoints.py."""
    module = load_endpoints()
    return dict((name, value) for name, value in vars(module).items() if name.isupper() and isinstance(value, str))


def lifetime_table():
    return dict((name, value) for name, value in table().items() if not name.startswith(tuple(NOT_LIFETIME)))


def swagger_operations():
    document = json.loads(SWAGGER.read_text())
    operations = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "delete"):
                operations[(method.upper(), normal(path))] = operation["operationId"]
    return operations


def used_operations():
    """(method, normalised path) -> table names, from the table's METHODS."""
    methods = load_endpoints().METHODS
    used = {}
    for name, template in lifetime_table().items():
        for method in methods[template]:
            used.setdefault((method, normal(template)), []).append(name)
    return used


def plugin_sources():
    return [source for source in sorted((REPO / "plugins").rglob("*.py")) if source != ENDPOINTS_FILE]


def test_swagger_has_the_86_operations():
    assert len(swagger_operations()) == 86


def with_methods_table():
    """The entries METHODS covers: the LifeTime paths and those of the APIs in WITH_METHODS."""
    return dict((name, value) for name, value in table().items()
                if not name.startswith(tuple(NOT_LIFETIME)) or name.startswith(WITH_METHODS))


def test_every_lifetime_entry_says_which_methods_the_collection_sends():
    methods = load_endpoints().METHODS
    entries = with_methods_table()
    without = sorted(name for name, template in entries.items() if not methods.get(template))
    assert not without, "endpoints.py: give these entries their methods in METHODS: %s" % ", ".join(without)
    assert set(methods) == set(entries.values()), "METHODS has paths that no named entry holds"


def test_every_table_entry_is_an_operation_of_the_swagger():
    known = set(swagger_operations())
    unknown = dict((key, names) for key, names in used_operations().items() if key not in known)
    assert not unknown, "endpoints.py names operations the swagger does not have: %s" % unknown


def test_every_operation_is_in_the_table_or_listed_with_a_reason():
    operations = swagger_operations()
    used = used_operations()
    listed = yaml.safe_load(NOT_COVERED.read_text()) or {}
    for operation_id, reason in listed.items():
        assert operation_id in operations.values(), "api_not_covered.yml lists unknown operation %s" % operation_id
        assert isinstance(reason, str) and len(reason) > 20, "give a real reason for leaving out %s" % operation_id
    missing = sorted(op_id for key, op_id in operations.items() if key not in used and op_id not in listed)
    assert not missing, "operations neither in endpoints.py nor listed in api_not_covered.yml: %s" % ", ".join(missing)
    listed_but_used = sorted(op_id for key, op_id in operations.items() if key in used and op_id in listed)
    assert not listed_but_used, "listed as not covered but in endpoints.py: %s" % ", ".join(listed_but_used)


def test_no_path_is_written_outside_the_table():
    found = []
    for source in plugin_sources():
        for number, line in enumerate(source.read_text().splitlines(), 1):
            if PATH_LITERAL.search(line):
                found.append("%s:%d: %s" % (source.relative_to(REPO).as_posix(), number, line.strip()))
    assert not found, "name these paths in plugins/module_utils/endpoints.py and use the name:\n" + "\n".join(found)


def test_every_entry_is_called_and_with_the_methods_the_table_says():
    entries = table()
    methods = load_endpoints().METHODS
    text = "\n".join(source.read_text() for source in plugin_sources())
    named = set(re.findall(r"\bendpoints\.([A-Z][A-Z0-9_]*)\b", text))
    unused = sorted(name for name in entries if name not in named)
    assert not unused, "endpoints.py entries no plugin uses: %s" % ", ".join(unused)
    calls = [(METHOD_OF_CALL[verb], name) for verb, name in NAMED_CALL.findall(text)] + NAMED_REQUEST.findall(text)
    assert len(calls) > 80
    checked = with_methods_table()
    wrong = ["%s %s" % (method, name) for method, name in calls if name in checked and method not in methods[checked[name]]]
    assert not wrong, "calls with a method that endpoints.METHODS does not list: %s" % ", ".join(sorted(wrong))


def test_action_group_lists_exactly_the_modules():
    runtime = yaml.safe_load((REPO / "meta" / "runtime.yml").read_text())
    group = sorted(runtime["action_groups"]["lifetime"])
    modules = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
    assert group == modules
