#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: blocked_ip
short_description: List and unblock the IP addresses LifeTime blocked after failed logins
version_added: 0.1.0
description:
  - Returns the IP addresses whose logins the environments blocked after too many failed attempts.
  - With O(address), unblocks that address (O(state=absent)), only when it is blocked.
options:
  address:
    description:
      - The IP address to unblock. When omitted, the blocked addresses are only listed.
    type: str
  environment:
    description:
      - The name or key of one environment. When omitted, every environment is considered.
    type: str
  state:
    description:
      - V(absent) makes sure O(address) is not blocked.
    type: str
    choices: [absent]
    default: absent
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The blocked addresses
  outsystems.lifetime.blocked_ip:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: blocked

- name: Unblock the office gateway
  outsystems.lifetime.blocked_ip:
    address: 203.0.113.7
    state: absent
"""

RETURN = r"""
blocked_addresses:
  description: The blocked login attempts by IP address after the task (in check mode, as they would be), with
    snake_case keys (ip_address, environment_name, instant, origin_address_failure_count, ...).
  returned: always
  type: list
  elements: dict
"""

import ipaddress

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, to_snake


def address_of(record):
    return str(field(record, "ipAddress", "IPAddress", "IpAddress") or "").strip()


def manage(module):
    params = module.params
    query = None
    if params["environment"]:
        query = {"EnvironmentKey": record_key(module.lookups.environment(params["environment"]))}
    blocked = module.client.get_list(endpoints.BLOCKED_IPS, params=query)
    address = (params["address"] or "").strip()
    if address:
        try:
            ipaddress.ip_address(address)
        except ValueError:
            raise ValueError("address '%s' is not an IPv4 or IPv6 address" % address)
    remaining = [record for record in blocked if not address or address_of(record) != address]
    changed = bool(address) and len(remaining) != len(blocked)
    if changed and not module.check_mode:
        module.client.delete(endpoints.path(endpoints.BLOCKED_IP, address=address), params=query)
    before = {"BlockedAddresses": sorted(set(address_of(record) for record in blocked))}
    after = {"BlockedAddresses": sorted(set(address_of(record) for record in remaining))}
    module.exit_result(changed, before=before, after=after, blocked_addresses=to_snake(remaining))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            address=dict(type="str"),
            environment=dict(type="str"),
            state=dict(type="str", choices=["absent"], default="absent"),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
