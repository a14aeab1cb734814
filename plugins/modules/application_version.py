#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application_version
short_description: Tag what runs in a LifeTime environment as an application version, or delete a version
version_added: 0.1.0
description:
  - With O(state=present), tags the application as it runs in O(environment) as a new version
    (C(POST /environments/{e}/applications/{a}/versions/)), then waits until LifeTime shows the new version.
  - Idempotent. When the application in O(environment) was not modified since the version it is based on,
    nothing is tagged and that version is returned, unless a different explicit O(version) is asked for.
  - With O(state=absent), deletes one version of the application. A version that does not exist is not an error.
options:
  application:
    description:
      - The name or key of the application.
    type: str
    required: true
  environment:
    description:
      - The name or key of the environment whose running application is tagged.
      - Required with O(state=present).
    type: str
  version:
    description:
      - The version to tag, as C(Major.Minor) or C(Major.Minor.Revision), or V(auto) for the next version after
        the highest existing one (compared as numbers), raised as O(bump) says.
      - A version that the application already has fails, unless it is the version the unmodified application is
        based on.
      - With O(state=absent), the version to delete (V(auto) is not allowed there); or give O(version_key).
    type: str
    default: auto
  version_key:
    description:
      - With O(state=absent), the key of the version to delete, instead of O(version).
    type: str
  based_on_version:
    description:
      - Tag a version made of the module versions of this earlier version (its version string or key) instead of
        what runs in O(environment), as LifeTime's "Rollback to a Previous Version" does (the C(ModuleVersionKeys) of
        the tagging API). O(environment) must hold those module versions (it ran that version); LifeTime refuses the tag
        otherwise. Not for mobile applications, which LifeTime tags only as they run.
      - Idempotent. When the application already has another version made of those module versions, nothing is
        tagged and that version is returned (unless a different explicit O(version) is asked for).
    type: str
  bump:
    description:
      - Which part of the highest existing version O(version=auto) raises.
    type: str
    choices: [patch, minor, major]
    default: patch
  change_log:
    description:
      - The change log of the new version.
    type: str
  mobile_versions:
    description:
      - For a mobile application, the version of each native build. Each must be higher than the last one of its platform.
    type: list
    elements: dict
    suboptions:
      native_platform:
        description:
          - The native platform.
        type: str
        required: true
        choices: [Android, iOS]
      version_number:
        description:
          - The native build's version, for example C(3.2.0).
        type: str
        required: true
  state:
    description:
      - V(present) tags a version; V(absent) deletes one.
    type: str
    choices: [present, absent]
    default: present
  wait_timeout:
    description:
      - Seconds the new version may take to become visible in LifeTime after it was tagged.
    type: int
    default: 60
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Tag what runs in Development as the next patch version (nothing happens if it is unmodified)
  outsystems.lifetime.application_version:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    application: Customer Portal
    environment: Development
    change_log: Sprint 42
  register: tagged

- name: Tag an explicit minor release
  outsystems.lifetime.application_version:
    application: Inventory
    environment: Development
    version: "1.1.0"

- name: Tag a mobile application with its native build versions
  outsystems.lifetime.application_version:
    application: Mobile Banking
    environment: Development
    bump: minor
    mobile_versions:
      - native_platform: Android
        version_number: "3.2.0"
      - native_platform: iOS
        version_number: "3.2.0"

- name: Tag in Test a new version of Orders made of version 2.0.0's modules (a rollback, since 2.0.0 cannot be redeployed over 2.1.0)
  outsystems.lifetime.application_version:
    application: Orders
    environment: Test
    based_on_version: "2.0.0"
    change_log: Rollback to 2.0.0

- name: Delete a version no environment runs any more (1.2.0, now that Development runs the version tagged above)
  outsystems.lifetime.application_version:
    application: Customer Portal
    version: "1.2.0"
    state: absent
"""

RETURN = r"""
version:
  description: The version tagged, found (nothing to tag) or deleted.
  returned: when a version was tagged, found or deleted
  type: str
  sample: 1.2.1
version_key:
  description: Its key. Not known in check mode for a version not tagged yet.
  returned: when a version was tagged, found or deleted
  type: str
application_key:
  description: The application's key.
  returned: always
  type: str
application_name:
  description: The application's name.
  returned: always
  type: str
  sample: Customer Portal
environment_key:
  description: The key of O(environment).
  returned: with O(state=present)
  type: str
previous_version:
  description: The version the application in O(environment) was based on before this task.
  returned: with O(state=present)
  type: str
  sample: 1.2.0
