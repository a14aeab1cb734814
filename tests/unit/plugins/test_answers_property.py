"""No traceback, ever: every answer the modules parse, varied by Hypothesis, through a fake transport.

Each response kind is one call of a documented flow (tests/replay/flows.py); the other calls answer as
documented. The varied answer comes from
- the documented variants (``valid``): absent optional fields, ``""`` for text, the null date
  ``1900-01-01T00:00:00``, 0 to 3 fraction digits, extra fields, empty lists, 204 / empty bodies.
  The module must then succeed or fail on purpose; the no-traceback guard must never be what answers.
- anything else (``broken``): the swagger's response schema (hypothesis-jsonschema), documented
  records with fields removed, bare text where JSON is expected and JSON where text is. The module
  may fail, but only with a message naming the request (method, path) - never a Python error.
Deterministic (derandomize) and bounded: EXAMPLES examples per kind and family.
"""

import copy
import json
import re
from datetime import datetime
from unittest import mock
from urllib.parse import urlsplit

import pytest
import requests
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema
from requests.structures import CaseInsensitiveDict

from replay.flows import FLOWS
from replay.server import BASE_PATH, Script, route
from testlib.clock import VirtualClock
from testlib.collection import SWAGGER
from testlib.modules import run_module

from ansible_collections.outsystems.lifetime.plugins.module_utils.shapes import NULL_DATE, date_form

ROOT = "http://lifetime.invalid"
TOKEN = "property-token"
EXAMPLES = 30
NAMES_A_REQUEST = re.compile(r"\b(GET|POST|PUT|DELETE) /")
GUARD = "unexpected answer from LifeTime"
# No shrinking: a failure is reported as generated (shrinking a module run would take minutes).
SETTINGS = settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None, phases=(Phase.explicit, Phase.generate),
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])

with open(SWAGGER, encoding="utf-8") as handle:
    SWAGGER_DOC = json.load(handle)

