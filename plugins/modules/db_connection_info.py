#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: db_connection_info
short_description: List the database connections of a LifeTime environment, its providers and the permission levels
version_added: 0.1.0
description:
  - Returns the database connections of an environment (or one by name), the database providers available there and
    the permission levels a role or user can have on a connection.
  - LifeTime never returns a connection's database user or password.
  - Needs LifeTime 11.13 or later.
options:
  environment:
    description:
      - The name or key of the environment.
    type: str
    required: true
  name:
    description:
      - The name of one connection. When omitted, every connection is returned.
    type: str
  permissions:
    description:
      - Add to each connection the roles and users with a permission on it (C(role_permissions), C(user_permissions)).
      - LifeTime answers one role or user at a time, so this sends one request per role and per user for each connection.
    type: bool
    default: false
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The database connections of Development
  outsystems.lifetime.db_connection_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    environment: Development
  register: connections

- name: ERPConnection with who may use it
  outsystems.lifetime.db_connection_info:
    environment: Development
    name: ERPConnection
    permissions: true
"""

RETURN = r"""
db_connections:
  description: The connections (db_connection_name, provider_name, description, database_configuration, ...).
  returned: always
  type: list
  elements: dict
providers:
  description: The database providers of the environment (display_name, provider_key).
  returned: always
  type: list
  elements: dict
permission_levels:
  description: The permission levels on a connection (id, label, short_label, description, level), lowest first.
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import (
    connection_ref,
    current_permissions,
    db_levels,
    find,
    level_value,
    permission_list,
    sorted_by,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import not_found
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake


def gather(module):
    params = module.params
    env = module.lookups.environment(params["environment"])
    env_key = record_key(env)
    connections = module.client.get_list(endpoints.path(endpoints.DB_CONNECTIONS, environment_key=env_key))
    if params["name"]:
        found = find(connections, params["name"], "dbConnectionName")
        if found is None:
            raise not_found("database connection", params["name"], [item.get("dbConnectionName") for item in connections],
                            " in environment '%s'" % record_name(env))
        connections = [found]
    levels = db_levels(module)
    lowest = level_value(levels[0]) if levels else 0
    records = []
    for connection in sorted_by(connections, "dbConnectionName"):
        record = dict(connection)
        if params["permissions"]:
            path = connection_ref(env_key, connection.get("dbConnectionName"))
            roles = module.lookups.roles()
            users = module.lookups.users()
            record["rolePermissions"] = permission_list(levels, current_permissions(module, path, "role", roles, record_name),
                                                        roles, "role", lowest)
            record["userPermissions"] = permission_list(levels, current_permissions(module, path, "user", users,
                                                                                    lambda user: field(user, "Username")),
                                                        users, "user", lowest)
        records.append(record)
    providers = module.client.get_list(endpoints.path(endpoints.DB_PROVIDERS, environment_key=env_key))
    module.exit_json(changed=False, db_connections=to_snake(records), providers=to_snake(providers), permission_levels=to_snake(levels))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            environment=dict(type="str", required=True),
            name=dict(type="str"),
            permissions=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
