"""Run by test_plugin_answers_property.py in a child Python (importing Ansible's controller code in the test
process would change how later in-process module runs report warnings).

Feeds the lookup and the inventory plugin the documented environment and application lists, varied by
Hypothesis (documented variants, and broken answers), through the same fake transport as the module
property tests; prints one JSON line per family: {"kind", "family", "examples", "outcomes", "bad"}.
"""

import json
import sys
import tempfile
from pathlib import Path
from unittest import mock

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1])]

from testlib.collection import make_importable  # noqa: E402

make_importable()

from hypothesis.configuration import set_hypothesis_home_dir  # noqa: E402

set_hypothesis_home_dir(tempfile.mkdtemp(prefix="hypothesis-"))  # before any strategy caches anything

import requests  # noqa: E402
from ansible.errors import AnsibleError  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import test_answers_property as modules_property  # noqa: E402
from replay.flows import body_of  # noqa: E402
from replay.server import Script  # noqa: E402

from ansible_collections.outsystems.lifetime.plugins.inventory.lifetime import InventoryModule, host_vars  # noqa: E402
from ansible_collections.outsystems.lifetime.plugins.lookup.lifetime import LookupModule  # noqa: E402

TOKEN = "property-token"
OPTIONS = {"lifetime_url": modules_property.ROOT, "lifetime_token": TOKEN, "retries": 0, "timeout": 5, "validate_certs": True,
           "ca_path": None, "proxy": None, "environment": None, "field": None, "deployment_zones": False}
ENVIRONMENTS = body_of("deploy-env-list")
APPLICATIONS = body_of("deploy-app-list-envstatus")


def lookup(steps, terms):
    plugin = LookupModule()
    plugin.set_options = lambda **kwargs: None
    plugin.get_option = OPTIONS.get
    with mock.patch.object(requests.Session, "request", modules_property.fake_session(Script(steps))):
        return plugin.run(terms, variables={})


def inventory(steps):
    plugin = InventoryModule()
    plugin.get_option = OPTIONS.get
    with mock.patch.object(requests.Session, "request", modules_property.fake_session(Script(steps))):
        return [host_vars(item["environment"], item["zones"]) for item in plugin._fetch()]  # pylint: disable=protected-access


CALLS = {
    "lookup-environment": (lambda answer: lookup([dict({"method": "GET", "path": "/environments/"}, **answer)], ["environment", "Development"]),
                           ENVIRONMENTS),
    "lookup-application": (lambda answer: lookup([dict({"method": "GET", "path": "/applications/"}, **answer)], ["application", "EmployeeBackoffice"]),
                           APPLICATIONS),
    "inventory": (lambda answer: inventory([dict({"method": "GET", "path": "/environments/"}, **answer)]), ENVIRONMENTS),
}


def strategy(documented, family):
    if family == "valid":
        return st.one_of(modules_property.valid_variant(documented).map(lambda value: {"body": value}), st.just({"status": 204}))
    return st.one_of(modules_property.without_fields(documented).map(lambda value: {"body": value}),
                     st.sampled_from([{"body": "a JSON string"}, {"body": 7}, {"body": {}}, {"body": [1, "x", None]},
                                      {"text": "not json"}, {"body": [{"Key": 1, "Name": ["x"], "Order": "first"}]}]))


def run(kind, family):
    call, documented = CALLS[kind]
    outcomes = {}
    bad = []

    @modules_property.SETTINGS
    @given(strategy(documented, family))
    def property_holds(answer):
        try:
            call(answer)
            outcome = "ok"
        except AnsibleError as exc:
            message = str(exc)
            outcome = "guard" if modules_property.GUARD in message else "failed-on-purpose"
            if "Traceback" in message or (outcome == "guard" and (family == "valid" or not modules_property.NAMES_A_REQUEST.search(message))):
                bad.append([answer, message[:400]])
        except Exception as exc:  # pylint: disable=broad-except
            outcome = "escaped"
            bad.append([answer, "%s: %s" % (type(exc).__name__, exc)])
        outcomes[outcome] = outcomes.get(outcome, 0) + 1

    property_holds()
    return {"kind": kind, "family": family, "examples": sum(outcomes.values()), "outcomes": outcomes, "bad": bad[:3]}


if __name__ == "__main__":
    for name in sorted(CALLS):
        for group in ("valid", "broken"):
            print(json.dumps(run(name, group), default=str))
