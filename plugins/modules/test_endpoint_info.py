#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: test_endpoint_info
short_description: Discover the BDD test endpoints of OutSystems applications through the CI/CD Probe
version_added: 0.1.0
description:
  - Asks the CI/CD Probe of an environment (C(ScanBDDTestEndpoints), API v1 or v2) for the BDD Framework test screens
    of each application, and returns one endpoint per test screen with the URL that runs it.
  - With O(probe_version=1) every test is server-side; with O(probe_version=2) a test module whose framework type is
    C(client) is run through the client-side runner (O(bdd_client_api)), any other through the server-side one.
  - Flows without test screens are skipped. An application without tests gives no endpoint (and is counted with 0).
  - The endpoints are what M(outsystems.lifetime.bdd_test_run) takes in its O(outsystems.lifetime.bdd_test_run#module:endpoints) option.
  - Only reads (the probe answers GETs). LifeTime itself is not called.
options:
  applications:
    description:
      - The names of the applications to scan, in the order to scan them.
      - One of O(applications) and O(manifest) is required.
    type: list
    elements: str
    aliases: [application]
  manifest:
    description:
      - A release manifest (the collection's, or OutSystems' Trigger Pipeline manifest, YAML or JSON) whose test
        applications (C(is_test_application), the Trigger manifest's C(IsTestApplication)) are scanned, in its order, as
        OutSystems' pipeline does. A manifest that marks none scans nothing; a manifest with problems fails, listing them.
    type: path
  exclude_pattern:
    description:
      - A regular expression; the probe leaves out the flows whose name it matches
        (sent as C(WebFlowExcludePattern) with API v1, C(TestFlowExcludePattern) with API v2).
    type: str
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.cicd_probe
  - outsystems.lifetime.bdd_framework
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The BDD tests of two applications, from the probe of the Test environment
  outsystems.lifetime.test_endpoint_info:
    applications: [Orders, Customer Portal]
    probe_url: http://127.0.0.1:8080
    probe_version: 2
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: found

- name: Show the test screens found
  ansible.builtin.debug:
    msg: "{{ found.endpoints | map(attribute='url') | list }}"

- name: Leave out the flows whose name starts with WIP
  outsystems.lifetime.test_endpoint_info:
    applications: [Orders]
    exclude_pattern: "^WIP"
    probe_url: http://127.0.0.1:8080
"""

RETURN = r"""
endpoints:
  description: One entry per test screen, in the probe's order, application after application.
  returned: always
  type: list
  elements: dict
  contains:
    application:
      description: The application scanned.
      type: str
      sample: Orders
    test_suite:
      description: The test module (the probe's C(EspaceName)).
      type: str
      sample: OrdersTests
    name:
      description: The test screen.
      type: str
      sample: CreateOrder
    type:
      description: C(server) or C(client), the BDD Framework variant that runs it.
      type: str
    url:
      description: The URL whose GET runs the test.
      type: str
      sample: https://test.example.com/BDDFramework/rest/v1/BDDTestRunner/OrdersTests/CreateOrder
applications:
  description: Application name to the number of test endpoints found for it (0 when it has no tests).
  returned: always
  type: dict
  sample: {"Orders": 2, "Inventory": 0}
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import waiting
from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import (
    applications_to_scan,
    bdd_address,
    bdd_argument_spec,
    discover,
    probe_argument_spec,
    probe_client,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule


def pause(seconds):
    waiting.pause(seconds)  # looked up at call time: the one time hook


def gather(module):
    params = module.params
    probe = probe_client(params, sleep=pause)
    found, per_application = discover(probe, applications_to_scan(params), bdd_address(params), params["bdd_server_api"],
                                      params["bdd_client_api"], params["exclude_pattern"])
    module.exit_json(changed=False, endpoints=found, applications=per_application)


def main():
    spec = dict(
        applications=dict(type="list", elements="str", aliases=["application"]),
        manifest=dict(type="path"),
        exclude_pattern=dict(type="str"),
    )
    spec.update(probe_argument_spec())
    spec.update(bdd_argument_spec())
    module = LifetimeModule(argument_spec=spec, supports_check_mode=True, mutually_exclusive=[("applications", "manifest")],
                            required_one_of=[("applications", "manifest")])
    module.run(gather)


if __name__ == "__main__":
    main()
