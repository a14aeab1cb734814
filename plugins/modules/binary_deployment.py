#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: binary_deployment
short_description: Deploy an application package (.oap or .osp) to a LifeTime environment
version_added: 0.1.0
description:
  - Uploads an application or solution package to an environment, which makes a deployment plan, then starts the plan
    and waits for it like M(outsystems.lifetime.deployment) (two-step stop, timeout, the outcome and its log).
  - LifeTime performs no impact analysis for binary deployments.
  - "Idempotency: LifeTime cannot say what a package holds before it is uploaded, nor from which file a plan was made.
    So a real run always uploads the file. Right after the upload the plan is read. A binary plan lists no versions: its
    applications are in C(ApplicationsToDeploy), each with C(IsNew). When the package holds one application that is not
    new to the environment, the package the environment runs for it is downloaded and compared with O(src) (sha256);
    when they are the same (or, where LifeTime lists the plan's versions, when the environment already runs every one of
    them, unmodified), the plan is deleted at once and the task reports C(changed=false) with RV(msg) - a second run
    with the same file sends one upload and one delete and leaves no plan behind. Otherwise (a new application, several
    applications, a different package) the plan is started."
  - Deploying binaries to a Production environment is disabled by default in LifeTime; when LifeTime refuses, the task
    fails saying so. An administrator can allow it with a LifeTime setting.
  - "LifeTime before 11.24 refuses to start a plan while another plan to the same environment runs: the task then waits
    for those plans within O(wait_timeout), as M(outsystems.lifetime.deployment) does."
  - In check mode nothing is uploaded and the task predicts C(changed=true).
  - Needs LifeTime 11.22 or later.
options:
  environment:
    description:
      - The name or key of the target environment.
    type: str
    required: true
  src:
    description:
      - The path of the package (.oap or .osp) on the managed host. It is streamed, never read whole into memory.
    type: path
    required: true
  start:
    description:
      - Start the plan after the upload. With V(false) the plan is left saved.
    type: bool
    default: true
  wait:
    description:
      - Wait until the started plan finishes.
    type: bool
    default: true
  wait_timeout:
    description:
      - How many seconds to wait (more than 0).
    type: int
    default: 3600
  two_step:
    description:
      - What to do when a two-step deployment stops after its first step.
    type: str
    choices: [continue, stop]
    default: continue
  on_timeout:
    description:
      - What to do when O(wait_timeout) is reached; V(abort) aborts the plan, V(fail) leaves it as it is.
    type: str
    choices: [fail, abort]
    default: fail
seealso:
  - module: outsystems.lifetime.deployment
extends_documentation_fragment:
  - outsystems.lifetime.connection
  - outsystems.lifetime.attributes
author:
  - OutSystems LifeTime collection contributors (@outsystems-lifetime)
"""

EXAMPLES = r"""
- name: Deploy a package to Test and wait
  outsystems.lifetime.binary_deployment:
    lifetime_url: http://127.0.0.1:8080
    lifetime_token: demo-token
    environment: Test
    src: /tmp/CustomerPortal.oap
  register: binary

- name: Upload only, start later with outsystems.lifetime.deployment and key
  outsystems.lifetime.binary_deployment:
    environment: Test
    src: /tmp/CustomerPortal.oap
    start: false
"""

RETURN = r"""
key:
  description: The key of the plan the upload made (empty in check mode).
  returned: always
  type: str
status:
  description: The plan's status.
  returned: always
  type: str
info:
  description: Why the plan needs user intervention, when it does.
  returned: always
  type: str
deployment_log:
  description: The plan's log, each entry with C(instant) and C(message) (and C(type) where LifeTime sends one).
  returned: always
  type: list
  elements: dict
applications_to_deploy:
  description:
    - The applications in the package as LifeTime reports them in the plan's C(ApplicationsToDeploy), snake_case
      (C(application_key), C(application_name), C(is_new) - whether the environment did not have the application yet).
  returned: always
  type: list
  elements: dict
applications_to_redeploy:
  description: Consumer applications LifeTime redeploys.
  returned: always
  type: list
  elements: dict
conflicts:
  description: Conflicts LifeTime reports for the plan.
  returned: always
  type: list
  elements: dict
created:
  description: Whether a plan was created (and kept).
  returned: always
  type: bool
started:
  description: Whether this task started the plan.
  returned: always
  type: bool
durations:
  description: C(created_on), C(started_on), C(finished_on) and C(seconds).
  returned: always
  type: dict
plan:
  description:
    - The plan record (snake_case C(Deployment_v2)) as read after the upload, before the start; its status and times
      after that are in RV(status), RV(deployment_log) and RV(durations).
  returned: always
  type: dict
sha256:
  description: The sha256 of O(src).
  returned: always
  type: str
size:
  description: The size of O(src) in bytes.
  returned: always
  type: int
msg:
  description: What happened, when nothing was deployed.
  returned: sometimes
  type: str
"""

from ansible_collections.outsystems.lifetime.plugins.module_utils.binary_plans import deploy_package
from ansible_collections.outsystems.lifetime.plugins.module_utils.deployment_task import Options, deployment_argument_spec, report
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule


def run(module):
    params = module.params
    report(module, lambda: deploy_package(module.client, module.lookups, params["environment"], params["src"], start=params["start"],
                                          options=Options.from_params(params), check_mode=module.check_mode))


def main():
    spec = dict(
        environment=dict(type="str", required=True),
        src=dict(type="path", required=True),
        start=dict(type="bool", default=True),
    )
    spec.update(deployment_argument_spec())
    module = LifetimeModule(argument_spec=spec, supports_check_mode=True)
    module.run(run)


if __name__ == "__main__":
    main()
