# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The CI/CD Probe options (module_utils/cicd_probe.py PROBE_OPTIONS applies the environment fallbacks).
    # Each option's type/default/choices are written from PROBE_OPTIONS by tests/quality/make_doc_fragments.py.
    DOCUMENTATION = r"""
options:
  probe_url:
    description:
      - The address of the environment where the CI/CD Probe application is installed, for example
        C(https://test.example.com); a host alone gets C(https://), an C(http://) address is kept.
      - The probe's API is at O(probe_url)/O(probe_api)/v<O(probe_version)>.
      - If not set, the value of the E(CICD_PROBE_URL) environment variable is used.
    type: str
  probe_key:
    description:
      - The probe's key, sent as the C(X-CICDProbe-Key) header when set (the probe can be configured to require one).
      - If not set, the value of the E(CICD_PROBE_KEY) environment variable is used.
      - Never logged, never shown in results or error messages.
    type: str
  probe_version:
    description:
      - The version of the probe's API. V(1) lists server-side BDD tests (web screens); V(2) also lists client-side
        ones and says which framework each test module uses.
      - If not set, the value of the E(CICD_PROBE_VERSION) environment variable is used.
    type: int
    default: 1
    choices: [1, 2]
  probe_api:
    description:
      - The probe's base path in the environment.
      - If not set, the value of the E(CICD_PROBE_API) environment variable is used.
    type: str
    default: CI_CDProbe/rest
notes:
  - The requests to the CI/CD Probe use the same O(validate_certs), O(ca_path), O(timeout), O(retries) and O(proxy) as those to LifeTime,
    with the same retry rules; an HTTP 429 or 503 is retried after the C(Retry-After) the server gives.
"""
