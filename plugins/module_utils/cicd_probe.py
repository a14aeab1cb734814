# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The CI/CD Probe of an environment: its BDD test endpoints and the producers of an application version.

The probe is an application installed in an environment (OutSystems' pipeline points it at the regression
environment). Its client shares the LifeTime client's transport (client.Transport): the same retries with backoff,
Retry-After for 429 and 503, and the same error type. The optional key goes in the ``X-CICDProbe-Key`` header and
never in a message. Every answer is a JSON array; the only success is HTTP 200.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

try:
    from urllib.parse import quote, urlsplit, urlunsplit
except ImportError:  # pragma: no cover - Python 2 is not supported
    from urllib import quote
    from urlparse import urlsplit, urlunsplit

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import Transport, decode_body
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import argument_spec_of, default_of
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError
from ansible_collections.outsystems.lifetime.plugins.module_utils.manifests import load_manifest

KEY_HEADER = "X-CICDProbe-Key"
SERVER_SIDE, CLIENT_SIDE = "server", "client"

# option name -> (argument spec entry, environment variable); documented in doc_fragments/cicd_probe.py and
# doc_fragments/bdd_framework.py. validate_certs, ca_path, timeout, retries and proxy are the connection options'.
PROBE_OPTIONS = {
    "probe_url": (dict(type="str"), "CICD_PROBE_URL"),
    "probe_key": (dict(type="str", no_log=True), "CICD_PROBE_KEY"),
    "probe_version": (dict(type="int", choices=[1, 2], default=1), "CICD_PROBE_VERSION"),
    "probe_api": (dict(type="str", default="CI_CDProbe/rest"), "CICD_PROBE_API"),
}
BDD_OPTIONS = {
    "bdd_url": (dict(type="str"), "BDD_FRAMEWORK_URL"),
    "bdd_server_api": (dict(type="str", default="BDDFramework/rest/v1"), "BDD_FRAMEWORK_API"),
    "bdd_client_api": (dict(type="str", default="TestRunner_API/rest/v1"), "BDD_FRAMEWORK_CLIENT_API"),
}


def probe_argument_spec():
    return argument_spec_of(PROBE_OPTIONS)


def bdd_argument_spec():
    return argument_spec_of(BDD_OPTIONS)


def environment_address(url, option):
    """``scheme://host[/path]`` of an environment: http:// is kept, a host alone or any other scheme becomes https."""
    text = (url or "").strip()
    if not text:
        raise ValueError("%s is empty: give the address of the environment where it is installed, for example https://test.example.com" % option)
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    scheme = "http" if parts.scheme == "http" else "https"
    if not parts.netloc:
        raise ValueError("%s '%s' is not an address: use for example https://test.example.com" % (option, url))
    return urlunsplit((scheme, parts.netloc, parts.path.rstrip("/"), "", ""))


def join(address, *parts):
    return "/".join([address] + [part.strip("/") for part in parts if part and part.strip("/")])


def probe_client(params, sleep=time.sleep):
    """A ProbeClient from a module's parameters (the probe options and the shared connection settings)."""
    if not params.get("probe_url"):
        raise ValueError("probe_url is not set: give the address of the environment where the CI/CD Probe is installed "
                         "(or set CICD_PROBE_URL)")
    return ProbeClient(params["probe_url"], timeout=default_of("timeout", params), retries=default_of("retries", params),
                       key=params.get("probe_key"), version=params["probe_version"], api=params["probe_api"],
                       validate_certs=default_of("validate_certs", params), ca_path=params.get("ca_path"), proxy=params.get("proxy"),
                       sleep=sleep)


def hint_for(status):
    if status == 401:
        return "The CI/CD Probe refused the key: set probe_key (CICD_PROBE_KEY) to the key the probe is configured with."
    if status == 404:
        return "No CI/CD Probe answered there: check probe_url, probe_api and probe_version (v2 needs a probe that has it)."
    if status in (429, 503):
        return "The request was retried after the time the server asked for, and still refused. Try again later."
    return ""


class ProbeClient(Transport):
    """A session to one environment's CI/CD Probe (``{probe_url}/{probe_api}/v{version}``). Only GETs."""

    service = "the CI/CD Probe"
    url_option = "probe_url"

    def __init__(self, url, timeout, retries, key=None, version=1, api="CI_CDProbe/rest", validate_certs=True, ca_path=None,
                 proxy=None, backoff_factor=1.0, sleep=time.sleep):
        if version not in (1, 2):
            raise ValueError("probe_version %r is not one the CI/CD Probe has; valid: 1, 2" % (version,))
        super(ProbeClient, self).__init__(join(environment_address(url, "probe_url"), api, "v%d" % version), validate_certs=validate_certs,
                                          ca_path=ca_path, timeout=timeout, retries=retries, proxy=proxy,
                                          backoff_factor=backoff_factor, sleep=sleep)
        self.version = version
        self._headers = {KEY_HEADER: key} if key else {}

    def read(self, path, params):
        """The JSON array a GET answers; any other status or body fails, naming the request."""
        self.last_request = ("GET", path)
        response = self._send("GET", self.url_for(path), path, params=params, data=None, headers=dict(self._headers))
        body = decode_body(response)
        if response.status_code != 200:
            raise LifetimeApiError.from_service("GET", path, response.status_code, body, hint_for(response.status_code), "CI/CD Probe")
        if not isinstance(body, list):
            raise ValueError("GET %s: the CI/CD Probe answered %.200r where a JSON array was expected" % (path, body))
        return body

    def scan(self, application, exclude_pattern=None):
        """The test modules of an application, each {"test_suite", "type", "screens": [names]}."""
        params = {"ApplicationName": application}
        if exclude_pattern:
            params["WebFlowExcludePattern" if self.version == 1 else "TestFlowExcludePattern"] = exclude_pattern
        found = []
        for index, element in enumerate(self.read(endpoints.PROBE_SCAN, params)):
            found.append(scanned_module(element, self.version, "GET %s?ApplicationName=%s: element %d" % (endpoints.PROBE_SCAN, application, index)))
        return found

    def producers(self, application, version):
        """The keys of the applications that produce for ``application`` at ``version`` (the probe's ApplicationKey)."""
        path = endpoints.PROBE_DEPENDENCIES
        keys = []
        for index, element in enumerate(self.read(path, {"ApplicationName": application, "ApplicationVersion": version})):
            key = element.get("ApplicationKey") if isinstance(element, dict) else None
            if not key:
                raise ValueError("GET %s?ApplicationName=%s: element %d has no ApplicationKey: %.200r" % (path, application, index, element))
            keys.append(key)
        return keys


