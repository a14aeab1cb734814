# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The LifeTime connection options of every module. Modules may not declare `env:` in their documentation;
    # they apply the environment fallbacks in module_utils/connection.py, from the same table as the plugins.
    # Each option's type/default/aliases (and the PLUGINS variant whole) are written from that table by
    # tests/quality/make_doc_fragments.py: edit the descriptions here, the facts in the table, then run it.
    DOCUMENTATION = r"""
options:
  lifetime_url:
    description:
      - The LifeTime server.
      - Accepts a host name (C(lifetime.example.com)), a URL (C(https://lifetime.example.com)), the LifeTime console
        URL (C(https://lifetime.example.com/lifetime)) or the full API base (C(https://lifetime.example.com/lifetimeapi/rest/v2)).
      - A host name without a scheme is reached over HTTPS.
      - If not set, the value of the E(LIFETIME_URL) environment variable is used; one of the two is needed.
    type: str
    aliases: [url]
  lifetime_token:
    description:
      - "The token of a LifeTime service account, sent as C(Authorization: Bearer <token>)."
      - If not set, the value of the E(LIFETIME_TOKEN) environment variable is used; one of the two is needed.
      - Never logged, never shown in results, diffs or error messages.
    type: str
    aliases: [token]
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the LifeTime server.
      - Only set this to V(false) for a test server with a self-signed certificate.
      - If not set, the value of the E(LIFETIME_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file with the certificate authorities to trust for the LifeTime server.
      - If not set, the value of the E(LIFETIME_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for LifeTime to answer one request.
      - If not set, the value of the E(LIFETIME_TIMEOUT) environment variable is used.
    type: float
    default: 30
  retries:
    description:
      - How many times a request is retried after a connection error, a read timeout or an HTTP 429, 502, 503 or 504,
        with exponential backoff and jitter, honouring C(Retry-After).
      - Only GET, PUT and DELETE are retried after the server may have received them; a POST is retried only when
        it cannot have been applied (connection refused, HTTP 429).
      - If not set, the value of the E(LIFETIME_RETRIES) environment variable is used.
    type: int
    default: 3
  proxy:
    description:
      - An HTTP(S) proxy URL for the requests to LifeTime.
      - If not set, the value of the E(LIFETIME_PROXY) environment variable is used, then the usual E(HTTPS_PROXY).
    type: str
requirements:
  - requests (Python library, on the host that runs the module)
notes:
  - Use C(module_defaults) with C(group/outsystems.lifetime.lifetime) to set the connection options once for every module
    of this collection.
"""

    # The same options for the inventory and lookup plugins, which read the environment variables through `env:`.
    # Generated from DOCUMENTATION and the table (tests/quality/make_doc_fragments.py); do not edit by hand.
    PLUGINS = r"""
options:
  lifetime_url:
    description:
      - The LifeTime server.
      - Accepts a host name (C(lifetime.example.com)), a URL (C(https://lifetime.example.com)), the LifeTime console
        URL (C(https://lifetime.example.com/lifetime)) or the full API base (C(https://lifetime.example.com/lifetimeapi/rest/v2)).
      - A host name without a scheme is reached over HTTPS.
      - If not set, the value of the E(LIFETIME_URL) environment variable is used; one of the two is needed.
    type: str
    aliases: [url]
    env:
      - name: LIFETIME_URL
  lifetime_token:
    description:
      - "The token of a LifeTime service account, sent as C(Authorization: Bearer <token>)."
      - If not set, the value of the E(LIFETIME_TOKEN) environment variable is used; one of the two is needed.
      - Never logged, never shown in results, diffs or error messages.
    type: str
    aliases: [token]
    env:
      - name: LIFETIME_TOKEN
  validate_certs:
    description:
      - Whether to verify the TLS certificate of the LifeTime server.
      - Only set this to V(false) for a test server with a self-signed certificate.
      - If not set, the value of the E(LIFETIME_VALIDATE_CERTS) environment variable is used.
    type: bool
    default: true
    env:
      - name: LIFETIME_VALIDATE_CERTS
  ca_path:
    description:
      - A PEM file with the certificate authorities to trust for the LifeTime server.
      - If not set, the value of the E(LIFETIME_CA_PATH) environment variable is used.
    type: path
    env:
      - name: LIFETIME_CA_PATH
  timeout:
    description:
      - Seconds to wait for LifeTime to answer one request.
      - If not set, the value of the E(LIFETIME_TIMEOUT) environment variable is used.
    type: float
    default: 30
    env:
      - name: LIFETIME_TIMEOUT
  retries:
    description:
      - How many times a request is retried after a connection error, a read timeout or an HTTP 429, 502, 503 or 504,
        with exponential backoff and jitter, honouring C(Retry-After).
      - Only GET, PUT and DELETE are retried after the server may have received them; a POST is retried only when
        it cannot have been applied (connection refused, HTTP 429).
      - If not set, the value of the E(LIFETIME_RETRIES) environment variable is used.
    type: int
    default: 3
    env:
      - name: LIFETIME_RETRIES
  proxy:
    description:
      - An HTTP(S) proxy URL for the requests to LifeTime.
      - If not set, the value of the E(LIFETIME_PROXY) environment variable is used, then the usual E(HTTPS_PROXY).
    type: str
    env:
      - name: LIFETIME_PROXY
requirements:
  - requests (Python library, on the host that runs the module)
notes:
  - Use C(module_defaults) with C(group/outsystems.lifetime.lifetime) to set the connection options once for every module
    of this collection.
"""
