#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: bdd_test_run
short_description: Run BDD Framework tests of OutSystems applications and write a JUnit report
version_added: 0.1.0
description:
  - Runs BDD Framework test screens, one GET each (server-side tests under O(bdd_server_api), client-side ones under
    O(bdd_client_api)), at most O(parallel) at a time, each within O(test_timeout) seconds, and returns the result of
    every test (its scenario counts and failure reports), per test module, and in total.
  - The tests are given in O(endpoints) (as M(outsystems.lifetime.test_endpoint_info) returns them), or found through the
    CI/CD Probe for O(applications) first.
  - A test passes when the BDD Framework answers C(SuiteSuccess) true. Otherwise it failed, with the text OutSystems'
    pipeline writes (C(BDD Test Suite failed N scenarios (in M)) and the failure reports, or
    C(An error was found in the unit test.) and the error message); an HTTP error, an answer that is not the BDD
    Framework's JSON, a timeout or an unreachable server is an error.
  - An HTTP 429 or 503 is retried after the C(Retry-After) the server gives (up to O(retries) times), as requests to
    LifeTime are. A test that did not answer within O(test_timeout) is not sent again, as it may have run.
  - With O(junit_path), writes a JUnit XML report with the names OutSystems' pipeline uses, so dashboards built on its
    reports keep working. One C(testsuite) named C(BDDTestRunner-<UTC time, YYYYMMDDhhmmss>); one C(testcase) per test,
    class C(BDDTestRunner), named C(test_<test module>__<test screen>), in alphabetical order; a failed test has a
    C(failure) of type C(AssertionError) with the text above as its message; an HTTP error an C(error) of type
    C(NotImplementedError); an answer that is not JSON an C(error) of type C(InvalidJsonResponseError); a timeout an
    C(error) of type C(TimeoutError) and an unreachable server one of type C(ConnectionError) (these two are this
    collection's). No tests at all gives an empty C(testsuites) element.
  - With O(fail_on_failure=true) (the default) the task fails when any test did not pass, after writing the report and
    with every result in the task's result, so a pipeline stops there. With V(false) it only reports them in
    RV(failed_tests).
options:
  endpoints:
    description:
      - The tests to run, each a test module and a test screen (the RV(outsystems.lifetime.test_endpoint_info#module:endpoints)
        of M(outsystems.lifetime.test_endpoint_info) as they are).
    type: list
    elements: dict
    suboptions:
      test_suite:
        description: The test module (the probe's C(EspaceName)).
        type: str
        required: true
      name:
        description: The test screen.
        type: str
        required: true
      type:
        description: Which runner runs it.
        type: str
        choices: [server, client]
        default: server
      url:
        description: The URL that runs it; built from O(bdd_url) and the runner's base path when not given.
        type: str
      application:
        description: The application it tests (reported with the result).
        type: str
  applications:
    description:
      - Find the tests of these applications through the CI/CD Probe (O(probe_url)) and run them all.
    type: list
    elements: str
  manifest:
    description:
      - Find the tests of the test applications (C(is_test_application), the Trigger manifest's C(IsTestApplication)) of
        this release manifest through the CI/CD Probe and run them all (as M(outsystems.lifetime.test_endpoint_info) does
        with its O(outsystems.lifetime.test_endpoint_info#module:manifest)).
      - One of O(endpoints), O(applications) and O(manifest) is required.
    type: path
  exclude_pattern:
    description:
      - When the tests are found through the probe, a regular expression it matches against flow names to leave them out.
    type: str
  test_timeout:
    description: The seconds each test may take to answer.
    type: float
    default: 300
  parallel:
    description: How many tests run at the same time, from 1 to 16. BDD tests that share data may need V(1).
    type: int
    default: 1
  junit_path:
    description: Where to write the JUnit XML report (its directory must exist). No report without it.
    type: path
  fail_on_failure:
    description: Whether the task fails when a test failed or could not run.
    type: bool
    default: true
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.cicd_probe
  - outsystems.lifetime.bdd_framework
attributes:
  check_mode:
    description: In check mode no test runs and no report is written; the tests that would run are returned.
    support: full
  diff_mode:
    description: Changes nothing in LifeTime, so there is no diff.
    support: N/A
  action_group:
    description: Use C(group/outsystems.lifetime.lifetime) in C(module_defaults) to set the connection options once.
    support: full
    membership:
      - outsystems.lifetime.lifetime
notes:
  - C(changed) is true only when the JUnit report was written; running the tests changes nothing in LifeTime.
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Run the BDD tests of two applications in Test, two at a time, and write a JUnit report
  outsystems.lifetime.bdd_test_run:
    applications: [Orders, Customer Portal]
    probe_url: http://127.0.0.1:8080
    probe_version: 2
    parallel: 2
    test_timeout: 120
    junit_path: /tmp/junit-result.xml
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: tests

- name: Show the totals
  ansible.builtin.debug:
    msg: "{{ tests.message }} ({{ tests.summary.successful_scenarios }} scenarios passed)"

- name: Run tests found earlier, and report a failure without failing the task
  outsystems.lifetime.bdd_test_run:
    endpoints:
      - test_suite: InventoryTests
        name: StockLevels
    bdd_url: http://127.0.0.1:8080
    fail_on_failure: false
  register: inventory_tests

- name: Name the tests that did not pass
  ansible.builtin.debug:
    msg: "{{ inventory_tests.failed_tests }}"
"""

RETURN = r"""
results:
  description: One entry per test, in the order given or found.
  returned: always
  type: list
  elements: dict
  contains:
    application:
      description: The application the test belongs to, when known.
      type: str
    test_suite:
      description: The test module.
      type: str
      sample: OrdersTests
    name:
      description: The test screen.
      type: str
      sample: CreateOrder
    test_name:
      description: The JUnit testcase name.
      type: str
      sample: test_OrdersTests__CreateOrder
    type:
      description: C(server) or C(client).
      type: str
    url:
      description: The URL that ran it.
      type: str
    outcome:
      description: C(passed), C(failed) or C(error).
      type: str
    suite_success:
      description: The BDD Framework's C(SuiteSuccess).
      type: bool
    successful_scenarios:
      description: Scenarios that passed.
      type: int
    failed_scenarios:
      description: Scenarios that failed.
      type: int
    failure_reports:
      description: The BDD Framework's failure report of each failed scenario.
      type: list
      elements: str
    error_message:
      description: The BDD Framework's C(ErrorMessage) (empty when none).
      type: str
    message:
      description: The failure or error text (the JUnit message); empty for a test that passed.
      type: str
    junit_type:
      description: The JUnit failure or error type; null for a test that passed.
      type: str
    status:
      description: The HTTP status of the answer; null when there was none.
      type: int
    duration:
      description: Seconds the test took.
      type: float
suites:
  description: Per test module, the counts of its tests (tests, passed, failed, errors) and scenarios.
  returned: always
  type: list
  elements: dict
summary:
  description: Counts over all tests (tests, passed, failed, errors) and scenarios (successful_scenarios, failed_scenarios).
  returned: always
  type: dict
  sample: {"tests": 5, "passed": 4, "failed": 1, "errors": 0, "successful_scenarios": 14, "failed_scenarios": 1}
failed_tests:
  description: The JUnit names of the tests that failed or could not run.
  returned: always
  type: list
  elements: str
  sample: [test_InventoryTests__StockLevels]
passed:
  description: True when every test passed (also when there was none).
  returned: always
  type: bool
message:
  description: One line saying how many tests passed, or which did not.
  returned: always
  type: str
endpoints:
  description: The tests that were (or in check mode would be) run.
  returned: always
  type: list
  elements: dict
junit_path:
  description: The report written.
  returned: when O(junit_path) is set and not in check mode
  type: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import waiting
from ansible_collections.outsystems.lifetime.plugins.module_utils.bdd_runs import (
    MAX_PARALLEL,
    BddClient,
    junit_xml,
    message_of,
    run_tests,
    summary,
    utc_now,
    write_file,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import (
    applications_to_scan,
    CLIENT_SIDE,
    bdd_address,
    bdd_argument_spec,
    discover,
    probe_argument_spec,
    probe_client,
    runner_url,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.connection import default_of
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule


def pause(seconds):
    waiting.pause(seconds)  # looked up at call time: the one time hook


def given_endpoints(params, address):
    found = []
    for endpoint in params["endpoints"]:
        record = dict(endpoint)
        if not record.get("url"):
            api = params["bdd_client_api"] if record["type"] == CLIENT_SIDE else params["bdd_server_api"]
            record["url"] = runner_url(address, api, record["test_suite"], record["name"])
        found.append(record)
    return found


def gather(module):
    params = module.params
    if params["parallel"] > MAX_PARALLEL:
        module.fail_json(msg="parallel must be from 1 to %d, got %d" % (MAX_PARALLEL, params["parallel"]))
    probe = probe_client(params, sleep=pause) if params["endpoints"] is None else None
    address = bdd_address(params)
    if probe is not None:
        found, _counts = discover(probe, applications_to_scan(params), address, params["bdd_server_api"],
                                  params["bdd_client_api"], params["exclude_pattern"])
    else:
        found = given_endpoints(params, address)
    if module.check_mode:
        module.exit_json(changed=bool(params["junit_path"]), endpoints=found, results=[], suites=[],
                         summary={}, failed_tests=[], passed=True, message="Check mode: %d BDD tests would run." % len(found))

    def make_client():
        return BddClient(address, validate_certs=default_of("validate_certs", params), ca_path=params.get("ca_path"),
                         timeout=params["test_timeout"], retries=default_of("retries", params), proxy=params.get("proxy"), sleep=pause)

    started = utc_now()
    results = run_tests(found, make_client, params["parallel"])
    counts, not_passed, suites = summary(results)
    result = dict(endpoints=found, results=results, suites=suites, summary=counts, failed_tests=not_passed, passed=not not_passed,
                  message=message_of(counts, not_passed), changed=False)
    if params["junit_path"]:
        write_file(params["junit_path"], junit_xml(results, started))
        result.update(junit_path=params["junit_path"], changed=True)
    if not_passed and params["fail_on_failure"]:
        module.fail_json(msg=result.pop("message"), **result)
    module.exit_json(**result)


def main():
    spec = dict(
        endpoints=dict(type="list", elements="dict", options=dict(
            test_suite=dict(type="str", required=True),
            name=dict(type="str", required=True),
            type=dict(type="str", choices=["server", "client"], default="server"),
            url=dict(type="str"),
            application=dict(type="str"),
        )),
        applications=dict(type="list", elements="str"),
        manifest=dict(type="path"),
        exclude_pattern=dict(type="str"),
        test_timeout=dict(type="float", default=300),
        parallel=dict(type="int", default=1),
        junit_path=dict(type="path"),
        fail_on_failure=dict(type="bool", default=True),
    )
    spec.update(probe_argument_spec())
    spec.update(bdd_argument_spec())
    module = LifetimeModule(argument_spec=spec, supports_check_mode=True, mutually_exclusive=[("endpoints", "applications", "manifest")],
                            required_one_of=[("endpoints", "applications", "manifest")])
    module.run(gather)


if __name__ == "__main__":
    main()
