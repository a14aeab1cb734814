#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: environment_info
short_description: List the environments of a LifeTime infrastructure
version_added: 0.1.0
description:
  - Returns the environments LifeTime manages, or one of them by name or key.
  - Optionally adds each environment's deployment zones, application templates and content security policy.
options:
  name:
    description:
      - The name or key of one environment. When omitted, every environment is returned.
    type: str
    aliases: [environment, key]
  deployment_zones:
    description:
      - Add each environment's deployment zones (C(deployment_zones)).
      - Deployment zones are not licensed on every infrastructure; where LifeTime refuses them, the task fails and says so.
    type: bool
    default: false
  templates:
    description:
      - Add the application templates available in each environment (C(templates)).
    type: bool
    default: false
  content_security_policy:
    description:
      - Add the content security policy directives of each environment (C(content_security_policy)). Needs LifeTime 11.10.3 or later.
    type: bool
    default: false
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: List every environment
  outsystems.lifetime.environment_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: infrastructure

- name: Production, with its deployment zones and templates
  outsystems.lifetime.environment_info:
    name: Production
    deployment_zones: true
    templates: true
  register: production

- name: Show the Production host name
  ansible.builtin.debug:
    msg: "{{ production.environments[0].host_name }}"
"""

RETURN = r"""
environments:
  description: The environments, in LifeTime's order (Development first), with snake_case keys.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The environment key.
      type: str
      sample: 0f8c7b1e-3b6a-5d2e-9c11-2a3b4c5d6e7f
    name:
      description: The environment name.
      type: str
      sample: Production
    host_name:
      description: The environment's host name.
      type: str
      sample: prod.lifetime.example.com
    environment_type:
      description: Development, Test, Production or another type; an empty string when the environment has none.
      type: str
    order:
      description: The position of the environment in the promotion path.
      type: int
    os_version:
      description: The platform server version, with 3 or 4 parts (for example C(11.26.0) or C(11.13.2.32392)).
      type: str
    is_offline:
      description: Whether LifeTime cannot reach the environment. LifeTime sends it for some environments only; absent means online.
      type: bool
      returned: when LifeTime sends it
    deployment_zones:
      description: The deployment zones, when O(deployment_zones=true).
      type: list
      elements: dict
      returned: when O(deployment_zones=true)
    templates:
      description: The application templates, when O(templates=true).
      type: list
      elements: dict
      returned: when O(templates=true)
    content_security_policy:
      description: The content security policy, when O(content_security_policy=true).
      type: dict
      returned: when O(content_security_policy=true)
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, to_snake


def environment_details(module, environment):
    result = dict(environment)
    key = record_key(environment)
    if module.params["deployment_zones"]:
        result["DeploymentZones"] = module.lookups.deployment_zones(environment)
    if module.params["templates"]:
        result["Templates"] = module.lookups.templates(environment)
    if module.params["content_security_policy"]:
        result["ContentSecurityPolicy"] = module.client.get(endpoints.path(endpoints.CONTENT_SECURITY_POLICIES, environment_key=key)) or {}
    return result


def gather(module):
    if module.params["name"]:
        environments = [module.lookups.environment(module.params["name"])]
    else:
        environments = sorted(module.lookups.environments(), key=lambda env: env.get("Order") or 0)
    records = [environment_details(module, environment) for environment in environments]
    module.exit_json(changed=False, environments=to_snake(records))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            name=dict(type="str", aliases=["environment", "key"]),
            deployment_zones=dict(type="bool", default=False),
            templates=dict(type="bool", default=False),
            content_security_policy=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
