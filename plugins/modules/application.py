#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application
short_description: Create a LifeTime application and block or unblock its deployment per environment
version_added: 0.1.0
description:
  - Creates an application from a template in an environment when no application of that name exists.
    An application that exists is left as it is (LifeTime has no API to rename it or change its template,
    description or color); O(template), O(team), O(description) and O(color) are only used to create it,
    and a warning tells when the existing application's description or team differs.
  - With O(configurations), makes the application's per-environment configuration (whether it may be
    deployed there) match, changing only the environments whose O(configurations[].blocked) differs.
options:
  name:
    description:
      - The application's name (or, for an existing application, its key).
    type: str
    required: true
  environment:
    description:
      - The name or key of the environment where the application is created. Required to create it.
    type: str
  template:
    description:
      - The name or key of the template (in O(environment)) to create the application from. Required to create it.
    type: str
  team:
    description:
      - The name or key of the team the new application belongs to.
    type: str
  description:
    description:
      - The new application's description.
    type: str
  color:
    description:
      - The new application's primary color, in hexadecimal (C(#1068EB) or C(1068EB)). When omitted, C(#1068EB) is used.
    type: str
  state:
    description:
      - Only V(present) is supported (LifeTime has no API to delete an application).
    type: str
    choices: [present]
    default: present
  configurations:
    description:
      - Whether the application may be deployed to each listed environment. Environments not listed are left as they are.
    type: list
    elements: dict
    suboptions:
      environment:
        description:
          - The name or key of the environment.
        type: str
        required: true
      blocked:
        description:
          - V(true) blocks deployments of the application to the environment; V(false) allows them.
        type: bool
        required: true
      reason:
        description:
          - Why it was blocked or unblocked; sent only when O(configurations[].blocked) changes.
        type: str
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Create an application in Development
  outsystems.lifetime.application:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    name: Claims
    environment: Development
    template: Reactive Web App
    team: Backoffice
    description: Claims handling
    color: "#0A7D3E"
  register: claims

- name: Block deployments of Orders to Production while it is frozen
  outsystems.lifetime.application:
    name: Orders
    configurations:
      - environment: Production
        blocked: true
        reason: Release freeze
"""

RETURN = r"""
application:
  description: The application record, with snake_case keys. In check mode, the predicted record of a new application.
  returned: always
  type: dict
  contains:
    key:
      description: The application key (not known in check mode for a new application).
      type: str
    name:
      description: The application name.
      type: str
key:
  description: The application key. Not known in check mode for a new application.
  returned: always
  type: str
created:
  description: Whether the application was created (or would be, in check mode).
  returned: always
  type: bool
configurations:
  description: The application's configuration in each environment after the task, with snake_case keys.
  returned: when O(configurations) is given
  type: list
  elements: dict
  contains:
    environment_key:
      description: The environment key.
      type: str
    environment:
      description: The environment name.
      type: str
    is_blocked:
      description: Whether deployments of the application to that environment are blocked.
      type: bool
    is_blocked_change_reason:
      description: Why it was last blocked or unblocked.
      type: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.application_settings import (
    color_of,
    current_configurations,
    desired_configurations,
    find_application,
    named,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import extract_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake


def ensure(module):
    params = module.params
    color = color_of(params["color"])
    wanted_configurations = desired_configurations(module)
    application = find_application(module, params["name"])
    created = application is None
    if created:
        if not params["environment"] or not params["template"]:
            missing = " and ".join(name for name in ("environment", "template") if not params[name])
            raise LifetimeError("application '%s' does not exist; to create it give %s (where, and from which template)." % (
                params["name"], missing))
        environment = module.lookups.environment(params["environment"])
        template = module.lookups.template(environment, params["template"])
        team = module.lookups.team(params["team"]) if params["team"] else None
        body = {"Name": params["name"].strip(), "TemplateKey": record_key(template), "TeamKey": record_key(team) if team else "",
                "Description": params["description"] or "", "Color": color}
        predicted = {"Key": None, "Name": body["Name"], "Kind": field(template, "ApplicationKind"), "Team": body["TeamKey"], "Description": body["Description"]}
        before_app = {}
        if module.check_mode:
            application = predicted
        else:
            answer = module.client.post(endpoints.path(endpoints.ENVIRONMENT_APPLICATIONS, environment_key=record_key(environment)), body=body)
            new_key = extract_key(answer, "ApplicationKey")
            if not new_key:
                raise LifetimeError("LifeTime created application '%s' but answered no key (%r)." % (body["Name"], answer))
            module.lookups.forget(endpoints.APPLICATIONS)
            application = module.client.get(endpoints.path(endpoints.APPLICATION, application_key=new_key))
    else:
        before_app = application
        differing = []
        if params["description"] is not None and params["description"] != (field(application, "Description") or ""):
            differing.append("description")
        if params["team"] is not None:
            team = module.lookups.team(params["team"])
            if (field(application, "Team") or "").lower() not in ((record_key(team) or "").lower(), (record_name(team) or "").lower()):
                differing.append("team")
        if differing:
            module.warn("application '%s' exists with a different %s; LifeTime has no API to change it, so it was left as it is." % (
                record_name(application), " and ".join(differing)))

    app_key = record_key(application)
    current = current_configurations(module, app_key) if wanted_configurations else {}
    changes = []
    for environment, blocked, reason in wanted_configurations:
        env_key = record_key(environment)
        now = current.get(env_key.lower(), {"environmentKey": env_key, "isBlocked": False, "isBlockedChangeReason": ""})
        if now["isBlocked"] != blocked:
            change = {"environmentKey": env_key, "isBlocked": blocked, "isBlockedChangeReason": reason}
            changes.append(change)
        current.setdefault(env_key.lower(), now)
    before_configurations = list(current.values())
    after_current = dict((key, dict(value)) for key, value in current.items())
    for change in changes:
        after_current[change["environmentKey"].lower()] = dict(change)
    if changes and not module.check_mode:
        module.client.put(endpoints.path(endpoints.APPLICATION_CONFIGURATIONS, application_key=app_key), body={"configurations": changes})
        after_current = current_configurations(module, app_key)

    environments = module.lookups.environments() if wanted_configurations else []
    result = dict(application=to_snake(application), key=app_key, created=created)
    before = dict(before_app)
    after = dict(application)
    if wanted_configurations:
        result["configurations"] = to_snake(named(list(after_current.values()), environments))
        if before_app:
            before["Configurations"] = named(before_configurations, environments)
        after["Configurations"] = result["configurations"]
    module.exit_result(created or bool(changes), before, after, **result)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            environment=dict(type="str"),
            template=dict(type="str"),
            team=dict(type="str"),
            description=dict(type="str"),
            color=dict(type="str"),
            state=dict(type="str", choices=["present"], default="present"),
            configurations=dict(type="list", elements="dict", options=dict(
                environment=dict(type="str", required=True),
                blocked=dict(type="bool", required=True),
                reason=dict(type="str"),
            )),
        ),
        supports_check_mode=True,
    )
    module.run(ensure)


if __name__ == "__main__":
    main()
