#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application_version_info
short_description: List the versions of a LifeTime application, or show one with its module versions
version_added: 0.1.0
description:
  - Returns the versions of an application, newest first (compared as numbers, so C(1.10.0) comes before C(1.9.0)).
  - With O(version), returns that one version with the versions of its modules.
options:
  application:
    description:
      - The name or key of the application.
    type: str
    required: true
  version:
    description:
      - A version (for example C(1.2.0)) or a version key. Only that version is returned, with its module versions.
    type: str
  change_log_filter:
    description:
      - Only versions whose change log contains this text (LifeTime's C(ChangeLogFilter)).
    type: str
  max_versions:
    description:
      - How many of the most recently created versions LifeTime returns (C(MaximumVersionsToReturn)).
    type: int
    default: 5
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The last versions of Customer Portal
  outsystems.lifetime.application_version_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    application: Customer Portal
  register: portal_versions

- name: The highest version
  ansible.builtin.debug:
    msg: "{{ portal_versions.versions[0].version }}"

- name: One version with its module versions
  outsystems.lifetime.application_version_info:
    application: Customer Portal
    version: "1.1.0"
  register: one_version
"""

RETURN = r"""
versions:
  description: The versions, newest first (numeric order), with snake_case keys.
  returned: always
  type: list
  elements: dict
  contains:
    key:
      description: The version key.
      type: str
    version:
      description: The version.
      type: str
      sample: 1.2.0
    change_log:
      description: The change log.
      type: str
    created_on:
      description: When the version was tagged.
      type: str
    in_use:
      description: Whether the version runs somewhere or is used by a deployment plan.
      type: bool
    mobile_versions:
      description: The native build versions of a mobile application.
      type: list
      elements: dict
    module_versions:
      description: The versions of the application's modules.
      type: list
      elements: dict
      returned: when O(version) is given
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import (
    ALL_VERSIONS,
    list_versions,
    version_or_fail,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, to_snake


def gather(module):
    params = module.params
    application = module.lookups.application(params["application"])
    app_key = record_key(application)
    if params["version"]:
        versions = list_versions(module.client, app_key, maximum=ALL_VERSIONS, change_log_filter=params["change_log_filter"])
        record = version_or_fail(versions, params["version"], application)
        detailed = module.client.get(endpoints.path(endpoints.APPLICATION_VERSION, application_key=app_key, version_key=record_key(record)),
                                     params={"IncludeModules": True})
        versions = [detailed or record]
    else:
        versions = list_versions(module.client, app_key, maximum=params["max_versions"], change_log_filter=params["change_log_filter"])
    module.exit_json(changed=False, versions=to_snake(versions))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            application=dict(type="str", required=True),
            version=dict(type="str"),
            change_log_filter=dict(type="str"),
            max_versions=dict(type="int", default=5),
        ),
        supports_check_mode=True,
    )
    module.run(gather)


if __name__ == "__main__":
    main()
