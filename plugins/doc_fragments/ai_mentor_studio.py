# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The AI Mentor Studio API options (module_utils/technical_debt.py AIMS_OPTIONS applies the environment fallbacks).
    # Each option's type/default/aliases are written from AIMS_OPTIONS by tests/quality/make_doc_fragments.py.
    DOCUMENTATION = r"""
options:
  aims_url:
    description:
      - The AI Mentor Studio API (formerly Architecture Dashboard API) base URL, host and base path.
      - A host alone (C(aimentorstudio.outsystems.com)) gets the base path C(/AIMentorStudioAPI/rest/v1); a URL with a path
        is used as given, for example C(https://architecture.outsystems.com/ArchitectureDashboardAPI/rest/V1), the base
        OutSystems' API documentation prints.
      - If not set, the value of the E(AIMS_URL) environment variable is used.
    type: str
    default: https://aimentorstudio.outsystems.com/AIMentorStudioAPI/rest/v1
  aims_api_key:
    description:
      - The API key made in AI Mentor Studio > Maintenance > Configurations, sent as the C(x-api-key) header.
      - If not set, the value of the E(AIMS_API_KEY) environment variable is used.
      - Never logged, never shown in results or error messages.
    type: str
  aims_activation_code:
    description:
      - The infrastructure's activation code, sent as the C(x-activation-code) header.
      - If not set, the value of the E(AIMS_ACTIVATION_CODE) environment variable is used.
      - Never logged, never shown in results or error messages.
    type: str
notes:
  - The requests to AI Mentor Studio use the same O(validate_certs), O(ca_path), O(timeout), O(retries) and O(proxy) as those to LifeTime,
    with the same retry rules; an HTTP 503 (data still being analysed) and an HTTP 429 (quota exceeded) are retried after
    the C(Retry-After) the server gives.
"""