# kind: (flow, the call whose answer varies, the swagger operation that declares it)
KINDS = {
    "environments": ("deploy", ("GET", "/environments/"), ("get", "/environments/")),
    "applications": ("deploy", ("GET", "/applications/"), ("get", "/applications/")),
    "deployment-zones": ("deploy", ("GET", "/environments/849515f2-b4ff-4aca-a9d6-9407bea655f4/deploymentzones/"),
                         ("get", "/environments/{EnvironmentKey}/deploymentzones/")),
    "plans": ("deploy", ("GET", "/deployments/"), ("get", "/deployments/")),
    "plan-created": ("deploy", ("POST", "/deployments/"), ("post", "/deployments/")),
    "plan": ("deploy", ("GET", "/deployments/dce64ad4-2ddf-4e54-a639-3524bcd5b9a1/"), ("get", "/deployments/{DeploymentKey}/")),
    "plan-status": ("deploy", ("GET", "/deployments/dce64ad4-2ddf-4e54-a639-3524bcd5b9a1/status/"),
                    ("get", "/deployments/{DeploymentKey}/status/")),
    "missing-db-mappings": ("mapdb", ("GET", "/deployments/dce64ad4-2ddf-4e54-a639-3524bcd5b9a1/getmissingdbmappings"),
                            ("get", "/deployments/{DeploymentKey}/getmissingdbmappings/")),
    "binary-plan": ("binary", ("GET", "/deployments/16e9ad8a-9afa-46f8-8e3d-34f3b3e6d2cd/"), ("get", "/deployments/{DeploymentKey}/")),
    "running-application": ("newver", ("GET", "/environments/f3582e43-43c7-4bb4-8cbb-d9f6cbcbd35e/applications/c9a7a82e-0eee-4a3d-8e22-2a19c69c766f/"),
                            ("get", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/")),
    "versions": ("newver", ("GET", "/applications/c9a7a82e-0eee-4a3d-8e22-2a19c69c766f/versions/"), ("get", "/applications/{ApplicationKey}/versions/")),
    "version-created": ("newver", ("POST", "/environments/f3582e43-43c7-4bb4-8cbb-d9f6cbcbd35e/applications/c9a7a82e-0eee-4a3d-8e22-2a19c69c766f/versions/"),
                        ("post", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/versions/")),
    "source-code-status": ("srccode", ("GET", "/environments/849515f2-b4ff-4aca-a9d6-9407bea655f4/applications/c9a7a82e-0eee-4a3d-8e22-2a19c69c766f/"
                                              "sourcecodeaccess/bc354abb-6691-41ee-9ed3-9454747e2d4d/status"),
                           ("get", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/status/")),
    "download-link": ("srccode", ("GET", "/environments/849515f2-b4ff-4aca-a9d6-9407bea655f4/applications/c9a7a82e-0eee-4a3d-8e22-2a19c69c766f/"
                                         "sourcecodeaccess/bc354abb-6691-41ee-9ed3-9454747e2d4d/download"),
                      ("get", "/environments/{EnvironmentKey}/applications/{ApplicationKey}/sourcecodeaccess/{PackageKey}/download/")),
    "modules": ("srccode2", ("GET", "/modules/"), ("get", "/modules/")),
    "configurations": ("block", ("GET", "/applications/c9a7a82e-0eee-4a3d-8e22-2a19c69c766f/configurations/"),
                       ("get", "/applications/{ApplicationKey}/configurations/")),
}


# -- the fake transport -----------------------------------------------------------------------------

def fake_session(script):
    """A requests.Session.request that answers from ``script`` (no network)."""

    def request(self, method, url, params=None, data=None, headers=None, **kwargs):  # pylint: disable=unused-argument
        parts = urlsplit(url)
        path = parts.path[len(BASE_PATH):] if parts.path.startswith(BASE_PATH) else parts.path
        status, payload, content_type = script.answer(method, path, params, data, ROOT)
        response = requests.Response()
        response.status_code = status
        response._content = payload  # pylint: disable=protected-access
        response._content_consumed = True  # pylint: disable=protected-access
        response.headers = CaseInsensitiveDict({"Content-Type": content_type} if content_type else {})
        response.encoding = "utf-8"
        response.url = url
        return response

    return request


def run_flow_with(kind, answer, tmp_path):
    """Run the kind's flow with the varied call answering ``answer`` (a step dict); return (result, script)."""
    flow_name, call, _operation = KINDS[kind]
    flow = FLOWS[flow_name]
    steps = []
    varied = False
    for step in copy.deepcopy(flow["steps"]):
        if not varied and route(step["method"], step["path"]) == route(*call):  # the first answer of the call (a later one stays)
            step = dict(step, body=None, text=None, bytes=None, status=None)
            step.update(answer)
            varied = True
        steps.append(step)
    script = Script(steps)
    args = dict(flow["args"], lifetime_url=ROOT, lifetime_token=TOKEN, retries=0, timeout=5)
    for option, value in list(args.items()):
        if isinstance(value, str):
            args[option] = value.replace("{package}", str(tmp_path / "app.oap")).replace("{dest}", str(tmp_path / "source.zip"))
    (tmp_path / "app.oap").write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    clock = VirtualClock()
    with mock.patch.object(requests.Session, "request", fake_session(script)), clock.installed():
        result = run_module(flow["module"], args)
    return result, script


# -- strategies -----------------------------------------------------------------------------------

def documented_answer(kind):
    flow_name, call, _operation = KINDS[kind]
    for step in FLOWS[flow_name]["steps"]:
        if route(step["method"], step["path"]) == route(*call):
            return step
    raise KeyError(kind)


def date_variants():
    """The documented date forms: the null date, or Z with 0 to 3 fraction digits (trailing zeros dropped)."""
    def write(moment, digits):
        fraction = ("%03d" % (moment.microsecond // 1000))[:digits].rstrip("0")
        return moment.strftime("%Y-%m-%dT%H:%M:%S") + ("." + fraction if fraction else "") + "Z"

    moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2040, 1, 1))
    return st.one_of(st.just(NULL_DATE), st.builds(write, moments, st.integers(0, 3)))


@st.composite
def valid_variant(draw, value, top=True):
    """A documented variant of ``value``: same keys and kinds, "" for text, null dates, fraction digits, extra fields, empty lists."""
    if isinstance(value, dict):
        varied = {}
        for key, item in value.items():
            varied[key] = draw(valid_variant(item, top=False))
        if draw(st.booleans()):
            varied[draw(st.sampled_from(["Extra", "IsOffline", "Type", "Remarks"])) + "Field"] = draw(st.sampled_from(["", 0, False, [], "x"]))
        return varied
    if isinstance(value, list):
        if not value or draw(st.integers(0, 4)) == 0:
            return []
        items = [draw(valid_variant(item, top=False)) for item in value]
        return items + items[:draw(st.integers(0, 1))]
    if isinstance(value, str) and date_form(value):
        return draw(date_variants())
    if isinstance(value, str) and not top and draw(st.integers(0, 3)) == 0:
        return ""
    return value


@st.composite
def without_fields(draw, value):
    """A documented record with some fields removed at any depth."""
    if isinstance(value, dict):
        return dict((key, draw(without_fields(item))) for key, item in value.items() if draw(st.integers(0, 3)) > 0)
    if isinstance(value, list):
        return [draw(without_fields(item)) for item in value]
    return value


def swagger_schema(operation):
    method, template = operation
    responses = SWAGGER_DOC["paths"][template][method]["responses"]
    code = next(code for code in sorted(responses) if code.startswith("2") and responses[code].get("schema"))
    schema = copy.deepcopy(responses[code]["schema"])
    schema["definitions"] = SWAGGER_DOC["definitions"]
    return schema


def answers(kind, family):
    documented = documented_answer(kind)
    body, text = documented.get("body"), documented.get("text")
    if family == "valid":
        if text is not None:
            return st.just({"text": text})
        variants = [valid_variant(body).map(lambda value: {"body": value})]
        if isinstance(body, list):
            variants.append(st.just({"status": 204}))  # an empty list, as LifeTime sends it
        return st.one_of(*variants)
    broken = [st.just({"text": "Mapping succeeded and deployment triggered"}), st.just({"status": 200}),
              st.sampled_from([{"body": "a JSON string"}, {"body": 7}, {"body": None}, {"body": {}}, {"body": []}])]
    if body is not None:
        broken.append(without_fields(body).map(lambda value: {"body": value}))
        broken.append(st.just({"text": json.dumps(body)[:40]}))
    if text is not None:
        broken.append(st.just({"body": {"Key": text}}))
    try:
        broken.append(from_schema(swagger_schema(KINDS[kind][2])).map(lambda value: {"body": value}))
    except (KeyError, StopIteration):
        pass
    return st.one_of(*broken)


def check(result, family, answer):
    """The only allowed outcomes: success, or a failure on purpose / naming the request."""
    assert isinstance(result, dict)
    message = str(result.get("msg") or "")
    assert not message.startswith("Module failed") and "Traceback" not in message, message
    if not result.get("failed"):
        return
    if family == "valid":
        assert GUARD not in message, "a documented answer %s crashed the module: %s" % (json.dumps(answer)[:300], message)
    elif GUARD in message:
        assert NAMES_A_REQUEST.search(message), message


@pytest.mark.parametrize("family", ["valid", "broken"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_answer_gives_a_result_or_a_clear_failure(kind, family, tmp_path):
    @SETTINGS
    @given(answers(kind, family))
    def property_holds(answer):
        result, _script = run_flow_with(kind, answer, tmp_path)
        check(result, family, answer)

    property_holds()


def test_the_documented_flows_are_the_base():
    """Each kind's unvaried call is in its flow, so the variation reaches the module."""
    for kind in KINDS:
        assert documented_answer(kind)
