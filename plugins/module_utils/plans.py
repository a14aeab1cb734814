# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A deployment task on a plan given by names or by key: make it (create, reuse a saved or running one with the same
operations, update a saved one), start it or go on with it, abort it, or delete it; the plan's life once it exists is
the engine's (deployments.PlanRunner). Nothing is created before every input is validated; a plan with the same
operations is reused, never duplicated."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils import deployments as engine
from ansible_collections.outsystems.lifetime.plugins.module_utils.client import extract_key
from ansible_collections.outsystems.lifetime.plugins.module_utils.deployment_task import DeploymentError, Outcome
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.plan_records import (
    ABORTED,
    ABORTING,
    HANDLED_INFO,
    INTERVENTION,
    RUNNING,
    SAVED,
    SUCCESSFUL,
    deployed_versions,
    diff_record,
    log_of,
    log_text,
    operations_body,
    operations_of,
    same_operations,
    status_of,
    wanted_operations,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, record_name
from ansible_collections.outsystems.lifetime.plugins.module_utils.selection import PlanBuilder, to_deploy_record
from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout

STATES = ("present", "started", "aborted", "absent")


class PlanTask:
    """One task of the ``deployment`` module: inputs are the client and lookups, engine Options and check mode."""

    def __init__(self, client, lookups, options, check_mode=False):
        self.client = client
        self.lookups = lookups
        self.options = options
        self.check = check_mode
        self.runner = engine.PlanRunner(client, options, check_mode)
        self.runner.fields = dict(skipped_applications=[], applications_to_deploy=[])
        self.builder = None
        self.to_deploy = []
        self.before = None
        self.after = None
        self.changed = False
        self.msg = None
        self.state = "started"
        self.asked = {}
        self.plan_given = None

    def given_plan(self, plan):
        """Take what to deploy from promotion_plan_info's decision (environments and entries by key): nothing is looked up."""
        try:
            source, target = [dict(Key=plan[name]["key"], Name=plan[name].get("name") or plan[name]["key"])
                              for name in ("source_environment", "target_environment")]
            self.to_deploy = [to_deploy_record(dict(entry, zone=entry.get("zone"), zone_key=entry.get("zone_key") or "",
                                                    from_version=entry.get("from_version"), version=entry.get("version")))
                              for entry in plan.get("applications") or []]
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError("plan: give source_environment and target_environment (each with key and name) and applications "
                             "(promotion_plan_info's selected entries, each with name, key and version_key); %s is missing or not "
                             "of that form" % exc)
        if not all(item["application_key"] and item["version_key"] for item in self.to_deploy):
            raise ValueError("plan: every application needs its key and version_key (as promotion_plan_info returns them)")
        self.plan_given = (source, target)

    def run(self, state="started", key=None, source_environment=None, target_environment=None, applications=None, notes=None):
        """Do ``state`` for the plan ``key``, or for the plan deploying ``applications`` (normalized, see selection) from
        ``source_environment`` to ``target_environment`` (names or keys). Returns an engine Outcome; raises DeploymentError."""
        given = self.plan_given is not None and state in ("present", "started")
        if not key and not given and (state in ("aborted", "absent") or not (source_environment and target_environment and applications)):
            raise ValueError("give source_environment, target_environment and applications, or key (an existing plan)")
        self.state = state
        self.asked = dict(source_environment=source_environment, target_environment=target_environment, applications=applications,
                          notes=notes)
        if state == "aborted":
            return self.runner.guard(lambda: self.abort(key))
        if state == "absent":
            return self.runner.guard(lambda: self.delete(key))
        if key:
            return self.runner.guard(lambda: self.existing_plan(key))
        return self.runner.guard(self.new_plan)

    # -- plans by key ---------------------------------------------------------------------

    def read_plan(self, key, missing_ok=False):
        self.runner.key = key
        try:
            self.runner.read_details()
        except LifetimeApiError as exc:
            if exc.status == 404:
                if missing_ok:
                    return False
                raise ValueError("deployment plan '%s' not found" % key)
            raise
        self.runner.read_status()
        return True

    def abort(self, key):
        if not self.read_plan(key):
            return self.outcome()
        runner = self.runner
        self.before = dict(status=runner.status)
        if runner.status in (RUNNING, INTERVENTION):
            seconds = min(self.options.wait_timeout, engine.ABORT_WAIT)
            self.changed = True
            self.after = dict(status=ABORTED)
            try:
                runner.abort(seconds)
            except WaitTimeout:
                self.after = dict(status=runner.status)
                runner.warnings.append("deployment plan %s was asked to abort but its status is still %s after %s seconds; LifeTime "
                                       "finishes the abort on its own (deployment_info shows when it is aborted)." % (
                                           runner.key, runner.status, seconds))
        elif runner.status in (ABORTED, ABORTING):
            self.msg = "deployment plan %s is already %s" % (runner.key, runner.status)
        else:
            raise DeploymentError("deployment plan %s cannot be aborted: its status is %s (only running plans or plans waiting "
                                  "for user intervention can be aborted)" % (runner.key, runner.status), runner.result())
        return self.outcome()

    def delete(self, key):
        if not self.read_plan(key, missing_ok=True):
            self.msg = "deployment plan %s does not exist" % key
            return self.outcome()
        runner = self.runner
        if runner.status != SAVED:
            raise DeploymentError("deployment plan %s cannot be deleted: its status is %s (only saved plans can be deleted)" % (
                runner.key, runner.status), runner.result())
        self.before = diff_record(runner.plan, status=runner.status, environments=self.lookups.environments())
        self.after = {}
        if not self.check:
            self.client.delete(endpoints.path(endpoints.DEPLOYMENT, deployment_key=runner.key))
        self.changed = True
        return self.outcome(deleted=True)

    def existing_plan(self, key):
        self.read_plan(key)
        runner = self.runner
        plan = runner.plan
        environments = self.lookups.environments()
        self.before = diff_record(plan, status=runner.status, environments=environments)
        if self.asked["applications"]:
            source = self.environment("source_environment", field(plan, "SourceEnvironmentKey"))
            target = self.environment("target_environment", field(plan, "TargetEnvironmentKey"))
            self.resolve(source, target)
            if not same_operations(operations_of(plan), wanted_operations(self.to_deploy)):
                if runner.status != SAVED:
                    raise DeploymentError("deployment plan %s has other operations than asked but cannot be updated: its status "
                                          "is %s (only saved plans can be changed)" % (runner.key, runner.status), runner.result())
                notes = self.asked["notes"]
                body = self.body(source, target, notes if notes is not None else field(plan, "Notes"))
                if not self.check:
                    self.client.put(endpoints.path(endpoints.DEPLOYMENT, deployment_key=runner.key), body=body)
                    runner.read_details()
                self.changed = True
                self.after = diff_record(plan, self.to_deploy, status=SAVED, notes=body["Notes"], environments=environments)
        runner.app_names = self.app_names()
        return self.go_on()

    def environment(self, option, plan_key):
        env = self.lookups.environment(plan_key)
        if self.asked[option]:
            asked = self.lookups.environment(self.asked[option])
            if record_key(asked) != record_key(env):
                raise ValueError("%s '%s' is not the plan's (%s)" % (option, self.asked[option], record_name(env)))
        return env

    # -- new plans ------------------------------------------------------------------------

    def resolve(self, source, target):
        if record_key(source) == record_key(target):
            raise ValueError("source_environment and target_environment are both '%s': deploy to another environment" % record_name(source))
        self.builder = PlanBuilder(self.lookups, source, target)
        self.to_deploy = self.builder.build(self.asked["applications"])
        self.runner.warnings.extend(self.builder.warnings)
        self.runner.fields = dict(skipped_applications=self.builder.skipped, applications_to_deploy=self.to_deploy)

    def body(self, source, target, notes):
        return {"Notes": notes if notes is not None else engine.DEFAULT_NOTES, "SourceEnvironmentKey": record_key(source),
                "TargetEnvironmentKey": record_key(target), "ApplicationOperations": operations_body(self.to_deploy)}

    def new_plan(self):
        if self.plan_given:
            source, target = self.plan_given
            environments = [source, target]
            self.runner.fields = dict(skipped_applications=[], applications_to_deploy=self.to_deploy)
        else:
            source = self.lookups.environment(self.asked["source_environment"])
            target = self.lookups.environment(self.asked["target_environment"])
            self.resolve(source, target)
            environments = self.lookups.environments()
        runner = self.runner
        if not self.to_deploy:
            skipped = self.builder.skipped if self.builder else []
            self.msg = "nothing to deploy: %s" % ("; ".join("%s: %s" % (item["application_name"], item["reason"]) for item in skipped)
                                                  or "the plan lists no application")
            return self.outcome()
        found = self.find_plan(source, target, wanted_operations(self.to_deploy))
        if found is not None:
            runner.key = record_key(found)
            runner.read_details()
            runner.status_record = found["_status"]
            self.before = diff_record(runner.plan, status=runner.status, environments=environments)
        else:
            body = self.body(source, target, self.asked["notes"])
            self.before = {}
            self.after = diff_record(body, self.to_deploy, status=SAVED, notes=body["Notes"], environments=environments)
            if self.check:
                runner.details = {"Deployment": dict(body, ApplicationOperations=[dict(op) for op in body["ApplicationOperations"]])}
                runner.assume(SAVED)
            else:
                answer = self.client.post(endpoints.DEPLOYMENTS, body=body)
                key = extract_key(answer)
                if not key:
                    raise LifetimeError("LifeTime created the deployment plan but its answer held no key: %r" % (answer,))
                runner.created_plan(key)
            runner.created = True
            self.changed = True
        runner.app_names = self.app_names()
        return self.go_on()

    def find_plan(self, source, target, wanted):
        """A plan from source to target with the wanted operations that is saved or under way."""
        plans = self.client.get_list(endpoints.DEPLOYMENTS, params={"TargetEnvironmentKey": record_key(target)})
        under_way, saved = None, None
        for plan in plans:
            if (field(plan, "SourceEnvironmentKey") or "").lower() != record_key(source).lower():
                continue
            if (field(plan, "TargetEnvironmentKey") or "").lower() != record_key(target).lower():
                continue
            if not same_operations(operations_of(plan), wanted):
                continue
            status = self.client.get(endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=record_key(plan))) or {}
            plan = dict(plan, _status=status)
            if status_of(status) in (RUNNING, INTERVENTION) and under_way is None:
                under_way = plan
            elif status_of(status) == SAVED and saved is None:
                saved = plan
        return under_way or saved

    def app_names(self):
        if self.plan_given:
            return dict((item["application_key"].lower(), item["application_name"]) for item in self.to_deploy)
        names = {}
        try:
            for app in self.lookups.applications(env_status=True) if self.builder else self.lookups.applications():
                names[record_key(app).lower()] = record_name(app)
        except LifetimeError:
            pass
        return names

    # -- start and wait -------------------------------------------------------------------

    def go_on(self):
        runner = self.runner
        # A version LifeTime named by key only gets its label from the plan's operations ("Deploy 1.2.0"), read anyway.
        labels = deployed_versions(runner.plan)
        for item in self.to_deploy:
            item["to_version"] = item["to_version"] or labels.get((item["version_key"] or "").lower())
        if not self.check or runner.key:
            runner.check_conflicts()
        if self.state == "present":
            return self.outcome()
        status = runner.status
        if status == SAVED:
            runner.start()
            self.changed = True
            self.after = dict(self.after if self.after is not None else (self.before or {}), status=RUNNING)
            runner.run()
        elif status in (RUNNING, INTERVENTION, ABORTING):
            if status == ABORTING:
                raise DeploymentError("deployment plan %s is being aborted" % runner.key, runner.result())
            if status == INTERVENTION and runner.info not in HANDLED_INFO and self.options.continue_intervention:
                runner.resume()
            runner.run()
            if runner.commands:
                self.changed = True
        elif status in SUCCESSFUL:
            self.msg = "deployment plan %s already finished (%s); it is not started again" % (runner.key, status)
        else:
            raise DeploymentError("deployment plan %s ended with status %s and cannot be started again: create a new plan. "
                                  "Deployment log: %s" % (runner.key, status, log_text(log_of(runner.status_record))), runner.result())
        if runner.commands and self.after is None:
            self.after = dict(self.before or {}, status=RUNNING)
        return self.outcome()

    def outcome(self, **extra):
        result = self.runner.result()
        result.update(extra)
        if self.msg:
            result["msg"] = self.msg
        if not self.changed:
            return Outcome(False, result)
        return Outcome(True, result, self.before, self.after)
