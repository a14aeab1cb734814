#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: db_connection
short_description: Create, edit, test and delete the database connections of a LifeTime environment
version_added: 0.1.0
description:
  - Creates a database connection in an environment, or brings an existing one (found by name) to match the options
    given, or deletes it; sets and revokes the permission of roles and users on it; tests it.
  - LifeTime returns a connection's provider, description and configuration, but never its database user or password,
    so those two cannot be compared. They are sent when the connection is created, with every other edit of it,
    and on every run with O(update_password=always) (which then always reports a change).
  - LifeTime takes the whole connection on an edit, so editing an existing connection needs O(user) and O(password);
    without them the task fails before changing anything. Permissions alone can be changed without them.
  - Needs LifeTime 11.13 or later.
options:
  environment:
    description:
      - The name or key of the environment.
    type: str
    required: true
  name:
    description:
      - The name of the database connection.
    type: str
    required: true
  new_name:
    description:
      - Rename the connection to this name.
    type: str
  provider:
    description:
      - The database provider by its display name (for example C(SqlServer) or C(Oracle)) or key. Required to create.
    type: str
  description:
    description:
      - The description of the connection. Compared only when LifeTime returns it.
    type: str
  connection_string:
    description:
      - The connection's configuration parameters, separated by semicolons (C(Server=db.example.com;Database=ERP)).
      - Keep secrets out of it; give the password in O(password).
    type: str
  user:
    description:
      - The database user. Write-only (see the description).
    type: str
  password:
    description:
      - The database password. Write-only; never shown in results, diffs or logs.
    type: str
  update_password:
    description:
      - V(on_create) sends O(user) and O(password) when the connection is created (and with any other edit);
        V(always) sends them on every run.
    type: str
    choices: [on_create, always]
    default: on_create
  role_permissions:
    description:
      - The permission of roles on the connection. Roles not listed have theirs revoked.
      - Omitted, the role permissions are not changed.
    type: list
    elements: dict
    suboptions:
      role:
        description:
          - The name or key of the role.
        type: str
        required: true
      permission_level:
        description:
          - The label (or short label) of the permission level, see RV(outsystems.lifetime.db_connection_info#module:permission_levels).
        type: str
        required: true
  user_permissions:
    description:
      - The permission of single users on the connection. Users not listed have theirs revoked.
      - Omitted, the user permissions are not changed.
    type: list
    elements: dict
    suboptions:
      user:
        description:
          - The username or key of the user.
        type: str
        required: true
      permission_level:
        description:
          - The label (or short label) of the permission level.
        type: str
        required: true
  test:
    description:
      - Test the connection as asked (provider, configuration, user and password) before changing anything; a failed
        test fails the task and nothing is changed.
      - The test also runs in check mode; it is not a change.
      - Needs O(user) and O(password), which LifeTime never returns.
    type: bool
    default: false
  state:
    description:
      - V(present) creates or edits the connection, V(absent) deletes it.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The reporting database, tested first, readable by Developers
  outsystems.lifetime.db_connection:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    environment: Development
    name: Reporting
    provider: SqlServer
    connection_string: Server=reports.example.com;Database=Reports
    user: report_reader
    password: "{{ reporting_password }}"
    test: true
    role_permissions:
      - role: Developer
        permission_level: Use
    user_permissions: []

- name: Remove it
  outsystems.lifetime.db_connection:
    environment: Development
    name: Reporting
    state: absent
"""

RETURN = r"""
db_connection:
  description: The connection after the task (in check mode, as it would be), with snake_case keys; empty when deleted.
    Never holds the password.
  returned: always
  type: dict
  contains:
    db_connection_name:
      description: The connection name.
      type: str
      sample: Reporting
    provider_name:
      description: The provider.
      type: str
    database_configuration:
      description: The configuration parameters.
      type: str
    role_permissions:
      description: The roles with a permission on the connection (role, permission_level), when O(role_permissions) is given.
      type: list
      elements: dict
    user_permissions:
      description: The users with a permission on the connection (user, permission_level), when O(user_permissions) is given.
      type: list
      elements: dict
test_result:
  description: The outcome of the test, when O(test=true).
  returned: when O(test=true)
  type: dict
  sample: {"success": true}
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import UPDATE_PASSWORD_CHOICES, connection_ref, find
from ansible_collections.outsystems.lifetime.plugins.module_utils.db_connections import (
    asked_permissions,
    create_body,
    edit_body,
    pick_provider,
    record_after,
    request_of,
    test_connection,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import MASK, LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, to_snake


def manage(module):
    params = module.params
    env = module.lookups.environment(params["environment"])
    env_key = record_key(env)
    connections = module.client.get_list(endpoints.path(endpoints.DB_CONNECTIONS, environment_key=env_key))
    current = find(connections, params["name"], "dbConnectionName", "DbConnectionName")
    name = field(current, "dbConnectionName") if current else params["name"]
    path = connection_ref(env_key, name)

    if params["state"] == "absent":
        if current is not None and not module.check_mode:
            module.client.delete(endpoints.path(endpoints.DB_CONNECTION, **path))
        module.exit_result(current is not None, before=current, after={}, db_connection={})
        return

    providers = module.client.get_list(endpoints.path(endpoints.DB_PROVIDERS, environment_key=env_key))
    provider = pick_provider(providers, params["provider"], current, env, params["name"])
    permissions = asked_permissions(module, path, current is not None)
    request = request_of(params, name, provider)
    test_result = test_connection(module.client, env_key, params, request, current) if params["test"] else None

    before_base = dict(current) if current else {}
    after_base = record_after(current, name, params, provider)
    record_changed = current is None or any(before_base.get(key) != after_base.get(key) for key in after_base)
    send_secrets = bool(params["user"] or params["password"]) and (current is None or record_changed or params["update_password"] == "always")
    edit = current is not None and (record_changed or send_secrets)
    if edit and not (params["user"] and params["password"]):
        raise ValueError("editing database connection '%s' needs 'user' and 'password': LifeTime takes the whole connection "
                         "on an edit and never returns the stored user or password" % name)

    changed = current is None or edit or any(item.changes() for item in permissions)
    if changed and not module.check_mode:
        if current is None:
            module.client.post(endpoints.path(endpoints.DB_CONNECTIONS, environment_key=env_key), body=create_body(request))
        elif edit:
            module.client.put(endpoints.path(endpoints.DB_CONNECTION, **path), body=edit_body(request, current))
        for item in permissions:
            item.apply(module.client, connection_ref(env_key, after_base["dbConnectionName"]))

    before = dict(before_base) if current else None
    after = dict(after_base)
    for item in permissions:
        if before is not None:
            before[item.record_field] = item.listed(item.now)
        after[item.record_field] = item.listed(item.after())
    if send_secrets:
        if params["user"]:
            after["dbUsername"] = params["user"]
        if params["password"]:
            after["dbPassword"] = MASK
    result = dict((key, value) for key, value in after.items() if key != "dbPassword")
    extra = {"test_result": test_result} if params["test"] else {}
    module.exit_result(changed, before=before, after=after, db_connection=to_snake(result), **extra)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            environment=dict(type="str", required=True),
            name=dict(type="str", required=True),
            new_name=dict(type="str"),
            provider=dict(type="str"),
            description=dict(type="str"),
            connection_string=dict(type="str"),
            user=dict(type="str"),
            password=dict(type="str", no_log=True),
            update_password=dict(type="str", choices=UPDATE_PASSWORD_CHOICES, default="on_create", no_log=False),
            role_permissions=dict(type="list", elements="dict", options=dict(
                role=dict(type="str", required=True),
                permission_level=dict(type="str", required=True),
            )),
            user_permissions=dict(type="list", elements="dict", options=dict(
                user=dict(type="str", required=True),
                permission_level=dict(type="str", required=True),
            )),
            test=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
