#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: environment
short_description: Register an environment in LifeTime, or unregister one
version_added: 0.1.0
description:
  - Registers a platform server environment in LifeTime with the credentials of a Service Center administrator, or
    unregisters one.
  - An environment is already registered when one has the same name, or the same host name as O(address); then
    nothing is done (LifeTime cannot change a registration through its API).
  - Unregistering is destructive (LifeTime stops managing the environment and its applications), so O(state=absent)
    needs O(force=true).
  - Needs LifeTime 11.11 or later.
options:
  name:
    description:
      - The name of the environment in LifeTime; an environment key is accepted too.
    type: str
    required: true
  address:
    description:
      - The address LifeTime uses to reach the environment, for example C(qa.example.com).
      - Required to register.
    type: str
  lifetime_address:
    description:
      - The address the environment uses to reach LifeTime.
      - Required to register.
    type: str
  service_center_username:
    description:
      - The username of a Service Center user with administrator rights in the environment. Required to register.
    type: str
  service_center_password:
    description:
      - The password of that Service Center user. Required to register. Never shown in results, diffs or logs.
    type: str
  position:
    description:
      - The position of the environment in the promotion path. After the last environment when omitted.
    type: int
  override_previous_lifetime:
    description:
      - Register the environment even if another LifeTime manages it, taking it over.
    type: bool
    default: false
  role_permissions:
    description:
      - The permission each role gets in the new environment.
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
          - The label of the permission level, as LifeTime lists them (see M(outsystems.lifetime.role_info)), for example
            C(Open and Debug Applications) or C(Full Control); matched case-insensitively. LifeTime gets its number (0 to 6).
        type: str
        required: true
      create_applications:
        description:
          - Whether the role can create applications in the environment.
        type: bool
        default: false
      add_dependencies_to_system:
        description:
          - Whether the role can add dependencies to the System application.
        type: bool
        default: false
  force:
    description:
      - Confirms O(state=absent). Without it, unregistering fails and nothing is changed.
    type: bool
    default: false
  state:
    description:
      - V(present) registers the environment, V(absent) unregisters it.
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
- name: Register a QA environment after Test
  outsystems.lifetime.environment:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    name: QA
    address: qa.lifetime.example.com
    lifetime_address: lifetime.example.com
    service_center_username: admin
    service_center_password: "{{ sc_password }}"
    role_permissions:
      - role: Developer
        permission_level: Open and Debug Applications

- name: Unregister it
  outsystems.lifetime.environment:
    name: QA
    state: absent
    force: true
"""

RETURN = r"""
environment:
  description: The environment after the task, with snake_case keys (key, name, host_name, order, ...); empty when
    unregistered. In check mode, when it would be registered, the key is null.
  returned: always
  type: dict
imported_users:
  description: The IT users LifeTime imported from the environment at registration (username, name, email).
  returned: when an environment was registered
  type: list
  elements: dict
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.access import find, pick_level, unwrap
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule, host_problem
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, to_snake

REQUIRED_TO_REGISTER = ("address", "lifetime_address", "service_center_username", "service_center_password")


def bare_host(address):
    text = (address or "").strip().lower()
    for prefix in ("https://", "http://"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text.split("/")[0]


def find_environment(environments, name, address):
    found = find(environments, name, "Name")
    if found is None and address:
        host = bare_host(address)
        found = next((env for env in environments if bare_host(env.get("HostName")) == host), None)
    return found


def manage(module):
    params = module.params
    for option in ("address", "lifetime_address"):
        problem = host_problem(option, params[option])
        if problem:
            raise ValueError(problem)
    environments = module.lookups.environments()
    current = find_environment(environments, params["name"], params["address"])

    if params["state"] == "absent":
        if current is None:
            module.exit_result(False, before={}, after={}, environment={})
            return
        if not params["force"]:
            raise ValueError("unregistering environment '%s' is destructive (LifeTime stops managing it and its applications): "
                             "set force: true to confirm" % current.get("Name"))
        if not module.check_mode:
            module.client.delete(endpoints.path(endpoints.ENVIRONMENT_DELETE, environment_key=record_key(current)))
        module.exit_result(True, before=current, after={}, environment={})
        return

    if current is not None:
        module.exit_result(False, before=current, after=current, environment=to_snake(current))
        return

    missing = [name for name in REQUIRED_TO_REGISTER if not params[name]]
    if missing:
        raise ValueError("environment '%s' is not registered (registered: %s); to register it give %s" % (
            params["name"], ", ".join(env.get("Name") for env in environments), ", ".join(missing)))
    permissions = []
    if params["role_permissions"]:
        levels = unwrap(module.client.get(endpoints.PERMISSION_LEVELS), "PermissionLevel")
        for item in params["role_permissions"]:
            role = module.lookups.role(item["role"])
            level = pick_level("permission level", levels, item["permission_level"])
            permissions.append({"RoleKey": record_key(role), "PermissionLevel": field(level, "level", "Level"),
                                "CanCreateApplications": item["create_applications"],
                                "CanAddDependenciesToSystem": item["add_dependencies_to_system"]})
    position = params["position"]
    if position is None:
        position = max([env.get("Order") or 0 for env in environments] or [0]) + 1
    # The diff shows what is asked, so that check mode predicts it exactly; the result holds the whole record.
    planned = {"Name": params["name"], "HostName": bare_host(params["address"]), "Order": position}
    after = dict(planned, Key=None)
    imported = []
    if not module.check_mode:
        body = {"EnvironmentName": params["name"], "EnvironmentAddress": params["address"],
                "ServiceCenterUsername": params["service_center_username"], "ServiceCenterPassword": params["service_center_password"],
                "LifeTimeAddress": params["lifetime_address"], "EnvironmentPosition": position,
                "OverridePreviousLifetime": params["override_previous_lifetime"], "EnvironmentRolePermissions": permissions}
        answer = module.client.post(endpoints.ENVIRONMENTS, body=body)
        key = field(answer, "EnvironmentKey", "Key") if isinstance(answer, dict) else (answer or "").strip('"') or None
        imported = (answer.get("ImportedUsers") or []) if isinstance(answer, dict) else []
        module.lookups.forget(endpoints.ENVIRONMENTS)
        registered = find(module.lookups.environments(), key, "Name") if key else None
        if registered is None:
            registered = find(module.lookups.environments(), params["name"], "Name")
        if registered is not None:
            after = registered
        else:
            after["Key"] = key
    module.exit_result(True, before={}, after=planned, environment=to_snake(after), imported_users=to_snake(imported))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            address=dict(type="str"),
            lifetime_address=dict(type="str"),
            service_center_username=dict(type="str"),
            service_center_password=dict(type="str", no_log=True),
            position=dict(type="int"),
            override_previous_lifetime=dict(type="bool", default=False),
            role_permissions=dict(type="list", elements="dict", options=dict(
                role=dict(type="str", required=True),
                permission_level=dict(type="str", required=True),
                create_applications=dict(type="bool", default=False),
                add_dependencies_to_system=dict(type="bool", default=False),
            )),
            force=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
