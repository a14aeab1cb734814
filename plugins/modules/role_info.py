#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: role_info
short_description: List LifeTime roles, their permissions per environment and the permission levels
version_added: 0.1.0
description:
  - Returns the roles of a LifeTime infrastructure, or one of them by name or key, each with its permission level in
    every environment, and the permission levels LifeTime offers (their labels are what
    M(outsystems.lifetime.role) takes).
options:
  name:
    description:
      - The name or key of one role. When omitted, every role is returned.
    type: str
    aliases: [role, key]
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Every role and the permission levels
  outsystems.lifetime.role_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: roles

- name: The permission level labels
  ansible.builtin.debug:
    msg: "{{ roles.permission_levels | map(attribute='level_label') | list }}"
"""

RETURN = r"""
roles:
  description: The roles, sorted by name, with snake_case keys.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The role key.
      type: str
    name:
      description: The role name.
      type: str
      sample: Developer
    manage_infrastructure:
      description: Whether the role can manage the infrastructure.
      type: bool
    manage_teams:
      description: Whether the role can manage teams and roles.
      type: bool
    environment_permissions:
      description: The permission in each environment (environment_key, environment_name, level (0 to 6), level_label
        (the server's name for the level), create_applications, add_dependencies_to_system).
      type: list
      elements: dict
permission_levels:
  description: The permission levels, lowest first (level, level_label and, where LifeTime gives it, description).
  returned: always
  type: list
  elements: dict
  sample: [{"level": 2, "level_label": "Open and Debug Applications"}, {"level": 5, "level_label": "Change and Deploy Applications"},
           {"level": 6, "level_label": "Full Control"}]
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import sorted_by, unwrap
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, to_snake


def gather(module):
    roles = module.lookups.records(endpoints.ROLES, {"IncludeEnvPermissions": True})
    if module.params["name"]:
        roles = [pick("role", roles, module.params["name"])]
    levels = unwrap(module.client.get(endpoints.PERMISSION_LEVELS), "PermissionLevel")
    levels = sorted(levels, key=lambda level: field(level, "level", "Level") or 0)
    module.exit_json(changed=False, roles=to_snake(sorted_by(roles, "name", "Name")), permission_levels=to_snake(levels))


def main():
    module = LifetimeModule(argument_spec=dict(name=dict(type="str", aliases=["role", "key"])), supports_check_mode=True)
    module.run(gather)


if __name__ == "__main__":
    main()
