#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: token
short_description: Renew the token of the LifeTime service account
version_added: 0.1.0
description:
  - Asks LifeTime for a new token for the service account whose token the task uses, valid for O(duration) months,
    and returns it in RV(token) with its expiry.
  - This is an action, so it always reports a change. In check mode nothing is sent and no token is returned.
  - LifeTime shows a token only once, and renewing it may revoke the token used to ask; store the new one (for example
    in a vault) in the same play.
  - >-
    B(Protect the result) - the new token is a secret returned as a value, and Ansible only hides the values of
    options marked secret. Put C(no_log: true) on the task and on every task that uses the registered token, or it
    appears in the output with C(-v) and in logs.
options:
  duration:
    description:
      - How long the new token is valid, in months (the only unit LifeTime offers).
    type: int
    required: true
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
notes:
  - The diff shows only the duration asked; the token is never in it.
"""

EXAMPLES = r"""
- name: Renew the service account token for 6 months
  outsystems.lifetime.token:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    duration: 6
  register: renewed
  no_log: true

- name: Keep it (still without showing it)
  ansible.builtin.copy:
    content: "{{ renewed.token }}"
    dest: /etc/lifetime/token
    mode: "0600"
  no_log: true
"""

RETURN = r"""
token:
  description: The new token. A secret; see the description on how to protect it. Null in check mode.
  returned: always
  type: str
expires_at:
  description: When the new token expires (ISO 8601, UTC). Null in check mode.
  returned: always
  type: str
  sample: "2027-05-28T10:00:00.000Z"
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field


def renew(module):
    duration = module.params["duration"]
    token = expires_at = None
    if not module.check_mode:
        answer = module.client.post(endpoints.TOKENS, body={"timePeriod": duration, "unit": "M"}) or {}
        if not isinstance(answer, dict) or not field(answer, "token", "Token"):
            raise ValueError("LifeTime renewed the token but its answer holds no token")
        token = field(answer, "token", "Token")
        expires_at = field(answer, "expiresAt", "ExpiresAt")
    module.exit_result(True, before={"duration_months": None}, after={"duration_months": duration}, token=token, expires_at=expires_at)


def main():
    module = LifetimeModule(argument_spec=dict(duration=dict(type="int", required=True)), supports_check_mode=True)
    module.run(renew)


if __name__ == "__main__":
    main()
