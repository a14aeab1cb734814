#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application_info
short_description: List LifeTime applications, their modules and what runs in each environment
version_added: 0.1.0
description:
  - Returns the applications of a LifeTime infrastructure, or one of them by name or key.
  - With O(environment), returns the applications running in that environment with the version each one runs and
    whether it was modified since that version was tagged.
options:
  name:
    description:
      - The name or key of one application. When omitted, every application is returned.
    type: str
    aliases: [application, key]
  environment:
    description:
      - The name or key of an environment. Only the applications running there are returned, each with
        RV(applications[].running_version), RV(applications[].running_version_key) and RV(applications[].is_modified).
    type: str
  modules:
    description:
      - Add each application's modules (C(module_status_in_envs) in each status).
      - LifeTime gives the modules only with the statuses, so this also adds C(app_status_in_envs).
    type: bool
    default: false
  env_status:
    description:
      - Add each application's status in every environment (C(app_status_in_envs)).
      - Always on when O(environment) is given.
    type: bool
    default: false
  version_labels:
    description:
      - Name the version each application runs (C(base_application_version_label) in each status, and
        RV(applications[].running_version)).
      - LifeTime names the running version by its key only (C(base_application_version_key)); some servers add the
        label, most do not. With this option the module reads the versions of each application whose statuses lack
        labels (one request per application); without it those labels are null.
      - Implies O(env_status). Defaults to V(true) when O(environment) is given, V(false) otherwise.
    type: bool
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Every application, with its status per environment
  outsystems.lifetime.application_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    env_status: true
  register: apps

- name: What runs in Production, with the version labels
  outsystems.lifetime.application_info:
    environment: Production
  register: production_apps

- name: Every application with the version it runs in each environment, named
  outsystems.lifetime.application_info:
    version_labels: true
  register: catalog

- name: Print each application and its version in Production
  ansible.builtin.debug:
    msg: "{{ item.name }} {{ item.running_version }}"
  loop: "{{ production_apps.applications }}"
  loop_control:
    label: "{{ item.name }}"
"""

RETURN = r"""
applications:
  description: The applications, sorted by name, with snake_case keys.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The application key.
      type: str
    name:
      description: The application name.
      type: str
      sample: Customer Portal
    kind:
      description: The kind of application (for example C(WebResponsive) or C(Mobile)).
      type: str
    team:
      description: The team that owns the application.
      type: str
    app_status_in_envs:
      description:
        - The application's status in each environment (empty unless O(env_status), O(modules), O(version_labels) or
          O(environment) is given).
        - C(base_application_version_key) names the version; C(base_application_version_label) is there only when
          LifeTime sends it or with O(version_labels). C(deployment_zone_key) is an empty string when LifeTime names no
          zone, and C(consistency_status_messages) is a text.
      type: list
      elements: dict
      returned: always
    modules:
      description: The application's modules.
      type: list
      elements: dict
      returned: when O(modules=true)
    running_version:
      description: The tagged version the running application is based on in O(environment) (null with O(version_labels=false)
        when LifeTime does not send labels).
      type: str
      returned: when O(environment) is given
      sample: 1.2.0
    running_version_key:
      description: The key of that version.
      type: str
      returned: when O(environment) is given
    is_modified:
      description: Whether the application in O(environment) changed since that version was tagged.
      type: bool
      returned: when O(environment) is given
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import fill_version_labels
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name, to_snake


def status_in(application, environment_key):
    for status in application.get("AppStatusInEnvs") or []:
        if (status.get("EnvironmentKey") or "").lower() == environment_key.lower():
            return status
    return {}


def with_running_version(application, environment_key):
    status = status_in(application, environment_key)
    record = dict(application)
    record["RunningVersion"] = status.get("BaseApplicationVersionLabel") or None
    record["RunningVersionKey"] = status.get("BaseApplicationVersionKey")
    record["IsModified"] = bool(status.get("IsModified"))
    return record


def gather(module):
    params = module.params
    if params["environment"]:
        environment = module.lookups.environment(params["environment"])
        applications = module.lookups.running_applications(environment, modules=params["modules"])
    else:
        applications = module.lookups.applications(env_status=params["env_status"] or params["version_labels"], modules=params["modules"])
    if params["name"]:
        wanted = module.lookups.application(params["name"]) if params["environment"] else pick("application", applications, params["name"])
        applications = [app for app in applications if record_key(app) == record_key(wanted)]
        if not applications:
            module.fail_json(msg="application '%s' is not running in environment '%s'." % (
                record_name(wanted), params["environment"]))
    labels = params["version_labels"] if params["version_labels"] is not None else bool(params["environment"])
    if labels:
        fill_version_labels(module.client, applications)
    if params["environment"]:
        applications = [with_running_version(app, record_key(environment)) for app in applications]
    applications = sorted(applications, key=lambda app: (record_name(app) or "").lower())
    module.exit_json(changed=False, applications=to_snake(applications))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            name=dict(type="str", aliases=["application", "key"]),
            environment=dict(type="str"),
            modules=dict(type="bool", default=False),
            env_status=dict(type="bool", default=False),
            version_labels=dict(type="bool"),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
