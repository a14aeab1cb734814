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

import hashlib
import os

from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments as dep
from ansible_collections.outsystems.lifetime.plugins.module_utils.artifacts import remote_sha256
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import extract_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.module_base import LifetimeModule
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def already_running(module, environment, details, sha256):
    """True when the environment already runs what the uploaded package holds.

    A binary plan, as LifeTime documents it, has no ApplicationOperations: its applications are in
    ApplicationsToDeploy with IsNew. One application that is not new: compare the package the environment runs
    for it with the uploaded one. Where the plan lists versions, compare them with what the environment runs.
    """
    plan = field(details, "Deployment", "deployment") or {}
    operations = dep.operations_of(plan)
    if not operations:
        apps = field(details, "ApplicationsToDeploy", "applicationsToDeploy") or []
        if len(apps) != 1 or field(apps[0], "IsNew", "isNew") is not False:
            return False
        return running_package_sha256(module, environment, field(apps[0], "ApplicationKey", "applicationKey")) == sha256
    if any(not version_key for version_key, _zone in operations):
        return False
    running = set()
    for app in module.lookups.applications(env_status=True):
        status = dep.status_in(app, record_key(environment))
        if status is not None and not field(status, "IsModified"):
            running.add((field(status, "BaseApplicationVersionKey") or "").lower())
    return all(version_key in running for version_key, _zone in operations)


def running_package_sha256(module, environment, app_key):
    """sha256 of the package (.oap) the environment runs for an application; None when it cannot be had."""
    path = "environments/%s/applications/%s/content/" % (record_key(environment), app_key)
    try:
        return remote_sha256(module.client, lambda: module.client.get(path), "the application %s running in '%s'" % (
            app_key, record_name(environment)))
    except LifetimeError:
        return None


def upload(module, environment, src):
    """POST the package; the new plan's key. LifeTime's default refusal of binaries to Production is said plainly."""
    try:
        with open(src, "rb") as handle:
            answer = module.client.post("environments/%s/deployment/" % record_key(environment), data=handle,
                                        content_type="application/octet-stream")
    except LifetimeApiError as exc:
        said = " ".join(exc.messages).lower()
        production = (field(environment, "EnvironmentType") or "").lower() == "production"
        refusal = any(word in said for word in ("binar", "disabled", "not allowed", "not enabled"))
        if exc.status in (400, 403) and (refusal or (production and not said)):
            raise LifetimeError(
                "LifeTime refused the binary deployment of %s to '%s' (HTTP %s: %s). Deploying binaries (.oap/.osp) to a "
                "Production environment is disabled in LifeTime by default: a LifeTime administrator must enable binary "
                "deployments to that environment in LifeTime's settings, or deploy the application from another environment "
                "with outsystems.lifetime.deployment." % (src, record_name(environment), exc.status, "; ".join(exc.messages) or "no details given"),
                status=exc.status, method=exc.method, path=exc.path, messages=exc.messages)
        raise
    key = extract_key(answer, "DeploymentKey")
    if not key:
        raise LifetimeError("LifeTime accepted %s but its answer held no deployment key: %r" % (src, answer))
    return key


def run(module):
    params = module.params
    src = params["src"]
    if not os.path.isfile(src):
        raise ValueError("src '%s' does not exist or is not a file" % src)
    if not os.access(src, os.R_OK):
        raise ValueError("src '%s' cannot be read (permission denied)" % src)
    try:
        sha256 = file_digest(src)
    except (IOError, OSError) as exc:
        raise ValueError("src '%s' cannot be read: %s" % (src, exc))
    size = os.path.getsize(src)
    environment = module.lookups.environment(params["environment"])
    runner = dep.PlanRunner(module)
    extra = dict(sha256=sha256, size=size, applications_to_deploy=[])
    if module.check_mode:
        runner.created = True
        runner.started = bool(params["start"])
        runner.assume(dep.RUNNING if params["start"] else dep.SAVED)
        return finish(module, runner, True, extra, msg="check mode: %s would be uploaded to '%s'" % (src, record_name(environment)))
    key = upload(module, environment, src)
    try:
        runner.created_plan(key)
        extra["applications_to_deploy"] = to_snake(field(runner.details, "ApplicationsToDeploy") or [])
        if runner.status == dep.SAVED and already_running(module, environment, runner.details, sha256):
            module.client.delete("deployments/%s/" % key)
            runner.created = False
            return finish(module, runner, False, extra, msg="'%s' already runs every application version in %s; the plan %s "
                          "made by the upload was deleted" % (record_name(environment), src, key))
        if params["start"]:
            runner.start()
            runner.run(params["wait"])
    except dep.DeploymentError as exc:
        fail(module, exc, extra)
    except LifetimeError as exc:
        fail(module, dep.DeploymentError("%s (deployment plan %s)" % (exc, key), runner.result()), extra)
    return finish(module, runner, True, extra)


def fail(module, exc, extra):
    result = dict(exc.result)
    for warning in result.pop("warnings", None) or []:
        module.warn(warning)
    result.update(extra)
    module.fail_json(msg=str(exc), **result)


def finish(module, runner, changed, extra, msg=None):
    result = runner.result()
    for warning in result.pop("warnings"):
        module.warn(warning)
    result["applications_to_redeploy"] = result.get("applications_to_redeploy") or []
    result.update(extra)
    result["key"] = result["key"] or ""
    if msg:
        result["msg"] = msg
    upload = {}
    if changed:
        upload = dict(environment=record_name(module.lookups.environment(module.params["environment"])),
                      package=os.path.basename(module.params["src"]), sha256=extra["sha256"], size=extra["size"],
                      started=bool(module.params["start"]))
    module.exit_result(changed, before={}, after=upload, **result)


def main():
    spec = dict(
        environment=dict(type="str", required=True),
        src=dict(type="path", required=True),
        start=dict(type="bool", default=True),
    )
    spec.update(dep.deployment_argument_spec())
    module = LifetimeModule(argument_spec=spec, supports_check_mode=True)
    module.run(run)


if __name__ == "__main__":
    main()
