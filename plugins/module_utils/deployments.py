# -*- coding: utf-8 -*-
# Copyright: (c) 2026, outsystems.lifetime contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The deployment engine: one deployment plan's life once it exists - start (waiting first, on LifeTime before 11.24,
for other plans to the same target), wait with backoff, the two-step stop, database mappings, user intervention,
abort - and the one result (and DeploymentError) a task reports, success or failure.

Its inputs are explicit: a client, an Options (how to run and wait), check mode as a flag, and the plan's key.
Used by the ``deployment`` module (through plans.py, which builds or reuses the plan) and ``binary_deployment``
(through binary_plans.py, which uploads a package). Time: every pause and clock reading goes through
waiting.pause() and waiting.now(). The rules it keeps: a plan that already finished is never started again; a plan
this task created and could not start is deleted; a plan is never continued blindly.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.outsystems.lifetime.plugins.module_utils import endpoints
from ansible_collections.outsystems.lifetime.plugins.module_utils import waiting
from ansible_collections.outsystems.lifetime.plugins.module_utils.dates import is_not_set, without_unset_dates
from ansible_collections.outsystems.lifetime.plugins.module_utils.deployment_task import DeploymentError, Options
from ansible_collections.outsystems.lifetime.plugins.module_utils.errors import LifetimeApiError, LifetimeError
from ansible_collections.outsystems.lifetime.plugins.module_utils.plan_records import (
    ABORTING,
    DB_MAPPING_INFO,
    IN_PROGRESS,
    INTERVENTION,
    RUNNING,
    SAVED,
    SUCCESSFUL,
    TWO_STEP_INFO,
    UNSUCCESSFUL,
    database_mapping_body,
    durations,
    info_of,
    log_of,
    log_text,
    log_warnings,
    status_of,
)
from ansible_collections.outsystems.lifetime.plugins.module_utils.records import field, record_key, to_snake
from ansible_collections.outsystems.lifetime.plugins.module_utils.waiting import WaitTimeout, wait_for

# Polling a running plan: the first check FIRST_POLL seconds after it started (or after the status
# was last read), then each pause a tenth of the time waited so far (POLL_SHARE), between
# FIRST_POLL and LONGEST_POLL seconds. A plan is thus seen finished within about 10% of its
# duration, at most 2 s late for the first 20 s and at most 15 s late ever, and a short deployment
# costs one status read per 2 s. POLL_FACTOR is the plain backoff used while an abort settles.
FIRST_POLL = 2.0
POLL_FACTOR = 1.5
LONGEST_POLL = 15.0
POLL_SHARE = 0.1
ABORT_WAIT = 120
DEFAULT_NOTES = "Created by Ansible (outsystems.lifetime)"


