# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""BDD Framework test runs and their JUnit report.

One GET per test screen runs its scenarios (server-side tests under the BDD Framework, client-side ones under
TestRunner_API) and answers {SuiteSuccess, ErrorMessage, SuccessfulScenarios, FailedScenarios, FailureReports}.
The outcome of each test follows OutSystems' pipeline (evaluate_test_results.py): it passes when SuiteSuccess is
true; otherwise it failed, with the pipeline's text; an HTTP error or an answer that is not the expected JSON is an
error. The JUnit file has the pipeline's names (one testsuite ``BDDTestRunner-<UTC timestamp>``, testcases of class
``BDDTestRunner`` named ``test_<TestSuite>__<Name>`` in alphabetical order), so dashboards built on it keep working.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import os
import threading
import time
from xml.etree import ElementTree
from concurrent.futures import ThreadPoolExecutor

from ansible_collections.outsystems.lifetime.plugins.module_utils import artifacts
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import Transport, decode_body
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeConnectionError, server_said

PASSED, FAILED, ERROR = "passed", "failed", "error"
SUITE_CLASS = "BDDTestRunner"
MAX_PARALLEL = 16
# The JUnit types OutSystems' pipeline writes (unittest-xml-reporting), and ours for a test that did not answer.
FAILURE_TYPE = "AssertionError"
HTTP_ERROR_TYPE = "NotImplementedError"
BAD_JSON_TYPE = "InvalidJsonResponseError"
TIMEOUT_TYPE = "TimeoutError"
CONNECTION_TYPE = "ConnectionError"


class BddClient(Transport):
    """A session for test runs. A test that timed out is not sent again (it may have run); 429 and 503 are retried."""

    service = "the BDD Framework"
    url_option = "bdd_url"
    retry_read_timeouts = False

    def run(self, url):
        """The HTTP answer of the GET that runs the test at ``url`` (retried for 429 and 503 only)."""
        self.last_request = ("GET", url)
        return self._send("GET", url, url, params=None, data=None, headers={})


def junit_name(endpoint):
    """The JUnit testcase name of an endpoint, as the pipeline writes it (double underscore)."""
    return "test_%s__%s" % (endpoint["test_suite"], endpoint["name"])


def failure_text(body):
    """The pipeline's failure message for a SuiteSuccess that is not true."""
    if body.get("ErrorMessage"):
        return "\nAn error was found in the unit test.\nError: %s" % body["ErrorMessage"]
    failed, successful = int(body.get("FailedScenarios") or 0), int(body.get("SuccessfulScenarios") or 0)
    reports = body.get("FailureReports") or []
    return "\nBDD Test Suite failed %d scenarios (in %d)\n%s" % (failed, failed + successful, "".join(str(report) for report in reports))


def outcome_of(endpoint, response):
    """(outcome, junit type, message, body fields) of one test's HTTP answer."""
    body = decode_body(response)
    if response.status_code != 200:
        return ERROR, HTTP_ERROR_TYPE, "GET %s answered HTTP %s: %s" % (endpoint["url"], response.status_code, server_said(body)), {}
    if not isinstance(body, dict) or not isinstance(body.get("SuiteSuccess"), bool):
        return ERROR, BAD_JSON_TYPE, "GET %s answered %.200r, not the BDD Framework's JSON result" % (endpoint["url"], body), {}
    fields = {"suite_success": body["SuiteSuccess"], "error_message": body.get("ErrorMessage") or "",
              "successful_scenarios": int(body.get("SuccessfulScenarios") or 0), "failed_scenarios": int(body.get("FailedScenarios") or 0),
              "failure_reports": [str(report) for report in body.get("FailureReports") or []]}
    if body["SuiteSuccess"]:
        return PASSED, None, "", fields
    return FAILED, FAILURE_TYPE, failure_text(body), fields


def run_test(client, endpoint, clock=time.time):
    """Run one test endpoint; the result record (never raises for the test's own problems)."""
    started = clock()
    result = {"application": endpoint.get("application"), "test_suite": endpoint["test_suite"], "name": endpoint["name"],
              "type": endpoint.get("type", "server"), "url": endpoint["url"], "test_name": junit_name(endpoint),
              "suite_success": False, "error_message": "", "successful_scenarios": 0, "failed_scenarios": 0, "failure_reports": [],
              "status": None}
    try:
        response = client.run(endpoint["url"])
    except LifetimeConnectionError as exc:
        timed_out = bool(exc.details.get("timed_out"))
        message = ("GET %s did not answer within test_timeout (%s seconds); it was not run again, as it may have run"
                   % (endpoint["url"], client.timeout)) if timed_out else str(exc)
        result.update(outcome=ERROR, junit_type=TIMEOUT_TYPE if timed_out else CONNECTION_TYPE, message=message)
    else:
        outcome, junit_type, message, fields = outcome_of(endpoint, response)
        result.update(fields)
        result.update(outcome=outcome, junit_type=junit_type, message=message, status=response.status_code)
    result["duration"] = round(max(0.0, clock() - started), 3)
    return result


