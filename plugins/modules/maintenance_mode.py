#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: maintenance_mode
short_description: Turn the maintenance mode of a LifeTime environment on or off
version_added: 0.1.0
description:
  - Enables or disables the maintenance mode of an environment, with a reason.
  - The LifeTime API v2 can set the maintenance mode but has no endpoint that reads it, and its environment record
    does not carry it. So the module cannot know the current mode and sets it on every run, reporting a change each
    time (in check mode too, where nothing is sent). If the environment record returned by a LifeTime server does carry
    C(IsMaintenanceModeEnabled), that value is compared and the mode is set only when it differs.
options:
  environment:
    description:
      - The name or key of the environment.
    type: str
    required: true
  enabled:
    description:
      - V(true) puts the environment in maintenance mode, V(false) takes it out.
    type: bool
    required: true
  reason:
    description:
      - Why the maintenance mode is being changed; LifeTime records it.
    type: str
    default: ''
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Production in maintenance for the release
  outsystems.lifetime.maintenance_mode:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    environment: Production
    enabled: true
    reason: Release 2.1 rollout

- name: And out of it again
  outsystems.lifetime.maintenance_mode:
    environment: Production
    enabled: false
    reason: Release 2.1 done
"""

RETURN = r"""
maintenance_mode:
  description: The maintenance mode as set (or, in check mode, as it would be set).
  returned: always
  type: dict
  contains:
    environment:
      description: The environment name.
      type: str
      sample: Production
    environment_key:
      description: The environment key.
      type: str
    enabled:
      description: Whether maintenance mode is on.
      type: bool
    reason:
      description: The reason given.
      type: str
current_known:
  description: Whether LifeTime told the current mode (only then is the module idempotent).
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake


def manage(module):
    params = module.params
    env = module.lookups.environment(params["environment"])
    key = record_key(env)
    current = field(env, "IsMaintenanceModeEnabled", "isMaintenanceModeEnabled")
    known = isinstance(current, bool)
    changed = not known or current != params["enabled"]
    if changed and not module.check_mode:
        module.client.put(endpoints.path(endpoints.MAINTENANCE_MODE, environment_key=key),
                          body={"IsMaintenanceModeEnabled": params["enabled"], "Reason": params["reason"] or ""})
    before = {"Environment": record_name(env), "EnvironmentKey": key, "Enabled": current if known else None}
    after = {"Environment": record_name(env), "EnvironmentKey": key, "Enabled": params["enabled"], "Reason": params["reason"] or ""}
    module.exit_result(changed, before=before, after=after, maintenance_mode=to_snake(after), current_known=known)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            environment=dict(type="str", required=True),
            enabled=dict(type="bool", required=True),
            reason=dict(type="str", default=""),
        ),
        supports_check_mode=True,
    )
    module.run(manage)


if __name__ == "__main__":
    main()