tagged:
  description: Whether a new version was tagged (or would be, in check mode).
  returned: with O(state=present)
  type: bool
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import (
    environments_running,
    find_version,
    highest_label,
    list_versions,
    running_status,
    same_version,
    version_label,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import extract_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import next_version, record_key, record_name
from ansible_collections.outsystems.lifetime.plugins.module_utils.version_tags import asked_version, based_on, wait_until_listed


def tag(module):
    params = module.params
    wanted = asked_version(params)
    application = module.lookups.application(params["application"])
    app_key = record_key(application)
    environment = module.lookups.environment(params["environment"])
    env_key = record_key(environment)
    base_label, base_key, modified = running_status(module.lookups, application, environment)
    versions = list_versions(module.client, app_key)
    labels = [version_label(record) for record in versions]
    if base_key and not base_label:
        # LifeTime names the running version by key only: its label comes from the versions just read.
        base_label = next((version_label(record) for record in versions if (record_key(record) or "").lower() == base_key.lower()), None)
    result = dict(application_key=app_key, application_name=record_name(application), environment_key=env_key, previous_version=base_label)
    before = dict(application=record_name(application), environment=record_name(environment), version=base_label,
                  version_key=base_key, is_modified=modified)

    based = based_on(module.client, application, versions, params["based_on_version"]) if params["based_on_version"] else None
    if based and based["existing"] is not None and (wanted == "auto" or same_version(wanted, version_label(based["existing"]))):
        existing = based["existing"]
        module.exit_result(False, before, before, version=version_label(existing), version_key=record_key(existing), tagged=False, **result)
    unmodified = not based and base_key is not None and not modified
    if unmodified and (wanted == "auto" or same_version(wanted, base_label)):
        module.exit_result(False, before, before, version=base_label, version_key=base_key, tagged=False, **result)

    if wanted == "auto":
        new_label = next_version(labels, params["bump"])
    else:
        existing = find_version(versions, wanted)
        if existing is not None:
            reason = ""
            if same_version(version_label(existing), base_label):
                reason = " (the application in %s was modified since it was tagged)" % record_name(environment)
            raise LifetimeError("version '%s' already exists for application '%s'%s; the highest version is %s. Ask for a higher "
                                "version, or version: auto." % (wanted, record_name(application), reason, highest_label(versions)))
        new_label = wanted

    after = dict(before, version=new_label, version_key=None, is_modified=False)
    if module.check_mode:
        module.exit_result(True, before, after, version=new_label, version_key=None, tagged=True, **result)

    body = {"Version": new_label, "ChangeLog": params["change_log"] or ""}
    mobile = [{"NativePlatform": item["native_platform"], "VersionNumber": item["version_number"]}
              for item in params["mobile_versions"] or []]
    if mobile:
        body["MobileVersions"] = mobile
    if based:
        body["ModuleVersionKeys"] = based["keys"]
    answer = module.client.post(endpoints.path(endpoints.ENVIRONMENT_APPLICATION_VERSIONS, environment_key=env_key, application_key=app_key), body=body)
    new_key = extract_key(answer, "ApplicationVersionKey")

    record = wait_until_listed(module.client, app_key, record_name(application), new_key, new_label, params["wait_timeout"])
    new_key = record_key(record) or new_key
    after["version_key"] = new_key
    module.exit_result(True, before, after, version=new_label, version_key=new_key, tagged=True, **result)


def delete(module):
    params = module.params
    wanted = asked_version(params)
    application = module.lookups.application(params["application"])
    app_key = record_key(application)
    result = dict(application_key=app_key, application_name=record_name(application))
    versions = list_versions(module.client, app_key)
    record = find_version(versions, params["version_key"] or wanted)
    if record is None:
        module.exit_result(False, {}, {}, version=None if wanted == "auto" else wanted, version_key=params["version_key"],
                           msg="application '%s' has no version %s: nothing to delete." % (
                               record_name(application), params["version_key"] or wanted), **result)
    label, key = version_label(record), record_key(record)
    if record.get("InUse"):
        detailed = module.client.get(endpoints.path(endpoints.APPLICATION, application_key=app_key), params={"IncludeEnvStatus": True})
        where = environments_running(detailed or {}, key, module.lookups.environments())
        place = ("it runs in %s" % ", ".join(where)) if where else "it is used by a deployment plan"
        raise LifetimeError("version %s of application '%s' is in use and cannot be deleted: %s." % (label, record_name(application), place))
    before = dict(record)
    before.pop("ModuleVersions", None)
    if not module.check_mode:
        module.client.delete(endpoints.path(endpoints.APPLICATION_VERSION, application_key=app_key, version_key=key))
    module.exit_result(True, before, {}, version=label, version_key=key, **result)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            application=dict(type="str", required=True),
            environment=dict(type="str"),
            version=dict(type="str", default="auto"),
            version_key=dict(type="str", no_log=False),
            bump=dict(type="str", choices=["patch", "minor", "major"], default="patch"),
            change_log=dict(type="str"),
            mobile_versions=dict(type="list", elements="dict", options=dict(
                native_platform=dict(type="str", required=True, choices=["Android", "iOS"]),
                version_number=dict(type="str", required=True),
            )),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            wait_timeout=dict(type="int", default=60),
            based_on_version=dict(type="str"),
        ),
        supports_check_mode=True,
        required_if=[("state", "present", ["environment"])],
    )
    module.run(tag if module.params["state"] == "present" else delete)


if __name__ == "__main__":
    main()
