#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: user_info
short_description: List LifeTime IT users, their roles, teams and blocked logins
version_added: 0.1.0
description:
  - Returns the IT users of a LifeTime infrastructure (active and inactive), or one of them by username or key, each with
    the teams they belong to and their roles in single applications.
options:
  username:
    description:
      - The username or key of one user. When omitted, every user is returned.
    type: str
    aliases: [name]
  blocked_logins:
    description:
      - Add each user's blocked login attempts (C(blocked_logins)); one request per user.
    type: bool
    default: false
  include_inactive:
    description:
      - Include the inactive users.
    type: bool
    default: true
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Every user
  outsystems.lifetime.user_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: people

- name: Bob, with his blocked logins
  outsystems.lifetime.user_info:
    username: bob
    blocked_logins: true
  register: bob
"""

RETURN = r"""
users:
  description: The users, sorted by username, with snake_case keys.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The user key.
      type: str
    username:
      description: The username.
      type: str
      sample: alice
    name:
      description: The full name.
      type: str
    email:
      description: The e-mail address.
      type: str
    is_active:
      description: Whether the user is active.
      type: bool
    role_key:
      description: The key of the infrastructure role.
      type: str
    role_name:
      description: The name of the infrastructure role.
      type: str
    application_roles:
      description: The user's roles in single applications.
      type: list
      elements: dict
    teams:
      description: The teams of the user, each with the user's role in it.
      type: list
      elements: dict
    blocked_logins:
      description: The blocked login attempts (username, ip_address, instant, environment_name, ...).
      type: list
      elements: dict
      returned: when O(blocked_logins=true)
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import find, sorted_by
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import not_found
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, to_snake


def gather(module):
    params = module.params
    users = module.lookups.records(endpoints.USERS, {"IncludeInactive": params["include_inactive"], "IncludeTeams": True,
                                                     "IncludeApplicationRoles": True})
    if params["username"]:
        user = find(users, params["username"], "Username", "username")
        if user is None:
            raise not_found("user", params["username"], [item.get("Username") for item in users])
        users = [user]
    records = []
    for user in sorted_by(users, "Username", "username"):
        record = dict(user)
        if params["blocked_logins"]:
            record["BlockedLogins"] = module.client.get_list(endpoints.path(endpoints.USER_BLOCKED_LOGINS, user_key=record_key(user)))
        records.append(record)
    module.exit_json(changed=False, users=to_snake(records))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            username=dict(type="str", aliases=["name"]),
            blocked_logins=dict(type="bool", default=False),
            include_inactive=dict(type="bool", default=True),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
