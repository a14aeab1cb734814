#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: module_info
short_description: List LifeTime modules, their versions and their status in each environment
version_added: 0.1.0
description:
  - Returns the modules (eSpaces and extensions) of a LifeTime infrastructure, or one of them by name or key.
options:
  name:
    description:
      - The name or key of one module. When omitted, every module is returned.
    type: str
    aliases: [module, key]
  versions:
    description:
      - Add each module's most recent versions (see O(max_versions)).
    type: bool
    default: false
  version_key:
    description:
      - The key of one module version (for example from RV(modules[].versions) or an application version's module
        versions). Needs O(name); the module is returned with only that version in RV(modules[].versions).
    type: str
  max_versions:
    description:
      - How many versions of each module to return with O(versions=true) (C(MaximumVersionsToReturn)).
    type: int
    default: 5
  env_status:
    description:
      - Add each module's status in every environment where it runs (C(module_status_in_env)).
    type: bool
    default: false
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Every module, with where it runs
  outsystems.lifetime.module_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    env_status: true
  register: modules

- name: One module with its versions
  outsystems.lifetime.module_info:
    name: CustomerPortal
    versions: true
  register: portal_module
"""

RETURN = r"""
modules:
  description: The modules, sorted by name, with snake_case keys.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The module key.
      type: str
    name:
      description: The module name.
      type: str
    kind:
      description: The kind of module (C(eSpace) or C(Extension)).
      type: str
    description:
      description: The module's description.
      type: str
    module_status_in_env:
      description: The module's status in each environment where it runs.
      type: list
      elements: dict
      returned: when O(env_status=true)
    versions:
      description: The module's most recent versions, newest first.
      type: list
      elements: dict
      returned: when O(versions=true) or O(version_key) is given
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.dates import date_sort_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.lookups import pick
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name, to_snake


def gather(module):
    params = module.params
    query = {"IncludeEnvStatus": True} if params["env_status"] else None
    modules = module.lookups.records(endpoints.MODULES, query)
    if params["name"]:
        wanted = pick("module", modules, params["name"])
        modules = [module.client.get(endpoints.path(endpoints.MODULE, module_key=record_key(wanted)), params=query) or wanted]
    modules = sorted(modules, key=lambda item: (record_name(item) or "").lower())
    if params["version_key"] and not params["name"]:
        raise ValueError("version_key needs name: the module whose version it is")
    result = []
    for item in modules:
        record = dict(item)
        if params["version_key"]:
            record["Versions"] = [module.client.get(endpoints.path(endpoints.MODULE_VERSION, module_key=record_key(item), version_key=params["version_key"]))]
        elif params["versions"]:
            versions = module.client.get_list(endpoints.path(endpoints.MODULE_VERSIONS, module_key=record_key(item)),
                                              params={"MaximumVersionsToReturn": params["max_versions"]})
            record["Versions"] = sorted(versions, key=lambda version: date_sort_key(version.get("CreatedOn")), reverse=True)
        result.append(record)
    module.exit_json(changed=False, modules=to_snake(result))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            name=dict(type="str", aliases=["module", "key"]),
            versions=dict(type="bool", default=False),
            version_key=dict(type="str", no_log=False),
            max_versions=dict(type="int", default=5),
            env_status=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
