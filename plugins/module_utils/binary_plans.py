# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A binary deployment: upload an application or solution package (.oap/.osp), which makes a deployment plan; drop
that plan when the environment already runs what the package holds; else start it and wait with the engine
(deployments.PlanRunner), which also builds the result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils.applications import status_in
from ansible_collections.outsystems.lifetime.plugins.module_utils.artifacts import remote_sha256
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import extract_key, file_sha256
from ansible_collections.outsystems.lifetime.plugins.module_utils.deployment_task import Outcome
from ansible_collections.outsystems.lifetime.plugins.module_utils.deployments import PlanRunner
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.plan_records import RUNNING, SAVED, operations_of
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name, to_snake


def package_facts(src):
    """(sha256, size) of the package file; a clear ValueError when it is missing or cannot be read."""
    if not os.path.isfile(src):
        raise ValueError("src '%s' does not exist or is not a file" % src)
    if not os.access(src, os.R_OK):
        raise ValueError("src '%s' cannot be read (permission denied)" % src)
    try:
        return file_sha256(src), os.path.getsize(src)
    except (IOError, OSError) as exc:
        raise ValueError("src '%s' cannot be read: %s" % (src, exc))


def deploy_package(client, lookups, environment, src, start=True, options=None, check_mode=False):
    """Upload ``src`` to ``environment`` (name or key), then start the plan (when ``start``) and wait as ``options`` say.

    Returns an engine Outcome; raises DeploymentError (with the result) once the plan exists.
    """
    sha256, size = package_facts(src)
    environment = lookups.environment(environment)
    runner = PlanRunner(client, options, check_mode)
    runner.fields = dict(sha256=sha256, size=size, applications_to_deploy=[])

    def outcome(changed, msg=None):
        result = runner.result()
        result["key"] = result["key"] or ""
        if msg:
            result["msg"] = msg
        upload = dict(environment=record_name(environment), package=os.path.basename(src), sha256=sha256, size=size,
                      started=bool(start)) if changed else {}
        return Outcome(changed, result, before={}, after=upload)

    def deploy():
        if check_mode:
            runner.created = True
            runner.started = bool(start)
            runner.assume(RUNNING if start else SAVED)
            return outcome(True, msg="check mode: %s would be uploaded to '%s'" % (src, record_name(environment)))
        key = upload(client, environment, src)
        runner.created_plan(key)
        runner.fields["applications_to_deploy"] = to_snake(field(runner.details, "ApplicationsToDeploy") or [])
        if runner.status == SAVED and already_running(client, lookups, environment, runner.details, sha256):
            client.delete(endpoints.path(endpoints.DEPLOYMENT, deployment_key=key))
            runner.created = False
            return outcome(False, msg="'%s' already runs every application version in %s; the plan %s made by the upload was "
                           "deleted" % (record_name(environment), src, key))
        if start:
            runner.start()
            runner.run()
        return outcome(True)

    return runner.guard(deploy)


def already_running(client, lookups, environment, details, sha256):
    """True when the environment already runs what the uploaded package holds.

    A binary plan, as LifeTime documents it, has no ApplicationOperations: its applications are in
    ApplicationsToDeploy with IsNew. One application that is not new: compare the package the environment runs
    for it with the uploaded one. Where the plan lists versions, compare them with what the environment runs.
    """
    plan = field(details, "Deployment", "deployment") or {}
    operations = operations_of(plan)
    if not operations:
        apps = field(details, "ApplicationsToDeploy", "applicationsToDeploy") or []
        if len(apps) != 1 or field(apps[0], "IsNew", "isNew") is not False:
            return False
        return running_package_sha256(client, environment, field(apps[0], "ApplicationKey", "applicationKey")) == sha256
    if any(not version_key for version_key, _zone in operations):
        return False
    running = set()
    for app in lookups.applications(env_status=True):
        status = status_in(app, record_key(environment))
        if status and not field(status, "IsModified"):
            running.add((field(status, "BaseApplicationVersionKey") or "").lower())
    return all(version_key in running for version_key, _zone in operations)


def running_package_sha256(client, environment, app_key):
    """sha256 of the package (.oap) the environment runs for an application; None when it cannot be had."""
    path = endpoints.path(endpoints.ENVIRONMENT_APPLICATION_CONTENT, environment_key=record_key(environment), application_key=app_key)
    try:
        return remote_sha256(client, lambda: client.get(path), "the application %s running in '%s'" % (app_key, record_name(environment)))
    except LifetimeError:
        return None


def upload(client, environment, src):
    """POST the package; the new plan's key. LifeTime's default refusal of binaries to Production is said plainly."""
    try:
        with open(src, "rb") as handle:
            answer = client.post(endpoints.path(endpoints.BINARY_DEPLOYMENT, environment_key=record_key(environment)), data=handle,
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
