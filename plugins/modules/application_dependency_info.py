#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: application_dependency_info
short_description: Order OutSystems applications for deployment by their producer dependencies, from the CI/CD Probe
version_added: 0.1.0
description:
  - For each application, reads from LifeTime the version it runs in O(environment), then asks the CI/CD Probe of that
    environment (C(GetApplicationDependencies)) which applications produce for (are dependencies of) that version.
  - Returns the applications in deployment order - producers before their consumers - for deployments that LifeTime
    does not order, such as binary (air-gapped) deployments, one package at a time.
  - The order goes level by level; level 0 holds the applications none of whose producers is among O(applications). Within a
    level the order is by name (case-insensitive), then by key, so it is the same on every run. (OutSystems' pipeline
    orders a level by application key instead.) Producers that are not among O(applications) are returned but do not
    order anything.
  - When the dependencies form a cycle, the task fails naming the applications of the cycle in order (C(A -> B -> A));
    it never loops.
  - Only reads LifeTime and the probe.
options:
  applications:
    description: Names or keys of the applications to order. Each must run in O(environment).
    type: list
    elements: str
    required: true
    aliases: [application]
  environment:
    description:
      - Name or key of the environment whose running versions are asked about; the CI/CD Probe at O(probe_url) should be the
        one installed in it.
    type: str
    required: true
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.cicd_probe
  - outsystems.lifetime.attributes.INFO_MODULE
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: The order in which to deploy three applications (Shared Components produces for the other two)
  outsystems.lifetime.application_dependency_info:
    applications: [Orders, Customer Portal, Shared Components]
    environment: Development
    probe_url: http://127.0.0.1:8080
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
  register: dependencies

- name: Show the order
  ansible.builtin.debug:
    msg: "{{ dependencies.order }}"
"""

RETURN = r"""
order:
  description: The application names in deployment order (producers first).
  returned: always
  type: list
  elements: str
  sample: [Shared Components, Customer Portal, Orders]
levels:
  description: The same names, level by level (the applications of a level do not depend on each other).
  returned: always
  type: list
  elements: list
  sample: [[Shared Components], [Customer Portal, Orders]]
applications:
  description: The applications in deployment order.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The application's name.
      type: str
    key:
      description: The application's key.
      type: str
    version:
      description: The version it runs in O(environment), the one the probe was asked about.
      type: str
    version_key:
      description: That version's key.
      type: str
    level:
      description: Its level in the order, from 0.
      type: int
    producers:
      description: Every application the probe says produces for it (key, and name when LifeTime knows the key).
      type: list
      elements: dict
    ordered_after:
      description: The names of its producers among O(applications), which are deployed before it.
      type: list
      elements: str
cycle:
  description: The applications of a dependency cycle, the first repeated last.
  returned: failure, when the dependencies form a cycle
  type: list
  elements: str
  sample: [Orders, Shared Components, Orders]
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils import waiting
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import running_status, version_labels
from ansible_collections.outsystems.lifetime.plugins.module_utils.cicd_probe import probe_argument_spec, probe_client
from ansible_collections.outsystems.lifetime.plugins.module_utils.dependency_order import DependencyCycle, levels
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import record_key, record_name


def pause(seconds):
    waiting.pause(seconds)  # looked up at call time: the one time hook


def running_versions(module, environment):
    """[{name, key, version, version_key}] of the applications asked, in the order asked (each once)."""
    found, seen = [], set()
    for wanted in module.params["applications"]:
        app = module.lookups.application(wanted)
        if record_key(app) in seen:
            continue
        seen.add(record_key(app))
        label, version_key, _modified = running_status(module.lookups, app, environment)
        if label is None and version_key:
            label = version_labels(module.client, record_key(app)).get(version_key.lower())
        if not label:
            module.fail_json(msg="application '%s' runs no tagged version in environment '%s', so the CI/CD Probe cannot be asked about "
                             "its dependencies: tag it first." % (record_name(app), record_name(environment)))
        found.append({"name": record_name(app), "key": record_key(app), "version": label, "version_key": version_key})
    return found


def gather(module):
    environment = module.lookups.environment(module.params["environment"])
    applications = running_versions(module, environment)
    probe = probe_client(module.params, sleep=pause)
    known = dict((record_key(app), record_name(app)) for app in module.lookups.applications())
    names = dict((app["key"], app["name"]) for app in applications)
    producers = {}
    for app in applications:
        keys = probe.producers(app["name"], app["version"])
        app["producers"] = [{"key": key, "name": known.get(key)} for key in keys]
        producers[app["key"]] = keys
        app["ordered_after"] = sorted((names[key] for key in set(keys) if key in names and key != app["key"]), key=str.lower)
    try:
        ordered = levels(producers, names)
    except DependencyCycle as exc:
        module.fail_json(msg="%s. Deploy them in one plan (LifeTime orders a plan itself) or break the cycle." % exc, cycle=exc.cycle,
                         applications=applications)
    by_key = dict((app["key"], app) for app in applications)
    result = []
    for number, level in enumerate(ordered):
        for key in level:
            by_key[key]["level"] = number
            result.append(by_key[key])
    module.exit_json(changed=False, order=[app["name"] for app in result], levels=[[names[key] for key in level] for level in ordered],
                     applications=result)


def main():
    spec = dict(
        applications=dict(type="list", elements="str", required=True, aliases=["application"]),
        environment=dict(type="str", required=True),
    )
    spec.update(probe_argument_spec())
    module = LifetimeModule(argument_spec=spec, supports_check_mode=True)
    module.run(gather)


if __name__ == "__main__":
    main()