def run_tests(endpoints, make_client, parallel=1):
    """Run every endpoint, at most ``parallel`` at a time (one client per worker thread); results in the endpoints' order."""
    if not 1 <= parallel <= MAX_PARALLEL:
        raise ValueError("parallel must be from 1 to %d, got %s" % (MAX_PARALLEL, parallel))
    local = threading.local()

    def run_one(endpoint):
        if getattr(local, "client", None) is None:
            local.client = make_client()
        return run_test(local.client, endpoint)

    if parallel == 1:
        return [run_one(endpoint) for endpoint in endpoints]
    with ThreadPoolExecutor(max_workers=parallel) as pool:
        return list(pool.map(run_one, endpoints))


def summary(results):
    """Counts over the tests and their scenarios, the failed tests by name, and one record per test suite."""
    suites, order = {}, []
    for result in results:
        suite = suites.get(result["test_suite"])
        if suite is None:
            suite = suites[result["test_suite"]] = {"test_suite": result["test_suite"], "application": result["application"],
                                                    "type": result["type"], "tests": 0, "passed": 0, "failed": 0, "errors": 0,
                                                    "successful_scenarios": 0, "failed_scenarios": 0}
            order.append(result["test_suite"])
        suite["tests"] += 1
        suite[{PASSED: "passed", FAILED: "failed", ERROR: "errors"}[result["outcome"]]] += 1
        suite["successful_scenarios"] += result["successful_scenarios"]
        suite["failed_scenarios"] += result["failed_scenarios"]
    counts = dict((name, sum(1 for result in results if result["outcome"] == outcome))
                  for name, outcome in (("passed", PASSED), ("failed", FAILED), ("errors", ERROR)))
    counts.update(tests=len(results), successful_scenarios=sum(result["successful_scenarios"] for result in results),
                  failed_scenarios=sum(result["failed_scenarios"] for result in results))
    not_passed = [result["test_name"] for result in results if result["outcome"] != PASSED]
    return counts, not_passed, [suites[name] for name in order]


def message_of(counts, not_passed):
    if not counts["tests"]:
        return "No BDD test endpoints to run."
    if not not_passed:
        return "All %d BDD tests passed (%d scenarios)." % (counts["tests"], counts["successful_scenarios"])
    return "%d of %d BDD tests did not pass (%d failed, %d errors): %s" % (
        len(not_passed), counts["tests"], counts["failed"], counts["errors"], ", ".join(not_passed))


def junit_xml(results, started):
    """The JUnit document (bytes) for ``results`` run from ``started`` (an aware UTC datetime)."""
    root = ElementTree.Element("testsuites")
    if results:
        ordered = sorted(results, key=lambda result: result["test_name"])
        suite = ElementTree.SubElement(root, "testsuite", {
            "name": "%s-%s" % (SUITE_CLASS, started.strftime("%Y%m%d%H%M%S")), "tests": str(len(results)),
            "file": "", "time": "%.3f" % sum(result["duration"] for result in results),
            "timestamp": started.strftime("%Y-%m-%dT%H:%M:%S"),
            "failures": str(sum(1 for result in results if result["outcome"] == FAILED)),
            "errors": str(sum(1 for result in results if result["outcome"] == ERROR)), "skipped": "0"})
        for result in ordered:
            case = ElementTree.SubElement(suite, "testcase", {"classname": SUITE_CLASS, "name": result["test_name"],
                                                              "time": "%.3f" % result["duration"],
                                                              "timestamp": started.strftime("%Y-%m-%dT%H:%M:%S")})
            if result["outcome"] != PASSED:
                tag = "failure" if result["outcome"] == FAILED else "error"
                problem = ElementTree.SubElement(case, tag, {"type": result["junit_type"], "message": result["message"]})
                problem.text = "%s: %s" % (result["junit_type"], result["message"])
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="utf-8") + b"\n"


def write_file(path, content):
    """Write ``content`` to ``path`` atomically (the directory must exist)."""
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise ValueError("junit_path %s: the directory %s does not exist" % (path, directory))
    artifacts.write_file(path, content)


def utc_now():
    return datetime.datetime.now(datetime.timezone.utc)