class PlanRunner:
    """Start, continue, abort and wait for one deployment plan, and build the task's result.

    ``fields`` are what the task reports besides the plan (skipped applications, a package's sha256...): they are in
    every result, success or failure.
    """

    def __init__(self, client, options=None, check_mode=False, key=None, created=False):
        self.client = client
        self.options = options or Options()
        self.check_mode = check_mode
        self.key = key
        self.created = created
        self.started = False
        self.commands = []
        self.warnings = []
        self.status_record = {}
        self.details = {}
        self.app_names = {}
        self.fields = {}

    # -- reading ------------------------------------------------------------------------

    def read_status(self):
        self.status_record = self.client.get(endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=self.key)) or {}
        return self.status_record

    def read_details(self):
        self.details = self.client.get(endpoints.path(endpoints.DEPLOYMENT, deployment_key=self.key)) or {}
        return self.details

    def assume(self, status):
        """Take ``status`` as the plan's, as LifeTime's last answer implies, until the next status read."""
        self.status_record = {"DeploymentStatus": status, "Info": "", "DeploymentLog": []}

    def created_plan(self, key):
        """Track the plan this task has just created: it is saved; its details (operations, conflicts) are read."""
        self.key = key
        self.created = True
        self.assume(SAVED)
        self.read_details()

    @property
    def plan(self):
        return field(self.details, "Deployment", "deployment") or {}

    @property
    def status(self):
        return status_of(self.status_record)

    @property
    def info(self):
        return info_of(self.status_record)

    def conflicts(self):
        return field(self.details, "ApplicationConflicts", "applicationConflicts") or []

    def guard(self, work):
        """``work()``; a LifeTime error once the plan exists fails as this plan's (naming it, with the result)."""
        try:
            return work()
        except DeploymentError:
            raise
        except LifetimeError as exc:
            if not self.key:
                raise
            raise DeploymentError("%s (deployment plan %s)" % (exc, self.key), self.result())

    # -- commands -----------------------------------------------------------------------

    def command(self, name, **query):
        """POST a command (start, continue, abort); a refusal fails with LifeTime's reasons."""
        params = {"IncludeErrorDetails": True}
        params.update(query)
        if self.check_mode:
            self.commands.append(name)
            return
        try:
            self.client.post(endpoints.path(endpoints.DEPLOYMENT_COMMAND, deployment_key=self.key, command=name), params=params)
        except LifetimeApiError as exc:
            if exc.status in (400, 409):
                reasons = "; ".join(exc.messages) or "no reason given"
                raise DeploymentError("LifeTime refused to %s deployment plan %s: %s" % (name, self.key, reasons), self.result())
            raise
        self.commands.append(name)

    def delete_if_created(self):
        """Delete the plan this task created (it is still saved); say so in a warning."""
        if not self.created or self.check_mode:
            return False
        try:
            self.client.delete(endpoints.path(endpoints.DEPLOYMENT, deployment_key=self.key))
        except LifetimeError as exc:
            self.warnings.append("could not delete deployment plan %s that this task created: %s" % (self.key, exc))
            return False
        self.warnings.append("deleted deployment plan %s that this task created, so no plan is left behind" % self.key)
        return True

    def abort(self, timeout):
        """Abort the plan and wait up to ``timeout`` seconds until LifeTime no longer says it runs (else WaitTimeout)."""
        self.command("abort")
        if not self.check_mode:
            wait_for(lambda: self.read_status() and self.status not in (RUNNING, ABORTING, INTERVENTION), timeout,
                     first=0.5, longest=5, factor=POLL_FACTOR, what="the abort of deployment plan %s" % self.key)

    # -- the flow -----------------------------------------------------------------------

    def check_conflicts(self):
        conflicts = self.conflicts()
        if conflicts and not self.options.allow_conflicts:
            messages = [field(conflict, "Message", "message") or "conflict" for conflict in conflicts]
            deleted = self.delete_if_created()
            result = self.result()
            result["plan_deleted"] = deleted
            raise DeploymentError(
                "deployment plan %s has %d conflict(s) and was not started%s: %s. Resolve them, or set allow_conflicts: true." % (
                    self.key, len(conflicts), " (the plan this task created was deleted)" if deleted else "", "; ".join(messages)),
                result)
        if conflicts:
            self.warnings.append("deployment plan %s has %d conflict(s); started anyway because allow_conflicts is true" % (
                self.key, len(conflicts)))

    def start(self):
        query = {"RedeployOutdated": bool(self.options.redeploy_outdated)}
        if self.options.continue_with_errors:
            query["ContinueWithErrors"] = True
        try:
            self.start_when_target_is_free(query)
        except DeploymentError as exc:
            if not self.created and self.read_status() and self.status != SAVED:
                # Another run (or a person) started the saved plan this task picked up: wait for it instead.
                self.warnings.append("deployment plan %s was started by someone else meanwhile; waiting for it" % self.key)
                return
            deleted = self.delete_if_created()
            exc.result = self.result()
            exc.result["plan_deleted"] = deleted
            if deleted:
                exc.message += " (the plan this task created was deleted)"
                exc.args = (exc.message,)
            raise
        self.started = True
        # LifeTime accepted the start: the plan runs (the next poll reads its real status).
        self.assume(RUNNING)

    def start_when_target_is_free(self, query):
        """Start the plan. LifeTime before 11.24 refuses a start while another plan to the same target runs: then
        wait (within wait_timeout) until no other plan runs there, and start again. A start LifeTime accepts costs
        no extra request; the other plans are looked at only after a refusal."""
        timeout = self.options.wait_timeout
        deadline = waiting.now() + timeout
        waited_for = []
        while True:
            try:
                self.command("start", **query)
                return
            except DeploymentError as exc:
                blocking = self.running_to_target()
                if not blocking:
                    raise
                refusal = exc
            for key in blocking:
                if key not in waited_for:
                    waited_for.append(key)
            self.warnings.append("LifeTime refused to start deployment plan %s while other plans to the same target run (%s): "
                                 "waiting for them, as LifeTime before 11.24 runs one plan per target at a time" % (
                                     self.key, ", ".join(blocking)))
            try:
                wait_for(lambda: not self.still_running(blocking), max(0.0, deadline - waiting.now()), first=FIRST_POLL,
                         longest=LONGEST_POLL, share=POLL_SHARE, pause_first=True, what="the other deployment plans to the target")
            except WaitTimeout:
                raise DeploymentError(
                    "%s. Other deployment plans to the same target were running, and LifeTime before 11.24 runs one plan per target "
                    "at a time; they did not finish within wait_timeout (%s seconds). Plans waited for: %s. Finish or abort them, "
                    "or run again later." % (refusal, timeout, ", ".join(waited_for)), self.result())

    def running_to_target(self):
        """Keys of the other plans running (or waiting for intervention, or aborting) to this plan's target."""
        target = (field(self.plan, "TargetEnvironmentKey") or "").lower()
        if not target or not self.key:
            return []
        blocking = []
        for plan in self.client.get_list(endpoints.DEPLOYMENTS, params={"TargetEnvironmentKey": target}):
            key = record_key(plan) or ""
            started = field(plan, "StartedOn")
            if key.lower() == self.key.lower() or (field(plan, "TargetEnvironmentKey") or "").lower() != target:
                continue
            if started is not None and is_not_set(started):
                continue
            if status_of(self.client.get(endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=key))) in IN_PROGRESS:
                blocking.append(key)
        return blocking

    def still_running(self, keys):
        """Drop from ``keys`` the plans that no longer run; True while some still do."""
        keys[:] = [key for key in keys if status_of(self.client.get(endpoints.path(endpoints.DEPLOYMENT_STATUS, deployment_key=key))) in IN_PROGRESS]
        return bool(keys)

    def run(self):
        """After a start (or for a plan already under way): wait (when options.wait) and act on what LifeTime says."""
        if self.check_mode:
            return self.predict()
        if not self.options.wait:
            self.read_status()
            return
        timeout = self.options.wait_timeout
        try:
            # The status was just read (or the plan just started): a running plan is checked again after a
            # pause, one waiting for intervention at once.
            wait_for(self._poll, timeout, first=FIRST_POLL, longest=LONGEST_POLL, share=POLL_SHARE,
                     what="deployment plan %s" % self.key, pause_first=self.status == RUNNING)
        except WaitTimeout:
            self.timed_out(timeout)

    def predict(self):
        """Check mode: the commands a real run would send to a plan that already exists."""
        if self.status == INTERVENTION and self.info == TWO_STEP_INFO and self.options.two_step == "continue":
            self.commands.append("continue")
        elif self.status == INTERVENTION and self.info == DB_MAPPING_INFO and self.options.db_mappings:
            # LifeTime resumes the plan by itself once the mappings are configured: no continue.
            self.commands.append("configuration")

    def _poll(self):
        record = self.read_status()
        status, info = status_of(record), info_of(record)
        if status in SUCCESSFUL:
            if status == "finished_with_warnings":
                for warning in log_warnings(log_of(record)):
                    self.warnings.append("deployment plan %s: %s" % (self.key, warning))
            return True
        if status in UNSUCCESSFUL:
            raise DeploymentError("deployment plan %s ended with status %s. Deployment log: %s" % (
                self.key, status, log_text(log_of(record))), self.result())
        if status == INTERVENTION:
            return self.intervene(info)
        return False

    def intervene(self, info):
        if info == TWO_STEP_INFO:
            if self.options.two_step == "stop":
                return True
            self.command("continue")
            return False
        if info == DB_MAPPING_INFO:
            if self.configure_databases():
                # "Mapping succeeded and deployment triggered": the plan resumes by itself (a continue would be refused).
                self.assume(RUNNING)
            else:
                # Nothing left to map: LifeTime waits for a confirmation.
                self.command("continue")
            return False
        raise DeploymentError(
            "deployment plan %s needs user intervention (%s) and was left as it is: check its log, then continue it "
            "(state: started, key: %s, continue_intervention: true) or abort it (state: aborted, key: %s). Deployment log: %s" % (
                self.key, info or "no reason given", self.key, self.key, log_text(log_of(self.status_record))), self.result())

    def resume(self):
        """Continue a plan that waits for a person for another reason than the two handled above, as asked."""
        self.warnings.append("deployment plan %s waited for user intervention (%s); continued because continue_intervention is "
                             "true" % (self.key, self.info or "no reason given"))
        self.command("continue")
        self.assume(RUNNING)

    def configure_databases(self):
        """POST the missing database mappings; True when some were sent (then LifeTime resumes the plan itself)."""
        missing = self.client.get_list(endpoints.path(endpoints.DEPLOYMENT_MISSING_DB_MAPPINGS, deployment_key=self.key))
        if not missing:
            return False
        body, uncovered = database_mapping_body(missing, self.options.db_mappings or [])
        if uncovered:
            result = self.result()
            result["missing_db_mappings"] = to_snake(missing)
            raise DeploymentError(
                "deployment plan %s waits for database mappings of extension logical databases, and db_mappings does not map: %s. "
                "The plan was left waiting; run again with db_mappings (or key: %s) to go on." % (
                    self.key, ", ".join(uncovered), self.key), result)
        self.client.post(endpoints.path(endpoints.DEPLOYMENT_CONFIGURATION, deployment_key=self.key), body=body)
        self.commands.append("configuration")
        return True

    def timed_out(self, timeout):
        status = self.status or "unknown"
        if self.options.on_timeout == "abort" and self.started and status in (RUNNING, INTERVENTION):
            self.abort_quietly()
            raise DeploymentError("deployment plan %s did not finish within wait_timeout (%s seconds; status was %s) and was "
                                  "aborted (status now %s)." % (self.key, timeout, status, self.status), self.result())
        raise DeploymentError("deployment plan %s did not finish within wait_timeout (%s seconds): its status is %s%s. The plan "
                              "was left as it is; run again with key: %s to go on waiting, or abort it." % (
                                  self.key, timeout, status, (" (%s)" % self.info) if self.info else "", self.key), self.result())

    def abort_quietly(self):
        """Abort after a timeout: a refusal only means the plan ended meanwhile (its status is read again)."""
        try:
            self.abort(ABORT_WAIT)
        except DeploymentError:
            self.read_status()
        except WaitTimeout:
            pass

    # -- the result ---------------------------------------------------------------------

    def result(self):
        """The task's result: the plan, its status, log, times and warnings, and the task's own ``fields``."""
        redeploy = []
        for app_key in field(self.details, "ApplicationsToRedeploy", "applicationsToRedeploy") or []:
            redeploy.append(dict(application_key=app_key, application_name=self.app_names.get(str(app_key).lower())))
        result = dict(
            key=self.key,
            status=self.status or None,
            info=self.info or None,
            deployment_log=log_of(self.status_record),
            conflicts=to_snake(self.conflicts()),
            applications_to_redeploy=redeploy,
            created=self.created,
            started=self.started,
            durations=durations(self.plan, self.status_record),
            plan=without_unset_dates(to_snake(self.plan)),
            warnings=list(self.warnings),
        )
        result.update(self.fields)
        return result
