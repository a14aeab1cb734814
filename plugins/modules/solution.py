#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: solution
short_description: Build and download a LifeTime solution package (.osp) of applications running in an environment
version_added: 0.1.0
description:
  - Asks LifeTime to build a solution from applications as they run in an environment (C(POST /environments/{e}/solution)),
    waits until it is C(Completed), and downloads the solution package.
  - When O(dest) exists and O(force=false), nothing is requested and nothing changes. With O(force=true),
    a new solution is built and downloaded, and O(dest) is replaced only when its content differs.
  - Needs LifeTime 11.22 or later.
options:
  environment:
    description:
      - The name or key of the environment the applications are taken from.
    type: str
    required: true
  applications:
    description:
      - The names or keys of the applications in the solution. Each must run in O(environment).
    type: list
    elements: str
    required: true
  include_references:
    description:
      - Also include the producer modules the applications reference.
    type: bool
    default: true
  name:
    description:
      - The solution's name (C(SolutionName)). When omitted, the application names joined with C(_).
    type: str
    aliases: [solution_name]
  dest:
    description:
      - The file to write, or an existing directory to write C(<name>.osp) in. The directory must exist.
    type: path
    required: true
  wait_timeout:
    description:
      - Seconds LifeTime may take to build the solution.
    type: int
    default: 600
  force:
    description:
      - Build and download the solution even when O(dest) exists.
    type: bool
    default: false
notes:
  - Building a solution is a request that changes LifeTime, so check mode sends none; it predicts a change when
    O(dest) is missing or O(force=true).
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: A solution of two applications as they run in Test
  outsystems.lifetime.solution:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    environment: Test
    applications:
      - Customer Portal
      - Orders
    name: Release 42
    dest: /tmp
  register: release_solution
"""

RETURN = r"""
solution_key:
  description: The key of the solution LifeTime built. Null when nothing was requested.
  returned: success
  type: str
status:
  description: The solution's last status (C(Completed) when it was downloaded). Null when nothing was requested.
  returned: success
  type: str
  sample: Completed
path:
  description: The solution package file.
  returned: success
  type: str
size:
  description: Its size in bytes. Null in check mode when it does not exist yet.
  returned: success
  type: int
sha256:
  description: The sha256 of its content. Null in check mode when it does not exist yet.
  returned: success
  type: str
"""

import os

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import running_status
from ansible_collections.outsystems.lifetime.plugins.module_utils.artifacts import existing_file, fetch, resolve_dest
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import extract_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name
from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout, wait_for

DONE = ("completed",)
FAILED = ("aborted", "failed", "error")


def one_object(body):
    """The solution status: one object on the real server, an array of one in the swagger."""
    if isinstance(body, list):
        body = body[0] if body else {}
    return body if isinstance(body, dict) else {}


def build(module):
    params = module.params
    if not params["applications"]:
        raise ValueError("applications must list at least one application")
    environment = module.lookups.environment(params["environment"])
    env_key = record_key(environment)
    applications = []
    for wanted in params["applications"]:
        application = module.lookups.application(wanted)
        running_status(module.lookups, application, environment)
        if record_key(application) not in [record_key(app) for app in applications]:
            applications.append(application)
    name = params["name"] or "_".join(record_name(app) for app in applications)
    dest = resolve_dest(params["dest"], "%s.osp" % name)
    exists = os.path.isfile(dest)
    nothing = dict(solution_key=None, status=None)
    if exists and not params["force"]:
        found = existing_file(dest)
        module.exit_result(False, found, found, msg="%s exists; set force=true to build the solution again." % dest, **dict(nothing, **found))
    if module.check_mode:
        before = existing_file(dest) if exists else {}
        module.exit_result(True, before, {"path": dest}, path=dest, size=None, sha256=None, **nothing)

    body = {"SolutionName": name, "ApplicationKeys": [record_key(app) for app in applications],
            "IncludeReferences": params["include_references"]}
    answer = module.client.post(endpoints.path(endpoints.SOLUTION, environment_key=env_key), body=body)
    solution_key = extract_key(answer, "SolutionKey")
    if not solution_key:
        raise LifetimeError("LifeTime started no solution '%s' (it answered %r)." % (name, answer))
    state = {"last": {}}

    def ready():
        current = one_object(module.client.get(endpoints.path(endpoints.SOLUTION_STATUS, environment_key=env_key, solution_key=solution_key)))
        state["last"] = current
        status = (field(current, "Status", "status") or "").strip().lower()
        if status in FAILED:
            raise LifetimeError("LifeTime could not build solution '%s' (%s): status %s. %s" % (
                name, solution_key, field(current, "Status", "status"), field(current, "StatusReason", "statusReason") or ""),
                solution_key=solution_key)
        return current if status in DONE else None

    try:
        final = wait_for(ready, params["wait_timeout"], what="solution '%s'" % name)
    except WaitTimeout:
        raise LifetimeError("solution '%s' (%s) was not completed within wait_timeout (%s seconds); its last status was %s. "
                            "Raise wait_timeout." % (name, solution_key, params["wait_timeout"], field(state["last"], "Status", "status")))

    def get_link():
        return module.client.get(endpoints.path(endpoints.SOLUTION_LINK, environment_key=env_key, solution_key=solution_key))

    before = existing_file(dest) if exists else {}
    outcome = fetch(module.client, get_link, dest, "solution '%s'" % name)
    after = {"path": dest, "size": outcome["size"], "sha256": outcome["sha256"]}
    module.exit_result(outcome["changed"], before, after, solution_key=solution_key, status=field(final, "Status", "status"), **after)


def main():
    module = LifetimeModule(
        argument_spec=dict(
            environment=dict(type="str", required=True),
            applications=dict(type="list", elements="str", required=True),
            include_references=dict(type="bool", default=True),
            name=dict(type="str", aliases=["solution_name"]),
            dest=dict(type="path", required=True),
            wait_timeout=dict(type="int", default=600),
            force=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    module.run(build)


if __name__ == "__main__":
    main()
