#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: rollback_plan_info
short_description: Plan how a LifeTime environment goes back to earlier application versions
version_added: 0.1.0
description:
  - Reads, changes nothing, and says per application what would be tagged and deployed so that O(target_environment)
    runs the earlier versions again. The role C(outsystems.lifetime.rollback) runs the plan.
  - A web (reactive) application cannot be deployed at a version lower than the one running, so the plan tags a new
    version based on the earlier version's module versions, with the next version number and a change log naming the
    rollback, in O(source_environment), and deploys it. A version tagged like that by an earlier run is deployed
    instead of tagging another.
  - A mobile application is deployed at the earlier version itself, as OutSystems documents.
  - An application the target already runs at that content (the earlier version, or a version made of its module
    versions, unmodified) needs nothing.
  - Fails before anything changes, naming the application, when the earlier version was deleted, when no environment
    has its module versions, or when a deployment plan to the target is under way.
  - LifeTime's API does not list the module versions an environment holds. An environment that runs the earlier version
    or a later one is taken to hold it (versions are promoted in order); LifeTime itself refuses a tag otherwise.
options:
  target_environment:
    description:
      - The name or key of the environment to roll back.
    type: str
    required: true
  source_environment:
    description:
      - The name or key of the environment to tag in and deploy from. It must hold the earlier versions.
      - Default is the environment just before O(target_environment) in LifeTime's order.
    type: str
  applications:
    description:
      - The applications and the versions to go back to. Give this or O(manifest).
    type: list
    elements: dict
    suboptions:
      name:
        description: The application name or key.
        type: str
        required: true
      version:
        description: The version string (for example V(1.2.0)) or key to go back to.
        type: str
        required: true
  manifest:
    description:
      - Path of the manifest a promotion wrote (the collection's or the Trigger Pipeline format). Each application goes
        back to the version the target ran before the promotion (C(from_version), C(from_version_key)).
    type: path
  change_log:
    description:
      - Change log of the new versions. Default names the rollback, for example
        C(Rollback of Orders in Production to version 2.0.0 (from 2.1.0)).
    type: str
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Plan rolling Production back to Orders 2.0.0 and Mobile Banking 3.0.0
  outsystems.lifetime.rollback_plan_info:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    target_environment: Production
    applications:
      - name: Orders
        version: "2.0.0"
      - name: Mobile Banking
        version: "3.0.0"
  register: rollback_plan

- name: Show what would be tagged and deployed
  ansible.builtin.debug:
    msg: "{{ item.application_name }}: {{ item.from_version }} -> {{ item.to_version }} ({{ item.action }})"
  loop: "{{ rollback_plan.rollbacks }}"
"""

RETURN = r"""
source_environment:
  description: The environment tagged in and deployed from.
  returned: always
  type: str
  sample: Test
source_environment_key:
  description: Its key.
  returned: always
  type: str
target_environment:
  description: The environment rolled back.
  returned: always
  type: str
  sample: Production
target_environment_key:
  description: Its key.
  returned: always
  type: str
changes:
  description: Whether anything would be tagged or deployed.
  returned: always
  type: bool
rollbacks:
  description: One entry per application.
  returned: always
  type: list
  elements: dict
  contains:
    application_name:
      description: The application.
      type: str
    application_key:
      description: Its key.
      type: str
    kind:
      description: V(web) or V(mobile).
      type: str
    from_version:
      description: The version the target runs now.
      type: str
    to_version:
      description: The earlier version it goes back to.
      type: str
    to_version_key:
      description: Its key.
      type: str
    action:
      description: V(tag_and_deploy), V(deploy) or V(none) (the target already runs that content).
      type: str
    tag:
      description: What would be tagged (C(environment), C(version), C(based_on_version), C(based_on_version_key),
        C(change_log)), or null.
      type: dict
    deploy_version:
      description: The version deployed to the target (the new tag for a web application), or null.
      type: str
deploy:
  description: The C(applications) of the deployment plan (application key and version), for module C(deployment).
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.manifests import load_manifest
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.rollback import RollbackPlanner, wanted_from_manifest


def plan(module):
    params = module.params
    if params["manifest"]:
        try:
            with open(params["manifest"]) as handle:
                text = handle.read()
        except (IOError, OSError) as exc:
            raise ValueError("manifest '%s' cannot be read: %s" % (params["manifest"], exc))
        wanted = wanted_from_manifest(load_manifest(text, params["manifest"]), params["manifest"])
    else:
        wanted = [dict(name=item["name"], version=item["version"]) for item in params["applications"]]
    planner = RollbackPlanner(module.lookups, params["target_environment"], params["source_environment"], params["change_log"])
    module.exit_json(changed=False, **planner.plan(wanted))


def main():
    module = LifetimeModule(
        argument_spec=dict(
            target_environment=dict(type="str", required=True),
            source_environment=dict(type="str"),
            applications=dict(type="list", elements="dict", options=dict(
                name=dict(type="str", required=True),
                version=dict(type="str", required=True),
            )),
            manifest=dict(type="path"),
            change_log=dict(type="str"),
        ),
        supports_check_mode=True,
        required_one_of=[("applications", "manifest")],
        mutually_exclusive=[("applications", "manifest")],
    )
    module.run(plan)


if __name__ == "__main__":
    main()
