#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: role
short_description: Create, update and delete LifeTime roles and their permissions per environment
version_added: 0.1.0
description:
  - Creates a LifeTime role, or brings an existing one (found by name or key) to match the options given, or deletes it.
  - A role has a permission level in every environment. LifeTime needs one for each environment, so when a role is
    created, the environments not listed in O(environment_permissions) get the lowest permission level (no access)
    without the right to create applications or add dependencies to System; when a role is updated, the environments
    not listed keep what they have.
options:
  name:
    description:
      - The name of the role; a role key is accepted too.
    type: str
    required: true
  new_name:
    description:
      - Rename the role to this name. A role already called this (and none called O(name)) counts as renamed.
    type: str
  manage_infrastructure:
    description:
      - Whether the role can manage the infrastructure (users, roles and teams; on self-managed infrastructures also
        environments and their configuration). V(false) when a role is created without it.
    type: bool
  manage_teams:
    description:
      - Whether the role can manage teams and roles. V(false) when a role is created without it.
    type: bool
  environment_permissions:
    description:
      - The role's permissions in some environments.
    type: list
    elements: dict
    suboptions:
      environment:
        description:
          - The name or key of the environment.
        type: str
        required: true
      permission_level:
        description:
          - The label of the permission level, as LifeTime lists them (see RV(outsystems.lifetime.role_info#module:permission_levels)),
            for example C(Change and Deploy Applications). Matched case-insensitively; an unknown label fails naming the valid ones.
          - LifeTime numbers the levels 0 (no access) to 6 (C(Full Control)) and names them itself.
        type: str
        required: true
      create_applications:
        description:
          - Whether the role can create applications in that environment. Unchanged when omitted (V(false) for a new role).
        type: bool
      add_dependencies_to_system:
        description:
          - Whether the role can add dependencies to the System application. Unchanged when omitted (V(false) for a new role).
        type: bool
  users_new_role:
    description:
      - When deleting a role that users hold, the name or key of the role they get instead. LifeTime refuses to delete a
        role in use without it.
    type: str
  state:
    description:
      - V(present) creates or updates the role, V(absent) deletes it.
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
- name: A release manager role
  outsystems.lifetime.role:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    name: Release Manager
    manage_teams: true
    environment_permissions:
      - environment: Development
        permission_level: Change and Deploy Applications
        create_applications: true
      - environment: Test
        permission_level: Open and Debug Applications
      - environment: Production
        permission_level: Open and Debug Applications

- name: Delete it, moving its users to Developer
  outsystems.lifetime.role:
    name: Release Manager
    users_new_role: Developer
    state: absent
"""

RETURN = r"""
role:
  description: The role after the task (in check mode, as it would be), with snake_case keys; empty when deleted.
  returned: always
  type: dict
  contains:
    key:
      description: The role key; null when a role would be created in check mode.
      type: str
    name:
      description: The role name.
      type: str
      sample: Release Manager
    manage_infrastructure:
      description: Whether the role can manage the infrastructure.
      type: bool
    manage_teams:
      description: Whether the role can manage teams and roles.
      type: bool
    environment_permissions:
      description: The permission in each environment, sorted by environment name.
      type: list
      elements: dict
      sample: [{"environment_key": "0f8c...", "environment_name": "Development", "level": 5,
                "level_label": "Change and Deploy Applications", "create_applications": true, "add_dependencies_to_system": false}]
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import create_record, find, pick_level, sorted_by, unwrap
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake

ROLES_PARAMS = {"IncludeEnvPermissions": True}
PERMISSION_FIELDS = ("environmentKey", "level", "createApplications", "addDependenciesToSystem")


def permission_levels(module):
    levels = unwrap(module.client.get(endpoints.PERMISSION_LEVELS), "PermissionLevel")
    return sorted(levels, key=lambda level: field(level, "level", "Level") or 0)


def permissions_of(record):
    """environment key -> EnvironmentPermission of a Role record."""
    return dict((field(item, "environmentKey", "EnvironmentKey"), dict(item))
                for item in field(record, "environmentPermissions", "EnvironmentPermissions") or [])


def role_record(key, base, permissions):
    return {
        "key": key,
        "name": base.get("name"),
        "manageInfrastructure": base.get("manageInfrastructure"),
        "manageTeams": base.get("manageTeams"),
        "environmentPermissions": sorted_by(list(permissions.values()), "environmentName", "environmentKey"),
    }


def permission(env, level, create, dependencies):
    return {"environmentKey": record_key(env), "environmentName": record_name(env), "level": field(level, "level", "Level"),
            "levelLabel": field(level, "levelLabel", "LevelLabel", "Label"), "createApplications": bool(create),
            "addDependenciesToSystem": bool(dependencies)}


def same_permission(one, other):
    names = ("level", "createApplications", "addDependenciesToSystem")
    return all(one.get(name) == other.get(name) for name in names)


def manage(module):
    params = module.params
    roles = module.lookups.records(endpoints.ROLES, ROLES_PARAMS)
    current = find(roles, params["name"], "name", "Name")
    if current is None and params["new_name"] and params["state"] == "present":
        # Already renamed by an earlier run.
        current = find(roles, params["new_name"], "name", "Name")

    if params["state"] == "absent":
        changed = current is not None
        before = role_record(record_key(current), current, permissions_of(current)) if current else None
        replacement = module.lookups.role(params["users_new_role"]) if params["users_new_role"] else None
        if replacement is not None and current is not None and record_key(replacement) == record_key(current):
            raise ValueError("users_new_role must be another role than the one deleted ('%s')" % record_name(current))
        if changed and replacement is None:
            users = module.lookups.records(endpoints.USERS, {"IncludeInactive": True})
            holders = sorted(field(user, "Username") for user in users if field(user, "RoleKey") == record_key(current))
            if holders:
                raise ValueError("role '%s' is the role of %s: give users_new_role, the role they get instead (valid roles: %s)" % (
                    record_name(current), ", ".join(holders),
                    ", ".join(sorted(record_name(role) for role in roles if record_key(role) != record_key(current)))))
        if changed and not module.check_mode:
            query = {"UsersNewRoleKey": record_key(replacement)} if replacement else None
            module.client.delete(endpoints.path(endpoints.ROLE, role_key=record_key(current)), params=query)
        module.exit_result(changed, before=before, after={}, role={})
        return

    levels = permission_levels(module)
    wanted = {}
    for item in params["environment_permissions"] or []:
        env = module.lookups.environment(item["environment"])
        level = pick_level("permission level", levels, item["permission_level"])
        wanted[record_key(env)] = (env, level, item["create_applications"], item["add_dependencies_to_system"])

    if current is None:
        key = None
        before = None
        base = {"name": params["new_name"] or params["name"], "manageInfrastructure": False, "manageTeams": False}
        current_permissions = {}
        lowest = levels[0] if levels else {"level": 0, "levelLabel": ""}
        for env in module.lookups.environments():
            current_permissions[record_key(env)] = permission(env, lowest, False, False)
    else:
        key = record_key(current)
        base = dict(current)
        current_permissions = permissions_of(current)
        before = role_record(key, base, current_permissions)

    after_base = dict(base)
    if params["new_name"]:
        after_base["name"] = params["new_name"]
    for option, name in (("manage_infrastructure", "manageInfrastructure"), ("manage_teams", "manageTeams")):
        if params[option] is not None:
            after_base[name] = params[option]
    after_permissions = dict(current_permissions)
    for env_key, (env, level, create, dependencies) in wanted.items():
        now = current_permissions.get(env_key) or {}
        after_permissions[env_key] = permission(
            env, level,
            now.get("createApplications", False) if create is None else create,
            now.get("addDependenciesToSystem", False) if dependencies is None else dependencies)

    changed = current is None or any(base.get(name) != after_base.get(name) for name in ("name", "manageInfrastructure", "manageTeams")) \
        or set(after_permissions) != set(current_permissions) \
        or any(not same_permission(current_permissions[env_key], after_permissions[env_key]) for env_key in after_permissions)

    if changed and not module.check_mode:
        body = {"name": after_base["name"], "manageInfrastructure": bool(after_base.get("manageInfrastructure")),
                "manageTeams": bool(after_base.get("manageTeams")),
                "environmentPermissions": [dict((name, item[name]) for name in PERMISSION_FIELDS)
                                           for item in sorted_by(list(after_permissions.values()), "environmentName")]}
        if current is None:
            key = create_record(module, endpoints.ROLES, body, "role", after_base["name"], ROLES_PARAMS, "name", "Name")
        else:
            module.client.put(endpoints.path(endpoints.ROLE, role_key=key), body=body)

    after = role_record(key, after_base, after_permissions)
    module.exit_result(changed, before=before, after=after, role=to_snake(after))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            new_name=dict(type="str"),
            manage_infrastructure=dict(type="bool"),
            manage_teams=dict(type="bool"),
            environment_permissions=dict(type="list", elements="dict", options=dict(
                environment=dict(type="str", required=True),
                permission_level=dict(type="str", required=True),
                create_applications=dict(type="bool"),
                add_dependencies_to_system=dict(type="bool"),
            )),
            users_new_role=dict(type="str"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