def scanned_module(element, version, where):
    """One element of a scan answer, v1 or v2, as {"test_suite", "type", "screens"}; flows without screens are skipped."""
    if not isinstance(element, dict):
        raise ValueError("%s is %.200r, not an object" % (where, element))
    if version == 1:
        info = element.get("BDDTestEndpointsInfo")
        if not isinstance(info, dict):
            raise ValueError("%s has no BDDTestEndpointsInfo" % where)
        name, kind, flows_field, screens_field = info.get("EspaceName"), SERVER_SIDE, "WebFlows", "WebScreens"
        record = info
    else:
        name, flows_field, screens_field = element.get("EspaceName"), "TestFlows", "TestScreens"
        kind = CLIENT_SIDE if element.get("BDDFrameworkType") == CLIENT_SIDE else SERVER_SIDE
        record = element
    flows = record.get(flows_field)
    if not name or not isinstance(flows, list):
        raise ValueError("%s has no EspaceName or no %s list" % (where, flows_field))
    screens = []
    for flow in flows:
        if not isinstance(flow, dict) or not isinstance(flow.get(screens_field) or [], list):
            raise ValueError("%s: a flow is %.200r, not an object with a %s list" % (where, flow, screens_field))
        for screen in flow.get(screens_field) or []:
            if not isinstance(screen, dict) or not screen.get("Name"):
                raise ValueError("%s: a screen of flow %s has no Name" % (where, flow.get("Name")))
            screens.append(screen["Name"])
    return {"test_suite": name, "type": kind, "screens": screens}


def runner_url(bdd_address, runner_api, test_suite, test_name):
    return join(bdd_address, runner_api, endpoints.path(endpoints.BDD_TEST_RUNNER, test_suite=quote(test_suite, safe=""),
                                                        test_name=quote(test_name, safe="")))


def endpoints_of(modules, application, bdd_address, server_api, client_api):
    """One endpoint per test screen: {"application", "test_suite", "name", "type", "url"}, in the probe's order."""
    found = []
    for module in modules:
        api = client_api if module["type"] == CLIENT_SIDE else server_api
        for screen in module["screens"]:
            found.append({"application": application, "test_suite": module["test_suite"], "name": screen, "type": module["type"],
                          "url": runner_url(bdd_address, api, module["test_suite"], screen)})
    return found


def discover(client, applications, bdd_address, server_api, client_api, exclude_pattern=None):
    """(endpoints, {application: number of endpoints}) for the applications, scanned in the order given."""
    found, per_application = [], {}
    for application in applications:
        endpoints_here = endpoints_of(client.scan(application, exclude_pattern), application, bdd_address, server_api, client_api)
        per_application[application] = len(endpoints_here)
        found.extend(endpoints_here)
    return found, per_application


def bdd_address(params):
    """The BDD Framework's environment address: bdd_url, or the probe's environment when it is not set."""
    if params.get("bdd_url"):
        return environment_address(params["bdd_url"], "bdd_url")
    if params.get("probe_url"):
        return environment_address(params["probe_url"], "probe_url")
    raise ValueError("bdd_url is not set (nor probe_url, its default): give the address of the environment where the BDD Framework "
                     "runs the tests (or set BDD_FRAMEWORK_URL)")


def applications_to_scan(params):
    """The ``applications`` given, or the test applications (is_test_application) of the ``manifest`` file, in its order.

    A manifest with problems fails listing every one; a manifest that marks no test application scans nothing.
    """
    if params.get("manifest") is None:
        return params["applications"]
    try:
        with open(params["manifest"], "rb") as handle:
            text = handle.read().decode("utf-8")
    except (IOError, OSError, UnicodeDecodeError) as exc:
        raise ValueError("manifest %s cannot be read: %s" % (params["manifest"], exc))
    manifest = load_manifest(text, params["manifest"])
    problems = manifest["problems"]
    if problems:
        plural = "" if len(problems) == 1 else "s"
        raise ValueError("manifest %s has %d problem%s:\n  - %s" % (params["manifest"], len(problems), plural, "\n  - ".join(problems)))
    return [app["name"] for app in manifest["applications"] if app.get("is_test_application") and app.get("name")]
