# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The BDD Framework options (module_utils/cicd_probe.py BDD_OPTIONS applies the environment fallbacks).
    # Each option's type/default are written from BDD_OPTIONS by tests/quality/make_doc_fragments.py.
    DOCUMENTATION = r"""
options:
  bdd_url:
    description:
      - The address of the environment where the tests run (where the BDD Framework and the test applications are),
        for example C(https://test.example.com). When not set, the environment of O(probe_url).
      - If not set, the value of the E(BDD_FRAMEWORK_URL) environment variable is used.
    type: str
  bdd_server_api:
    description:
      - The base path of the server-side test runner; a test is at O(bdd_url)/O(bdd_server_api)/BDDTestRunner/<module>/<screen>.
      - If not set, the value of the E(BDD_FRAMEWORK_API) environment variable is used.
    type: str
    default: BDDFramework/rest/v1
  bdd_client_api:
    description:
      - The base path of the client-side test runner (test modules the probe's v2 marks C(client)).
      - If not set, the value of the E(BDD_FRAMEWORK_CLIENT_API) environment variable is used.
    type: str
    default: TestRunner_API/rest/v1"""
