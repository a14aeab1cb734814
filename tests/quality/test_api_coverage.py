"""Every operation of the LifeTime API v2 is used by a module or plugin, or deliberately left out with a reason.

A call counts as a use when plugins/ calls the client (get, get_list, post, put, delete, or the lookups'
records) with the path written as a literal, so that this test and a reader can find it.
"""

import json
import re
from pathlib import Path

import yaml

from testlib.collection import REPO, SWAGGER

CALL = re.compile(r"\.(get|get_list|records|post|put|delete)\(\s*\n?\s*[\"']([^\"']*/[^\"']*)[\"']")
REQUEST_CALL = re.compile(r"\.request\(\s*[\"'](GET|POST|PUT|DELETE)[\"'],\s*[\"']([^\"']*/[^\"']*)[\"']")
METHOD_OF_CALL = {"get": "GET", "get_list": "GET", "records": "GET", "post": "POST", "put": "PUT", "delete": "DELETE"}
NOT_COVERED = Path(__file__).with_name("api_not_covered.yml")


def normal(path):
    path = re.sub(r"\{[^}]*\}|%[sd]", "{}", path)
    return path.strip("/").lower()


def swagger_operations():
    document = json.loads(SWAGGER.read_text())
    operations = {}
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "post", "put", "delete"):
                operations[(method.upper(), normal(path))] = operation["operationId"]
    return operations


def used_operations():
    used = {}
    for source in sorted((REPO / "plugins").rglob("*.py")):
        text = source.read_text()
        calls = [(METHOD_OF_CALL[verb], path) for verb, path in CALL.findall(text)] + REQUEST_CALL.findall(text)
        for method, path in calls:
            used.setdefault((method, normal(path)), []).append(source.relative_to(REPO).as_posix())
    return used


def test_swagger_has_the_86_operations():
    assert len(swagger_operations()) == 86


def test_every_operation_is_used_or_listed_with_a_reason():
    operations = swagger_operations()
    used = used_operations()
    listed = yaml.safe_load(NOT_COVERED.read_text()) or {}
    for operation_id, reason in listed.items():
        assert operation_id in operations.values(), "api_not_covered.yml lists unknown operation %s" % operation_id
        assert isinstance(reason, str) and len(reason) > 20, "give a real reason for leaving out %s" % operation_id
    missing = sorted(op_id for key, op_id in operations.items() if key not in used and op_id not in listed)
    assert not missing, "operations neither used by plugins/ nor listed in api_not_covered.yml: %s" % ", ".join(missing)
    listed_but_used = sorted(op_id for key, op_id in operations.items() if key in used and op_id in listed)
    assert not listed_but_used, "listed as not covered but used: %s" % ", ".join(listed_but_used)


def test_plugins_call_only_paths_the_api_has():
    known = set(swagger_operations())
    unknown = dict((key, files) for key, files in used_operations().items() if key not in known)
    assert not unknown, "calls to paths the swagger does not have: %s" % unknown


def test_action_group_lists_exactly_the_modules():
    runtime = yaml.safe_load((REPO / "meta" / "runtime.yml").read_text())
    group = sorted(runtime["action_groups"]["lifetime"])
    modules = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("*.py") if path.stem != "__init__")
    assert group == modules
